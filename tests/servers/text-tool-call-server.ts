// A fake server for tools that do not come back in the API's fields, on the shared plumbing of
// fake-http-server.ts. OpenAI chat (POST /v1/chat/completions, SSE, vLLM's layout): servers
// started without their tool parser, whose models write the calls into the text (Hermes blocks in
// the content, Qwen3-Coder XML in reasoning_content), and the refusals of a request with `tools`
// by vLLM without --enable-auto-tool-choice and llama-server without --jinja. Ollama (POST
// /api/chat, NDJSON): a model without the tools capability. The refusals carry the servers' own
// bodies; without `tools` in the request every model answers with plain text, as any other
// model name does.
import { randomBytes } from 'node:crypto';
import { startFakeHttpServer, type Exchange, type FakeServer, type FakeServerOptions } from './fake-http-server';
import { asRecord, openAiKeyRefusal, openAiModelList, sendJson, sendText } from './http-json';
import { AFTER_TOOL_ANSWER, HERMES_CONTENT, QWEN3_CODER_REASONING, textPieces } from './text-tool-replies';

export const TEXT_TOOL_MODELS = [
  {
    id: 'fake-hermes-calls',
    description: 'no tool parser: two Hermes <tool_call> blocks in the content, cut every 3 characters',
  },
  { id: 'fake-qwen3-coder-reasoning', description: 'no tool parser: a Qwen3-Coder XML call in reasoning_content' },
  {
    id: 'fake-vllm-no-tool-parser',
    description: 'vLLM without --enable-auto-tool-choice: HTTP 400 when tools are sent',
  },
  {
    id: 'fake-llamacpp-no-jinja',
    description: "llama-server without --jinja: HTTP 500 'tools param requires --jinja flag'",
  },
] as const;

/** The Ollama model (native API) without the tools capability. */
export const OLLAMA_NO_TOOLS_MODEL = 'fake-no-tools';

/** The servers' own refusals, status and body as they send them. */
export const TOOL_REFUSALS = {
  // vLLM serving_chat.py (body as quoted in langchain4j/langchain4j#3475).
  vllm: {
    status: 400,
    body: {
      object: 'error',
      message: '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set',
      type: 'BadRequestError',
      param: null,
      code: 400,
    },
  },
  // llama.cpp tools/server/utils.hpp, as reported in containers/ramalama#988 and defilantech/LLMKube#126.
  llamacpp: {
    status: 500,
    body: { error: { code: 500, message: 'tools param requires --jinja flag', type: 'server_error' } },
  },
  // Ollama server/images.go CheckCapabilities, as reported in ollama/ollama#14795.
  ollama: {
    status: 400,
    body: { error: `registry.ollama.ai/library/${OLLAMA_NO_TOOLS_MODEL}:latest does not support tools` },
  },
} as const;

export type FakeTextToolServer = FakeServer;

const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
const offersTools = (body: Record<string, unknown>) => Array.isArray(body.tools) && body.tools.length > 0;
/** A tool result in the request: the round is over, the model answers with text. */
const hasToolResult = (messages: unknown): boolean =>
  Array.isArray(messages) && asRecord(messages.at(-1))?.['role'] === 'tool';

