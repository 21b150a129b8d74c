// The figures of an answer that was continued: one answer written in two (or more) runs. The first
// token and the prompt are the answer's own; speed and the end are the latest run's; counts and
// durations add up only when both runs reported one, since half a count would mislead.
import type { MessageMetrics } from '../../shared/domain';

const sum = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a !== null && a !== undefined && b !== null && b !== undefined ? a + b : null;

export function continuedMetrics(before: MessageMetrics, run: MessageMetrics): MessageMetrics {
  const metrics: MessageMetrics = {
    ...run,
    ttftMs: before.ttftMs ?? run.ttftMs,
    tokensPerSecond: run.tokensPerSecond ?? before.tokensPerSecond,
    promptTokens: before.promptTokens ?? run.promptTokens,
    completionTokens: sum(before.completionTokens, run.completionTokens),
    finishReason: run.finishReason,
  };
  if (run.totalMs !== undefined) metrics.totalMs = sum(before.totalMs, run.totalMs);
  // Thinking time: a run that did not think adds nothing to the time the answer already thought.
  if (before.reasoningMs != null || run.reasoningMs != null) {
    metrics.reasoningMs = (before.reasoningMs ?? 0) + (run.reasoningMs ?? 0);
  }
  return metrics;
}
