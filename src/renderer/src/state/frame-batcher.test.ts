// Events are applied at most once per animation frame, all of a frame's together.
import { describe, expect, it } from 'vitest';
import { createFrameBatcher, type FrameScheduler } from './frame-batcher';

function fakeScheduler(hidden = false) {
  const frames: (() => void)[] = [];
  const timers: (() => void)[] = [];
  const scheduler: FrameScheduler = {
    requestFrame: (fn) => frames.push(fn),
    setTimer: (fn) => timers.push(fn),
    isHidden: () => hidden,
  };
  const run = (queue: (() => void)[]) => queue.splice(0).forEach((fn) => fn());
  return { scheduler, frames, timers, runFrames: () => run(frames), runTimers: () => run(timers) };
}

describe('createFrameBatcher', () => {
  it('delivers everything pushed before a frame in one call, asking for one frame', () => {
    const fake = fakeScheduler();
    const delivered: number[][] = [];
    const batcher = createFrameBatcher<number>((items) => delivered.push(items), fake.scheduler);
    batcher.push(1);
    batcher.push(2);
    batcher.push(3);
    expect(fake.frames).toHaveLength(1);
    expect(delivered).toEqual([]);
    fake.runFrames();
    expect(delivered).toEqual([[1, 2, 3]]);
    batcher.push(4);
    fake.runFrames();
    expect(delivered).toEqual([[1, 2, 3], [4]]);
  });

  it('falls back to a timer in a hidden window, and the late frame does not flush twice', () => {
    const fake = fakeScheduler(true);
    const delivered: string[][] = [];
    const batcher = createFrameBatcher<string>((items) => delivered.push(items), fake.scheduler);
    batcher.push('a');
    fake.runTimers();
    batcher.push('b');
    // The frame scheduled for 'a' fires late; it must not deliver 'b' ahead of its own frame.
    const [staleFrame] = fake.frames.splice(0, 1);
    staleFrame?.();
    expect(delivered).toEqual([['a']]);
    fake.runFrames();
    expect(delivered).toEqual([['a'], ['b']]);
  });

  it('flush hands over at once and leaves nothing for the frame', () => {
    const fake = fakeScheduler();
    const delivered: number[][] = [];
    const batcher = createFrameBatcher<number>((items) => delivered.push(items), fake.scheduler);
    batcher.push(1);
    batcher.flush();
    fake.runFrames();
    expect(delivered).toEqual([[1]]);
  });
});
