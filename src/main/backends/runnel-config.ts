// The provisioning file (`--config FILE` for the web host, `runnel.config.json` in the data
// folder for the desktop app): backends to create or update on start, matched by name, so
// applying it twice changes nothing.
import { readFile } from 'node:fs/promises';
import { backendKinds, httpModes } from '../../shared/domain';
import { array, literal, nullable, object, optional, string, stringMap, type Infer } from '../../shared/validate';

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
      }),
      { max: 1000 },
    ),
  ),
});

export type RunnelConfig = Infer<typeof configSchema>;

export function parseRunnelConfig(text: string, source: string): RunnelConfig {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`${source} is not valid JSON: ${(err as Error).message}`);
  }
  try {
    return configSchema(json);
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
