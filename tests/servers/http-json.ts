// JSON responses and OpenAI-style error bodies shared by the fake servers.
import type { ServerResponse } from 'node:http';

export interface OpenAiErrorBody {
  error: { message: string; type: string; code: number; param?: string };
}

export function openAiError(message: string, type: string, code: number, param?: string): OpenAiErrorBody {
  return { error: param === undefined ? { message, type, code } : { message, type, param, code } };
}

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
