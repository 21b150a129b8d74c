// Real node:http2 / https / http servers on 127.0.0.1 that count sessions and record how each stream
// closed, plus the client side that drives the real openStream with an SSE plan, for the HTTP/2 tests.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import type net from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterEach } from 'vitest';
import { ChatFailure, type ChatError } from '../../src/shared/chat-error';
import type { HttpMode } from '../../src/shared/domain';
import { closeHttpConnections } from '../../src/main/transports/http-request';
import { openStream } from '../../src/main/transports/open-stream';
import { defaultLimits, type StreamPlan, type TransportLimits } from '../../src/main/transports/types';

const tlsDir = join(import.meta.dirname, '../fixtures/tls');
export const cert = readFileSync(join(tlsDir, 'localhost.cert.pem'), 'utf8');
const key = readFileSync(join(tlsDir, 'localhost.key.pem'), 'utf8');
export const { NGHTTP2_CANCEL, NGHTTP2_NO_ERROR } = http2.constants;

export const limits: TransportLimits = { ...defaultLimits, connectTimeoutMs: 5_000, idleTimeoutMs: 5_000 };
// Multi-byte characters of every UTF-8 length, to be cut byte by byte.
export const utf8Text = 'héllo — 世界 🎉 ok';

// ---------------------------------------------------------------------------------------------
// Servers

export interface Seen {
  /** Sessions (HTTP/2) the server accepted. */
  sessions: number;
  /** HTTP version of each request, in arrival order. */
  versions: string[];
  /** How each stream ended on the server, by request id. */
  closed: Map<string, { rstCode: number; complete: boolean }>;
  /** Most streams open at once (HTTP/2 stream API servers). */
  peak: number;
  /** ALPN of each TLS connection (false: the client offered none). */
  alpn: (string | false | null)[];
}

export interface TestServer {
  origin: string;
  seen: Seen;
  close(): Promise<void>;
}

const servers: TestServer[] = [];

/** Registers an afterEach that drops the transport's pooled connections and closes every server started. */
export function closeServersAfterEach(): void {
  afterEach(async () => {
    closeHttpConnections();
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sseFrame = (data: string) => `data: ${data}\n\n`;

/** The route table every server speaks, written against a minimal response so both APIs share it. */
interface Writer {
  head(status: number, headers: Record<string, string>): void;
  write(chunk: string | Buffer): void;
  end(chunk?: string): void;
  gone(): boolean;
  /** HTTP/2 only: the server resets the stream or drops the whole connection. */
  reset?(): void;
  dropConnection?(): void;
  goaway?(): void;
}

async function answer(url: URL, w: Writer): Promise<void> {
  const n = Number(url.searchParams.get('n') ?? 5);
  const delay = Number(url.searchParams.get('delay') ?? 1);
  const sse = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
  switch (url.pathname) {
    case '/sse':
    case '/goaway':
    case '/reset':
    case '/drop':
    case '/silent':
      w.head(200, sse);
      for (let i = 0; i < n && !w.gone(); i++) {
        w.write(sseFrame(JSON.stringify({ i })));
        await sleep(delay);
        if (i === 1 && url.pathname === '/reset') return w.reset?.();
        if (i === 1 && url.pathname === '/drop') return w.dropConnection?.();
        if (i === 1 && url.pathname === '/silent') return; // headers and two frames, then nothing
      }
      if (w.gone()) return;
      if (url.pathname === '/goaway') w.goaway?.();
      w.end(sseFrame('[DONE]'));
      return;
    case '/utf8': {
      w.head(200, sse);
      // One byte per DATA frame, with a pause so they are not coalesced: every multi-byte
      // character arrives split.
      const bytes = Buffer.from(sseFrame(JSON.stringify({ text: utf8Text })) + sseFrame('[DONE]'), 'utf8');
      for (const byte of bytes) {
        w.write(Buffer.from([byte]));
        await sleep(1);
      }
      w.end();
      return;
    }
    case '/error':
      w.head(500, { 'content-type': 'application/json' });
      w.end(JSON.stringify({ error: { message: 'CUDA out of memory while loading the model', type: 'server_error' } }));
      return;
    case '/busy':
      w.head(503, { 'content-type': 'application/json', 'retry-after': '7' });
      w.end(JSON.stringify({ error: 'Loading model' }));
      return;
    default:
      w.head(404, { 'content-type': 'text/plain' });
      w.end('no such route');
  }
}

export function newSeen(): Seen {
  return { sessions: 0, versions: [], closed: new Map(), alpn: [], peak: 0 };
}

export function listen(
  server: net.Server,
  scheme: 'http' | 'https',
  seen: Seen,
  close: () => void,
): Promise<TestServer> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const s: TestServer = {
        origin: `${scheme}://127.0.0.1:${port}`,
        seen,
        close: () =>
          new Promise((done) => {
            close();
            server.close(() => done());
          }),
      };
      servers.push(s);
      resolve(s);
    });
  });
}

