// `npm run serve`: the local web host from the command line. Prints one line with the URL to open.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readRunnelConfig } from '../backends/runnel-config';
import { createCore } from '../core/create-core';
import { defaultDataDir } from '../core/default-data-dir';
import { FileSecretStore } from '../secrets/secret-store';
import { isLoopback, stdioToolsAllowed } from './stdio-tools-policy';
import { startWebHost } from './web-host';

const root = fileURLToPath(new URL('../../../', import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5199' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      config: { type: 'string' },
      static: { type: 'string', default: join(root, 'out', 'renderer') },
      'allow-stdio-tools': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(
      'Usage: npm run serve -- [--port 5199] [--host 127.0.0.1] [--data-dir DIR] [--config FILE] [--allow-stdio-tools]',
    );
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, not ${values.port}`);
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const core = createCore({
    dataDir,
    host: 'web',
    version,
    secrets: new FileSecretStore(join(dataDir, 'secrets.plaintext.json')),
    allowStdioTools: stdioToolsAllowed(values.host, values['allow-stdio-tools']),
  });
  if (values.config) await core.provision(await readRunnelConfig(resolve(values.config)));
  const host = await startWebHost({ core, staticDir: values.static, host: values.host, port });
  if (!isLoopback(values.host)) {
    console.error(
      `[runnel] warning: listening on ${values.host}, reachable beyond this machine; keep the token secret`,
    );
    if (!values['allow-stdio-tools']) {
      console.error('[runnel] tool servers that are commands will not start (--allow-stdio-tools allows them)');
    }
  }
  console.log(`Runnel is serving at ${host.openUrl}`);

  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void host
      .close()
      .then(() => core.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`[runnel] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