/** `baseUrl` is the server root: the OpenAI routes are under /v1 (with `apiKey` checked), Ollama's under /api. */
export function startTextToolServer(opts: FakeServerOptions = {}): Promise<FakeTextToolServer> {
  const delayMs = opts.tokenDelayMs ?? 2;
  const created = Math.floor(Date.now() / 1000);
  return startFakeHttpServer({
    host: opts.host,
    port: opts.port,
    basePath: '',
    name: 'fake text-tool server',
    route(req, res, start) {
      const refusal = req.path.startsWith('/v1/') ? openAiKeyRefusal(req.headers, opts.apiKey) : undefined;
      if (refusal) return sendJson(res, 401, refusal);
      if (req.method === 'GET' && req.path === '/v1/models') {
        return sendJson(res, 200, openAiModelList(TEXT_TOOL_MODELS, created));
      }
      const body = asRecord(req.body) ?? {};
      const model = typeof body.model === 'string' ? body.model : '';
      if (req.method === 'POST' && req.path === '/api/chat') {
        if (model.replace(/:latest$/, '') !== OLLAMA_NO_TOOLS_MODEL) {
          return sendJson(res, 404, { error: `model "${model}" not found, try pulling it first` });
        }
        if (offersTools(body)) return sendJson(res, TOOL_REFUSALS.ollama.status, TOOL_REFUSALS.ollama.body);
        return start(model, { delayMs }, (ex) => ollamaAnswer(ex, model));
      }
      if (req.method !== 'POST' || req.path !== '/v1/chat/completions') return sendText(res, 404, 'Not Found');
      const tools = offersTools(body);
      if (model === 'fake-vllm-no-tool-parser' && tools) {
        return sendJson(res, TOOL_REFUSALS.vllm.status, TOOL_REFUSALS.vllm.body);
      }
      if (model === 'fake-llamacpp-no-jinja' && tools) {
        return sendJson(res, TOOL_REFUSALS.llamacpp.status, TOOL_REFUSALS.llamacpp.body);
      }
      // Any other model (the config's default, fake-chat) answers with plain text.
      const known = TEXT_TOOL_MODELS.some((m) => m.id === model);
      const answered =
        !known ||
        hasToolResult(body.messages) ||
        model === 'fake-vllm-no-tool-parser' ||
        model === 'fake-llamacpp-no-jinja';
      const script: [field: 'content' | 'reasoning_content', text: string] = answered
        ? ['content', AFTER_TOOL_ANSWER]
        : model === 'fake-qwen3-coder-reasoning'
          ? ['reasoning_content', QWEN3_CODER_REASONING]
          : ['content', HERMES_CONTENT];
      // max_tokens counts the stream's pieces: past it the answer ends cut, with finish_reason length.
      const limit = typeof body.max_tokens === 'number' ? body.max_tokens : Infinity;
      start(model, { delayMs }, (ex) => chatStream(ex, model, ...script, limit));
    },
  });
}

/** vLLM's stream: the role delta, one delta per piece, the stop chunk, [DONE]. */
async function chatStream(
  ex: Exchange & { delayMs: number },
  model: string,
  field: string,
  text: string,
  limit = Infinity,
): Promise<void> {
  const id = `chatcmpl-${randomBytes(8).toString('hex')}`;
  const chunk = (delta: object, finish: string | null = null) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  ex.res.writeHead(200, SSE_HEADERS);
  await ex.write(chunk({ role: 'assistant', content: '' }));
  const pieces = textPieces(text, field === 'content' ? 3 : 4);
  for (const piece of pieces.slice(0, limit)) {
    await ex.pause(ex.delayMs);
    await ex.write(chunk({ [field]: piece }));
    ex.tokensSent++;
  }
  await ex.write(chunk({ content: '' }, pieces.length > limit ? 'length' : 'stop'));
  ex.end('data: [DONE]\n\n');
}

/** Ollama's NDJSON: one line per word, then the done line. */
async function ollamaAnswer(ex: Exchange & { delayMs: number }, model: string): Promise<void> {
  const line = (message: object, done: boolean, extra: object = {}) =>
    `${JSON.stringify({ model, created_at: new Date().toISOString(), message: { role: 'assistant', ...message }, done, ...extra })}\n`;
  ex.res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  for (const piece of AFTER_TOOL_ANSWER.match(/\s*\S+/g) ?? []) {
    await ex.pause(ex.delayMs);
    await ex.write(line({ content: piece }, false));
    ex.tokensSent++;
  }
  ex.end(line({ content: '' }, true, { done_reason: 'stop', eval_count: ex.tokensSent }));
}
