// The backend form's per-model context windows: rows of a model name (suggested from the backend's
// models) and a number of tokens. context-window-rows.ts checks them.
import { useMessages } from '../../i18n/use-messages';
import { contextWindowMessages } from './context-window-messages';
import { addWindowRow, type WindowRow } from './context-window-rows';

interface Props {
  rows: readonly WindowRow[];
  onChange: (rows: WindowRow[]) => void;
  /** The id of the form's datalist of model names, when it has one. */
  modelList?: string;
}

export function ContextWindowFields({ rows, onChange, modelList }: Props) {
  const m = useMessages(contextWindowMessages);
  const set = (key: number, change: Partial<WindowRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  return (
    <fieldset className="form-group">
      <legend>{m.legend}</legend>
      <p className="field-note">{m.note}</p>
      {rows.length > 0 && (
        <ul className="header-rows">
          {rows.map((row, i) => (
            <li key={row.key} className="header-row">
              <input
                aria-label={m.model(i + 1)}
                value={row.model}
                list={modelList}
                onChange={(e) => set(row.key, { model: e.target.value })}
                placeholder={m.modelPlaceholder}
                autoComplete="off"
                spellCheck={false}
              />
              <input
                aria-label={m.tokens(i + 1)}
                inputMode="numeric"
                value={row.tokens}
                onChange={(e) => set(row.key, { tokens: e.target.value })}
                placeholder={m.tokensPlaceholder}
                autoComplete="off"
              />
              <button
                type="button"
                aria-label={m.remove(i + 1)}
                onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="add-header" onClick={() => onChange(addWindowRow(rows))}>
        {m.add}
      </button>
    </fieldset>
  );
}
