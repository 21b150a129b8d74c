// A burst is shown a step at a time: each step ends at a line break when one is near, never splits
// a surrogate pair, and the budget follows the measured speed within its bounds.
import { describe, expect, it } from 'vitest';
import { noteStep, revealBudget, revealEnd } from './use-revealed-text';

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

  it('learns the speed of this machine within bounds', () => {
    for (let i = 0; i < 20; i++) noteStep(4000, 400); // slow: 10 chars per ms
    expect(revealBudget()).toBe(1000); // never below the minimum
    for (let i = 0; i < 20; i++) noteStep(40_000, 10); // fast
    expect(revealBudget()).toBe(32_000); // never above the maximum
    for (let i = 0; i < 20; i++) noteStep(6000, 6); // 1,000 chars per ms → 12 ms of work
    expect(revealBudget()).toBeGreaterThan(11_000);
    expect(revealBudget()).toBeLessThan(13_000);
  });

  it('ignores steps too small to measure', () => {
    const before = revealBudget();
    noteStep(10, 50);
    noteStep(5000, 0);
    expect(revealBudget()).toBe(before);
  });
});
