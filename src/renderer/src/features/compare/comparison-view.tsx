// A comparison: one article per answer, side by side (stacked when the window is narrow), each
// headed by its model and backend, its text as it streams, whether it waits for its server, its
// figures (the best of each row marked, in words too), its own Stop, and "Continue with this".
import { memo, useContext } from 'react';
import type { Message } from '../../../../shared/domain';
import type { MessageId } from '../../../../shared/ids';
import { errorWords } from '../../i18n/error-text';
import { LanguageContext, useMessages } from '../../i18n/use-messages';
import { AnswerContent } from '../chat/answer-content';
import { figuresMessages } from '../chat/figures-messages';
import { ReasoningView } from '../chat/reasoning-view';
import { compareFigures, type FigureRow } from './compare-figures';
import { compareMessages } from './compare-messages';

export interface ComparedColumn {
  answer: Message;
  backendName: string;
  /** Waiting for its server, which serves one request at a time. */
  queued: boolean;
}

interface Props {
  columns: readonly ComparedColumn[];
  /** The answer on the shown branch. */
  shownId: MessageId | null;
  onStop: (id: MessageId) => void;
  onContinue: (id: MessageId) => void;
  onClose: () => void;
}

export function ComparisonView({ columns, shownId, onStop, onContinue, onClose }: Props) {
  const m = useMessages(compareMessages);
  const f = useMessages(figuresMessages);
  const rows = compareFigures(
    columns.map((c) => c.answer),
    m,
    f,
  );
  const streaming = columns.some((c) => c.answer.status === 'streaming');
  return (
    <section className="comparison" aria-label={m.region}>
      <div className="comparison-columns" data-count={columns.length}>
        {columns.map((column, i) => (
          <ComparedAnswer
            key={column.answer.id}
            column={column}
            figures={rows}
            index={i}
            shown={column.answer.id === shownId}
            onStop={onStop}
            onContinue={onContinue}
          />
        ))}
      </div>
      <div className="comparison-foot">
        <button type="button" className="comparison-close" disabled={streaming} onClick={onClose}>
          {m.close}
        </button>
      </div>
    </section>
  );
}

interface AnswerProps {
  column: ComparedColumn;
  figures: readonly FigureRow[];
  index: number;
  shown: boolean;
  onStop: (id: MessageId) => void;
  onContinue: (id: MessageId) => void;
}

/** The cells of one answer's figures, as text: equal when nothing it shows changed. */
const cellsOf = (figures: readonly FigureRow[], index: number): string =>
  figures.map((row) => `${row.cells[index]?.text ?? ''}${row.cells[index]?.best ? '*' : ''}`).join('\n');

/**
 * A column re-renders only when what it shows changed: while four answers stream, each flush
 * brings new objects for all of them, but a finished or waiting column has nothing new.
 */
function sameColumn(a: AnswerProps, b: AnswerProps): boolean {
  const x = a.column.answer;
  const y = b.column.answer;
  return (
    x.id === y.id &&
    x.content === y.content &&
    x.reasoning === y.reasoning &&
    x.status === y.status &&
    x.error === y.error &&
    x.toolCalls === y.toolCalls &&
    x.model === y.model &&
    x.metrics.reasoningMs === y.metrics.reasoningMs &&
    a.column.backendName === b.column.backendName &&
    a.column.queued === b.column.queued &&
    a.shown === b.shown &&
    a.index === b.index &&
    a.onStop === b.onStop &&
    a.onContinue === b.onContinue &&
    cellsOf(a.figures, a.index) === cellsOf(b.figures, b.index)
  );
}

const ComparedAnswer = memo(function ComparedAnswer({
  column,
  figures,
  index,
  shown,
  onStop,
  onContinue,
}: AnswerProps) {
  const m = useMessages(compareMessages);
  const language = useContext(LanguageContext);
  const { answer, backendName, queued } = column;
  const streaming = answer.status === 'streaming';
  const model = answer.model ?? '?';
  const waiting = streaming && answer.content === '' && answer.reasoning === '';
  const note = queued
    ? m.waiting(backendName)
    : waiting
      ? m.starting
      : answer.status === 'cancelled'
        ? m.stopped
        : answer.status === 'error'
          ? m.failed
          : null;
  return (
    <article
      className="compared"
      aria-label={m.option(model, backendName)}
      aria-busy={streaming || undefined}
      data-status={answer.status}
      data-queued={queued || undefined}
    >
      <header className="compared-head">
        <h3 className="compared-model">{model}</h3>
        <span className="compared-backend">{backendName}</span>
        {shown && !streaming && <span className="compared-shown">{m.shown}</span>}
      </header>
      {note && (
        <p className="compared-note" role="status">
          {note}
        </p>
      )}
      {answer.reasoning && (
        <ReasoningView
          reasoning={answer.reasoning}
          reasoningMs={answer.metrics.reasoningMs}
          streaming={streaming}
          answering={answer.content !== ''}
        />
      )}
      <div className="compared-content" data-part="content">
        <AnswerContent content={answer.content} toolCalls={answer.toolCalls} streaming={streaming} />
      </div>
      {answer.error && <p className="compared-error">{errorWords(answer.error, language)}</p>}
      <dl className="compared-figures" aria-label={m.figures}>
        {figures.map((row) => {
          const cell = row.cells[index];
          return (
            <div key={row.key} className="compared-figure" data-figure={row.key} data-best={cell?.best || undefined}>
              <dt>{row.label}</dt>
              <dd>
                {cell?.text ?? m.notYet}
                {cell?.best && (
                  <>
                    {' '}
                    <span className="compared-best">{m.fastest}</span>
                  </>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
      <div className="compared-actions">
        {streaming ? (
          <button type="button" className="stop" onClick={() => onStop(answer.id)}>
            {m.stop}
          </button>
        ) : (
          <button type="button" className="compared-continue" onClick={() => onContinue(answer.id)}>
            {m.continueWith}
          </button>
        )}
      </div>
    </article>
  );
}, sameColumn);
