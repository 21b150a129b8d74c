// The tool server form as typed (arguments as lines, the time limit in seconds, env and header rows
// whose saved values are never shown) turned into what `tools:save-server` takes, or the first thing
// wrong with it in the user's language. Main checks the same rules again; this says so sooner.
import { headerListProblem, type HeaderProblem } from '../../../../shared/custom-headers';
import type { RequestInput } from '../../../../shared/ipc/contract';
import type { ToolServerView } from '../../../../shared/tools';
import { savedRows, type ValueRow } from '../../components/value-rows';
import type { ToolsMessages } from './tools-messages';

export type ToolServerDraft = RequestInput<'tools:save-server'>['server'];

export interface ServerFields {
  name: string;
  transport: 'stdio' | 'http';
  command: string;
  /** One argument per line. */
  args: string;
  cwd: string;
  env: ValueRow[];
  url: string;
  headers: ValueRow[];
  /** Seconds, as typed. */
  timeLimit: string;
  approval: 'ask' | 'allow-all';
}

export const maxTimeLimitS = 24 * 3600;

export function fieldsOf(server: ToolServerView | null): ServerFields {
  return {
    name: server?.name ?? '',
    transport: server?.transport ?? 'stdio',
    command: server?.command ?? '',
    args: server?.args.join('\n') ?? '',
    cwd: server?.cwd ?? '',
    env: savedRows(server?.envNames ?? []),
    url: server?.url ?? '',
    headers: savedRows(server?.headerNames ?? []),
    timeLimit: server?.callTimeoutMs ? String(server.callTimeoutMs / 1000) : '',
    approval: server?.approval ?? 'ask',
  };
}

/** Each non-empty line, trimmed: a blank line between arguments is a slip, not an argument. */
export const argsOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const variableName = /^[A-Za-z_][A-Za-z0-9_]{0,255}$/;

/**
 * Rows as main takes them: a saved row left empty keeps its value (no value sent); a blank row is
 * dropped; a new name with no value is an empty variable (env) or a mistake (headers, which the
 * caller's `check` says).
 */
function rowsOf(rows: readonly ValueRow[]): { name: string; value?: string }[] {
  return rows.flatMap((row) => {
    const name = row.name.trim();
    if (name === '' && row.value === '') return [];
    return row.saved && row.value === '' ? [{ name }] : [{ name, value: row.value }];
  });
}

function envProblem(rows: { name: string }[], m: ToolsMessages): string | null {
  const seen = new Set<string>();
  for (const { name } of rows) {
    if (!variableName.test(name)) return m.badVariable(name);
    if (seen.has(name)) return m.variableTwice(name);
    seen.add(name);
  }
  return null;
}

export function draftOf(
  fields: ServerFields,
  enabled: boolean,
  m: ToolsMessages,
  headerProblem: (p: HeaderProblem) => string,
): Parsed<ToolServerDraft> {
  const name = fields.name.trim();
  if (!name) return { ok: false, message: m.needsName };
  const stdio = fields.transport === 'stdio';
  if (stdio && !fields.command.trim()) return { ok: false, message: m.needsCommand };
  const url = fields.url.trim();
  if (!stdio && !url) return { ok: false, message: m.needsUrl };
  if (!stdio && !/^https?:\/\/[^/]/i.test(url)) return { ok: false, message: m.badUrl };

  // Only the shown type's list is checked and kept: the other type's values would never be used.
  const env = stdio ? rowsOf(fields.env) : [];
  const envWrong = envProblem(env, m);
  if (envWrong) return { ok: false, message: envWrong };
  const headers = stdio
    ? []
    : rowsOf(fields.headers).map((h) => (h.value === undefined ? h : { ...h, value: h.value.trim() }));
  const noValue = headers.find((h) => h.value === '');
  if (noValue) return { ok: false, message: m.needsValue(noValue.name) };
  const headerWrong = headerListProblem(headers);
  if (headerWrong) return { ok: false, message: headerProblem(headerWrong) };

  const limit = fields.timeLimit.trim();
  const seconds = limit === '' ? null : Number(limit);
  if (seconds !== null && (!Number.isInteger(seconds) || seconds < 1 || seconds > maxTimeLimitS)) {
    return { ok: false, message: m.badTimeLimit };
  }

  return {
    ok: true,
    value: {
      name,
      enabled,
      transport: fields.transport,
      command: stdio ? fields.command.trim() : null,
      args: stdio ? argsOf(fields.args) : [],
      cwd: stdio ? fields.cwd.trim() || null : null,
      url: stdio ? null : url,
      // The whole list goes: a row removed is a value forgotten.
      env,
      headers,
      callTimeoutMs: seconds === null ? null : seconds * 1000,
      approval: fields.approval,
    },
  };
}

/** What a list entry sends to turn a server on or off: everything as it is (env and headers kept). */
export function toggledDraft(server: ToolServerView, enabled: boolean): ToolServerDraft {
  return {
    name: server.name,
    enabled,
    transport: server.transport,
    command: server.command,
    args: server.args,
    cwd: server.cwd,
    url: server.url,
    callTimeoutMs: server.callTimeoutMs,
    approval: server.approval,
  };
}
