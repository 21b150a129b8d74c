// A buffer that flushes itself a fixed time after its first unflushed item: the one timing
// mechanism behind both the renderer emitter (about a frame) and the SQLite writer (a few
// hundred ms), so neither sends or writes per token.
export class ScheduledFlush {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly delayMs: number,
    private readonly onFlush: () => void,
  ) {}

  /** Call after buffering something: arms the timer if it is not armed. */
  schedule(): void {
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.onFlush();
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
