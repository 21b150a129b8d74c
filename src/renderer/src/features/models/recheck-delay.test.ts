// How long the offline notice waits before checking a backend again.
import { describe, expect, it } from 'vitest';
import { recheckDelayMs } from './recheck-delay';

describe('recheckDelayMs', () => {
  it('doubles from 2 s and stops at a minute', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(recheckDelayMs)).toEqual([
      2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
    expect(recheckDelayMs(0)).toBe(2_000);
  });
});
