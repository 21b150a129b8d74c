// The clock on a fake time source: what a finished message reports for the first token, its
// speed, and how long the model reasoned before it answered.
import { describe, expect, it } from 'vitest';
import { MetricsClock, type TokenKind } from './metrics-clock';

/** A clock whose tokens arrive at the given times (ms), request sent at 0. */
function run(tokens: [number, TokenKind | 'reclassify'][]): MetricsClock {
  let now = 0;
  const clock = new MetricsClock(0, () => now);
  for (const [at, kind] of tokens) {
    now = at;
    if (kind === 'reclassify') clock.reclassify();
    else clock.token(kind);
  }
  return clock;
}

describe('MetricsClock', () => {
  it('measures reasoning from its first token to the first answer token', () => {
    const clock = run([
      [200, 'reasoning'],
      [900, 'reasoning'],
      [4200, 'reasoning'],
      [4300, 'text'],
      [5300, 'text'],
    ]);
    expect(clock.snapshot()).toMatchObject({ ttftMs: 200, reasoningMs: 4100 });
  });

  it('has no reasoning time when the model did not reason', () => {
    const clock = run([
      [150, 'text'],
      [250, 'text'],
    ]);
    expect(clock.snapshot().reasoningMs).toBeNull();
    expect(run([]).snapshot().reasoningMs).toBeNull();
  });

  it('ends the reasoning at its last token when no answer followed (stopped while thinking)', () => {
    const clock = run([
      [100, 'reasoning'],
      [1100, 'reasoning'],
      [2600, 'reasoning'],
    ]);
    expect(clock.snapshot().reasoningMs).toBe(2500);
  });

  it('counts text that turned out to be reasoning (a lone </think>) from its first token', () => {
    const clock = run([
      [300, 'text'],
      [1300, 'text'],
      [2300, 'reclassify'],
      [2300, 'text'],
      [2800, 'text'],
    ]);
    expect(clock.snapshot()).toMatchObject({ ttftMs: 300, reasoningMs: 2000 });
  });

  it('reports the speed over the streaming part and the usage the server sent', () => {
    const clock = run([
      [100, 'text'],
      [600, 'text'],
      [1100, 'text'],
    ]);
    clock.finish('stop');
    expect(clock.snapshot()).toEqual({
      ttftMs: 100,
      tokensPerSecond: 2,
      promptTokens: null,
      completionTokens: null,
      finishReason: 'stop',
      reasoningMs: null,
    });
    clock.addUsage({ promptTokens: 12, completionTokens: 21 });
    expect(clock.snapshot()).toMatchObject({ promptTokens: 12, completionTokens: 21, tokensPerSecond: 20 });
  });
});
