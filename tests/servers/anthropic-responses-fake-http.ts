// What the Anthropic and OpenAI Responses fakes (anthropic-server.ts, responses-server.ts) share:
// an HTTP server on a real socket that records requests and notices clients that go away (as
// openai-chat-server.ts does), the model catalogue, and one driver that plays each fake model's
// script through an API "dialect" that knows the wire events. Both APIs frame every event as
// `event: <type>\ndata: <json>\n\n`, so faults (stall, disconnect mid-frame, a broken frame, UTF-8
// split across TCP writes, an endless stream) are injected here once.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setImmediate as yieldTurn, setTimeout as sleep } from 'node:timers/promises';
import type { FakeModel } from './fake-models';
import {
  FAULT_TOKENS,
  endlessTokens,
  expectedReasoning as chatExpectedReasoning,
  expectedText as chatExpectedText,
  reasoningTokens,
  replyTokens,
  tokenize,
} from './fake-replies';
import type { ClientAbort, RecordedRequest } from './openai-chat-server';

export type { ClientAbort, RecordedRequest } from './openai-chat-server';

/** The models both fakes serve; the name picks the behaviour, as with the OpenAI fake. */
export const EVENT_STREAM_MODELS = [
  { id: 'fake-chat', description: '~40-token markdown echo of your last message, one text delta per event' },
  { id: 'fake-thinking', description: 'thinking / reasoning deltas first, then the answer' },
  { id: 'fake-endless', description: 'never finishes: one token every 50 ms until you stop it' },
  { id: 'fake-stall', description: 'sends headers, then nothing until you stop it' },
  { id: 'fake-error-500', description: "HTTP 500 with the API's JSON error body" },
  { id: 'fake-error-midstream', description: "5 tokens, then the API's in-band error event" },
  { id: 'fake-disconnect', description: '5 tokens, then the socket is destroyed mid-frame' },
  { id: 'fake-malformed', description: '3 tokens, a broken JSON frame, 2 more tokens, a clean end' },
  { id: 'fake-utf8', description: 'Chinese, emoji and accents, every event split inside UTF-8 characters' },
] as const satisfies readonly FakeModel[];

export type EventStreamModelId = (typeof EVENT_STREAM_MODELS)[number]['id'];

export const isEventStreamModel = (id: string): id is EventStreamModelId =>
  EVENT_STREAM_MODELS.some((m) => m.id === id);

/** fake-thinking streams fake-reasoning's thought and answer (fake-replies.ts); every other model its own reply. */
const replyModel = (model: string): string => (model === 'fake-thinking' ? 'fake-reasoning' : model);

/** The exact answer text a client should end up with (for faulty models, what arrives before or around the fault). */
export const expectedText = (model: string, lastUserMessage: string): string =>
  chatExpectedText(replyModel(model), lastUserMessage);

/** The exact reasoning text: fake-thinking's thought, '' for every other model. */
export const expectedReasoning = (model: string): string =>
  model === 'fake-thinking' ? chatExpectedReasoning('fake-reasoning') : '';

/** A stand-in for a tokenizer: word pieces plus a few tokens of chat template per message. */
export const countPromptTokens = (texts: string[]): number =>
  texts.reduce((sum, text) => sum + tokenize(text).length + 4, 0);

/** One named SSE event; `data` is serialised as one JSON line. */
export interface NamedEvent {
  type: string;
  data: Record<string, unknown>;
}

export type BlockKind = 'reasoning' | 'text';

/** How one API puts a reply on the wire. A new instance per response (it may number its events). */
export interface StreamDialect {
  /** The event name of a text delta (for the broken frame of fake-malformed). */
  readonly textDeltaType: string;
  /** Before any content: message_start, or response.created + response.in_progress. */
  opening(): NamedEvent[];
  blockStart(kind: BlockKind): NamedEvent[];
  delta(kind: BlockKind, piece: string): NamedEvent;
  blockEnd(kind: BlockKind, fullText: string): NamedEvent[];
  /** The end with the usage figures: a natural stop, or the client's token limit reached. */
  closing(usage: Usage, stop: 'end' | 'max_tokens'): NamedEvent[];
  /** A failure after the 200 headers, as the API reports it in the stream. */
  inBandError(): NamedEvent[];
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
}

