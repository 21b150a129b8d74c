// The gRPC framing: one @grpc/grpc-js client and one bidirectional call per answer. Owns the
// messages sent once the call opens, each received message as a frame, the timeouts (connect: until
// the response headers; idle: between messages once they came), the size limits (one message:
// max_receive_message_length; the whole answer: maxResponseBytes), reading paused while the
// consumer is behind, cancelling the call (the server sees CANCELLED) on abort or when the
// consumer stops, and the call's final status as a ChatError (grpc-status.ts).
import type { ClientDuplexStream, Metadata, ServiceError } from '@grpc/grpc-js';
import { ChatFailure, chatError, type ChatError } from '../../shared/chat-error';
import { transportWords } from '../../shared/words/transport-words';
import { grpcClient, metadataOf } from './grpc-channel';
import { grpcStatusError } from './grpc-status';
import { ResponseBudget } from './size-limits';
import { requestHeaders, type GrpcFrame, type GrpcStreamPlan, type TransportLimits } from './types';

/** How long a finished call may take to end after we half-close it. */
const HALF_CLOSE_GRACE_MS = 5_000;
/** Messages waiting for the consumer before the call stops being read (HTTP/2 flow control then holds the server). */
const HIGH_WATER = 512;

type Settled = { kind: 'end' } | { kind: 'fail'; error: ChatError };

export const isServiceError = (err: unknown): err is ServiceError =>
  typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'number';

/** A call's error event as a ChatError: a status (the server's or grpc-js's), or something else that broke. */
export function grpcCallError(err: unknown, host: string, limits: TransportLimits): ChatError {
  if (isServiceError(err)) return grpcStatusError(err.code, err.details, host, limits, err.metadata as Metadata);
  return chatError('connect', transportWords.say('grpcCallFailed', { host, detail: String(err) }));
}

export async function* openGrpcStream(
  plan: GrpcStreamPlan,
  signal: AbortSignal,
  limits: TransportLimits,
): AsyncGenerator<GrpcFrame> {
  const host = new URL(plan.url).host;
  if (signal.aborted) throw new ChatFailure(chatError('cancelled', transportWords.say('stopped')));

  const queue: Uint8Array[] = [];
  let settled: Settled | undefined;
  let wake: (() => void) | undefined;
  let paused = false;
  const settle = (s: Settled) => {
    if (settled) return;
    settled = s;
    clearTimeout(timer);
    wake?.();
  };
  let timer: NodeJS.Timeout | undefined;
  const fail = (error: ChatError) => {
    settle({ kind: 'fail', error });
    call.cancel();
  };
  const arm = (ms: number, error: () => ChatError) => {
    clearTimeout(timer);
    timer = setTimeout(() => fail(error()), ms);
  };
  const seconds = (ms: number) => Math.round(ms / 1000);
  const silent = () =>
    chatError('timeout', transportWords.say('wentSilent', { host, seconds: seconds(limits.idleTimeoutMs) }));

  const client = grpcClient(plan, true, limits);
  const callOf = client as unknown as { call: (md: Metadata) => ClientDuplexStream<Uint8Array, Buffer> };
  const call = callOf.call(metadataOf(requestHeaders(plan)));
  // Connecting, TLS, and the server taking the call: its response headers end the connect phase.
  arm(limits.connectTimeoutMs, () =>
    chatError('timeout', transportWords.say('noAnswerWithin', { host, seconds: seconds(limits.connectTimeoutMs) })),
  );
  call.on('metadata', () => {
    if (!settled) arm(limits.idleTimeoutMs, silent);
  });

  const budget = new ResponseBudget(host, limits);
  call.on('data', (msg: Buffer) => {
    if (settled) return;
    try {
      budget.spend(msg.length);
    } catch (err) {
      return fail((err as ChatFailure).detail);
    }
    queue.push(new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength));
    if (queue.length >= HIGH_WATER && !paused) {
      // Not reading is not silence: the idle timer waits until reading resumes.
      paused = true;
      clearTimeout(timer);
      call.pause();
    } else {
      arm(limits.idleTimeoutMs, silent);
    }
    wake?.();
  });
  call.on('error', (err: unknown) => {
    if (signal.aborted) return settle({ kind: 'fail', error: chatError('cancelled', transportWords.say('stopped')) });
    settle({ kind: 'fail', error: grpcCallError(err, host, limits) });
  });
  call.on('end', () => settle({ kind: 'end' }));
  const onAbort = () => fail(chatError('cancelled', transportWords.say('stopped')));
  signal.addEventListener('abort', onAbort, { once: true });

  // Triton's ModelStreamInfer keeps answering while the request side is open; half-closing after
  // the request is fine too (it finishes the requests in flight), but it is not needed.
  for (const message of plan.send) call.write(message);

  try {
    for (;;) {
      const next = queue.shift();
      if (next) {
        if (paused && queue.length < HIGH_WATER / 2 && !settled) {
          paused = false;
          arm(limits.idleTimeoutMs, silent);
          call.resume();
        }
        yield { framing: 'grpc', message: next };
        continue;
      }
      if (settled) {
        if (settled.kind === 'fail') throw new ChatFailure(settled.error);
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    clearTimeout(timer);
    if (signal.aborted || settled?.kind === 'fail') {
      // Stop or an error of ours (a timeout, a limit): CANCELLED tells the server to stop generating.
      call.cancel();
    } else if (!settled) {
      // The decoder has the whole answer (Triton's final response) but the call is still open:
      // half-close so the server ends it cleanly, and cancel only if it does not soon.
      call.end();
      setTimeout(() => call.cancel(), HALF_CLOSE_GRACE_MS).unref();
    }
    // Does not cancel a call still ending; the channel goes once it has.
    client.close();
  }
}
