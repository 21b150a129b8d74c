// Coalesces a generation's events for the renderer: consecutive text (or reasoning) deltas are
// joined and sent together about once per animation frame; the end is sent at once.
import type { GenerationEvent } from '../../shared/domain';
import { ScheduledFlush } from './scheduled-flush';

export class EventCoalescer {
  private pending: GenerationEvent[] = [];
  private readonly timer: ScheduledFlush;

  constructor(intervalMs: number, emit: (events: GenerationEvent[]) => void) {
    this.timer = new ScheduledFlush(intervalMs, () => {
      if (!this.pending.length) return;
      const events = this.pending;
      this.pending = [];
      emit(events);
    });
  }

  push(event: GenerationEvent): void {
    const last = this.pending.at(-1);
    if (last && (event.type === 'delta' || event.type === 'reasoning') && last.type === event.type) {
      last.text += event.text;
    } else if (last && event.type === 'usage' && last.type === 'usage') {
      last.usage = { ...last.usage, ...event.usage };
    } else {
      this.pending.push(event.type === 'delta' || event.type === 'reasoning' ? { ...event } : event);
    }
    if (event.type === 'done' || event.type === 'error') this.timer.flush();
    else this.timer.schedule();
  }

  flush(): void {
    this.timer.flush();
  }
}
