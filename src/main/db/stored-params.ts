// Generation parameters as stored in a `params_json` column: written as JSON, read back keeping
// only the known finite numbers, so a damaged value reads as defaults instead of failing.
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
