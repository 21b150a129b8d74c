// Measures a generation as it runs: time to first token from the request, and tokens per second
// over the streaming part, preferring what the server itself reports.
import type { MessageMetrics, Usage } from '../../shared/domain';

export class MetricsClock {
  private firstTokenAt: number | null = null;
  private lastTokenAt: number | null = null;
  private chunks = 0;
  private usage: Usage = {};
  private finishReason: string | null = null;

  constructor(
    private readonly startedAt: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  token(): void {
    const t = this.now();
    this.firstTokenAt ??= t;
    this.lastTokenAt = t;
    this.chunks += 1;
  }

  get hasTokens(): boolean {
    return this.firstTokenAt !== null;
  }

  addUsage(usage: Usage): void {
    this.usage = { ...this.usage, ...usage };
  }

  finish(reason: string): void {
    this.finishReason = reason;
  }

  snapshot(): MessageMetrics {
    const ttftMs = this.firstTokenAt === null ? null : round(this.firstTokenAt - this.startedAt);
    return {
      ttftMs,
      tokensPerSecond: this.usage.tokensPerSecond ?? this.measuredSpeed(),
      promptTokens: this.usage.promptTokens ?? null,
      completionTokens: this.usage.completionTokens ?? null,
      finishReason: this.finishReason,
    };
  }

  /** Tokens after the first over the time since it; one chunk per token when the server gives no count. */
  private measuredSpeed(): number | null {
    if (this.firstTokenAt === null || this.lastTokenAt === null) return null;
    const seconds = (this.lastTokenAt - this.firstTokenAt) / 1000;
    const tokens = (this.usage.completionTokens ?? this.chunks) - 1;
    return seconds > 0 && tokens > 0 ? round(tokens / seconds) : null;
  }
}

const round = (n: number) => Math.round(n * 10) / 10;
