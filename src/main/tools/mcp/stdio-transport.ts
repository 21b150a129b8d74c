// Starting a stdio server: the SDK's transport with the resolved PATH and the server's env, its
// stderr's last lines kept, spawn errors worded (which command, which PATH), its process waited for.
import { stat } from 'node:fs/promises';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { StdioTransportConfig } from './server-config';
import { StderrTail } from './stderr-tail';
import type { Spoken } from '../../../shared/words/define-words';
import { toolWords } from '../../../shared/words/tool-words';

export interface StdioStart {
  transport: StdioClientTransport;
  stderr: StderrTail;
  /** The process id once spawned, kept after the SDK forgets it (on close). */
  pid: () => number | null;
}

export function createStdioTransport(config: StdioTransportConfig, path: string): StdioStart {
  const stderr = new StderrTail();
  const transport = new StdioClientTransport({
    command: config.command,
    args: config.args,
    // The SDK adds HOME, USER, SHELL… to these; the server's own env (even its own PATH) wins.
    env: { ...(path ? { PATH: path } : {}), ...config.env },
    ...(config.cwd ? { cwd: config.cwd } : {}),
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer | string) => stderr.push(chunk.toString()));
  let pid: number | null = null;
  const start = transport.start.bind(transport);
  transport.start = async () => {
    try {
      await start();
    } finally {
      pid = transport.pid;
    }
  };
  return { transport, stderr, pid: () => pid };
}

const hasSeparator = (command: string) => /[\\/]/.test(command);

/** A folder the server should start in that is not there spawns as ENOENT too: checked first. */
export async function missingCwd(config: StdioTransportConfig): Promise<Spoken | null> {
  if (!config.cwd) return null;
  try {
    return (await stat(config.cwd)).isDirectory() ? null : toolWords.say('notAFolder', { folder: config.cwd });
  } catch {
    return toolWords.say('noFolder', { folder: config.cwd });
  }
}

/** A spawn error in words, or null when the error is not about starting the command. */
export function describeSpawnError(err: unknown, config: StdioTransportConfig, path: string): Spoken | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') {
    const command = config.command;
    if (hasSeparator(command)) return toolWords.say('noCommandAt', { command });
    // A PATH the user set in the server's env is theirs (a secret like any env value): not repeated.
    if ('PATH' in config.env) return toolWords.say('noCommandInEnvPath', { command });
    return toolWords.say('noCommandInPath', { command, path: path || '(empty)' });
  }
  if (code === 'EACCES') return toolWords.say('noPermission', { command: config.command });
  return null;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
};

/**
 * Waits for a server's process to be gone, and kills it if it outlives `graceMs`. The SDK does not
 * wait for the process when a connect fails, nor after its last SIGKILL.
 */
export async function ensureExited(pid: number | null, graceMs: number): Promise<void> {
  if (!pid) return;
  const end = Date.now() + graceMs;
  while (alive(pid) && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
  if (alive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
}
