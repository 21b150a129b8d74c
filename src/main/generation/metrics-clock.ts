// Measures a generation as it runs: time to first token from the request, how long the model
// reasoned before it answered, and tokens per second over the streaming part, preferring what the
// server itself reports.
import type { MessageMetrics, Usage } from '../../shared/domain';

export type TokenKind = 'text' | 'reasoning';

export class MetricsClock {
  private firstTokenAt: number | null = null;
  private lastTokenAt: number | null = null;
  private firstReasoningAt: number | null = null;
  private lastReasoningAt: number | null = null;
  private firstTextAt: number | null = null;
  private chunks = 0;
  private usage: Usage = {};
  private finishReason: string | null = null;

  constructor(
    private readonly startedAt: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  token(kind: TokenKind = 'text'): void {
    const t = this.now();
    this.firstTokenAt ??= t;
    this.lastTokenAt = t;
    this.chunks += 1;
    if (kind === 'reasoning') {
      this.firstReasoningAt ??= t;
      this.lastReasoningAt = t;
    } else {
      this.firstTextAt ??= t;
    }
  }

  /**
   * Everything streamed as text so far was reasoning after all (a lone `</think>`): the reasoning
   * began with the first of it, and the answer has not started yet.
   */
  reclassify(): void {
    if (this.firstTextAt === null) return;
    this.firstReasoningAt = Math.min(this.firstReasoningAt ?? this.firstTextAt, this.firstTextAt);
    this.lastReasoningAt = Math.max(this.lastReasoningAt ?? 0, this.lastTokenAt ?? this.firstTextAt);
    this.firstTextAt = null;
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
      reasoningMs: this.reasoningSpan(),
    };
  }

  /**
   * From the first reasoning token to the first answer token; when no answer came (stopped while
   * thinking, an error), to the last reasoning token. Null when the model did not reason.
   */
  private reasoningSpan(): number | null {
    if (this.firstReasoningAt === null) return null;
    const answerAt = this.firstTextAt !== null && this.firstTextAt >= this.firstReasoningAt ? this.firstTextAt : null;
    const end = answerAt ?? this.lastReasoningAt ?? this.firstReasoningAt;
    return round(end - this.firstReasoningAt);
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
