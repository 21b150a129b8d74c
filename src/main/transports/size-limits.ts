// The two size limits every framing enforces, with messages that name the limit: one frame
// (maxEventBytes) and one whole answer (maxResponseBytes). Hitting either stops the stream with a
// `protocol` error; the frames already handed on (and their text) are kept by the caller.
import { ChatFailure, chatError } from '../../shared/chat-error';
import { transportWords } from '../../shared/words/transport-words';
import type { TransportLimits } from './types';

export function formatBytes(n: number): string {
  const mib = 1024 * 1024;
  if (n >= mib && n % (mib / 4) === 0) return `${n / mib} MiB`;
  if (n >= 1024 && n % 256 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/** What kind of frame was too large, in words: "an SSE event", "a gRPC message"… */
export type FrameKind = 'an SSE event' | 'an NDJSON line' | 'a WebSocket message' | 'a gRPC message' | 'a poll answer';

export const frameTooLarge = (host: string, what: FrameKind, limits: TransportLimits): ChatFailure =>
  new ChatFailure(
    chatError(
      'protocol',
      transportWords.say('frameTooLarge', { host, what, limit: formatBytes(limits.maxEventBytes) }),
    ),
  );

export const responseTooLarge = (host: string, limits: TransportLimits): ChatFailure =>
  new ChatFailure(
    chatError(
      'protocol',
      transportWords.say('responseTooLarge', { host, limit: formatBytes(limits.maxResponseBytes) }),
    ),
  );

/** Counts every byte of one answer, across chunks, messages or polls. */
export class ResponseBudget {
  private spent = 0;

  constructor(
    private readonly host: string,
    private readonly limits: TransportLimits,
  ) {}

  /** Adds `bytes`; throws the limit's ChatFailure once the answer is over it. */
  spend(bytes: number): void {
    this.spent += bytes;
    if (this.spent > this.limits.maxResponseBytes) throw responseTooLarge(this.host, this.limits);
  }
}
