// The provisioning file (`--config FILE` for the web host, `runnel.config.json` in the data
// folder for the desktop app): backends to create or update on start, matched by name, so
// applying it twice changes nothing. Custom headers are written as an object of name to value
// (`"headers": { "X-Api-Key": "…" }`); they are checked like those typed in settings.
// A bad entry never stops the app: every entry is checked on its own, the valid ones apply, and
// each problem (the entry's name, the place and what is wrong) is reported for a notice.
import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { maxCustomHeaders, maxHeaderValueLength } from '../../shared/custom-headers';
import { backendDraft } from '../../shared/ipc/request-schemas';
import { ownError, sayInvalidInput } from '../../shared/ipc/invalid-input';
import { inputWords } from '../../shared/words/input-words';
import type { BackendDraft } from './backend-store';
import { parseMcpServers, type McpServerConfig } from '../tools/mcp';
import { configWords } from '../../shared/words/config-words';
import type { Said, Spoken } from '../../shared/words/define-words';

/** Header names are not plain identifiers (`X-Api-Key`), so the options' key rule does not fit; the store checks them. */
const headerObject = z
  .record(z.string(), z.string().max(maxHeaderValueLength))
  .refine(
    (h) => Object.keys(h).length <= maxCustomHeaders,
    ownError(inputWords.say('tooManyHeaders', { max: maxCustomHeaders })),
  );

/** An entry is what the settings form would send, but with headers as an object of name to value. */
const backendSchema = backendDraft.extend({ headers: headerObject.optional() });

const maxBackends = 1000;

export interface ConfigProblem {
  /** The config file. */
  file: string;
  /** The entry, by its name where it has one (`"vLLM" (backends[2])`); null for the whole file. */
  entry: string | null;
  /** What is wrong, naming the field. */
  reason: string;
  /** The reason in Runnel's words, for the UI's language (a schema's own words have none). */
  said?: Said;
}

export interface RunnelConfig {
  /** Where it was read from, to name in problems found later. */
  file?: string;
  backends?: BackendDraft[];
  /** MCP servers (`mcpServers`), applied by name like backends. */
  mcpServers?: McpServerConfig[];
  /** Entries left out, and why. */
  problems?: ConfigProblem[];
}

const problem = (file: string, entry: string | null, reason: Spoken): ConfigProblem => ({
  file,
  entry,
  reason: reason.text,
  said: reason.said,
});

/** A file entry as the draft the backend store takes (headers as a list). */
function toDraft({ headers, ...rest }: z.output<typeof backendSchema>): BackendDraft {
  return {
    ...rest,
    ...(headers ? { headers: Object.entries(headers).map(([name, value]) => ({ name, value })) } : {}),
  };
}

function entryLabel(entry: unknown, index: number): string {
  const name = typeof entry === 'object' && entry !== null ? (entry as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name.trim()
    ? `"${name.trim().slice(0, 200)}" (backends[${index}])`
    : `backends[${index}]`;
}

/** Never throws: what cannot be used is in `problems`, and everything else applies. */
export function parseRunnelConfig(text: string, source: string): RunnelConfig {
  const whole = (reason: Spoken): RunnelConfig => ({ problems: [problem(source, null, reason)] });
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (err) {
    return whole(configWords.say('notJson', { why: (err as Error).message }));
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return whole(configWords.say('notObject'));
  const problems: ConfigProblem[] = [];
  // Keys of another version or another app are named and left alone, not a reason to apply nothing.
  for (const key of Object.keys(json).filter((k) => k !== 'backends' && k !== 'mcpServers')) {
    problems.push(problem(source, key.slice(0, 100), configWords.say('unknownSetting')));
  }
  const entries = (json as { backends?: unknown }).backends;
  if (entries !== undefined && (!Array.isArray(entries) || entries.length > maxBackends)) {
    return {
      problems: [...problems, problem(source, 'backends', configWords.say('tooManyBackends', { max: maxBackends }))],
    };
  }
  const backends: BackendDraft[] = [];
  (entries ?? []).forEach((entry, index) => {
    const parsed = backendSchema.safeParse(entry);
    if (parsed.success) backends.push(toDraft(parsed.data));
    else {
      problems.push(
        problem(source, entryLabel(entry, index), sayInvalidInput(parsed.error, `backends[${index}]`, entry)),
      );
    }
  });
  // The tool servers, in the shape Claude Desktop, Cursor, LM Studio and Jan write them.
  const servers = (json as { mcpServers?: unknown }).mcpServers;
  const mcp = servers === undefined ? null : parseMcpServers(servers);
  for (const p of mcp?.problems ?? []) problems.push({ file: source, ...p });
  return {
    file: source,
    ...(entries ? { backends } : {}),
    ...(mcp ? { mcpServers: mcp.servers } : {}),
    ...(problems.length ? { problems } : {}),
  };
}

/** Reads a config file; a missing file is an empty config only when `optionalFile` is set. */
export async function readRunnelConfig(file: string, optionalFile = false): Promise<RunnelConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (optionalFile && (err as { code?: string }).code === 'ENOENT') return {};
    return { problems: [problem(file, null, configWords.say('cannotRead', { why: (err as Error).message }))] };
  }
  return parseRunnelConfig(text, file);
}
