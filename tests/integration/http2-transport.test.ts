// The transport over HTTP/2 end to end: openStream with an SSE plan against real node:http2 servers
// on 127.0.0.1 (h2c by prior knowledge, h2 over TLS with the self-signed cert of tests/fixtures/tls),
// plus an HTTP/1.1-only https server for the ALPN fallback. Servers count sessions and record how
// each stream closed, so multiplexing and per-stream cancellation are checked from the server side.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatFailure, type ChatError } from '../../src/shared/chat-error';
import type { HttpMode } from '../../src/shared/domain';
import { closeHttpConnections } from '../../src/main/transports/http-request';
import { openStream } from '../../src/main/transports/open-stream';
import { defaultLimits, type StreamPlan, type TransportLimits } from '../../src/main/transports/types';
import { refusedOrigin } from '../support/refused-port';

const tlsDir = join(import.meta.dirname, '../fixtures/tls');
const cert = readFileSync(join(tlsDir, 'localhost.cert.pem'), 'utf8');
const key = readFileSync(join(tlsDir, 'localhost.key.pem'), 'utf8');
const { NGHTTP2_CANCEL, NGHTTP2_NO_ERROR } = http2.constants;

const limits: TransportLimits = { ...defaultLimits, connectTimeoutMs: 5_000, idleTimeoutMs: 5_000 };
// Multi-byte characters of every UTF-8 length, to be cut byte by byte.
const utf8Text = 'héllo — 世界 🎉 ok';

// ---------------------------------------------------------------------------------------------
// Servers

