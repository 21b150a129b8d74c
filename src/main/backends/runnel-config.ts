// The provisioning file (`--config FILE` for the web host, `runnel.config.json` in the data
// folder for the desktop app): backends to create or update on start, matched by name, so
// applying it twice changes nothing. Custom headers are written as an object of name to value
// (`"headers": { "X-Api-Key": "…" }`); they are checked like those typed in settings.
import { readFile } from 'node:fs/promises';
import { maxCustomHeaders, maxHeaderValueLength } from '../../shared/custom-headers';
import { backendKinds, httpModes } from '../../shared/domain';
import {
  array,
  literal,
  nullable,
  number,
  object,
  optional,
  SchemaError,
  string,
  stringMap,
  type Infer,
  type Schema,
} from '../../shared/validate';
import type { BackendDraft } from './backend-store';

/** Header names are not plain identifiers (`X-Api-Key`), so stringMap's key rule does not fit; the store checks them. */
const headerObject: Schema<Record<string, string>> = (v, path = '') => {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.getPrototypeOf(v) !== Object.prototype) {
    throw new SchemaError(path, 'an object of header names to values');
  }
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length > maxCustomHeaders) throw new SchemaError(path, `at most ${maxCustomHeaders} headers`);
  const value = string({ max: maxHeaderValueLength });
  return Object.fromEntries(entries.map(([k, item]) => [k, value(item, `${path}.${k}`)]));
};

const configSchema = object({
  backends: optional(
    array(
      object({
        name: string({ min: 1, max: 200 }),
        kind: literal(backendKinds),
        baseUrl: string({ min: 1, max: 2048 }),
        apiKey: optional(nullable(string({ max: 4096 }))),
        defaultModel: optional(nullable(string({ max: 500 }))),
        http: optional(literal(httpModes)),
        tlsCa: optional(nullable(string({ max: 64 * 1024 }))),
        options: optional(stringMap()),
        headers: optional(headerObject),
        connectTimeoutMs: optional(nullable(number({ min: 1_000, max: 600_000, integer: true }))),
        idleTimeoutMs: optional(nullable(number({ min: 1_000, max: 3_600_000, integer: true }))),
        defaultParams: optional(
          object({
            temperature: optional(number({ min: 0, max: 5 })),
            topP: optional(number({ min: 0, max: 1 })),
            maxTokens: optional(number({ min: 1, max: 10_000_000, integer: true })),
            seed: optional(number({ integer: true })),
          }),
        ),
      }),
      { max: 1000 },
    ),
  ),
});

export interface RunnelConfig {
  backends?: BackendDraft[];
}

/** The file's shape as drafts the backend store takes (headers as a list). */
function toConfig(file: Infer<typeof configSchema>): RunnelConfig {
  if (!file.backends) return {};
  return {
    backends: file.backends.map(({ headers, ...rest }) => ({
      ...rest,
      ...(headers ? { headers: Object.entries(headers).map(([name, value]) => ({ name, value })) } : {}),
    })),
  };
}

export function parseRunnelConfig(text: string, source: string): RunnelConfig {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`${source} is not valid JSON: ${(err as Error).message}`);
  }
  try {
    return toConfig(configSchema(json));
  } catch (err) {
    throw new Error(`${source}: ${(err as Error).message}`);
  }
}

/** Reads a config file; a missing file is an empty config only when `optionalFile` is set. */
export async function readRunnelConfig(file: string, optionalFile = false): Promise<RunnelConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (optionalFile && (err as { code?: string }).code === 'ENOENT') return {};
    throw new Error(`Cannot read config ${file}: ${(err as Error).message}`);
  }
  return parseRunnelConfig(text, file);
}
