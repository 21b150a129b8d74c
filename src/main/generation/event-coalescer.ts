// Coalesces a generation's events for the renderer: consecutive text (or reasoning) deltas are
// joined and sent together about once per animation frame, and so are the pieces of each tool
// call's arguments; the end is sent at once.
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
    if (event.type === 'usage') {
      // Usage is a running snapshot (vLLM sends one with every chunk): keep one per batch.
      const usage = this.pending.find((e) => e.type === 'usage');
      if (usage) usage.usage = { ...usage.usage, ...event.usage };
      else this.pending.push({ type: 'usage', usage: { ...event.usage } });
    } else if (event.type === 'delta' || event.type === 'reasoning') {
      // Join with the latest text of the same kind unless the other kind (or a reclassify, which
      // applies to the text before it) came in between.
      const last = this.pending.findLast(
        (e) => e.type === 'delta' || e.type === 'reasoning' || e.type === 'reasoning-reclassify',
      );
      if (last?.type === event.type) last.text += event.text;
      else this.pending.push({ ...event });
    } else if (event.type === 'tool-call-args') {
      // A call's argument pieces join like text, whatever other calls' pieces came between.
      const same = this.pending.findLast((e) => e.type === 'tool-call-args' && e.index === event.index);
      if (same?.type === 'tool-call-args') same.text += event.text;
      else this.pending.push({ ...event });
    } else {
      this.pending.push(event);
    }
    if (event.type === 'done' || event.type === 'error') this.timer.flush();
    else this.timer.schedule();
  }

  flush(): void {
    this.timer.flush();
  }
}