interface Seen {
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

interface TestServer {
  origin: string;
  seen: Seen;
  close(): Promise<void>;
}

const servers: TestServer[] = [];

afterEach(async () => {
  closeHttpConnections();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

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

function newSeen(): Seen {
  return { sessions: 0, versions: [], closed: new Map(), alpn: [], peak: 0 };
}

function listen(server: net.Server, scheme: 'http' | 'https', seen: Seen, close: () => void): Promise<TestServer> {
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
function startH2Server(tls: boolean, settings: http2.Settings = {}): Promise<TestServer> {
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
function startCompatServer(kind: 'h2-and-h1' | 'h1-only' | 'h1-plain'): Promise<TestServer> {
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

interface Outcome {
  data: string[];
  error?: ChatError;
}

function plan(origin: string, path: string, http: HttpMode, ca?: string): StreamPlan {
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

async function run(
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

const frames = (n: number) => [...Array.from({ length: n }, (_, i) => JSON.stringify({ i })), '[DONE]'];

// ---------------------------------------------------------------------------------------------

describe('h2c (prior knowledge)', () => {
  it('streams every SSE frame over HTTP/2 on plain TCP', async () => {
    const server = await startH2Server(false);
    const out = await run(plan(server.origin, '/sse?n=20&id=a', 'h2c'));
    expect(out.error).toBeUndefined();
    expect(out.data).toEqual(frames(20));
    expect(server.seen.versions).toEqual(['2.0']);
    expect(server.seen.closed.get('a')).toEqual({ rstCode: NGHTTP2_NO_ERROR, complete: true });
  });

  it('says clearly that an h2c backend needs an http URL', async () => {
    const out = await run(plan('https://127.0.0.1:1', '/sse', 'h2c'));
    expect(out.error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/h2c .* http URL/) });
  });
});

describe('h2 over TLS with a self-signed certificate', () => {
  it('fails with a tls error that says to add the certificate, without the CA', async () => {
    const server = await startH2Server(true);
    const out = await run(plan(server.origin, '/sse', 'h2'));
    expect(out.error).toMatchObject({ code: 'tls', retryable: false });
    expect(out.error?.message).toMatch(/not trusted.*add it in the backend settings/);
    expect(server.seen.versions).toEqual([]);
  });

  it('streams every frame once the certificate is trusted', async () => {
    const server = await startH2Server(true);
    const out = await run(plan(server.origin, '/sse?n=10', 'h2', cert));
    expect(out).toEqual({ data: frames(10) });
    expect(server.seen.versions).toEqual(['2.0']);
    expect(server.seen.alpn).toEqual(['h2']);
  });
});

describe('auto on https', () => {
  it('negotiates HTTP/2 by ALPN when the server offers it', async () => {
    const server = await startCompatServer('h2-and-h1');
    const first = await run(plan(server.origin, '/sse?n=5', 'auto', cert));
    const second = await run(plan(server.origin, '/sse?n=5', 'auto', cert));
    expect([first, second]).toEqual([{ data: frames(5) }, { data: frames(5) }]);
    expect(server.seen.versions).toEqual(['2.0', '2.0']);
    expect(server.seen.sessions).toBe(1); // the probe's connection became the session, then was reused
  });

  it('falls back to HTTP/1.1 on an HTTP/1.1-only server, and remembers it', async () => {
    const server = await startCompatServer('h1-only');
    const first = await run(plan(server.origin, '/sse?n=5', 'auto', cert));
    const second = await run(plan(server.origin, '/sse?n=5', 'auto', cert));
    expect([first, second]).toEqual([{ data: frames(5) }, { data: frames(5) }]);
    expect(server.seen.versions).toEqual(['1.1', '1.1']);
    // The first connection was the ALPN probe; the second offered no ALPN: the cache skipped the probe.
    expect(server.seen.alpn).toEqual(['http/1.1', false]);
  });

  it('h2 (required) fails clearly when the server only speaks HTTP/1.1', async () => {
    const server = await startCompatServer('h1-only');
    const out = await run(plan(server.origin, '/sse', 'h2', cert));
    expect(out.error).toMatchObject({ code: 'connect', retryable: false });
    expect(out.error?.message).toMatch(/does not offer HTTP\/2/);
    expect(server.seen.versions).toEqual([]);
  });

  it('uses HTTP/1.1 for a plain http URL', async () => {
    const server = await startCompatServer('h1-plain');
    expect(await run(plan(server.origin, '/sse?n=3', 'auto'))).toEqual({ data: frames(3) });
    expect(server.seen.versions).toEqual(['1.1']);
  });
});

describe('one session per origin', () => {
  it.each([
    ['h2c', false],
    ['auto', true],
  ] as const)('multiplexes 10 concurrent streams on one %s session', async (mode, tls) => {
    const server = await startH2Server(tls);
    const outs = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        run(plan(server.origin, `/sse?n=15&delay=3&id=${i}`, mode, tls ? cert : undefined)),
      ),
    );
    for (const out of outs) expect(out).toEqual({ data: frames(15) });
    expect(server.seen.sessions).toBe(1);
    expect(server.seen.versions).toHaveLength(10);
  });

  it("a burst on a new session waits for the server's stream limit instead of being refused", async () => {
    const server = await startH2Server(false, { maxConcurrentStreams: 2 });
    const outs = await Promise.all(
      Array.from({ length: 6 }, (_, i) => run(plan(server.origin, `/sse?n=5&delay=5&id=${i}`, 'h2c'))),
    );
    for (const out of outs) expect(out).toEqual({ data: frames(5) });
    expect(server.seen.peak).toBe(2);
    expect(server.seen.sessions).toBe(1);
  });

  it('aborting one stream cancels only that stream; the others on the session finish', async () => {
    const server = await startH2Server(false);
    const stop = new AbortController();
    let stopped = false;
    const runs = ['a', 'b', 'c'].map((id) =>
      run(
        plan(server.origin, `/sse?n=30&delay=5&id=${id}`, 'h2c'),
        id === 'b' ? stop.signal : undefined,
        id === 'b'
          ? (data) => {
              if (!stopped && data === JSON.stringify({ i: 2 })) {
                stopped = true;
                stop.abort();
              }
            }
          : undefined,
      ),
    );
    const [a, b, c] = await Promise.all(runs);
    expect(b!.error).toMatchObject({ code: 'cancelled' });
    expect(b!.data.length).toBeLessThan(10);
    expect(a).toEqual({ data: frames(30) });
    expect(c).toEqual({ data: frames(30) });
    await expect.poll(() => server.seen.closed.get('b')).toEqual({ rstCode: NGHTTP2_CANCEL, complete: false });
    expect(server.seen.closed.get('a')?.rstCode).toBe(NGHTTP2_NO_ERROR);
    expect(server.seen.sessions).toBe(1);
    // The session outlived the cancelled stream: the next request still rides on it.
    expect(await run(plan(server.origin, '/sse?n=2', 'h2c'))).toEqual({ data: frames(2) });
    expect(server.seen.sessions).toBe(1);
  });

  it('a reader that stops early cancels its stream (RST_STREAM CANCEL), not the session', async () => {
    const server = await startH2Server(false);
    let read = 0;
    for await (const _frame of openStream(
      plan(server.origin, '/sse?n=50&delay=5&id=early', 'h2c'),
      new AbortController().signal,
      limits,
    )) {
      if (++read === 2) break;
    }
    await expect.poll(() => server.seen.closed.get('early')).toEqual({ rstCode: NGHTTP2_CANCEL, complete: false });
    expect(await run(plan(server.origin, '/sse?n=2', 'h2c'))).toEqual({ data: frames(2) });
    expect(server.seen.sessions).toBe(1);
  });

  it('opens a new session after the server sends GOAWAY', async () => {
    const server = await startH2Server(false);
    expect(await run(plan(server.origin, '/goaway?n=3', 'h2c'))).toEqual({ data: frames(3) });
    expect(await run(plan(server.origin, '/sse?n=3', 'h2c'))).toEqual({ data: frames(3) });
    expect(server.seen.sessions).toBe(2);
  });
});

describe('errors over HTTP/2', () => {
  it("an HTTP 500 with a JSON body gives the server's message", async () => {
    const server = await startH2Server(true);
    const out = await run(plan(server.origin, '/error', 'h2', cert));
    expect(out.error).toMatchObject({
      code: 'server',
      status: 500,
      message: 'CUDA out of memory while loading the model',
    });
  });

  it('keeps Retry-After from a 503', async () => {
    const server = await startH2Server(false);
    const out = await run(plan(server.origin, '/busy', 'h2c'));
    expect(out.error).toMatchObject({ code: 'server', status: 503, message: 'Loading model', retryAfterMs: 7_000 });
  });

  it('a stream reset by the server mid-answer is an error, not a short answer', async () => {
    const server = await startH2Server(false);
    const out = await run(plan(server.origin, '/reset?n=10', 'h2c'));
    expect(out.error).toMatchObject({ code: 'connect', message: expect.stringMatching(/reset the HTTP\/2 stream/) });
    expect(out.data.length).toBeLessThan(10);
  });

  it('a connection dropped mid-answer is an error, not a short answer', async () => {
    const server = await startH2Server(false);
    const out = await run(plan(server.origin, '/drop?n=10', 'h2c'));
    expect(out.error).toMatchObject({
      code: 'connect',
      message: expect.stringMatching(/before the answer was complete/),
    });
    expect(out.data.length).toBeLessThan(10);
  });

  it('a server that goes silent mid-answer times out and sees its stream cancelled', async () => {
    const server = await startH2Server(false);
    const out = await run(plan(server.origin, '/silent?n=10&id=s', 'h2c'), undefined, undefined, {
      ...limits,
      idleTimeoutMs: 300,
    });
    expect(out.error).toMatchObject({ code: 'timeout', message: expect.stringMatching(/went silent/) });
    expect(out.data).toHaveLength(2);
    await expect.poll(() => server.seen.closed.get('s')?.rstCode).toBe(NGHTTP2_CANCEL);
  });

  it('an answer over maxResponseBytes is stopped by resetting its stream only, its frames so far kept', async () => {
    const server = await startH2Server(false);
    const out = await run(plan(server.origin, '/sse?n=200&id=big', 'h2c'), undefined, undefined, {
      ...limits,
      maxResponseBytes: 256,
    });
    expect(out.error).toMatchObject({ code: 'protocol', retryable: false });
    expect(out.error?.message).toContain('more than the limit of 256 bytes for one answer');
    expect(out.data.length).toBeGreaterThan(0);
    expect(out.data).toEqual(frames(out.data.length).slice(0, -1)); // no [DONE]: it was cut
    await expect.poll(() => server.seen.closed.get('big')).toEqual({ rstCode: NGHTTP2_CANCEL, complete: false });
    expect(await run(plan(server.origin, '/sse?n=2', 'h2c'))).toEqual({ data: frames(2) });
    expect(server.seen.sessions).toBe(1);
  });

  it('a server that accepts the connection but never speaks HTTP/2 hits the connect timeout', async () => {
    const mute = net.createServer(() => undefined);
    const sockets = new Set<net.Socket>();
    mute.on('connection', (s) => sockets.add(s));
    const server = await listen(mute, 'http', newSeen(), () => sockets.forEach((s) => s.destroy()));
    const out = await run(plan(server.origin, '/sse', 'h2c'), undefined, undefined, {
      ...limits,
      connectTimeoutMs: 300,
    });
    expect(out.error).toMatchObject({ code: 'timeout' });
  });

  it('h2c to a server that only speaks HTTP/1.1 says to change the HTTP version', async () => {
    const server = await startCompatServer('h1-plain');
    const out = await run(plan(server.origin, '/sse', 'h2c'));
    expect(out.error).toMatchObject({ code: 'protocol', message: expect.stringMatching(/HTTP version to HTTP\/1\.1/) });
  });

  it('nothing listening is a connect error', async () => {
    const out = await run(plan(refusedOrigin, '/sse', 'h2c'));
    expect(out.error).toMatchObject({ code: 'connect', message: expect.stringMatching(/connection refused/) });
  });
});

describe('UTF-8 over HTTP/2', () => {
  it('decodes characters split across DATA frames exactly', async () => {
    const server = await startH2Server(true);
    const out = await run(plan(server.origin, '/utf8', 'h2', cert));
    expect(out.error).toBeUndefined();
    expect(out.data).toEqual([JSON.stringify({ text: utf8Text }), '[DONE]']);
  });
});
