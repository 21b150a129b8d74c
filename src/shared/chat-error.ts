// The one error shape every layer speaks: a code the UI can act on, whether a retry could help,
// and the server's own words (shown to the user inside the message).
import { isSaid, type Said, type Spoken } from './words/define-words';
export const errorCodes = [
  'connect',
  'tls',
  'auth',
  'not_found',
  'rate_limited',
  'server',
  'protocol',
  'timeout',
  'cancelled',
  'invalid_input',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ChatError {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  /** HTTP status when the server answered with one. */
  status?: number;
  /** How long the server asked us to wait (Retry-After), when it did. */
  retryAfterMs?: number;
  /**
   * The request offered tools and the server refused them: `'server'` when the server was started
   * without tool calling (any model), `'model'` when this model cannot take tools. The request
   * may be sent again without tools; `message` says how to fix it.
   */
  toolsRefused?: 'server' | 'model';
  /**
   * The stream ended normally, but this many frames could not be read and were skipped (code
   * `protocol`): the answer is whole apart from them, so the UI shows a warning, not a failure.
   */
  skippedFrames?: number;
  /**
   * The request did not fit the model's context window: the server refused it (`window` is what
   * its message named, when it named one), or the conversation is set to stop and ask (`asked`).
   * "Trim and retry" sends it again without more of the oldest turns. `toolResults`: a tool turn's
   * results alone are too large for the window, so leaving out older turns cannot help.
   */
  contextOverflow?: { window: number | null; asked?: boolean; toolResults?: boolean };
  /**
   * When `message` is Runnel's own sentence (not the server's words), its key and values, so the
   * renderer writes it in the UI's language (`words/all-words.ts`); `message` stays English.
   */
  said?: Said;
}

/** `message` is the server's words as a string, or Runnel's own sentence from a word book (`say`). */
export function chatError(code: ErrorCode, message: string | Spoken, extra: Partial<ChatError> = {}): ChatError {
  const retryable = code === 'connect' || code === 'rate_limited' || code === 'timeout' || code === 'server';
  if (typeof message === 'string') return { code, message, retryable, ...extra };
  return { code, message: message.text, retryable, said: message.said, ...extra };
}

/** The error's words as a value of another sentence: Runnel's own sentence keeps its key, a server's words stay text. */
export function spokenOf(error: ChatError): string | Spoken {
  return error.said ? { text: error.message, said: error.said } : error.message;
}

/** Maps an HTTP status to the error code the user sees. */
export function codeForStatus(status: number): ErrorCode {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500) return 'server';
  return 'invalid_input';
}

/** An Error that carries a ChatError across async boundaries. */
export class ChatFailure extends Error {
  readonly detail: ChatError;
  constructor(detail: ChatError) {
    super(detail.message);
    this.name = 'ChatFailure';
    this.detail = detail;
  }
}

export function isChatError(v: unknown): v is ChatError {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.code === 'string' &&
    (errorCodes as readonly string[]).includes(o.code) &&
    typeof o.message === 'string' &&
    typeof o.retryable === 'boolean' &&
    (o.said === undefined || isSaid(o.said))
  );
}

/** Turns anything thrown into a ChatError, keeping a ChatFailure's detail. */
export function toChatError(err: unknown): ChatError {
  if (err instanceof ChatFailure) return err.detail;
  if (isChatError(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return chatError('internal', message);
}
