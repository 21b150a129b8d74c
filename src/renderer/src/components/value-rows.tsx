// Rows of a name and a secret value (a backend's headers, a tool server's environment or headers).
// A saved value is never shown: its row shows the name and an empty value field that keeps it
// unless typed over; renaming a row makes it a new one.

/** One row; `saved` when main holds its value (an empty value field keeps it). */
export interface ValueRow {
  key: number;
  name: string;
  value: string;
  saved: boolean;
}

/** Rows for the names main holds values of. */
export const savedRows = (names: readonly string[]): ValueRow[] =>
  names.map((name, key) => ({ key, name, value: '', saved: true }));

/** A new blank row after the others. */
export const addRow = (rows: readonly ValueRow[]): ValueRow[] => [
  ...rows,
  { key: Math.max(-1, ...rows.map((r) => r.key)) + 1, name: '', value: '', saved: false },
];

export interface ValueRowsText {
  legend: string;
  note: string;
  name: (n: number) => string;
  value: (n: number) => string;
  remove: (n: number) => string;
  add: string;
  namePlaceholder: string;
  valuePlaceholder: string;
  savedPlaceholder: string;
}

interface Props {
  rows: readonly ValueRow[];
  onChange: (rows: ValueRow[]) => void;
  text: ValueRowsText;
}

export function ValueRows({ rows, onChange, text }: Props) {
  const set = (key: number, change: Partial<ValueRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  return (
    <fieldset className="form-group">
      <legend>{text.legend}</legend>
      <p className="field-note">{text.note}</p>
      {rows.length > 0 && (
        <ul className="header-rows">
          {rows.map((row, i) => (
            <li key={row.key} className="header-row">
              <input
                aria-label={text.name(i + 1)}
                value={row.name}
                // A renamed entry is a new one: its stored value belonged to the old name.
                onChange={(e) => set(row.key, { name: e.target.value, saved: false })}
                placeholder={text.namePlaceholder}
                autoComplete="off"
                spellCheck={false}
              />
              <input
                aria-label={text.value(i + 1)}
                type="password"
                value={row.value}
                onChange={(e) => set(row.key, { value: e.target.value })}
                placeholder={row.saved ? text.savedPlaceholder : text.valuePlaceholder}
                autoComplete="off"
                spellCheck={false}
              />
              <button
                type="button"
                aria-label={text.remove(i + 1)}
                onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="add-header" onClick={() => onChange(addRow(rows))}>
        {text.add}
      </button>
    </fieldset>
  );
}