/** An HTTP/2 server (h2c, or h2 over TLS when `tls`) on the core stream API, to see RST_STREAM codes. */
export function startH2Server(tls: boolean, settings: http2.Settings = {}): Promise<TestServer> {
  const seen = newSeen();
  const server = tls ? http2.createSecureServer({ key, cert, settings }) : http2.createServer({ settings });
  const sessions = new Set<http2.ServerHttp2Session>();
  // The raw TCP connections: a session's own socket refuses to be destroyed directly.
  const connections = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });
  server.on('session', (session) => {
    seen.sessions += 1;
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  server.on('secureConnection', (socket: TLSSocket) => seen.alpn.push(socket.alpnProtocol));
  let open = 0;
  server.on('stream', (stream, headers) => {
    const url = new URL(String(headers[':path']), 'http://x');
    const id = url.searchParams.get('id') ?? String(seen.versions.length);
    seen.versions.push('2.0');
    let complete = false;
    stream.on('error', () => undefined); // a cancelled stream may error on write; the close code says it all
    open += 1;
    seen.peak = Math.max(seen.peak, open);
    stream.on('close', () => {
      open -= 1;
      seen.closed.set(id, { rstCode: stream.rstCode, complete });
    });
    void answer(url, {
      head: (status, h) => stream.respond({ ':status': status, ...h }),
      write: (chunk) => stream.write(chunk),
      end: (chunk) => {
        complete = true; // the server wrote the whole answer (Node also ends a reset stream's writable side)
        stream.end(chunk);
      },
      gone: () => stream.closed || stream.destroyed,
      // Not stream.close(code): Node sends END_STREAM before that RST_STREAM, a clean end.
      reset: () => stream.destroy(new Error('the server gave up on this stream')),
      dropConnection: () => connections.forEach((socket) => socket.destroy()),
      goaway: () => stream.session?.close(),
    });
  });
  return listen(server, tls ? 'https' : 'http', seen, () => {
    for (const s of sessions) s.destroy();
  });
}

/** A server on the compatibility API: h2 + HTTP/1.1 over TLS (`allowHTTP1`), https HTTP/1.1 only, or plain http. */
export function startCompatServer(kind: 'h2-and-h1' | 'h1-only' | 'h1-plain'): Promise<TestServer> {
  const seen = newSeen();
  const handler = (req: http.IncomingMessage | http2.Http2ServerRequest, res: Http1Or2Response) => {
    seen.versions.push(req.httpVersion);
    void answer(new URL(req.url ?? '/', 'http://x'), {
      head: (status, h) => res.writeHead(status, h),
      write: (chunk) => res.write(chunk),
      end: (chunk) => (chunk === undefined ? res.end() : res.end(chunk)),
      gone: () => res.destroyed || res.writableEnded,
    });
  };
  const server =
    kind === 'h2-and-h1'
      ? http2.createSecureServer({ key, cert, allowHTTP1: true }, handler)
      : kind === 'h1-only'
        ? https.createServer({ key, cert }, handler)
        : http.createServer(handler);
  server.on('session', () => (seen.sessions += 1));
  server.on('secureConnection', (socket: TLSSocket) => seen.alpn.push(socket.alpnProtocol));
  return listen(server, kind === 'h1-plain' ? 'http' : 'https', seen, () => {
    if (server instanceof http.Server) server.closeAllConnections();
  });
}
type Http1Or2Response = {
  writeHead(status: number, headers: Record<string, string>): unknown;
  write(chunk: string | Buffer): unknown;
  end(): unknown;
  end(chunk: string): unknown;
  destroyed: boolean;
  writableEnded: boolean;
};

// ---------------------------------------------------------------------------------------------
// Client side: the real transport entry point

export interface Outcome {
  data: string[];
  error?: ChatError;
}

export function plan(origin: string, path: string, http: HttpMode, ca?: string): StreamPlan {
  return {
    method: 'POST',
    url: `${origin}${path}`,
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ model: 'test', stream: true }),
    framing: 'sse',
    http,
    ...(ca ? { tls: { ca } } : {}),
  };
}

export async function run(
  p: StreamPlan,
  signal: AbortSignal = new AbortController().signal,
  onFrame?: (data: string) => void,
  lim: TransportLimits = limits,
): Promise<Outcome> {
  const data: string[] = [];
  try {
    for await (const frame of openStream(p, signal, lim)) {
      if (frame.framing !== 'sse') throw new Error('expected SSE frames');
      data.push(frame.data);
      onFrame?.(frame.data);
    }
    return { data };
  } catch (err) {
    if (err instanceof ChatFailure) return { data, error: err.detail };
    throw err;
  }
}

export const frames = (n: number) => [...Array.from({ length: n }, (_, i) => JSON.stringify({ i })), '[DONE]'];
