// Pieces of HTTP requests that several kinds build the same way: JSON bodies with a bearer key,
// the GET that lists models, and reading model names out of a list.
import type { HttpRequestPlan } from '../transports/types';
import { isObject, str } from './json-fields';
import type { BackendTarget, ChatInput, TurnImage } from './types';

/** JSON in, a stream (or `accept`) out, and the key as a bearer token when there is one. */
export function jsonHeaders(backend: BackendTarget, accept = 'text/event-stream'): Record<string, string> {
  const h: Record<string, string> = { 'content-type': 'application/json', accept };
  if (backend.apiKey) h.authorization = `Bearer ${backend.apiKey}`;
  return h;
}

/** A GET for a model list with the same credentials as the chat request. */
export function modelListRequest(url: string, chatHeaders: Record<string, string>): HttpRequestPlan {
  const headers: Record<string, string> = { ...chatHeaders, accept: 'application/json' };
  delete headers['content-type'];
  return { method: 'GET', url, headers };
}

/** Names from `{ [listKey]: [{ [field]: name }] }` (OpenAI `data[].id`, Ollama `models[].name`); a bare array too. */
export function namesIn(body: unknown, listKey: string, fields: readonly string[]): string[] {
  const list = isObject(body) && Array.isArray(body[listKey]) ? body[listKey] : Array.isArray(body) ? body : [];
  return list
    .map((item) => (isObject(item) ? fields.map((f) => str(item, f)).find((name) => !!name) : undefined))
    .filter((name): name is string => !!name);
}

/**
 * The backend's connection settings (HTTP version, trusted certificate, custom headers, timeouts)
 * on a plan an adapter made. The transports apply them to every request of the plan.
 */
export function withConnection<P extends HttpRequestPlan>(plan: P, backend: BackendTarget): P {
  const timeouts = {
    ...(backend.connectTimeoutMs ? { connectTimeoutMs: backend.connectTimeoutMs } : {}),
    ...(backend.idleTimeoutMs ? { idleTimeoutMs: backend.idleTimeoutMs } : {}),
  };
  return {
    ...plan,
    http: backend.http,
    ...(backend.tlsCa ? { tls: { ca: backend.tlsCa } } : {}),
    ...(backend.headers && Object.keys(backend.headers).length ? { extraHeaders: { ...backend.headers } } : {}),
    ...(Object.keys(timeouts).length ? { timeouts } : {}),
  };
}

/** The turns end with the assistant's own partial answer: the request asks the model to go on with it (a prefill). */
export const continuesAnswer = (input: ChatInput): boolean => input.messages.at(-1)?.role === 'assistant';

/** An image as a `data:` URL, for APIs that take images as URLs (OpenAI chat, Responses, Realtime). */
export const dataUrl = (image: TurnImage): string => `data:${image.mime};base64,${image.base64}`;
