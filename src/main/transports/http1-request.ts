// One HTTP/1.1 request through node:http/https, resolved when the response headers arrive. The
// signal is Node's own: aborting destroys the socket, so the server sees the client go.
import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { fromIncomingMessage, type HttpResponse } from './http-response';
import { trustedCas } from './tls-connect';
import type { HttpRequestPlan } from './types';

export interface Http1Options {
  ca?: string;
  /** A TLS connection already open (the ALPN probe chose HTTP/1.1): used for this one request. */
  socket?: TLSSocket;
}

export function sendHttp1(
  url: URL,
  plan: HttpRequestPlan,
  body: Buffer | undefined,
  signal: AbortSignal,
  options: Http1Options = {},
): Promise<HttpResponse> {
  const headers: Record<string, string> = { ...plan.headers };
  if (body) headers['content-length'] = String(body.length);
  const request: https.RequestOptions = { method: plan.method, headers, signal };
  const ca = trustedCas(options.ca);
  if (ca) request.ca = ca;
  const socket = options.socket;
  // Without an agent the request takes this socket and closes it afterwards (Connection: close).
  if (socket) request.createConnection = () => socket;
  const client = url.protocol === 'https:' ? https : http;

  return new Promise((resolve, reject) => {
    const req = client.request(url, request);
    req.on('response', (res) => resolve(fromIncomingMessage(res)));
    req.on('error', reject);
    req.end(body);
  });
}
