// One quiet line under a finished answer: time to first token, speed, token counts and why it
// ended in words (the server's own word in its hint). Only what the server or the clock measured.
import { Fragment } from 'react';
import type { MessageMetrics, MessageStatus } from '../../../../shared/domain';
import { useMessages } from '../../i18n/use-messages';
import { finishMeaning } from './finish-reason';
import { figuresMessages, formatDuration, type FiguresMessages } from './figures-messages';

export interface Figure {
  key: 'ttft' | 'speed' | 'tokens' | 'finish';
  text: string;
  hint: string;
}

export function formatMetrics(metrics: MessageMetrics, m: FiguresMessages, status: MessageStatus = 'done'): Figure[] {
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
  const meaning = finishMeaning(metrics.finishReason, status);
  if (meaning) {
    const reason = metrics.finishReason ?? '';
    figures.push({
      key: 'finish',
      text: meaning === 'other' ? m.other(reason) : m[meaning],
      hint: metrics.finishReason ? m.finishHint(reason) : m.finishHintByYou,
    });
  }
  return figures;
}

export function MetricsLine({ metrics, status = 'done' }: { metrics: MessageMetrics; status?: MessageStatus }) {
  const m = useMessages(figuresMessages);
  const figures = formatMetrics(metrics, m, status);
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
