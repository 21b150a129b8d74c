// Values stored as JSON columns, read back defensively so a damaged or hand-edited value reads as
// a default instead of failing: generation parameters (`params_json`: only the known finite
// numbers), a message's error (`error_json`: only a well-formed ChatError) and a backend's
// options (`options_json`: only string values).
import type { BackendOptions } from '../../shared/backend-options';
import { isChatError, type ChatError } from '../../shared/chat-error';
import type { GenerationParams } from '../../shared/domain';

/** The parsed value, or undefined when the text is missing or not JSON. */
function parsed(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const paramKeys = ['temperature', 'topP', 'maxTokens', 'seed'] as const satisfies readonly (keyof GenerationParams)[];

export function readParams(text: string | null): GenerationParams {
  const source = parsed(text);
  if (!isRecord(source)) return {};
  const params: GenerationParams = {};
  for (const key of paramKeys) {
    const v = source[key];
    if (typeof v === 'number' && Number.isFinite(v)) params[key] = v;
  }
  return params;
}

/** Only the known keys, so nothing else the caller's object carries is stored. */
export function writeParams(params: GenerationParams): string {
  const out: GenerationParams = {};
  for (const key of paramKeys) {
    const v = params[key];
    if (v !== undefined) out[key] = v;
  }
  return JSON.stringify(out);
}

/** A stored error that no longer parses or no longer fits ChatError reads as no error. */
export function readError(text: string | null): ChatError | null {
  const value = parsed(text);
  return isChatError(value) ? value : null;
}

export function readOptions(text: string): BackendOptions {
  const value = parsed(text);
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** A list of strings (an MCP server's arguments); anything else in it, or no list, reads as none. */
export function readStringList(text: string | null): string[] {
  const source = parsed(text);
  return Array.isArray(source) ? source.filter((v): v is string => typeof v === 'string') : [];
}
