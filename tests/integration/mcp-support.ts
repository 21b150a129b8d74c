// Real MCP servers for the MCP client's integration tests: server-everything (stdio, Streamable
// HTTP, HTTP+SSE), server-filesystem, and Runnel's misbehaving test server; all on loopback.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { McpServerConfig } from '../../src/main/tools/mcp';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const everythingScript = `${root}node_modules/@modelcontextprotocol/server-everything/dist/index.js`;
export const filesystemScript = `${root}node_modules/@modelcontextprotocol/server-filesystem/dist/index.js`;
export const testServerScript = `${root}tests/servers/mcp-test-server.ts`;

/** How long a test waits for servers to start: about 1 s each when idle, far more on a loaded machine. */
export const startLimitMs = 20_000;

export function stdioConfig(
  name: string,
  args: string[],
  extra: Partial<McpServerConfig> & { env?: Record<string, string> } = {},
): McpServerConfig {
  const { env = {}, ...rest } = extra;
  return {
    id: name,
    name,
    enabled: true,
    transport: { type: 'stdio', command: process.execPath, args, env },
    ...rest,
  };
}

export const everythingStdio = (name = 'everything') => stdioConfig(name, [everythingScript, 'stdio']);
/** Runnel's test server, run through tsx (`mode` `exit-at-start` fails before the handshake). */
export const testServer = (name = 'test', mode?: string, extra: Partial<McpServerConfig> = {}) =>
  stdioConfig(name, ['--import', 'tsx', testServerScript, ...(mode ? [mode] : [])], extra);

export const httpConfig = (name: string, url: string): McpServerConfig => ({
  id: name,
  name,
  enabled: true,
  transport: { type: 'http', url, headers: { 'X-Test': 'secret-value' } },
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface HttpServer {
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

const children = new Set<ChildProcess>();
/** Kills every server startEverythingHttp started, even one a timed-out hook never got. */
export async function stopEverythingHttp(): Promise<void> {
  await Promise.all([...children].map(stopChild));
}
const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    children.delete(child);
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

/** server-everything in `streamableHttp` (at /mcp) or `sse` (at /sse) mode on a free loopback port. */
export async function startEverythingHttp(mode: 'streamableHttp' | 'sse'): Promise<HttpServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [everythingScript, mode], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server-everything ${mode} did not start: ${out}`)), startLimitMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (new RegExp(`(port|listening on port) ${port}`, 'i').test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server-everything ${mode} exited (${code}): ${out}`)));
  });
  const stop = () => stopChild(child);
  return { url: `http://127.0.0.1:${port}/${mode === 'sse' ? 'sse' : 'mcp'}`, child, stop };
}

/** Whether a process is still running. */
export function isAlive(pid: number | null): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves when `check` holds, polling; rejects after `ms`. */
export async function waitFor<T>(check: () => T | undefined | false, ms = startLimitMs): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until the first tool server the core lists is connected; fails with its status after startLimitMs. */
export async function untilFirstServerConnected(call: (channel: 'tools:servers') => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + startLimitMs;
  for (;;) {
    const [view] = (await call('tools:servers')) as { status: { state: string } }[];
    if (view?.status.state === 'connected') return;
    if (Date.now() > deadline) throw new Error(`server not connected: ${JSON.stringify(view?.status)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
