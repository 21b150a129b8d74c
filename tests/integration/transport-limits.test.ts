// The size limits of every framing against real sockets: servers that never finish a frame (an SSE
// line or event, an NDJSON line) or send one too large (a WebSocket message, a gRPC message, a
// poll answer), and servers whose answer never ends. Each is stopped with a `protocol` error that
// names the limit, after the frames that came before it, and the server sees the client go, so a
// stream that never ends cannot grow memory. Then once through the whole pipeline: the partial
// text is kept.
import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { ChatFailure, type ChatError } from '../../src/shared/chat-error';
import type { ConversationDetail, GenerationEvent } from '../../src/shared/domain';
import { openStream } from '../../src/main/transports/open-stream';
import { changedBytes } from '../../src/main/transports/poll-stream';
import { defaultLimits, frameText, type StreamPlan, type TransportLimits } from '../../src/main/transports/types';
import { startGrpcServer, type FakeGrpcServer } from '../servers/grpc-wire';
import { startOpenAiChatServer } from '../servers/openai-chat-server';
import { createHarness } from '../support/core-harness';

const KiB = 1024;
const limits: TransportLimits = {
  ...defaultLimits,
  connectTimeoutMs: 10_000,
  idleTimeoutMs: 10_000,
  maxEventBytes: 64 * KiB,
  maxResponseBytes: 1024 * KiB,
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Reads a plan to its end; the frames' text (gRPC: byte counts) and the error it ended with. */
async function drain(plan: StreamPlan): Promise<{ frames: string[]; error: ChatError | undefined }> {
  const frames: string[] = [];
  try {
    for await (const frame of openStream(plan, AbortSignal.timeout(20_000), limits)) {
      frames.push(frameText(frame) ?? String(frame.framing === 'grpc' ? frame.message.length : ''));
    }
    return { frames, error: undefined };
  } catch (err) {
    return { frames, error: err instanceof ChatFailure ? err.detail : undefined };
  }
}

/** A node:http server whose routes write until the client goes; `gone` resolves per route when it does. */
async function httpServer(routes: Record<string, (res: ServerResponse, gone: () => boolean) => Promise<void>>) {
  const closedBy = new Map<string, Promise<void>>();
  const server = http.createServer((req, res) => {
    req.resume();
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const route = routes[path];
    if (!route) return res.writeHead(404).end();
    let over = false;
    closedBy.set(path, new Promise((resolve) => res.on('close', () => ((over = true), resolve()))));
    route(res, () => over).catch(() => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { origin, clientGone: (path: string) => closedBy.get(path) };
}

const tick = () => new Promise((r) => setImmediate(r));
/** Writes `chunk` until the client goes (the test's point: the server would never stop by itself). */
async function forever(res: ServerResponse, gone: () => boolean, chunk: () => string): Promise<void> {
  while (!gone()) {
    if (!res.write(chunk())) await new Promise((r) => res.once('drain', r));
    await tick();
  }
}

const sseHeaders = { 'content-type': 'text/event-stream' };
const x8k = 'x'.repeat(8 * KiB);

describe('one frame is never held past maxEventBytes', () => {
  it('SSE: a data line that never ends', async () => {
    const s = await httpServer({
      '/line': async (res, gone) => {
        res.writeHead(200, sseHeaders);
        res.write('data: {"first":1}\n\ndata: ');
        await forever(res, gone, () => x8k);
      },
    });
    const { frames, error } = await drain({ framing: 'sse', method: 'GET', url: `${s.origin}/line`, headers: {} });
    expect(frames).toEqual(['{"first":1}']);
    expect(error).toMatchObject({ code: 'protocol', retryable: false });
    expect(error?.message).toContain('an SSE event larger than the limit of 64 KiB per frame');
    await s.clientGone('/line');
  });

  it('SSE: an event whose data lines go on without the blank line that ends it', async () => {
    const s = await httpServer({
      '/event': async (res, gone) => {
        res.writeHead(200, sseHeaders);
        res.write('data: {"first":1}\n\n');
        await forever(res, gone, () => `data: ${'y'.repeat(1000)}\n`);
      },
    });
    const { frames, error } = await drain({ framing: 'sse', method: 'GET', url: `${s.origin}/event`, headers: {} });
    expect(frames).toEqual(['{"first":1}']);
    expect(error?.message).toContain('an SSE event larger than the limit of 64 KiB per frame');
    await s.clientGone('/event');
  });

  it('NDJSON: a line that never ends', async () => {
    const s = await httpServer({
      '/ndjson': async (res, gone) => {
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        res.write('{"first":1}\n{"second":');
        await forever(res, gone, () => x8k);
      },
    });
    const { frames, error } = await drain({
      framing: 'ndjson',
      method: 'POST',
      url: `${s.origin}/ndjson`,
      headers: {},
    });
    expect(frames).toEqual(['{"first":1}']);
    expect(error).toMatchObject({ code: 'protocol' });
    expect(error?.message).toContain('an NDJSON line larger than the limit of 64 KiB per frame');
    await s.clientGone('/ndjson');
  });

  it('WebSocket: a message over the limit (ws maxPayload)', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    closers.push(() => new Promise((resolve) => wss.close(() => resolve())));
    await new Promise((r) => wss.once('listening', r));
    const closed = new Promise<number>((resolve) =>
      wss.on('connection', (ws) => {
        ws.send('{"first":1}');
        ws.send('z'.repeat(64 * KiB + 1));
        ws.on('close', (code) => resolve(code));
      }),
    );
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`;
    const { frames, error } = await drain({ framing: 'websocket', method: 'GET', url, headers: {}, send: [] });
    expect(frames).toEqual(['{"first":1}']);
    expect(error).toMatchObject({ code: 'protocol' });
    expect(error?.message).toContain('a WebSocket message larger than the limit of 64 KiB per frame');
    expect(await closed).toBe(1009); // "message too big", sent by the client
  });

  it('gRPC: a message over the limit (max_receive_message_length)', async () => {
    const grpc = await grpcServer((send) => [send(new Uint8Array(10)), send(new Uint8Array(64 * KiB + 1))]);
    const { frames, error } = await drain(grpcPlan(grpc));
    expect(frames).toEqual(['10']);
    expect(error).toMatchObject({ code: 'protocol', retryable: false });
    expect(error?.message).toContain('a gRPC message larger than the limit of 64 KiB per frame');
    await grpc.nextClientAbort();
  });

  it('polling: an answer over the limit', async () => {
    const s = await httpServer({
      '/start': async (res) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"j"}');
      },
      '/poll': async (res, gone) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"text":"');
        await forever(res, gone, () => x8k);
      },
    });
    const plan: StreamPlan = {
      framing: 'poll',
      method: 'POST',
      url: `${s.origin}/start`,
      headers: {},
      startBlocks: false,
      intervalMs: 10,
      poll: () => ({ method: 'GET', url: `${s.origin}/poll`, headers: {} }),
    };
    const { frames, error } = await drain(plan);
    expect(frames).toEqual(['{"id":"j"}']);
    expect(error?.message).toContain('a poll answer larger than the limit of 64 KiB per frame');
    await s.clientGone('/poll');
  });
});

describe('one answer is never read past maxResponseBytes', () => {
  it('SSE: valid events that never end', async () => {
    const event = `data: {"t":"${'w'.repeat(1000)}"}\n\n`;
    const s = await httpServer({
      '/events': async (res, gone) => {
        res.writeHead(200, sseHeaders);
        await forever(res, gone, () => event);
      },
    });
    const { frames, error } = await drain({ framing: 'sse', method: 'GET', url: `${s.origin}/events`, headers: {} });
    expect(error).toMatchObject({ code: 'protocol', retryable: false });
    expect(error?.message).toContain('more than the limit of 1 MiB for one answer');
    // Everything before the limit was handed on, and not much more than the limit was read.
    expect(frames.length).toBeGreaterThan(900);
    expect(frames.length * event.length).toBeLessThanOrEqual(limits.maxResponseBytes);
    await s.clientGone('/events');
  });

  it('WebSocket: messages that never end', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    closers.push(() => new Promise((resolve) => wss.close(() => resolve())));
    await new Promise((r) => wss.once('listening', r));
    const closed = new Promise<void>((resolve) =>
      wss.on('connection', (ws) => {
        let open = true;
        ws.on('close', () => ((open = false), resolve()));
        const pump = () => {
          for (let i = 0; i < 20 && open; i++) ws.send(`{"t":"${'v'.repeat(1000)}"}`);
          if (open) setImmediate(pump);
        };
        pump();
      }),
    );
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`;
    const { frames, error } = await drain({ framing: 'websocket', method: 'GET', url, headers: {}, send: [] });
    expect(error?.message).toContain('more than the limit of 1 MiB for one answer');
    expect(frames.length).toBeGreaterThan(900);
    await closed;
  });

  it('gRPC: messages that never end; the call is cancelled', async () => {
    const grpc = await grpcServer((send, signal) => {
      const pump = async () => {
        while (!signal.aborted) await send(new Uint8Array(1000));
      };
      return [pump()];
    });
    const { frames, error } = await drain(grpcPlan(grpc));
    expect(error?.message).toContain('more than the limit of 1 MiB for one answer');
    expect(frames.length).toBeGreaterThan(900);
    await grpc.nextClientAbort(); // RST_STREAM CANCEL: the server stops
  });

  it('polling counts what changed between answers, so a growing cumulative text is counted once', () => {
    const before = '{"results":[{"text":"Hello wor"}]}';
    const after = '{"results":[{"text":"Hello world, again"}]}';
    expect(changedBytes(before, after)).toBe(Buffer.byteLength('ld, again"}]}'));
    expect(changedBytes(after, after)).toBe(0);
    expect(changedBytes('', after)).toBe(Buffer.byteLength(after));
  });

  it('polling: a job whose text keeps changing forever', async () => {
    let n = 0;
    const s = await httpServer({
      '/start': async (res) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"j"}');
      },
      '/poll': async (res) => {
        // Each answer is new (a batch of fresh tokens), as RunPod's /stream is.
        res.writeHead(200, { 'content-type': 'application/json' }).end(`{"n":${n++},"t":"${'u'.repeat(30 * KiB)}"}`);
      },
    });
    const plan: StreamPlan = {
      framing: 'poll',
      method: 'POST',
      url: `${s.origin}/start`,
      headers: {},
      startBlocks: false,
      intervalMs: 1,
      poll: () => ({ method: 'GET', url: `${s.origin}/poll`, headers: {} }),
    };
    const { frames, error } = await drain(plan);
    expect(error?.message).toContain('more than the limit of 1 MiB for one answer');
    expect(frames.length).toBeGreaterThan(30);
    expect(frames.length).toBeLessThan(40);
  });
});

describe('through the whole pipeline', () => {
  it('an answer over maxResponseBytes ends as a protocol error, its text so far kept and stored', async () => {
    const fake = await startOpenAiChatServer({ tokenDelayMs: 0 });
    closers.push(() => fake.close());
    const h = await createHarness({ limits: { maxResponseBytes: 8 * KiB } });
    closers.push(() => h.dispose());
    const backend = await h.addBackend(fake.baseUrl);
    const run = await h.generate(backend.id, 'fake-long', 'Go');
    const end = (await run.ended) as Extract<GenerationEvent, { type: 'error' }>;
    expect(end.type).toBe('error');
    expect(end.error).toMatchObject({ code: 'protocol', retryable: false });
    expect(end.error.message).toContain('more than the limit of 8 KiB for one answer');
    const answer = (await h.call<ConversationDetail>('conversations:get', { id: run.ids.conversationId })).messages[1]!;
    expect(answer.status).toBe('error');
    expect(answer.content.length).toBeGreaterThan(0);
    expect(answer.content).toBe(run.text());
    await fake.nextClientAbort();
  });
});

/** A gRPC server whose one method plays `script` (its sends) on every call. */
async function grpcServer(
  script: (send: (m: Uint8Array) => Promise<void>, signal: AbortSignal) => Promise<void>[],
): Promise<FakeGrpcServer> {
  const server = await startGrpcServer({
    onCall(call) {
      call.model = 'limits';
      call.onMessage(() => {
        void Promise.all(script((m) => call.send(m), call.signal)).catch(() => undefined);
      });
    },
  });
  closers.push(() => server.close());
  return server;
}

const grpcPlan = (server: FakeGrpcServer): StreamPlan => ({
  framing: 'grpc',
  method: 'POST',
  url: server.baseUrl,
  headers: {},
  path: '/test.Limits/Stream',
  send: [new Uint8Array([1])],
});
