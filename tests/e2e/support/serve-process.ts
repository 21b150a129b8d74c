// Runs `npm run serve`'s entry as a real child process on a data folder, so tests can reload,
// kill and restart it exactly as a user would.
import type { BackendKind } from '../../../src/shared/domain';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface BackendConfig {
  name: string;
  kind: BackendKind;
  baseUrl: string;
  apiKey?: string;
  defaultModel?: string;
  options?: Record<string, string>;
}

export interface ServeProcess {
  openUrl: string;
  origin: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServe(dataDir: string, backends: BackendConfig[] = []): Promise<ServeProcess> {
  const config = join(dataDir, 'serve-config.json');
  writeFileSync(config, JSON.stringify({ backends }));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'src/main/web-host/cli.ts'),
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--config',
      config,
      // Several builds can live side by side (parallel work): RUNNEL_E2E_OUT picks one.
      ...(process.env.RUNNEL_E2E_OUT ? ['--static', join(process.env.RUNNEL_E2E_OUT, 'renderer')] : []),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const openUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start in 20 s\n${out}\n${stderr}`)), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /Runnel is serving at (\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}\n${out}\n${stderr}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    openUrl,
    origin: new URL(openUrl).origin,
    child,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
