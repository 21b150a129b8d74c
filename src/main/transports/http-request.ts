// Sends one HTTP/1.1 request and hands back the response once its status is known to be 2xx.
// Error statuses become a ChatError with the server's own message. The request is tied to an
// AbortSignal, so aborting really closes the socket and the server sees it.
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { ChatFailure, chatError } from '../../shared/chat-error';
import { httpError, parseRetryAfter } from './http-error';
import { networkError } from './network-error';
import type { HttpRequestPlan, TransportLimits } from './types';

export async function readBody(res: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
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
    throw new ChatFailure(chatError('invalid_input', `Not a valid URL: ${plan.url}`));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ChatFailure(chatError('invalid_input', `Only http and https URLs are supported, not ${url.protocol}`));
  }
  return url;
}

export function sendHttp(
  plan: HttpRequestPlan,
  signal: AbortSignal,
  limits: TransportLimits,
): Promise<IncomingMessage> {
  const url = targetUrl(plan);
  const client = url.protocol === 'https:' ? https : http;
  const body = plan.body === undefined ? undefined : Buffer.from(plan.body, 'utf8');
  const headers: Record<string, string> = { ...plan.headers };
  if (body) headers['content-length'] = String(body.length);

  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new ChatFailure(chatError('cancelled', 'Stopped')));
      return;
    }
    const req = client.request(url, { method: plan.method, headers, signal });
    const timer = setTimeout(() => {
      req.destroy(
        new ChatFailure(
          chatError('timeout', `${url.host} did not answer within ${Math.round(limits.connectTimeoutMs / 1000)} s`),
        ),
      );
    }, limits.connectTimeoutMs);
    req.on('response', (res) => {
      clearTimeout(timer);
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        resolve(res);
        return;
      }
      const retryAfter = parseRetryAfter(headerValue(res.headers['retry-after']));
      readBody(res, limits.maxErrorBodyBytes).then(
        (text) => reject(new ChatFailure(httpError(status, res.statusMessage ?? '', text, retryAfter))),
        () => reject(new ChatFailure(httpError(status, res.statusMessage ?? '', '', retryAfter))),
      );
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(new ChatFailure(networkError(err, url.host, signal)));
    });
    req.end(body);
  });
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** A non-streaming JSON request (model lists, probes). */
export async function requestJson(
  plan: HttpRequestPlan,
  signal: AbortSignal,
  limits: TransportLimits,
): Promise<unknown> {
  const host = new URL(plan.url).host;
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
    throw new ChatFailure(chatError('protocol', `${host} answered with something that is not JSON: ${start}`));
  }
}
