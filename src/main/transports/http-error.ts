// Turns an HTTP error response into a ChatError carrying the server's own words. Servers put
// them in different places: OpenAI style `{"error":{"message"}}`, `{"error":"..."}` (Ollama,
// llama.cpp), `{"detail": ...}` (FastAPI based servers), `{"message"}`, or plain text.
import { chatError, codeForStatus, type ChatError } from '../../shared/chat-error';

function messageFromJson(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return null;
  const o = value as Record<string, unknown>;
  for (const key of ['error', 'message', 'detail', 'msg']) {
    const inner = o[key];
    if (typeof inner === 'string' && inner.trim()) return inner;
    if (Array.isArray(inner)) {
      const parts = inner.map(messageFromJson).filter((s): s is string => !!s);
      if (parts.length) return parts.join('; ');
    }
    if (typeof inner === 'object' && inner !== null) {
      const nested = messageFromJson(inner);
      if (nested) return nested;
    }
  }
  return null;
}

/** Extracts a human message from any error body: JSON in one of the usual shapes, or text. */
export function serverMessage(body: string): string | null {
  const trimmed = body.trim();
  if (!trimmed) return null;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    const found = messageFromJson(parsed);
    if (found) return found;
  } catch {
    // not JSON: fall through to text
  }
  if (/^\s*<(!doctype|html)/i.test(trimmed)) return null; // an HTML error page says nothing useful
  return trimmed.length > 500 ? `${trimmed.slice(0, 500)}…` : trimmed;
}

export function httpError(status: number, statusText: string, body: string, retryAfterMs?: number): ChatError {
  const message = serverMessage(body) ?? `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  const error = chatError(codeForStatus(status), message, { status });
  return retryAfterMs === undefined ? error : { ...error, retryAfterMs };
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
