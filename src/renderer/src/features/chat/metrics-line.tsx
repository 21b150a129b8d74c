// One quiet line under a finished answer: time to first token, speed, token counts and finish
// reason, each with a hint on hover. Only what the server or the clock measured is shown.
import { Fragment } from 'react';
import type { MessageMetrics } from '../../../../shared/domain';
import { lengthFinishReasons } from '../../../../shared/domain';
import { useMessages } from '../../i18n/use-messages';
import { figuresMessages, formatDuration, type FiguresMessages } from './figures-messages';

export interface Figure {
  key: 'ttft' | 'speed' | 'tokens' | 'finish';
  text: string;
  hint: string;
}

export function formatMetrics(metrics: MessageMetrics, m: FiguresMessages): Figure[] {
  const figures: Figure[] = [];
  if (metrics.ttftMs !== null) {
    figures.push({ key: 'ttft', text: m.firstToken(formatDuration(metrics.ttftMs, m)), hint: m.firstTokenHint });
  }
  if (metrics.tokensPerSecond !== null && Number.isFinite(metrics.tokensPerSecond)) {
    figures.push({ key: 'speed', text: m.speed(metrics.tokensPerSecond.toFixed(1)), hint: m.speedHint });
  }
  if (metrics.promptTokens !== null || metrics.completionTokens !== null) {
    const count = (n: number | null): string => (n === null ? m.unknownCount : String(n));
    figures.push({
      key: 'tokens',
      text: m.tokens(count(metrics.promptTokens), count(metrics.completionTokens)),
      hint: m.tokensHint,
    });
  }
  if (metrics.finishReason) {
    const limited = lengthFinishReasons.includes(metrics.finishReason);
    figures.push({
      key: 'finish',
      text: limited ? m.finishLimit(metrics.finishReason) : m.finish(metrics.finishReason),
      hint: m.finishHint,
    });
  }
  return figures;
}

export function MetricsLine({ metrics }: { metrics: MessageMetrics }) {
  const m = useMessages(figuresMessages);
  const figures = formatMetrics(metrics, m);
  if (!figures.length) return null;
  return (
    <p className="metrics" data-part="metrics">
      {figures.map((figure, i) => (
        <Fragment key={figure.key}>
          {i > 0 && <span aria-hidden="true"> · </span>}
          <span data-figure={figure.key} title={figure.hint}>
            {figure.text}
          </span>
        </Fragment>
      ))}
    </p>
  );
}
