import { describe, expect, it } from 'vitest';
import { chatError } from '../../shared/chat-error';
import { retryDelay, sleep } from './retry-policy';

describe('retryDelay', () => {
  const half = () => 0.5;

  it('backs off exponentially for errors that can pass, then gives up', () => {
    const err = chatError('connect', 'refused');
    expect([0, 1, 2].map((a) => retryDelay(err, a, undefined, half))).toEqual([500, 1000, null]);
  });

  it('waits as long as Retry-After says, unless that is too long to wait', () => {
    expect(retryDelay(chatError('rate_limited', 'slow down', { retryAfterMs: 1000 }), 0)).toBe(1000);
    expect(retryDelay(chatError('server', 'loading', { retryAfterMs: 120_000 }), 0)).toBeNull();
  });

  it('never retries errors a retry cannot fix', () => {
    for (const code of ['auth', 'not_found', 'invalid_input', 'protocol', 'cancelled'] as const) {
      expect(retryDelay(chatError(code, 'x'), 0)).toBeNull();
    }
  });
});

describe('sleep', () => {
  it('rejects at once when aborted', async () => {
    const controller = new AbortController();
    const waiting = sleep(10_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeTruthy();
  });
});
