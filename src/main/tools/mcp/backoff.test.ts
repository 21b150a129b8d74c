// The restart schedule: doubling from 1 s, capped at 60 s, back to the start after a stable minute.
import { describe, expect, it } from 'vitest';
import { backoffDelay, failuresAfter } from './backoff';

describe('backoff', () => {
  it('doubles from 1 s and stops at 60 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => backoffDelay(n))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
    expect(backoffDelay(0)).toBe(1_000);
  });

  it('counts failures in a row, and starts again after a connection that stayed up a minute', () => {
    expect(failuresAfter(0, null)).toBe(1);
    expect(failuresAfter(3, null)).toBe(4);
    expect(failuresAfter(3, 59_999)).toBe(4);
    expect(failuresAfter(3, 60_000)).toBe(1);
  });

  it('follows a schedule given to it', () => {
    const fast = { firstMs: 100, maxMs: 250, stableMs: 500 };
    expect([1, 2, 3].map((n) => backoffDelay(n, fast))).toEqual([100, 200, 250]);
    expect(failuresAfter(2, 500, fast)).toBe(1);
  });
});
