// The typed-array set answers as a JS Set would, through growth, collisions and the largest keys.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntSet } from './int-set';

describe('IntSet', () => {
  it('adds each key once, as a Set does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 2 ** 31 - 2 }))),
        (keys) => {
          const set = new IntSet(4);
          const reference = new Set<number>();
          for (const key of keys) {
            expect(set.add(key)).toBe(!reference.has(key));
            reference.add(key);
          }
          expect(set.size).toBe(reference.size);
        },
      ),
      { numRuns: 300, seed: 3 },
    );
  });

  it('keeps every key through many growths', () => {
    const set = new IntSet(1);
    for (let k = 0; k < 100_000; k++) set.add(k * 32_768);
    expect(set.size).toBe(100_000);
    for (let k = 0; k < 100_000; k += 997) expect(set.add(k * 32_768)).toBe(false);
    expect(set.add(2 ** 31 - 2)).toBe(true);
  });
});
