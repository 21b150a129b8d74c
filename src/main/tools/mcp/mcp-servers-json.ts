// The `mcpServers` object of Claude Desktop, Cursor, LM Studio and Jan read into McpServerConfigs,
// each entry on its own: a problem per bad one (name, field, what is wrong; never a secret value).
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { ownIssue, sayInvalidInput } from '../../../shared/ipc/invalid-input';
import {
  argsSchema,
  callTimeoutSchema,
  envSchema,
  headersSchema,
  httpUrlSchema,
  type McpServerConfig,
} from './server-config';
import { configWords } from '../../../shared/words/config-words';
import type { Said, Spoken } from '../../../shared/words/define-words';

export interface McpConfigProblem {
  /** The entry by its name (`"github" (mcpServers.github)`); null for the whole object. */
  entry: string | null;
  /** What is wrong, naming the field. */
  reason: string;
  /** The reason in Runnel's words, for the UI's language (a schema's own words have none). */
  said?: Said;
}

const problem = (entry: string | null, reason: Spoken): McpConfigProblem => ({
  entry,
  reason: reason.text,
  said: reason.said,
});

export interface ParsedMcpServers {
  servers: McpServerConfig[];
  problems: McpConfigProblem[];
}

const maxServers = 200;

const entrySchema = z
  .object({
    // "sse" and "streamable-http" are both HTTP here: Streamable HTTP is tried first, then HTTP+SSE.
    type: z.enum(['stdio', 'http', 'sse', 'streamable-http', 'streamableHttp']).optional(),
    command: z.string().trim().min(1).max(4096).optional(),
    args: argsSchema.optional(),
    env: envSchema.optional(),
    cwd: z.string().min(1).max(4096).optional(),
    url: httpUrlSchema.optional(),
    /** Windsurf's name for `url`. */
    serverUrl: httpUrlSchema.optional(),
    headers: headersSchema.optional(),
    enabled: z.boolean().optional(),
    /** Cursor's and Cline's way to keep an entry but not start it. */
    disabled: z.boolean().optional(),
    callTimeoutMs: callTimeoutSchema.optional(),
    approval: z.enum(['ask', 'allow-all']).optional(),
  })
  .superRefine((e, ctx) => {
    const url = e.url ?? e.serverUrl;
    const kind = e.type === undefined ? undefined : e.type === 'stdio' ? 'stdio' : 'http';
    const issue = (path: string, words: Spoken) => ctx.addIssue(ownIssue(words, [path]));
    if (kind === 'stdio' && !e.command) issue('command', configWords.say('requiredForType', { type: 'stdio' }));
    else if (kind === 'http' && !url) issue('url', configWords.say('requiredForType', { type: e.type ?? 'http' }));
    else if (kind === undefined && e.command && url) issue('url', configWords.say('commandAndUrl'));
    else if (kind === undefined && !e.command && !url) issue('command', configWords.say('commandOrUrl'));
    else if ((kind ?? (e.command ? 'stdio' : 'http')) === 'stdio') {
      if (url) issue('url', configWords.say('notForStdio'));
      if (e.headers) issue('headers', configWords.say('notForStdio'));
    } else {
      if (e.command) issue('command', configWords.say('notForHttp'));
      for (const k of ['args', 'env', 'cwd'] as const) if (e[k] !== undefined) issue(k, configWords.say('notForHttp'));
    }
  });

const knownFields = new Set(Object.keys(entrySchema.shape));

/** The same name gives the same id, so applying a config twice changes nothing. */
export function mcpServerIdFor(name: string): string {
  return `mcp-${createHash('sha256').update(name).digest('hex').slice(0, 16)}`;
}

function toConfig(name: string, e: z.output<typeof entrySchema>): McpServerConfig {
  const url = e.url ?? e.serverUrl;
  const transport: McpServerConfig['transport'] =
    e.command && !url
      ? {
          type: 'stdio',
          command: e.command,
          args: e.args ?? [],
          env: e.env ?? {},
          ...(e.cwd ? { cwd: e.cwd } : {}),
        }
      : { type: 'http', url: url ?? '', headers: e.headers ?? {} };
  return {
    id: mcpServerIdFor(name),
    name,
    enabled: e.enabled ?? !(e.disabled ?? false),
    transport,
    ...(e.callTimeoutMs !== undefined ? { callTimeoutMs: e.callTimeoutMs } : {}),
    ...(e.approval ? { approval: e.approval } : {}),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the value of an `mcpServers` key (an object of name to entry). Never throws. */
export function parseMcpServers(value: unknown, at = 'mcpServers'): ParsedMcpServers {
  if (!isObject(value))
    return { servers: [], problems: [problem(null, configWords.say('placeNotObject', { place: at }))] };
  const entries = Object.entries(value);
  if (entries.length > maxServers) {
    return {
      servers: [],
      problems: [problem(null, configWords.say('tooManyServers', { place: at, max: maxServers }))],
    };
  }
  const servers: McpServerConfig[] = [];
  const problems: McpConfigProblem[] = [];
  for (const [key, entry] of entries) {
    const name = key.trim();
    const place = `${at}.${key.slice(0, 200)}`;
    const label = `"${name.slice(0, 200)}" (${place})`;
    if (!name || name.length > 200) {
      problems.push(problem(place, configWords.say('nameNeeded', { place })));
      continue;
    }
    if (!isObject(entry)) {
      problems.push(problem(label, configWords.say('placeNotObject', { place })));
      continue;
    }
    const parsed = entrySchema.safeParse(entry);
    if (!parsed.success) {
      problems.push(problem(label, sayInvalidInput(parsed.error, place, entry)));
      continue;
    }
    servers.push(toConfig(name, parsed.data));
    // Fields of other apps (autoApprove, timeout…) are named, so no one believes they apply here.
    for (const field of Object.keys(entry).filter((k) => !knownFields.has(k))) {
      problems.push(problem(label, configWords.say('unknownField', { place: `${place}.${field.slice(0, 60)}` })));
    }
  }
  return { servers, problems };
}

/**
 * Reads pasted text: `{"mcpServers": {…}}` as the apps write it, VS Code's `{"servers": {…}}`, or
 * the inner object alone.
 */
export function parseMcpServersText(text: string): ParsedMcpServers {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (err) {
    // V8 quotes the text around the fault, which may hold a secret: only its own words are kept.
    const why = (err as Error).message.replace(/,?\s*".*$/s, '');
    return { servers: [], problems: [problem(null, configWords.say('notJson', { why }))] };
  }
  if (!isObject(json)) return { servers: [], problems: [problem(null, configWords.say('notObject'))] };
  if (isObject(json.mcpServers)) return parseMcpServers(json.mcpServers);
  if (isObject(json.servers)) return parseMcpServers(json.servers, 'servers');
  return parseMcpServers(json, 'mcpServers');
}
