// Events are applied at most once per paint, all of a paint's together.
import { describe, expect, it } from 'vitest';
import { createPaintBatcher, type PaintScheduler } from './paint-batcher';

function fakeScheduler(hidden = false) {
  const paints: (() => void)[] = [];
  const timers: (() => void)[] = [];
  const scheduler: PaintScheduler = {
    requestPaint: (fn) => paints.push(fn),
    setTimer: (fn) => timers.push(fn),
    isHidden: () => hidden,
  };
  const run = (queue: (() => void)[]) => queue.splice(0).forEach((fn) => fn());
  return { scheduler, paints, timers, runPaints: () => run(paints), runTimers: () => run(timers) };
}

describe('createPaintBatcher', () => {
  it('delivers everything pushed before a paint in one call, asking for one paint', () => {
    const fake = fakeScheduler();
    const delivered: number[][] = [];
    const batcher = createPaintBatcher<number>((items) => delivered.push(items), fake.scheduler);
    batcher.push(1);
    batcher.push(2);
    batcher.push(3);
    expect(fake.paints).toHaveLength(1);
    expect(delivered).toEqual([]);
    fake.runPaints();
    expect(delivered).toEqual([[1, 2, 3]]);
    batcher.push(4);
    fake.runPaints();
    expect(delivered).toEqual([[1, 2, 3], [4]]);
  });

  it('falls back to a timer in a hidden window, and the late paint does not flush twice', () => {
    const fake = fakeScheduler(true);
    const delivered: string[][] = [];
    const batcher = createPaintBatcher<string>((items) => delivered.push(items), fake.scheduler);
    batcher.push('a');
    fake.runTimers();
    batcher.push('b');
    // The paint scheduled for 'a' fires late; it must not deliver 'b' ahead of its own paint.
    const [stalePaint] = fake.paints.splice(0, 1);
    stalePaint?.();
    expect(delivered).toEqual([['a']]);
    fake.runPaints();
    expect(delivered).toEqual([['a'], ['b']]);
  });

  it('flush hands over at once and leaves nothing for the paint', () => {
    const fake = fakeScheduler();
    const delivered: number[][] = [];
    const batcher = createPaintBatcher<number>((items) => delivered.push(items), fake.scheduler);
    batcher.push(1);
    batcher.flush();
    fake.runPaints();
    expect(delivered).toEqual([[1]]);
  });
});
