// "Paste config": an `mcpServers` object as other apps write it, imported by main; then how many
// servers were saved and each problem (the entry and why). The pasted text holds secrets, so it is
// cleared once everything in it was saved.
import { useContext, useEffect, useId, useRef, useState } from 'react';
import type { RequestOutput } from '../../../../shared/ipc/contract';
import { LanguageContext, useMessages } from '../../i18n/use-messages';
import { wordsIn } from '../../../../shared/words/all-words';
import { toolsMessages } from './tools-messages';

export type ImportResult = RequestOutput<'tools:import'>;

interface Props {
  /** Main's answer, or the message of a request that failed. */
  onImport: (text: string) => Promise<ImportResult | string>;
}

export function PasteConfig({ onImport }: Props) {
  const m = useMessages(toolsMessages);
  const language = useContext(LanguageContext);
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  // Opened by "Paste config": the text goes here next.
  useEffect(() => textarea.current?.focus(), []);

  const submit = async (): Promise<void> => {
    setBusy(true);
    setResult(null);
    const answer = await onImport(text);
    setBusy(false);
    setResult(answer);
    if (typeof answer !== 'string' && answer.problems.length === 0) setText('');
  };

  return (
    <section className="settings-section tool-paste" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{m.pasteTitle}</h3>
      <p className="form-note">{m.pasteNote}</p>
      <label htmlFor={`${id}-text`} className="tool-paste-label">
        {m.configLabel}
      </label>
      <textarea
        ref={textarea}
        id={`${id}-text`}
        className="tool-paste-text"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={'{\n  "mcpServers": {\n    "files": { "command": "npx", "args": ["-y", "…"] }\n  }\n}'}
        rows={8}
        spellCheck={false}
      />
      <div className="form-actions">
        <button type="button" className="primary" disabled={busy || text.trim() === ''} onClick={() => void submit()}>
          {busy ? m.importing : m.import}
        </button>
      </div>
      {typeof result === 'string' && (
        <p role="alert" className="form-error">
          {m.importFailed(result)}
        </p>
      )}
      <p role="status" className="form-note">
        {result !== null && typeof result !== 'string' ? m.importSaved(result.saved) : ''}
      </p>
      {result !== null && typeof result !== 'string' && result.problems.length > 0 && (
        <p id={`${id}-problems`} className="tool-paste-problems-title">
          {m.problems(result.problems.length)}
        </p>
      )}
      {result !== null && typeof result !== 'string' && result.problems.length > 0 && (
        <ul className="tool-paste-problems" aria-labelledby={`${id}-problems`}>
          {result.problems.map((p, i) => (
            <li key={i}>
              <span className="tool-paste-entry">{p.entry ?? m.wholeConfig}</span> {wordsIn(language, p.said, p.reason)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
