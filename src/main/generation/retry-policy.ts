// When a failed request is tried again: only before the first token (so no output is ever
// duplicated), only for errors that can pass (connect, timeout, 429, 5xx), at most a few times,
// after the server's Retry-After when it gave one (llama.cpp answers 503 while loading a model),
// otherwise after an exponential backoff with jitter. Every transport puts what the server asked
// for in `retryAfterMs`: the Retry-After of an HTTP answer or of a refused WebSocket upgrade, a
// gRPC status's grpc-retry-pushback-ms; so the policy is the same whatever the kind.
import type { ChatError } from '../../shared/chat-error';

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  /** A Retry-After longer than this is not waited for: the error is shown instead. */
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Milliseconds to wait before the next attempt, or null to give up. `attempt` counts from 0. */
export function retryDelay(
  error: ChatError,
  attempt: number,
  policy: RetryPolicy = defaultRetryPolicy,
  random: () => number = Math.random,
): number | null {
  if (!error.retryable || attempt >= policy.maxRetries) return null;
  if (error.retryAfterMs !== undefined) return error.retryAfterMs <= policy.maxDelayMs ? error.retryAfterMs : null;
  const backoff = policy.baseDelayMs * 2 ** attempt;
  return Math.min(policy.maxDelayMs, Math.round(backoff * (0.75 + random() * 0.5)));
}

/** Resolves after `ms`, or rejects as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
