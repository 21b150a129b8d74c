// Values stored as JSON columns, read back defensively so a damaged value reads as a default
// instead of failing: generation parameters (`params_json`: only the known finite numbers) and a
// message's error (`error_json`: only a well-formed ChatError).
import { isChatError, type ChatError } from '../../shared/chat-error';
import type { GenerationParams } from '../../shared/domain';

const paramKeys = ['temperature', 'topP', 'maxTokens', 'seed'] as const satisfies readonly (keyof GenerationParams)[];

export function readParams(text: string | null): GenerationParams {
  let value: unknown;
  try {
    value = JSON.parse(text ?? '{}') as unknown;
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const source = value as Record<string, unknown>;
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
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return null;
  }
  return isChatError(value) ? value : null;
}
