// `npm run fake-backends`: runs a fake server for every backend kind by hand so anyone can try
// Runnel with no model server, and prints (or writes) a Runnel config pointing at them. Every
// fault of docs/failures.md is there: picked by model name, or for the kinds that take no model
// (KoboldCpp, RunPod) and the faults a gateway meets before it knows the model, by the base URL.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { BackendKind } from '../../src/shared/domain';
import { EVENT_STREAM_MODELS, startAnthropicServer } from './anthropic-server';
import type { FakeServer, FakeServerOptions } from './fake-http-server';
import { FAKE_MODELS, type FakeModel } from './fake-models';
import { OLLAMA_FAKE_MODELS, startOllamaServer } from './ollama-server';
import { startOpenAiChatServer } from './openai-chat-server';
import { KOBOLD_BEHAVIOURS, startKoboldServer } from './koboldcpp-server';
import { REALTIME_FAKE_MODELS, startRealtimeServer } from './realtime-server';
import { startResponsesServer } from './responses-server';
import { FAKE_RUNPOD_ENDPOINT, startRunPodServer } from './runpod-server';
import { STATUS_FAULTS, statusFaultModels } from './status-faults';
import { TEXT_TOOL_MODELS, startTextToolServer } from './text-tool-call-server';
import { TRITON_BEHAVIOURS, startTritonServer } from './triton-grpc-server';
import { GATEWAY_FAKE_MODELS, gatewayOptions, startWebSocketJsonServer } from './websocket-json-server';

const usage = `Usage: npm run fake-backends -- [--port 18400] [--host 127.0.0.1] [--api-key KEY]
                              [--token-delay-ms 15] [--write-config FILE]
Starts openai-chat on --port, then openai-responses, anthropic, ollama, openai-realtime,
websocket-json, koboldcpp, runpod, triton-grpc and an openai-chat server without tool parser
on the ports after it.`;

interface Fake {
  name: string;
  kind: BackendKind;
  title: string;
  /** Ollama has no API keys. */
  takesKey: boolean;
  models: readonly FakeModel[];
  /** Kind-specific settings the backend needs (a gateway's frame mapping). */
  options?: Record<string, string>;
  /** For faults picked by URL: the base URL that serves `fault`, and which faults (all of `models` when left out). */
  faultUrl?: { url: (baseUrl: string, fault: string) => string; faults?: readonly string[] };
  start(opts: FakeServerOptions): Promise<Pick<FakeServer, 'baseUrl' | 'close'>>;
}

/** What the faults every kind serves do, in words that fit every wire. */
const common: FakeModel[] = [
  { id: 'fake-chat', description: '~40-token markdown echo of your last message' },
  { id: 'fake-endless', description: 'never finishes: one token every 50 ms until you stop it' },
  { id: 'fake-stall-first-byte', description: 'takes the request and never answers, not even headers' },
  { id: 'fake-stall', description: 'answers the request (headers, upgrade), then nothing until you stop it' },
  { id: 'fake-silence-midstream', description: '5 tokens, then nothing more until you stop it' },
  { id: 'fake-error-midstream', description: "5 tokens, then the API's in-band error" },
  { id: 'fake-disconnect', description: '5 tokens, then the connection drops in the middle of a frame' },
  { id: 'fake-malformed', description: '3 tokens, a frame that cannot be read, 2 more tokens' },
  { id: 'fake-utf8', description: 'Chinese, emoji and accents, cut inside UTF-8 characters on the wire' },
  {
    id: 'fake-tool-call',
    description: 'Hermes <tool_call> blocks in the text; plain text once a tool result comes back',
  },
  {
    id: 'fake-tools',
    description: 'calls the first one or two tools offered, in the wire format of its kind; after results, quotes them',
  },
  ...statusFaultModels,
];
const byName = (ids: readonly string[]): FakeModel[] =>
  ids.map((id) => common.find((m) => m.id === id) ?? { id, description: 'see the fake server' });
/** KoboldCpp and RunPod take no model per request: the base URL picks the behaviour. */
const byUrl = byName(KOBOLD_BEHAVIOURS);
/** What a gateway meets before the model arrives (in the first message): only its URL can pick these. */
const upgradeFaults = ['fake-stall-first-byte', ...Object.keys(STATUS_FAULTS)];