/** One streamed response and its bookkeeping. */
interface SseExchange {
  readonly res: ServerResponse;
  readonly model: EventStreamModelId;
  readonly promptTokens: number;
  readonly lastUserMessage: string;
  /** The client's output limit (max_tokens, max_output_tokens), counting reasoning as real servers do. */
  readonly maxTokens: number | undefined;
  /** Aborted when the client goes away or the server closes. */
  readonly signal: AbortSignal;
  readonly tokenDelayMs: number;
  /** Text-bearing events written so far (reported with a client abort). */
  tokensSent: number;
  write(text: string, splitUtf8: boolean): Promise<void>;
  /** Ends the response cleanly; a close after this is not a client abort. */
  finish(): void;
  /** Marks the exchange over just before destroying the socket on purpose. */
  settle(): void;
}

const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' };
const ENDLESS_DELAY_MS = 50;

export const frameEvent = (e: NamedEvent): string => `event: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`;

/**
 * Plays `ex.model`'s script through `dialect`, stopping early (as a real server does) when the
 * client's token limit is reached. fake-error-500 is the server's business (its body is API-specific).
 */
async function playModel(ex: SseExchange, dialect: StreamDialect): Promise<void> {
  const { model } = ex;
  const limit = ex.maxTokens ?? Infinity;
  const pause = (ms = ex.tokenDelayMs) => sleep(ms, undefined, { signal: ex.signal });
  const send = async (events: NamedEvent[]) => {
    for (const e of events) await ex.write(frameEvent(e), model === 'fake-utf8');
  };
  const output = { reasoning: '', text: '' };
  const thought = model === 'fake-thinking' ? reasoningTokens() : [];
  /** Streams pieces until the limit; false when the limit cut it short. */
  const stream = async (kind: BlockKind, pieces: readonly string[], delayMs = ex.tokenDelayMs): Promise<boolean> => {
    for (const piece of pieces) {
      if (ex.tokensSent >= limit) return false;
      await pause(delayMs);
      await send([dialect.delta(kind, piece)]);
      output[kind] += piece;
      ex.tokensSent++;
    }
    return true;
  };
  const close = async (kind: BlockKind, stop: 'end' | 'max_tokens') => {
    await send(dialect.blockEnd(kind, output[kind]));
    const usage = { promptTokens: ex.promptTokens, completionTokens: ex.tokensSent, reasoningTokens: thought.length };
    await send(dialect.closing(usage, stop));
    ex.finish();
  };

  ex.res.writeHead(200, SSE_HEADERS);
  ex.res.flushHeaders();
  if (model === 'fake-stall') return; // headers, then silence until the client gives up
  await send(dialect.opening());

  if (model === 'fake-endless') {
    await send(dialect.blockStart('text'));
    for (let i = 0; ; i++) {
      if (!(await stream('text', [endlessTokens[i % endlessTokens.length] ?? ' on'], ENDLESS_DELAY_MS))) {
        return close('text', 'max_tokens');
      }
    }
  }
  if (thought.length) {
    await send(dialect.blockStart('reasoning'));
    if (!(await stream('reasoning', thought))) return close('reasoning', 'max_tokens');
    await send(dialect.blockEnd('reasoning', output.reasoning));
  }
  const tokens = replyTokens(replyModel(model), ex.lastUserMessage) ?? [];
  await send(dialect.blockStart('text'));

  if (model === 'fake-error-midstream') {
    if (!(await stream('text', tokens.slice(0, FAULT_TOKENS.midstream)))) return close('text', 'max_tokens');
    await pause();
    await send(dialect.inBandError());
    return ex.finish();
  }
  if (model === 'fake-disconnect') {
    if (!(await stream('text', tokens.slice(0, FAULT_TOKENS.disconnect)))) return close('text', 'max_tokens');
    await pause();
    const frame = Buffer.from(frameEvent(dialect.delta('text', tokens[FAULT_TOKENS.disconnect] ?? ' lost')));
    await new Promise<void>((resolve) => ex.res.write(frame.subarray(0, frame.length >> 1), () => resolve()));
    ex.settle();
    ex.res.socket?.destroy(); // half a frame, then the connection is gone: no terminal event
    return;
  }
  if (model === 'fake-malformed') {
    const { malformedBefore, malformedAfter } = FAULT_TOKENS;
    if (!(await stream('text', tokens.slice(0, malformedBefore)))) return close('text', 'max_tokens');
    await pause();
    const type = dialect.textDeltaType;
    await ex.write(`event: ${type}\ndata: {"type":"${type}","delta": broken\n\n`, false);
    const whole = await stream('text', tokens.slice(malformedBefore, malformedBefore + malformedAfter));
    return close('text', whole ? 'end' : 'max_tokens');
  }
  return close('text', (await stream('text', tokens)) ? 'end' : 'max_tokens');
}

