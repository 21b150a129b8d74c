// Writes a streaming answer to SQLite in batches (one UPDATE per interval, and one at the end)
// instead of one transaction per token. What has been written is always a prefix of the answer,
// so a crash keeps everything up to the last batch.
import { ScheduledFlush } from './scheduled-flush';

export type AppendText = (chunk: { content: string; reasoning: string }) => void;

export class BatchedTextWriter {
  private content = '';
  private reasoning = '';
  private readonly timer: ScheduledFlush;

  constructor(intervalMs: number, append: AppendText) {
    this.timer = new ScheduledFlush(intervalMs, () => {
      if (!this.content && !this.reasoning) return;
      const chunk = { content: this.content, reasoning: this.reasoning };
      this.content = '';
      this.reasoning = '';
      append(chunk);
    });
  }

  add(kind: 'content' | 'reasoning', text: string): void {
    if (kind === 'content') this.content += text;
    else this.reasoning += text;
    this.timer.schedule();
  }

  flush(): void {
    this.timer.flush();
  }
}
