// A fake OpenAI-compatible model server (vLLM / llama.cpp wire format) for Runnel's tests and
// `npm run fake-backends`: routing, auth, request recording and client-abort bookkeeping. The
// requested model picks the behaviour (see fake-models.ts and openai-chat-behaviours.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FAKE_MODELS, isFakeModelId } from './fake-models';
import { tokenize } from './fake-replies';
import { handleChat, type ChatExchange, type ChatRequest } from './openai-chat-behaviours';
import { openAiError, sendJson } from './http-json';

export { FAKE_MODELS, type FakeModel, type FakeModelId } from './fake-models';
export { expectedReasoning, expectedText, tokenize } from './fake-replies';

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Header names lower-case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON body, or null when empty or not JSON. */
  body: unknown;
  rawBody: string;
  receivedAt: number;
}

export interface ClientAbort {
  model: string;
  tokensSent: number;
}

export interface FakeOpenAiServer {
  /** e.g. http://127.0.0.1:PORT/v1 */
  baseUrl: string;
  port: number;
  requests: RecordedRequest[];
  /**
   * Resolves when the server sees the client close a response before the server finished it.
   * Aborts nobody has waited for yet are queued, so calling this just after the abort still works.
   */
  nextClientAbort(): Promise<ClientAbort>;
  readonly clientAborts: number;
  /** Closes the server and every open socket. */
  close(): Promise<void>;
}

export interface FakeOpenAiServerOptions {
  host?: string;
  port?: number;
  /** Gap between streamed tokens (default 15 ms; fake-long defaults to 10 ms, fake-endless is always 50 ms). */
  tokenDelayMs?: number;
  /** When set, every request must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
}

export async function startOpenAiChatServer(opts: FakeOpenAiServerOptions = {}): Promise<FakeOpenAiServer> {
  const host = opts.host ?? '127.0.0.1';
  const delays = { tokenMs: opts.tokenDelayMs ?? 15, longMs: opts.tokenDelayMs ?? 10 };
  const startedAt = Math.floor(Date.now() / 1000);
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

  const runChat = (res: ServerResponse, request: ChatRequest): void => {
    const controller = new AbortController();
    live.add(controller);
    let settled = false;
    const exchange: ChatExchange = {
      res,
      request,
      signal: controller.signal,
      delays,
      tokensSent: 0,
      end(body) {
        settled = true;
        if (body === undefined) res.end();
        else res.end(body);
      },
      settle() {
        settled = true;
      },
    };
    // 'close' fires on every response; only before we ended it does it mean the client went away.
    res.on('close', () => {
      live.delete(controller);
      controller.abort();
      if (!settled && !closing) recordAbort({ model: request.model, tokensSent: exchange.tokensSent });
    });
    handleChat(exchange).catch((err: unknown) => {
      if (controller.signal.aborted) return; // the pacing timers reject once the client has gone
      console.error(`fake server: ${request.model} failed`, err);
      settled = true;
      res.destroy();
    });
  };

  const route = (req: IncomingMessage, res: ServerResponse, recorded: RecordedRequest): void => {
    // vLLM answers /version without a key; Runnel uses it to say who is serving.
    if (recorded.path === '/version' && req.method === 'GET') return sendJson(res, 200, { version: '0.11.0-fake' });
    if (opts.apiKey !== undefined && recorded.headers['authorization'] !== `Bearer ${opts.apiKey}`) {
      const message = recorded.headers['authorization'] ? 'Incorrect API key provided.' : 'Missing API key.';
      return sendJson(res, 401, openAiError(message, 'authentication_error', 401));
    }
    const known = { '/v1/models': 'GET', '/v1/chat/completions': 'POST' } as const;
    const method = known[recorded.path as keyof typeof known];
    if (method === undefined) {
      return sendJson(res, 404, openAiError(`Not found: ${recorded.path}`, 'not_found_error', 404));
    }
    if (req.method !== method) {
      return sendJson(res, 405, openAiError(`Method not allowed: ${req.method}`, 'invalid_request_error', 405), {
        allow: method,
      });
    }
    if (recorded.path === '/v1/models') {
      return sendJson(res, 200, {
        object: 'list',
        data: FAKE_MODELS.map((m) => ({ id: m.id, object: 'model', created: startedAt, owned_by: 'fake' })),
      });
    }
    if (recorded.rawBody.trim() !== '' && recorded.body === null) {
      return sendJson(res, 400, openAiError('The request body is not valid JSON.', 'BadRequestError', 400));
    }
    const parsed = parseChatRequest(recorded.body);
    if (typeof parsed === 'string') return sendJson(res, 400, openAiError(parsed, 'BadRequestError', 400));
    if (!isFakeModelId(parsed.model)) {
      const message = `The model \`${parsed.model}\` does not exist.`;
      return sendJson(res, 404, openAiError(message, 'NotFoundError', 404, 'model'));
    }
    runChat(res, { ...parsed, model: parsed.model });
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
      route(req, res, recorded);
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
    baseUrl: `http://${urlHost}:${port}/v1`,
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

type ParsedChat = Omit<ChatRequest, 'model'> & { model: string };

/** Validates the parts of the body the fakes use; returns an error message otherwise. */
function parseChatRequest(body: unknown): ParsedChat | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'The request body must be a JSON object.';
  const { model, messages, stream, stream_options: streamOptions } = body as Record<string, unknown>;
  if (typeof model !== 'string' || model === '') return "'model' is required.";
  if (!Array.isArray(messages)) return "'messages' must be an array.";
  const includeUsage =
    typeof streamOptions === 'object' &&
    streamOptions !== null &&
    (streamOptions as Record<string, unknown>)['include_usage'] === true;
  const texts = messages.map((m: unknown) => messageText(m));
  const lastUser = [...messages].reverse().find((m: unknown) => messageRole(m) === 'user');
  return {
    model,
    stream: stream === true,
    includeUsage,
    lastUserMessage: lastUser === undefined ? '' : messageText(lastUser),
    // A stand-in for a tokenizer: word pieces plus a few tokens of chat template per message.
    promptTokens: texts.reduce((sum, text) => sum + tokenize(text).length + 4, 0),
  };
}

function messageRole(message: unknown): unknown {
  return typeof message === 'object' && message !== null ? (message as Record<string, unknown>)['role'] : undefined;
}

/** String content as is; array content (text parts) joined, other parts ignored. */
function messageText(message: unknown): string {
  if (typeof message !== 'object' || message === null) return '';
  const content = (message as Record<string, unknown>)['content'];
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) =>
      typeof part === 'object' && part !== null && typeof (part as Record<string, unknown>)['text'] === 'string'
        ? ((part as Record<string, unknown>)['text'] as string)
        : '',
    )
    .join('');
}
