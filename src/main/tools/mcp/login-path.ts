// The PATH stdio servers start with: the login shell's (macOS, Linux; a desktop app's own is thin)
// merged with the current one; the current one on Windows or when the shell fails.
import { spawn } from 'node:child_process';

const startMark = '__RUNNEL_PATH_START__';
const endMark = '__RUNNEL_PATH_END__';
/** `printenv` prints PATH joined by colons in every shell, fish included (whose $PATH is a list). */
export const loginPathCommand = `echo ${startMark}; printenv PATH; echo ${endMark}`;

/** The PATH between the marks in a shell's output (profiles may print around it), or null. */
export function parseLoginShellOutput(output: string): string | null {
  const start = output.lastIndexOf(startMark);
  if (start < 0) return null;
  const end = output.indexOf(endMark, start);
  if (end < 0) return null;
  const path = output.slice(start + startMark.length, end).trim();
  return path && !path.includes('\n') ? path : null;
}

/** The login shell's entries first, then the current ones it lacks; empty and repeated entries dropped. */
export function mergePathLists(loginPath: string | null, currentPath: string | undefined, delimiter: string): string {
  const seen = new Set<string>();
  const merged: string[] = [];
  for (const list of [loginPath ?? '', currentPath ?? '']) {
    for (const raw of list.split(delimiter)) {
      const entry = raw.trim();
      if (entry && !seen.has(entry)) {
        seen.add(entry);
        merged.push(entry);
      }
    }
  }
  return merged.join(delimiter);
}

export interface LoginPathOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Runs the shell and gives its output, or null on any failure (tests replace it). */
  runShell?: (shell: string, timeoutMs: number, env: NodeJS.ProcessEnv) => Promise<string | null>;
}

/** Runs `$SHELL -ilc …` in its own session (no terminal to stop on), killed after the time limit. */
function runLoginShell(shell: string, timeoutMs: number, env: NodeJS.ProcessEnv): Promise<string | null> {
  return new Promise((resolve) => {
    let out = '';
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(shell, ['-ilc', loginPathCommand], {
        stdio: ['ignore', 'pipe', 'ignore'],
        detached: true,
        env,
      });
    } catch {
      resolve(null);
      return;
    }
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      resolve(null);
    }, timeoutMs);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      if (out.length < 1_000_000) out += chunk;
    });
    child.on('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0 || out.includes(endMark) ? out : null);
    });
  });
}

/** Resolves the PATH for stdio servers; never rejects. */
export async function resolveServerPath(options: LoginPathOptions = {}): Promise<string> {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const current = env.PATH ?? env.Path;
  if (platform === 'win32') return current ?? '';
  const shell = env.SHELL || (platform === 'darwin' ? '/bin/zsh' : '/bin/sh');
  const output = await (options.runShell ?? runLoginShell)(shell, options.timeoutMs ?? 5_000, env);
  return mergePathLists(output === null ? null : parseLoginShellOutput(output), current, ':');
}

let cached: Promise<string> | undefined;
/** The PATH for stdio servers, resolved once per process. */
export function serverPath(): Promise<string> {
  cached ??= resolveServerPath();
  return cached;
}
