// Sends one HTTP request (HTTP/1.1 or HTTP/2, see http-route.ts) and hands back the response once
// its status is known to be 2xx. Error statuses become a ChatError with the server's own message.
// The request is tied to an AbortSignal, so aborting really closes the socket (HTTP/1.1) or resets
// the stream (HTTP/2), and the server sees it.
import { ChatFailure, chatError } from '../../shared/chat-error';
import { httpError, parseRetryAfter } from './http-error';
import { headerValue, type HttpResponse } from './http-response';
import { routeRequest } from './http-route';
import { networkError } from './network-error';
import { limitsFor, requestHeaders, type HttpRequestPlan, type TransportLimits } from './types';
import { transportWords } from '../../shared/words/transport-words';

export type { HttpResponse } from './http-response';
export { closeHttpConnections } from './http-route';

export async function readBody(res: HttpResponse, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += chunk.length;
    if (size > maxBytes) {
      chunks.push(chunk.subarray(0, Math.max(0, maxBytes - (size - chunk.length))));
      res.destroy();
      break;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function targetUrl(plan: HttpRequestPlan): URL {
  let url: URL;
  try {
    url = new URL(plan.url);
  } catch {
    throw new ChatFailure(chatError('invalid_input', transportWords.say('badUrl', { url: plan.url })));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ChatFailure(chatError('invalid_input', transportWords.say('notHttp', { scheme: url.protocol })));
  }
  return url;
}

export async function sendHttp(
  plan: HttpRequestPlan,
  signal: AbortSignal,
  limits: TransportLimits,
): Promise<HttpResponse> {
  const url = targetUrl(plan);
  if (signal.aborted) throw new ChatFailure(chatError('cancelled', transportWords.say('stopped')));
  const body = plan.body === undefined ? undefined : Buffer.from(plan.body, 'utf8');

  // The connect timeout covers everything up to the response headers: connecting, the TLS and
  // ALPN handshake, and a server still loading its model. It aborts the request like Stop does.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), limits.connectTimeoutMs);
  let res: HttpResponse;
  try {
    const sent = plan.extraHeaders ? { ...plan, headers: requestHeaders(plan) } : plan;
    res = await routeRequest(url, sent, body, AbortSignal.any([signal, deadline.signal]), limits);
  } catch (err) {
    if (deadline.signal.aborted && !signal.aborted) {
      const seconds = Math.round(limits.connectTimeoutMs / 1000);
      throw new ChatFailure(chatError('timeout', transportWords.say('noAnswerWithin', { host: url.host, seconds })));
    }
    throw new ChatFailure(networkError(err, url.host, signal));
  } finally {
    clearTimeout(timer);
  }

  if (res.status >= 200 && res.status < 300) return res;
  const retryAfter = parseRetryAfter(headerValue(res, 'retry-after'));
  let text = '';
  try {
    text = await readBody(res, limits.maxErrorBodyBytes);
  } catch {
    // the status alone still says what went wrong
  }
  throw new ChatFailure(httpError(res.status, res.statusText, text, retryAfter));
}

/** A non-streaming JSON request (model lists, probes). */
export async function requestJson(
  plan: HttpRequestPlan,
  signal: AbortSignal,
  limits: TransportLimits,
): Promise<unknown> {
  const host = new URL(plan.url).host;
  limits = limitsFor(plan, limits);
  const res = await sendHttp(plan, signal, limits);
  let text: string;
  try {
    text = await readBody(res, limits.maxEventBytes);
  } catch (err) {
    throw new ChatFailure(networkError(err, host, signal));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const start = text.trim().slice(0, 80);
    throw new ChatFailure(chatError('protocol', transportWords.say('notJson', { host, start })));
  }
}
