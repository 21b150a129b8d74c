// A fake Ollama server (native API: /api/chat as NDJSON, /api/tags, /api/version) for Runnel's
// tests: routing, request recording and client-abort bookkeeping. The requested model picks the
// behaviour (see ollama-behaviours.ts).
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tokenize } from './fake-replies';
import { sendJson } from './http-json';
import {
  OLLAMA_FAKE_MODELS,
  handleOllamaChat,
  resolveOllamaModel,
  type OllamaChatRequest,
  type OllamaDoneStats,
  type OllamaExchange,
} from './ollama-behaviours';
import type { ClientAbort, RecordedRequest } from './openai-chat-server';

export {
  OLLAMA_FAKE_MODELS,
  expectedOllamaText,
  expectedOllamaThinking,
  type OllamaDoneStats,
  type OllamaFakeModelId,
} from './ollama-behaviours';
export type { ClientAbort, RecordedRequest } from './openai-chat-server';

export const FAKE_OLLAMA_VERSION = '0.12.0';

export interface FakeOllamaServer {
  /** The server root, e.g. http://127.0.0.1:PORT (the native API lives under /api). */
  baseUrl: string;
  port: number;
  requests: RecordedRequest[];
  /** The statistics of every `done: true` answer sent, in order (durations in nanoseconds). */
  doneStats: OllamaDoneStats[];
  /** Resolves when the server sees the client close a response before the server finished it. */
  nextClientAbort(): Promise<ClientAbort>;
  readonly clientAborts: number;
  /** Closes the server and every open socket. */
  close(): Promise<void>;
}

export interface FakeOllamaServerOptions {
  host?: string;
  port?: number;
  /** Gap between streamed tokens (default 15 ms; fake-endless is always 50 ms). */
  tokenDelayMs?: number;
}

export async function startOllamaServer(opts: FakeOllamaServerOptions = {}): Promise<FakeOllamaServer> {
  const host = opts.host ?? '127.0.0.1';
  const tokenDelayMs = opts.tokenDelayMs ?? 15;
  const modifiedAt = new Date().toISOString();
  const requests: RecordedRequest[] = [];
  const doneStats: OllamaDoneStats[] = [];
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

  const runChat = (res: ServerResponse, request: OllamaChatRequest): void => {
    const controller = new AbortController();
    live.add(controller);
    let settled = false;
    const exchange: OllamaExchange = {
      res,
      request,
      signal: controller.signal,
      tokenDelayMs,
      tokensSent: 0,
      end(body) {
        settled = true;
        if (body === undefined) res.end();
        else res.end(body);
      },
      settle() {
        settled = true;
      },
      recordDone(stats) {
        doneStats.push(stats);
      },
    };
    // 'close' fires on every response; only before we ended it does it mean the client went away.
    res.on('close', () => {
      live.delete(controller);
      controller.abort();
      if (!settled && !closing) recordAbort({ model: request.model, tokensSent: exchange.tokensSent });
    });
    handleOllamaChat(exchange).catch((err: unknown) => {
      if (controller.signal.aborted) return; // the pacing timers reject once the client has gone
      console.error(`fake ollama: ${request.model} failed`, err);
      settled = true;
      res.destroy();
    });
  };

  const route = (req: IncomingMessage, res: ServerResponse, recorded: RecordedRequest): void => {
    const known: Record<string, string[]> = {
      '/': ['GET', 'HEAD'],
      '/api/version': ['GET'],
      '/api/tags': ['GET'],
      '/api/chat': ['POST'],
    };
    const methods = known[recorded.path];
    // Ollama's router (gin) answers unknown routes and wrong methods in plain text.
    if (methods === undefined) return sendText(res, 404, '404 page not found');
    if (!methods.includes(req.method ?? '')) return sendText(res, 405, '405 method not allowed');
    if (recorded.path === '/') return sendText(res, 200, 'Ollama is running');
    if (recorded.path === '/api/version') return sendJson(res, 200, { version: FAKE_OLLAMA_VERSION });
    if (recorded.path === '/api/tags') return sendJson(res, 200, { models: OLLAMA_FAKE_MODELS.map(tag) });

    if (recorded.rawBody.trim() !== '' && recorded.body === null) {
      return sendJson(res, 400, { error: 'invalid character looking for beginning of value' });
    }
    const parsed = parseChatRequest(recorded.body);
    if (typeof parsed === 'string') return sendJson(res, 400, { error: parsed });
    const model = resolveOllamaModel(parsed.name);
    if (model === undefined) {
      return sendJson(res, 404, { error: `model "${parsed.name}" not found, try pulling it first` });
    }
    runChat(res, { ...parsed, model });
  };

  const tag = (m: (typeof OLLAMA_FAKE_MODELS)[number]) => ({
    name: `${m.id}:latest`,
    model: `${m.id}:latest`,
    modified_at: modifiedAt,
    size: 4_920_753_328,
    digest: createHash('sha256').update(m.id).digest('hex'),
    details: {
      parent_model: '',
      format: 'gguf',
      family: 'llama',
      families: ['llama'],
      parameter_size: '8.0B',
      quantization_level: 'Q4_K_M',
    },
  });

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
      route(req, res, recorded);
    });
  });
  server.on('connection', (socket) => {
    socket.setNoDelay(true); // every write its own segment, so split lines reach the client split
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
    baseUrl: `http://${urlHost}:${port}`,
    port,
    requests,
    doneStats,
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

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
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

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates the parts of the body the fakes use, with Ollama's words; returns an error message otherwise. */
function parseChatRequest(body: unknown): Omit<OllamaChatRequest, 'model'> | string {
  if (!isRecord(body)) return 'model is required';
  const { model, messages, stream } = body;
  if (typeof model !== 'string' || model === '') return 'model is required';
  if (messages !== undefined && !Array.isArray(messages)) return 'messages must be an array';
  const list: unknown[] = Array.isArray(messages) ? messages : [];
  const texts = list.map((m) => (isRecord(m) && typeof m.content === 'string' ? m.content : ''));
  const lastUser = [...list].reverse().find((m) => isRecord(m) && m.role === 'user');
  return {
    name: model,
    // Ollama streams unless told `stream: false`.
    stream: stream !== false,
    lastUserMessage: isRecord(lastUser) && typeof lastUser.content === 'string' ? lastUser.content : '',
    // A stand-in for a tokenizer: word pieces plus a few tokens of chat template per message.
    promptTokens: texts.reduce((sum, text) => sum + tokenize(text).length + 4, 0),
  };
}
