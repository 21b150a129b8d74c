// One request as one stream on a shared HTTP/2 session. Aborting (the signal) or stopping the
// response resets only this stream with RST_STREAM(CANCEL): the server sees it cancelled while the
// other generations on the same session go on. A stream the server or a dropped connection cuts
// short throws instead of ending as if the answer were complete.
import http2, { type ClientHttp2Session, type ClientHttp2Stream, type IncomingHttpHeaders } from 'node:http2';
import { STATUS_CODES } from 'node:http';
import type { HttpResponse } from './http-response';
import { holdSession } from './http2-sessions';
import type { HttpRequestPlan } from './types';

const { NGHTTP2_CANCEL, NGHTTP2_NO_ERROR } = http2.constants;

// RFC 9113 §8.2.2: connection-specific fields are malformed in HTTP/2 (Node throws on them), and
// the host travels as :authority.
const connectionHeaders = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'host',
]);

function requestHeaders(url: URL, plan: HttpRequestPlan, body: Buffer | undefined): http2.OutgoingHttpHeaders {
  const headers: http2.OutgoingHttpHeaders = {
    ':method': plan.method,
    ':path': `${url.pathname}${url.search}`,
    ':authority': url.host,
  };
  for (const [name, value] of Object.entries(plan.headers)) {
    const lower = name.toLowerCase();
    if (connectionHeaders.has(lower) || lower.startsWith(':')) continue;
    if (lower === 'te' && value.trim().toLowerCase() !== 'trailers') continue;
    headers[lower] = value;
  }
  if (body) headers['content-length'] = String(body.length);
  return headers;
}

export function sendHttp2(
  session: ClientHttp2Session,
  url: URL,
  plan: HttpRequestPlan,
  body: Buffer | undefined,
  signal: AbortSignal,
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    let stream: ClientHttp2Stream;
    try {
      // With `signal`, Node destroys the stream with an AbortError, which it sends as RST_STREAM(CANCEL).
      stream = session.request(requestHeaders(url, plan, body), { endStream: body === undefined, signal });
    } catch (err) {
      reject(err);
      return;
    }
    holdSession(session, stream);
    let answered = false;
    stream.once('response', (headers) => {
      answered = true;
      resolve(toResponse(stream, headers));
    });
    // Stays attached for the stream's life: after the response, errors reach the reader through
    // the body iterator, and an 'error' without a listener would crash the process.
    stream.on('error', (err) => {
      if (!answered) reject(err);
    });
    stream.once('close', () => {
      if (!answered) reject(cutShort(stream));
    });
    if (body !== undefined) stream.end(body);
  });
}

function cutShort(stream: ClientHttp2Stream): Error {
  const code = stream.rstCode === NGHTTP2_CANCEL ? 'ERR_STREAM_PREMATURE_CLOSE' : 'ERR_HTTP2_STREAM_ERROR';
  return Object.assign(new Error(`HTTP/2 stream closed with error code ${stream.rstCode}`), { code });
}

function toResponse(stream: ClientHttp2Stream, raw: IncomingHttpHeaders): HttpResponse {
  const status = Number(raw[':status'] ?? 0);
  const headers: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!name.startsWith(':')) headers[name] = value;
  }
  let failure: Error | undefined;
  let stoppedByUs = false;
  // A body read to its END_STREAM needs no reset; anything else is cancelled, this stream only.
  const cancel = () => {
    if (stream.closed || stream.readableEnded) return;
    stoppedByUs = true;
    stream.close(NGHTTP2_CANCEL);
  };
  async function* body(): AsyncGenerator<Buffer> {
    let complete = false;
    try {
      // Not destroyed on an early return: a plain destroy would reset with NO_ERROR, not CANCEL.
      for await (const chunk of stream.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) yield chunk;
      complete = true;
    } finally {
      if (!complete) cancel();
    }
    if (failure) throw failure;
    // A reset or a dropped connection ends an HTTP/2 stream without an error (Node closes it with
    // CANCEL); only END_STREAM from the server (rstCode NO_ERROR) means the answer is complete.
    if (stream.rstCode !== NGHTTP2_NO_ERROR && !stoppedByUs) throw cutShort(stream);
  }
  return {
    status,
    statusText: STATUS_CODES[status] ?? '',
    httpVersion: '2.0',
    headers,
    body: body(),
    destroy: (err) => {
      if (err) failure ??= err;
      cancel();
      if (err) stream.destroy(err);
    },
  };
}
