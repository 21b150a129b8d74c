// Paint batches: items buffered and handed over together at most once per paint (one
// requestAnimationFrame), so a burst of generation events costs one store update and one render.
export interface PaintScheduler {
  /** Runs `fn` before the next paint. */
  requestPaint: (fn: () => void) => void;
  setTimer: (fn: () => void, ms: number) => void;
  isHidden: () => boolean;
}

// A hidden window is not painted (requestAnimationFrame waits), so there a short timer stands in and the
// stream still lands.
const HIDDEN_FLUSH_MS = 200;

export function browserScheduler(): PaintScheduler {
  return {
    requestPaint: (fn) => requestAnimationFrame(() => fn()),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    isHidden: () => document.visibilityState === 'hidden',
  };
}

export interface PaintBatcher<T> {
  push(item: T): void;
  /** Hands over whatever is buffered now (tests, and teardown). */
  flush(): void;
}

export function createPaintBatcher<T>(deliver: (items: T[]) => void, scheduler: PaintScheduler): PaintBatcher<T> {
  let buffer: T[] = [];
  let scheduled = false;
  // Each schedule gets a ticket, so a paint and a timer racing for the same batch flush it once.
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
      scheduler.requestPaint(run);
      if (scheduler.isHidden()) scheduler.setTimer(run, HIDDEN_FLUSH_MS);
    },
    flush,
  };
}
