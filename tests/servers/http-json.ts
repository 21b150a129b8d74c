// JSON in and out for the fake servers: reading request bodies, answering with JSON or plain
// text, and the OpenAI-style error bodies, key check and model list that two fakes share.
import type { ServerResponse } from 'node:http';

export interface OpenAiErrorBody {
  error: { message: string; type: string; code: number; param?: string };
}

export function openAiError(message: string, type: string, code: number, param?: string): OpenAiErrorBody {
  return { error: param === undefined ? { message, type, code } : { message, type, param, code } };
}

/** The 401 body an OpenAI-compatible server sends when the bearer token is not `apiKey`; undefined when it is (or none is needed). */
export function openAiKeyRefusal(
  headers: Record<string, string>,
  apiKey: string | undefined,
): OpenAiErrorBody | undefined {
  if (apiKey === undefined || headers['authorization'] === `Bearer ${apiKey}`) return undefined;
  const message = headers['authorization'] ? 'Incorrect API key provided.' : 'Missing API key.';
  return openAiError(message, 'authentication_error', 401);
}

/** GET /v1/models as OpenAI-compatible servers answer it. */
export const openAiModelList = (models: readonly { id: string }[], created: number) => ({
  object: 'list',
  data: models.map((m) => ({ id: m.id, object: 'model', created, owned_by: 'fake' })),
});

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** The parsed body, or null when it is empty or not JSON. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export const asRecord = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** String content as is; an array of content parts (`{type:'text'|'input_text', text}`) joined, other parts ignored. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => asRecord(part)?.['text'])
    .filter((t) => typeof t === 'string')
    .join('');
}