export interface FakeEventStreamServer {
  /** Anthropic: the server root (http://127.0.0.1:PORT); Responses: http://127.0.0.1:PORT/v1. */
  baseUrl: string;
  port: number;
  requests: RecordedRequest[];
  /** Resolves when the server sees the client close a response before the server finished it (queued if early). */
  nextClientAbort(): Promise<ClientAbort>;
  readonly clientAborts: number;
  /** Closes the server and every open socket. */
  close(): Promise<void>;
}

export interface FakeEventStreamServerOptions {
  host?: string;
  port?: number;
  /** Gap between streamed tokens (default 15 ms; fake-endless is always 50 ms). */
  tokenDelayMs?: number;
  /** When set, every request must carry the key (header names per API). */
  apiKey?: string;
}

export interface StartStream {
  model: EventStreamModelId;
  promptTokens: number;
  lastUserMessage: string;
  maxTokens: number | undefined;
  dialect: StreamDialect;
}

/** Routes one recorded request: answer it directly (sendJson) or hand a stream to `start`. */
export type Router = (recorded: RecordedRequest, res: ServerResponse, start: (stream: StartStream) => void) => void;

export async function startEventStreamServer(
  opts: FakeEventStreamServerOptions,
  basePath: '' | '/v1',
  route: Router,
): Promise<FakeEventStreamServer> {
  const host = opts.host ?? '127.0.0.1';
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const live = new Set<AbortController>();
  const unclaimedAborts: ClientAbort[] = [];
  const abortWaiters: ((abort: ClientAbort) => void)[] = [];
  let clientAborts = 0;
  let closing = false;

  const recordAbort = (abort: ClientAbort): void => {
    clientAborts++;
    const waiter = abortWaiters.shift();
    if (waiter) waiter(abort);
    else unclaimedAborts.push(abort);
  };

  const start = (res: ServerResponse, stream: StartStream): void => {
    const controller = new AbortController();
    live.add(controller);
    let settled = false;
    const ex: SseExchange = {
      res,
      model: stream.model,
      promptTokens: stream.promptTokens,
      lastUserMessage: stream.lastUserMessage,
      maxTokens: stream.maxTokens,
      signal: controller.signal,
      tokenDelayMs: opts.tokenDelayMs ?? 15,
      tokensSent: 0,
      write: (text, split) => (split ? splitUtf8Write(res, text, controller.signal) : plainWrite(res, text)),
      finish() {
        settled = true;
        res.end();
      },
      settle() {
        settled = true;
      },
    };
    // 'close' fires on every response; only before we ended it does it mean the client went away.
    res.on('close', () => {
      live.delete(controller);
      controller.abort();
      if (!settled && !closing) recordAbort({ model: stream.model, tokensSent: ex.tokensSent });
    });
    playModel(ex, stream.dialect).catch((err: unknown) => {
      if (controller.signal.aborted) return; // the pacing timers reject once the client has gone
      console.error(`fake server: ${stream.model} failed`, err);
      settled = true;
      res.destroy();
    });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: new URL(req.url ?? '/', 'http://fake').pathname,
        headers: flattenHeaders(req),
        body: parseJson(rawBody),
        rawBody,
        receivedAt: Date.now(),
      };
      requests.push(recorded);
      route(recorded, res, (stream) => start(res, stream));
    });
  });
  server.on('connection', (socket) => {
    socket.setNoDelay(true); // every write its own segment, so split frames reach the client split
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    baseUrl: `http://${urlHost}:${port}${basePath}`,
    port,
    requests,
    get clientAborts() {
      return clientAborts;
    },
    nextClientAbort() {
      const abort = unclaimedAborts.shift();
      return abort ? Promise.resolve(abort) : new Promise((resolve) => abortWaiters.push(resolve));
    },
    async close() {
      closing = true;
      for (const controller of live) controller.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

export const asRecord = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** String content as is; an array of content blocks (`{type:'text'|'input_text', text}`) joined. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => asRecord(part)?.['text'])
    .filter((t) => typeof t === 'string')
    .join('');
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

const plainWrite = async (res: ServerResponse, text: string): Promise<void> => {
  res.write(text);
};

/**
 * Writes `text` so that every multi-byte character is cut right after its lead byte, each piece
 * its own TCP write (a short timer mid-character, so Nagle-free writes cannot merge): clients must
 * decode UTF-8 across network chunks.
 */
async function splitUtf8Write(res: ServerResponse, text: string, signal: AbortSignal): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i] ?? 0;
    if (lead < 0xc0) continue;
    res.write(bytes.subarray(start, i + 1));
    start = i + 1;
    await sleep(2, undefined, { signal });
  }
  if (start < bytes.length) res.write(bytes.subarray(start));
  await yieldTurn(undefined, { signal });
}
