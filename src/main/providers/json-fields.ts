// Guards for reading fields out of parsed JSON from a server, which is untrusted input.
export type JsonObject = Record<string, unknown>;

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export const str = (o: JsonObject | undefined, key: string): string | undefined => {
  const v = o?.[key];
  return typeof v === 'string' ? v : undefined;
};

export const num = (o: JsonObject | undefined, key: string): number | undefined => {
  const v = o?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

export const obj = (o: JsonObject | undefined, key: string): JsonObject | undefined => {
  const v = o?.[key];
  return isObject(v) ? v : undefined;
};

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export const excerpt = (text: string, max = 120): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/** Joins a base URL and a path with exactly one slash between them. */
export const joinUrl = (base: string, path: string): string =>
  `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
