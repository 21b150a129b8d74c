// Why connecting to a server or calling one of its tools failed, in words the user can act on.
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { toolWords } from '../../../shared/words/tool-words';
import type { Said, Spoken } from '../../../shared/words/define-words';

export type McpCallErrorKind = 'timeout' | 'cancelled' | 'disconnected' | 'protocol';

/** A call that gave no result: timed out, cancelled, the server gone, or refused by the protocol (unknown tool, bad arguments). */
export class McpCallError extends Error {
  constructor(
    readonly kind: McpCallErrorKind,
    message: string,
    /** The stdio server's last stderr lines (empty for HTTP). */
    readonly stderrTail: string[],
  ) {
    super(message);
    this.name = 'McpCallError';
  }
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** A network failure under fetch, or an HTTP session the server no longer knows (404). */
export function isConnectionLost(err: unknown): boolean {
  if (err instanceof StreamableHTTPError) return err.code === 404;
  if (err instanceof McpError) return err.code === ErrorCode.ConnectionClosed;
  return err instanceof TypeError && /fetch failed/i.test(err.message);
}

export function classifyCallError(
  err: unknown,
  aborted: boolean,
  timeoutMs: number,
  stderrTail: string[],
): McpCallError {
  if (aborted) return new McpCallError('cancelled', 'The call was cancelled.', stderrTail);
  if (err instanceof McpError && err.code === ErrorCode.RequestTimeout) {
    return new McpCallError('timeout', `No answer within ${seconds(timeoutMs)}; the call was cancelled.`, stderrTail);
  }
  if (isConnectionLost(err)) {
    return new McpCallError('disconnected', `The server went away during the call (${message(err)}).`, stderrTail);
  }
  return new McpCallError('protocol', message(err), stderrTail);
}

/** Why `initialize` (or the start before it) failed: Runnel's sentence, or the error's own words. */
export function describeConnectError(err: unknown, timeoutMs: number, stdio: boolean): Spoken | string {
  if (err instanceof McpConnectError && err.said) return { text: err.message, said: err.said };
  if (err instanceof McpError && err.code === ErrorCode.RequestTimeout) {
    return toolWords.say('startTimeout', { seconds: seconds(timeoutMs) });
  }
  if (err instanceof McpError && err.code === ErrorCode.ConnectionClosed) {
    return toolWords.say(stdio ? 'exitedStarting' : 'closedStarting');
  }
  const cause = (err as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (err instanceof TypeError && cause && typeof cause.message === 'string')
    return toolWords.say('couldNotConnect', { why: cause.message });
  return message(err);
}

/** Thrown by McpConnection.open: why it failed (with its key when the words are Runnel's), with the server's last stderr lines. */
export class McpConnectError extends Error {
  readonly said: Said | undefined;
  constructor(
    why: Spoken | string,
    readonly stderrTail: string[],
  ) {
    super(typeof why === 'string' ? why : why.text);
    this.name = 'McpConnectError';
    this.said = typeof why === 'string' ? undefined : why.said;
  }
}
