// A burst is shown a step at a time: each step ends at a line break when one is near, never splits
// a surrogate pair, and small growth is never held back.
import { describe, expect, it } from 'vitest';
import { AT_ONCE, revealEnd, shownNow, STEP } from './use-revealed-text';

describe('a burst shown step by step', () => {
  it('shows everything when what is left fits the budget', () => {
    expect(revealEnd('abcdef', 2, 10)).toBe(6);
    expect(revealEnd('abcdef', 0, 6)).toBe(6);
  });

  it('ends a step at the next line break when it is close', () => {
    const text = `${'a'.repeat(120)}\n${'b'.repeat(5000)}`;
    expect(revealEnd(text, 0, 100)).toBe(121);
    expect(text.slice(0, revealEnd(text, 0, 100)).endsWith('\n')).toBe(true);
  });

  it('cuts at the budget when no line break is near', () => {
    const text = 'x'.repeat(10_000);
    expect(revealEnd(text, 1000, 2000)).toBe(3000);
  });

  it('never cuts between the halves of a surrogate pair', () => {
    const text = `${'a'.repeat(9)}😀${'b'.repeat(5000)}`; // the emoji's halves are at 9 and 10
    expect(revealEnd(text, 0, 10)).toBe(11);
    expect(revealEnd(text, 0, 9)).toBe(9);
  });

  it('shows small growth and replaced text at once, holds back a burst', () => {
    const before = 'x'.repeat(5000);
    expect(shownNow(before + 'y'.repeat(AT_ONCE), before)).toBe(before + 'y'.repeat(AT_ONCE));
    expect(shownNow(before + 'y'.repeat(AT_ONCE + 1), before)).toBe(before);
    const replaced = 'z'.repeat(50_000);
    expect(shownNow(replaced, before)).toBe(replaced); // an edit, not growth: never paced
    expect(shownNow('', before)).toBe('');
  });

  it('steps through a burst to its end, each step at most a step and a line longer', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `line ${i} ${'w'.repeat(i % 90)}`).join('\n');
    let shown = 0;
    let steps = 0;
    while (shown < text.length) {
      const next = revealEnd(text, shown);
      expect(next - shown).toBeGreaterThan(0);
      expect(next - shown).toBeLessThanOrEqual(STEP + 1500 + 1);
      shown = next;
      steps++;
    }
    expect(steps).toBeLessThanOrEqual(Math.ceil(text.length / STEP));
    expect(steps).toBeGreaterThan(1);
  });
});