/** In port order: the first on --port, each next one on the port after. */
const fakes: Fake[] = [
  {
    name: 'Fake OpenAI server',
    kind: 'openai-chat',
    title: 'OpenAI-compatible chat completions (vLLM, llama.cpp)',
    takesKey: true,
    models: FAKE_MODELS,
    start: startOpenAiChatServer,
  },
  {
    name: 'Fake Responses server',
    kind: 'openai-responses',
    title: 'OpenAI Responses API',
    takesKey: true,
    models: EVENT_STREAM_MODELS,
    start: startResponsesServer,
  },
  {
    name: 'Fake Anthropic server',
    kind: 'anthropic',
    title: 'Anthropic Messages API',
    takesKey: true,
    models: EVENT_STREAM_MODELS,
    start: startAnthropicServer,
  },
  {
    name: 'Fake Ollama server',
    kind: 'ollama',
    title: 'Ollama native API',
    takesKey: false,
    models: OLLAMA_FAKE_MODELS,
    start: startOllamaServer, // ignores apiKey, as Ollama does
  },
  {
    name: 'Fake Realtime server',
    kind: 'openai-realtime',
    title: 'OpenAI Realtime over WebSocket (LocalAI)',
    takesKey: true,
    models: byName(REALTIME_FAKE_MODELS),
    start: startRealtimeServer,
  },
  {
    name: 'Fake WebSocket gateway',
    kind: 'websocket-json',
    title: 'a custom WebSocket JSON gateway',
    takesKey: true,
    models: byName(GATEWAY_FAKE_MODELS),
    options: { ...gatewayOptions },
    faultUrl: { url: (base, fault) => `${base}/${fault}`, faults: upgradeFaults },
    start: startWebSocketJsonServer,
  },
  {
    name: 'Fake KoboldCpp server',
    kind: 'koboldcpp',
    title: 'KoboldCpp (SSE route and polling)',
    takesKey: false,
    models: byUrl,
    faultUrl: { url: (base, fault) => `${base}/${fault}` },
    start: ({ apiKey: _ignored, ...opts }) => startKoboldServer({ ...opts, behaviour: 'fake-chat' }),
  },
  {
    name: 'Fake RunPod endpoint',
    kind: 'runpod',
    title: 'RunPod serverless (worker-vllm) by long polling',
    takesKey: true,
    models: byUrl,
    faultUrl: { url: (base, fault) => base.replace(`/${FAKE_RUNPOD_ENDPOINT}`, `/${fault}`) },
    start: (opts) => startRunPodServer({ ...opts, behaviour: 'fake-chat' }),
  },
  {
    name: 'Fake Triton (gRPC)',
    kind: 'triton-grpc',
    title: 'Triton Inference Server over gRPC (vLLM backend shape; TensorRT-LLM shape for such requests)',
    takesKey: true,
    models: byName(TRITON_BEHAVIOURS),
    start: startTritonServer,
  },
  {
    name: 'Fake server without tool parser',
    kind: 'openai-chat',
    title: 'OpenAI chat from servers that write tool calls into the text, or refuse tools',
    takesKey: true,
    models: TEXT_TOOL_MODELS,
    start: async (opts) => {
      const server = await startTextToolServer(opts);
      return { baseUrl: `${server.baseUrl}/v1`, close: () => server.close() };
    },
  },
];

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
  if (!Number.isInteger(port) || port < 0 || port > 65535 - (fakes.length - 1)) {
    throw new Error(`--port must be 0-${65535 - (fakes.length - 1)}\n${usage}`);
  }
  if (tokenDelayMs !== undefined && !(tokenDelayMs >= 0)) throw new Error(`--token-delay-ms must be >= 0\n${usage}`);
  const apiKey = values['api-key'];

  const servers: Pick<FakeServer, 'baseUrl' | 'close'>[] = [];
  const closeAll = () => Promise.all(servers.map((s) => s.close()));
  try {
    for (const [i, fake] of fakes.entries()) {
      // --port 0: every server on a port of its own choosing.
      servers.push(await fake.start({ host: values.host, port: port === 0 ? 0 : port + i, tokenDelayMs, apiKey }));
    }
  } catch (err) {
    await closeAll();
    throw err;
  }

  const config = {
    backends: fakes.map((fake, i) => ({
      name: fake.name,
      kind: fake.kind,
      baseUrl: servers[i]!.baseUrl,
      defaultModel: 'fake-chat',
      ...(fake.options ? { options: fake.options } : {}),
      ...(apiKey !== undefined && fake.takesKey ? { apiKey } : {}),
    })),
  };
  const configJson = JSON.stringify(config, null, 2);

  for (const [i, fake] of fakes.entries()) {
    const key = apiKey === undefined ? '' : fake.takesKey ? ' (API key required)' : ' (no API key: Ollama has none)';
    console.log(`${fake.name}: ${fake.title}, ${fake.kind} at ${servers[i]!.baseUrl}${key}`);
    const width = Math.max(...fake.models.map((m) => m.id.length));
    const byPath = fake.faultUrl;
    const picked = (id: string) => !byPath || (byPath.faults !== undefined && !byPath.faults.includes(id));
    for (const m of fake.models.filter((m) => picked(m.id))) console.log(`  ${m.id.padEnd(width)}  ${m.description}`);
    if (byPath) {
      console.log(fake.models.some((m) => picked(m.id)) ? '  and by base URL:' : '  by base URL:');
      for (const m of fake.models.filter((m) => !picked(m.id))) {
        console.log(`  ${byPath.url(servers[i]!.baseUrl, m.id)}  ${m.description}`);
      }
    }
    console.log('');
  }
  console.log('Pick a model to pick a behaviour (or a base URL where the list says so).');
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
    console.log(`\n${signal}: stopping the fake servers`);
    closeAll().then(
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
