// A fake OpenAI-compatible model server (vLLM / llama.cpp wire format) for Runnel's tests and
// `npm run fake-backends`: routes, auth and request checks on the shared plumbing of
// fake-http-server.ts. The requested model picks the behaviour (see fake-models.ts and
// openai-chat-behaviours.ts).
import type { ServerResponse } from 'node:http';
import { FAKE_MODELS, isFakeModelId } from './fake-models';
import { countPromptTokens } from './fake-replies';
import { startFakeHttpServer, type FakeServer, type FakeServerOptions, type RecordedRequest } from './fake-http-server';
import { asRecord, contentText, openAiError, openAiKeyRefusal, openAiModelList, sendJson } from './http-json';
import { handleChat, type ChatRequest } from './openai-chat-behaviours';
import { handleToolChat, isOpenAiToolModel, openAiToolTurns } from './openai-chat-tools';
import { StatusFaults } from './status-faults';
import { contextRefusal, contextRoute, type FakeContext } from './context-windows';

export { FAKE_MODELS, type FakeModel, type FakeModelId } from './fake-models';
export { expectedReasoning, expectedText, tokenize } from './fake-replies';
export type { ClientAbort, RecordedRequest } from './fake-http-server';

/** `baseUrl` ends in /v1 (e.g. http://127.0.0.1:PORT/v1), as the openai-chat kind expects it. */
export interface FakeOpenAiServer extends FakeServer {
  /** The most chat requests this server had open at once. */
  readonly busiest: number;
}

/**
 * `tokenDelayMs` defaults to 15 ms (fake-long: 10 ms); `apiKey` is checked as `Authorization: Bearer <apiKey>`.
 * With `slots`, it says so as llama.cpp does (`/props` with `total_slots`) and, like llama.cpp,
 * serves that many chat requests at once: the others wait, unanswered, for a slot.
 * `context` makes it report and enforce a context window as llama.cpp, vLLM, LM Studio or TGI do.
 */
export type FakeOpenAiServerOptions = FakeServerOptions & { slots?: number; context?: FakeContext };

export async function startOpenAiChatServer(opts: FakeOpenAiServerOptions = {}): Promise<FakeOpenAiServer> {
  const delays = { tokenMs: opts.tokenDelayMs ?? 15, longMs: opts.tokenDelayMs ?? 10 };
  const startedAt = Math.floor(Date.now() / 1000);
  const known: Record<string, string> = { '/v1/models': 'GET', '/v1/chat/completions': 'POST' };
  const faults = new StatusFaults();
  const slots = opts.slots === undefined ? null : new Slots(opts.slots);
  let open = 0;
  let busiest = 0;

  const server = await startFakeHttpServer({
    host: opts.host,
    port: opts.port,
    basePath: '/v1',
    name: 'fake server',
    route(req: RecordedRequest, res, start) {
      // vLLM answers /version without a key; Runnel uses it to say who is serving.
      if (req.path === '/version' && req.method === 'GET') return sendJson(res, 200, { version: '0.11.0-fake' });
      if (slots && req.path === '/props' && req.method === 'GET') {
        return sendJson(res, 200, {
          total_slots: slots.total,
          build_info: 'b6000-fake',
          default_generation_settings: {},
        });
      }
      const refusal = openAiKeyRefusal(req.headers, opts.apiKey);
      if (refusal) return sendJson(res, 401, refusal);
      if (opts.context && contextRoute(opts.context, req, res, FAKE_MODELS)) return;
      const method = known[req.path];
      if (method === undefined) {
        return sendJson(res, 404, openAiError(`Not found: ${req.path}`, 'not_found_error', 404));
      }
      if (req.method !== method) {
        const body = openAiError(`Method not allowed: ${req.method}`, 'invalid_request_error', 405);
        return sendJson(res, 405, body, { allow: method });
      }
      if (req.path === '/v1/models') return sendJson(res, 200, openAiModelList(FAKE_MODELS, startedAt));
      if (req.rawBody.trim() !== '' && req.body === null) {
        return sendJson(res, 400, openAiError('The request body is not valid JSON.', 'BadRequestError', 400));
      }
      const parsed = parseChatRequest(req.body);
      if (typeof parsed === 'string') return sendJson(res, 400, openAiError(parsed, 'BadRequestError', 400));
      if (!isFakeModelId(parsed.model)) {
        const message = `The model \`${parsed.model}\` does not exist.`;
        return sendJson(res, 404, openAiError(message, 'NotFoundError', 404, 'model'));
      }
      if (opts.context) {
        const maxTokens = asRecord(req.body)?.['max_tokens'];
        const tooLong = contextRefusal(
          opts.context,
          parsed.promptTokens,
          typeof maxTokens === 'number' ? maxTokens : null,
        );
        if (tooLong) return sendJson(res, tooLong.status, tooLong.body);
      }
      const model = parsed.model;
      const play = isOpenAiToolModel(model) ? handleToolChat : handleChat;
      open += 1;
      busiest = Math.max(busiest, open);
      res.on('close', () => (open -= 1));
      const run = () => start(model, { request: { ...parsed, model }, delays, faults }, play);
      if (!slots) return run();
      slots.take(res, run);
    },
  });
  return Object.defineProperty(server, 'busiest', { get: () => busiest }) as FakeOpenAiServer;
}

/** llama.cpp's slots: a request waits, unanswered, until one is free. */
class Slots {
  private used = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(readonly total: number) {}

  take(res: ServerResponse, run: () => void): void {
    const begin = () => {
      this.used += 1;
      res.on('close', () => {
        this.used -= 1;
        this.waiting.shift()?.();
      });
      run();
    };
    if (this.used < this.total) return begin();
    const waiter = () => (res.writableEnded || res.destroyed ? this.waiting.shift()?.() : begin());
    this.waiting.push(waiter);
  }
}

type ParsedChat = Omit<ChatRequest, 'model'> & { model: string };

/** Validates the parts of the body the fakes use; returns an error message otherwise. */
function parseChatRequest(body: unknown): ParsedChat | string {
  const fields = asRecord(body);
  if (!fields) return 'The request body must be a JSON object.';
  const { model, messages, stream, stream_options: streamOptions, tools } = fields;
  if (typeof model !== 'string' || model === '') return "'model' is required.";
  if (!Array.isArray(messages)) return "'messages' must be an array.";
  const texts = messages.map((m: unknown) => contentText(asRecord(m)?.['content']));
  const lastUser = [...messages].reverse().find((m: unknown) => asRecord(m)?.['role'] === 'user');
  return {
    model,
    stream: stream === true,
    includeUsage: asRecord(streamOptions)?.['include_usage'] === true,
    lastUserMessage: lastUser === undefined ? '' : contentText(asRecord(lastUser)?.['content']),
    promptTokens: countPromptTokens(texts),
    toolTurns: openAiToolTurns(messages, tools),
    imageParts: messages.some((m: unknown) => {
      const content = asRecord(m)?.['content'];
      return Array.isArray(content) && content.some((p: unknown) => asRecord(p)?.['type'] === 'image_url');
    }),
  };
}
