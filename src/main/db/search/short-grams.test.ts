// The tokens of the short-term index: distinct characters and neighbouring pairs, ASCII letters
// folded as LIKE folds them, never a pair across whitespace, whole code points, and no pair lost
// in a text of more distinct characters than the compact keys cover.
import { describe, expect, it } from 'vitest';
import { gramQuery, gramsOf } from './short-grams';

const tokens = (text: string): string[] => gramsOf(text).split(' ').filter(Boolean).sort();
const token = (term: string): string => gramQuery(term)!.slice(1, -1);

describe('short-term index tokens', () => {
  it('holds every character and neighbouring pair once, ASCII letters folded', () => {
    expect(tokens('Abab')).toEqual([token('a'), token('ab'), token('b'), token('ba')].sort());
    expect(tokens('ABAB')).toEqual(tokens('abab'));
    // LIKE keeps the case of letters beyond ASCII, so the index does too.
    expect(tokens('É')).not.toEqual(tokens('é'));
  });

  it('makes no pair across whitespace or control characters, which separate search terms', () => {
    expect(tokens('a b\tc\u3000d\ne')).toEqual(['a', 'b', 'c', 'd', 'e'].map(token).sort());
    expect(tokens('  \n')).toEqual([]);
    expect(gramQuery('a ')).toBeNull();
  });

  it('takes characters as code points, so an emoji is one character', () => {
    expect(tokens('😀北')).toEqual([token('😀'), token('😀北'), token('北')].sort());
    expect(gramQuery('😀😀😀')).toBeNull();
  });

  it('keeps every pair of a text with more distinct characters than its compact keys hold', () => {
    const chars = Array.from({ length: 40_000 }, (_, i) => String.fromCodePoint(0x20000 + i));
    const text = chars.join('') + chars[0];
    const found = new Set(tokens(text));
    expect(found.size).toBe(tokens(text).length);
    expect(found.size).toBe(40_000 + 40_000);
    for (const i of [0, 32_767, 32_768, 39_999])
      expect(found.has(token(chars[i]! + (chars[i + 1] ?? chars[0])!))).toBe(true);
  });
});
