// A backend's context windows set per model, as the form types them (rows of a model name and a
// number of tokens) and as `backends:save` takes them (`contextWindows`), or the first thing wrong.
import type { Backend } from '../../../../shared/domain';
import type { ContextWindowMessages } from './context-window-messages';

export interface WindowRow {
  key: number;
  model: string;
  tokens: string;
}

export const minWindow = 256;
export const maxWindow = 100_000_000;

export function windowRowsOf(backend: Backend | null): WindowRow[] {
  return Object.entries(backend?.contextWindows ?? {}).map(([model, tokens], key) => ({
    key,
    model,
    tokens: String(tokens),
  }));
}

export function addWindowRow(rows: readonly WindowRow[]): WindowRow[] {
  return [...rows, { key: Math.max(-1, ...rows.map((r) => r.key)) + 1, model: '', tokens: '' }];
}

export type ParsedWindows = { ok: true; value: Record<string, number> } | { ok: false; message: string };

/** Blank rows are dropped; a model named twice, or a figure that is not a whole number in range, is named. */
export function parseWindowRows(rows: readonly WindowRow[], m: ContextWindowMessages): ParsedWindows {
  const value: Record<string, number> = {};
  for (const row of rows) {
    const model = row.model.trim();
    const tokens = row.tokens.trim();
    if (model === '' && tokens === '') continue;
    if (model === '') return { ok: false, message: m.needsModel };
    const n = Number(tokens);
    if (!/^\d+$/.test(tokens) || n < minWindow || n > maxWindow) {
      return { ok: false, message: m.badTokens(model, minWindow) };
    }
    if (Object.hasOwn(value, model)) return { ok: false, message: m.twice(model) };
    value[model] = n;
  }
  return { ok: true, value };
}
