import { describe, expect, it } from 'vitest';
import { reachOf } from './reach-state';

const base = { checking: false, failures: 0, refusedSendAt: null };

describe('reachOf', () => {
  it('is unknown before any check, and checking while the first one runs', () => {
    expect(reachOf(undefined)).toBe('unknown');
    expect(reachOf({ ...base, result: null })).toBe('unknown');
    expect(reachOf({ ...base, checking: true, result: null })).toBe('checking');
  });

  it('keeps the last result while a new check runs', () => {
    expect(reachOf({ ...base, checking: true, result: { reachable: true } })).toBe('reachable');
    expect(reachOf({ ...base, result: { reachable: false, reason: 'refused', detail: '' } })).toBe('unreachable');
  });
});
