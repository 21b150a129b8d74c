// `npm run fake-backends`: runs the fake OpenAI-compatible server by hand so anyone can try Runnel
// with no model server, and prints (or writes) a Runnel config pointing at it.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { FAKE_MODELS } from './fake-models';
import { startOpenAiChatServer } from './openai-chat-server';

const usage = `Usage: npm run fake-backends -- [--port 18400] [--host 127.0.0.1] [--api-key KEY]
                              [--token-delay-ms 15] [--write-config FILE]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '18400' },
      host: { type: 'string', default: '127.0.0.1' },
      'api-key': { type: 'string' },
      'token-delay-ms': { type: 'string' },
      'write-config': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  const tokenDelayMs = values['token-delay-ms'] === undefined ? undefined : Number(values['token-delay-ms']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535\n${usage}`);
  if (tokenDelayMs !== undefined && !(tokenDelayMs >= 0)) throw new Error(`--token-delay-ms must be >= 0\n${usage}`);

  const apiKey = values['api-key'];
  const server = await startOpenAiChatServer({ host: values.host, port, tokenDelayMs, apiKey });
  const config = {
    backends: [
      {
        name: 'Fake OpenAI server',
        kind: 'openai-chat',
        baseUrl: server.baseUrl,
        defaultModel: 'fake-chat',
        ...(apiKey === undefined ? {} : { apiKey }),
      },
    ],
  };
  const configJson = JSON.stringify(config, null, 2);

  const width = Math.max(...FAKE_MODELS.map((m) => m.id.length));
  console.log(`Fake OpenAI-compatible server listening at ${server.baseUrl}${apiKey ? ' (API key required)' : ''}\n`);
  console.log('Models (pick one to pick a behaviour):');
  for (const m of FAKE_MODELS) console.log(`  ${m.id.padEnd(width)}  ${m.description}`);
  console.log(`\nRunnel config:\n${configJson}`);
  if (values['write-config']) {
    await writeFile(values['write-config'], `${configJson}\n`);
    console.log(`\nWrote ${values['write-config']}`);
  }
  console.log('\nPress Ctrl+C to stop.');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the fake server`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
