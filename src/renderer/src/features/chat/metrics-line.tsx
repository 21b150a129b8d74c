// One quiet line under a finished answer: time to first token, speed, token counts, finish reason.
import type { MessageMetrics } from '../../../../shared/domain';

export function formatMetrics(m: MessageMetrics): string[] {
  const parts: string[] = [];
  if (m.ttftMs !== null) {
    parts.push(`first token ${m.ttftMs < 1000 ? `${Math.round(m.ttftMs)} ms` : `${(m.ttftMs / 1000).toFixed(2)} s`}`);
  }
  if (m.tokensPerSecond !== null) parts.push(`${m.tokensPerSecond.toFixed(1)} tokens/s`);
  if (m.promptTokens !== null || m.completionTokens !== null) {
    parts.push(`${m.promptTokens ?? '?'} prompt + ${m.completionTokens ?? '?'} completion tokens`);
  }
  if (m.finishReason) parts.push(`finish: ${m.finishReason}`);
  return parts;
}

export function MetricsLine({ metrics }: { metrics: MessageMetrics }) {
  const parts = formatMetrics(metrics);
  if (!parts.length) return null;
  return <p className="metrics">{parts.join(' · ')}</p>;
}
