// The backend form's extra fields as typed (header rows, timeouts in seconds, default parameters as
// text) turned into what `backends:save` takes, or the first thing wrong with them in the user's
// language. Main checks the same rules again; this only says so before a round trip.
import { headerListProblem, type HeaderDraft } from '../../../../shared/custom-headers';
import type { Backend, GenerationParams } from '../../../../shared/domain';
import { savedRows, type ValueRow } from '../../components/value-rows';
import type { BackendFormMessages } from './backend-form-messages';

/** One header row; `saved` when its value is stored in main (an empty value field keeps it). */
export type HeaderRow = ValueRow;

export interface ExtraFields {
  headers: HeaderRow[];
  connectTimeout: string;
  idleTimeout: string;
  temperature: string;
  topP: string;
  maxTokens: string;
  seed: string;
}

export interface Extras {
  headers: HeaderDraft[];
  connectTimeoutMs: number | null;
  idleTimeoutMs: number | null;
  defaultParams: GenerationParams;
}

export const maxConnectTimeoutS = 600;
export const maxIdleTimeoutS = 3600;

const text = (n: number | null | undefined): string => (n === null || n === undefined ? '' : String(n));

export function extraFieldsOf(backend: Backend | null): ExtraFields {
  return {
    headers: savedRows(backend?.headerNames ?? []),
    connectTimeout: backend?.connectTimeoutMs ? text(backend.connectTimeoutMs / 1000) : '',
    idleTimeout: backend?.idleTimeoutMs ? text(backend.idleTimeoutMs / 1000) : '',
    temperature: text(backend?.defaultParams.temperature),
    topP: text(backend?.defaultParams.topP),
    maxTokens: text(backend?.defaultParams.maxTokens),
    seed: text(backend?.defaultParams.seed),
  };
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Empty is unset; otherwise a finite number within the bounds (whole when asked). */
function parseNumber(
  raw: string,
  opts: { min?: number; max?: number; integer?: boolean },
): { ok: true; value: number | undefined } | { ok: false } {
  const trimmed = raw.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false };
  if (opts.integer && !Number.isInteger(value)) return { ok: false };
  if (opts.min !== undefined && value < opts.min) return { ok: false };
  if (opts.max !== undefined && value > opts.max) return { ok: false };
  return { ok: true, value };
}

export function parseExtras(fields: ExtraFields, m: BackendFormMessages): Parsed<Extras> {
  // A saved header keeps its value when the field is left empty; a new one needs a value.
  const headers: HeaderDraft[] = [];
  for (const row of fields.headers) {
    const name = row.name.trim();
    if (name === '' && row.value.trim() === '') continue; // a row added and left blank
    if (row.value === '' && row.saved) headers.push({ name });
    else if (row.value.trim() === '' && name !== '') return { ok: false, message: m.headerNeedsValue(name) };
    else headers.push({ name, value: row.value.trim() });
  }
  const problem = headerListProblem(headers);
  if (problem) return { ok: false, message: m.headerProblem(problem) };

  const connect = parseNumber(fields.connectTimeout, { min: 1, max: maxConnectTimeoutS, integer: true });
  if (!connect.ok) return { ok: false, message: m.timeoutRange(m.connectTimeout, maxConnectTimeoutS) };
  const idle = parseNumber(fields.idleTimeout, { min: 1, max: maxIdleTimeoutS, integer: true });
  if (!idle.ok) return { ok: false, message: m.timeoutRange(m.idleTimeout, maxIdleTimeoutS) };

  const temperature = parseNumber(fields.temperature, { min: 0, max: 5 });
  if (!temperature.ok) return { ok: false, message: m.paramRange(m.temperature, m.numberFrom(0, 5)) };
  const topP = parseNumber(fields.topP, { min: 0, max: 1 });
  if (!topP.ok) return { ok: false, message: m.paramRange(m.topP, m.numberFrom(0, 1)) };
  const maxTokens = parseNumber(fields.maxTokens, { min: 1, max: 10_000_000, integer: true });
  if (!maxTokens.ok) return { ok: false, message: m.paramRange(m.maxTokens, m.wholeNumberFrom(1)) };
  const seed = parseNumber(fields.seed, { integer: true });
  if (!seed.ok) return { ok: false, message: m.paramRange(m.seed, m.wholeNumber) };

  const defaultParams: GenerationParams = {};
  if (temperature.value !== undefined) defaultParams.temperature = temperature.value;
  if (topP.value !== undefined) defaultParams.topP = topP.value;
  if (maxTokens.value !== undefined) defaultParams.maxTokens = maxTokens.value;
  if (seed.value !== undefined) defaultParams.seed = seed.value;

  return {
    ok: true,
    value: {
      headers,
      connectTimeoutMs: connect.value === undefined ? null : connect.value * 1000,
      idleTimeoutMs: idle.value === undefined ? null : idle.value * 1000,
      defaultParams,
    },
  };
}
