// How an import is going and how it went: bytes sent, conversations imported of the total (with a
// progress bar), then what was added, updated, already here or refused, and why.
import type { ImportRun } from '../../state/transfer-slice';
import { useContext } from 'react';
import { LanguageContext, useMessages } from '../../i18n/use-messages';
import { wordsIn } from '../../../../shared/words/all-words';
import { transferMessages } from './transfer-messages';

interface Props {
  run: ImportRun | null;
  onCancel: () => void;
}

export function ImportReport({ run, onCancel }: Props) {
  const m = useMessages(transferMessages);
  const language = useContext(LanguageContext);
  if (!run) return null;
  const active = run.phase === 'sending' || run.phase === 'reading' || run.phase === 'importing';
  const percent = run.totalBytes === 0 ? 100 : Math.floor((run.sentBytes / run.totalBytes) * 100);
  const status =
    run.phase === 'sending'
      ? m.sending(percent)
      : run.phase === 'reading'
        ? m.counting(run.total)
        : run.phase === 'importing'
          ? m.imported(run.done, run.total)
          : run.phase === 'done'
            ? m.importDone
            : run.phase === 'cancelled'
              ? m.importCancelled
              : m.failed(run.error ?? '');
  const summary = run.summary;
  return (
    <div className="import-report">
      <p
        role={run.phase === 'failed' ? 'alert' : 'status'}
        className={run.phase === 'failed' ? 'form-error' : undefined}
      >
        {status}
      </p>
      {active && (
        <div className="import-progress">
          <progress
            aria-label={m.importProgress}
            max={run.phase === 'sending' ? 100 : Math.max(run.total, 1)}
            value={run.phase === 'sending' ? percent : run.phase === 'importing' ? run.done : undefined}
          />
          <button type="button" onClick={onCancel}>
            {m.cancelImport}
          </button>
        </div>
      )}
      {summary && (
        <>
          <p className="form-note">
            {m.importSummary(summary.added, summary.updated, summary.unchanged, summary.failed)}{' '}
            {m.importMessages(summary.messages)}
          </p>
          {summary.problems.length > 0 && (
            <details className="import-problems">
              <summary>{m.problems(summary.problems.length)}</summary>
              <ul>
                {summary.problems.map((p, i) => (
                  <li key={i}>
                    <span className="import-problem-where">
                      {p.file}
                      {p.entry !== null && ` · ${m.problemEntry(p.entry)}`}
                      {p.title && ` · “${p.title}”`}
                    </span>{' '}
                    {wordsIn(language, p.said, p.message)}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </div>
  );
}
