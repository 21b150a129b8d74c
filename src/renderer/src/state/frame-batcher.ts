// Buffers items and hands them over together at most once per animation frame, so a burst of
// generation events costs one store update and one render. A hidden window gets no animation
// frames, so there a short timer stands in and the stream still lands.
export interface FrameScheduler {
  requestFrame: (fn: () => void) => void;
  setTimer: (fn: () => void, ms: number) => void;
  isHidden: () => boolean;
}

const HIDDEN_FLUSH_MS = 200;

export function browserScheduler(): FrameScheduler {
  return {
    requestFrame: (fn) => requestAnimationFrame(() => fn()),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    isHidden: () => document.visibilityState === 'hidden',
  };
}

export interface FrameBatcher<T> {
  push(item: T): void;
  /** Hands over whatever is buffered now (tests, and teardown). */
  flush(): void;
}

export function createFrameBatcher<T>(deliver: (items: T[]) => void, scheduler: FrameScheduler): FrameBatcher<T> {
  let buffer: T[] = [];
  let scheduled = false;
  // Each schedule gets a ticket, so a frame and a timer racing for the same batch flush it once.
  let ticket = 0;

  const flush = (): void => {
    scheduled = false;
    if (!buffer.length) return;
    const items = buffer;
    buffer = [];
    deliver(items);
  };

  return {
    push(item) {
      buffer.push(item);
      if (scheduled) return;
      scheduled = true;
      const mine = ++ticket;
      const run = (): void => {
        if (scheduled && mine === ticket) flush();
      };
      scheduler.requestFrame(run);
      if (scheduler.isHidden()) scheduler.setTimer(run, HIDDEN_FLUSH_MS);
    },
    flush,
  };
}
