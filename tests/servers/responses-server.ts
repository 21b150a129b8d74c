// A fake OpenAI Responses API server (the wire format vLLM, SGLang, llama.cpp, Ollama and LM
// Studio serve at /v1/responses): POST /v1/responses streamed as named SSE events with
// sequence numbers, GET /v1/models, OpenAI error bodies, on the plumbing of fake-http-server.ts.
// The model name picks the behaviour (event-stream-player.ts).
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import {
  EVENT_STREAM_MODELS,
  isEventStreamModel,
  playModel,
  type BlockKind,
  type FakeEventStreamServer,
  type FakeEventStreamServerOptions,
  type NamedEvent,
  type StreamDialect,
} from './event-stream-player';
import { startFakeHttpServer, type RecordedRequest, type StartExchange } from './fake-http-server';
import { countPromptTokens } from './fake-replies';
import { asRecord, contentText, openAiError, openAiKeyRefusal, openAiModelList, sendJson } from './http-json';
import { StatusFaults, type FaultStatus } from './status-faults';
import { playResponsesTools, responsesToolTurns } from './responses-tools';

export {
  EVENT_STREAM_MODELS,
  countPromptTokens,
  expectedReasoning,
  expectedText,
  type FakeEventStreamServer,
} from './event-stream-player';

export const MIDSTREAM_ERROR = {
  code: 'server_error',
  message: 'The server had an error while processing your request',
} as const;
export const HTTP_500_MESSAGE = 'CUDA out of memory while loading the model';

/** The OpenAI-style bodies vLLM and llama.cpp send for each status fault. */
const statusBodies: Record<FaultStatus, ReturnType<typeof openAiError>> = {
  401: openAiError('Incorrect API key provided.', 'authentication_error', 401),
  429: openAiError('Too many requests', 'rate_limit_error', 429),
  500: openAiError(HTTP_500_MESSAGE, 'server_error', 500),
  503: openAiError('Loading model', 'unavailable_error', 503),
};

/** `baseUrl` ends in /v1, as the openai-responses kind expects it. */
export function startResponsesServer(opts: FakeEventStreamServerOptions = {}): Promise<FakeEventStreamServer> {
  const created = Math.floor(Date.now() / 1000);
  const tokenDelayMs = opts.tokenDelayMs ?? 15;
  const faults = new StatusFaults();
  return startFakeHttpServer({ host: opts.host, port: opts.port, basePath: '/v1', name: 'fake responses', route });

  function route(req: RecordedRequest, res: ServerResponse, start: StartExchange): void {
    const fail = (status: number, message: string, type: string, param?: string) =>
      sendJson(res, status, openAiError(message, type, status, param));
    const refusal = openAiKeyRefusal(req.headers, opts.apiKey);
    if (refusal) return sendJson(res, 401, refusal);
    const endpoint = `${req.method} ${req.path}`;
    if (endpoint === 'GET /v1/models') return sendJson(res, 200, openAiModelList(EVENT_STREAM_MODELS, created));
    if (endpoint !== 'POST /v1/responses') return fail(404, `Not found: ${req.method} ${req.path}`, 'not_found_error');
    const body = asRecord(req.body);
    if (!body) return fail(400, 'The request body is not valid JSON.', 'BadRequestError');
    const { model, input, instructions, max_output_tokens: maxTokens } = body;
    if (typeof model !== 'string' || model === '') return fail(400, "'model' is required.", 'BadRequestError');
    // `input` is a string (one user turn) or a list of {role, content} items.
    const turns =
      typeof input === 'string'
        ? [{ role: 'user', text: input }]
        : Array.isArray(input)
          ? input.map((m: unknown) => ({ role: asRecord(m)?.['role'], text: contentText(asRecord(m)?.['content']) }))
          : undefined;
    if (!turns) return fail(400, "'input' must be a string or an array.", 'BadRequestError', 'input');
    if (!isEventStreamModel(model)) {
      return fail(404, `The model \`${model}\` does not exist.`, 'NotFoundError', 'model');
    }
    const lastUserMessage = turns.filter((t) => t.role === 'user').at(-1)?.text ?? '';
    const fault = faults.answer(model, lastUserMessage);
    if (fault) return sendJson(res, fault.status, statusBodies[fault.status], fault.headers);
    if (body['stream'] !== true)
      return fail(400, 'This fake server only streams: send "stream": true.', 'BadRequestError');
    const system = typeof instructions === 'string' ? instructions : null;
    const promptTokens = countPromptTokens([...(system === null ? [] : [system]), ...turns.map((t) => t.text)]);
    if (model === 'fake-tools') {
      const toolTurns = responsesToolTurns(body);
      if (toolTurns.problem) return fail(400, toolTurns.problem, 'invalid_request_error');
      return start(model, { toolTurns, lastUserMessage, promptTokens, tokenDelayMs }, playResponsesTools);
    }
    const stream = {
      model,
      maxTokens: typeof maxTokens === 'number' ? maxTokens : undefined,
      lastUserMessage,
      promptTokens,
      dialect: responsesDialect(model, system),
    };
    start(model, { ...stream, tokenDelayMs }, playModel);
  }
}

/**
 * The Responses API's event sequence: response.created, response.in_progress, then per output
 * item output_item.added, content_part.added, the deltas, *.done events, output_item.done, and
 * response.completed (or `error` + response.failed). Every event carries a sequence_number.
 */
function responsesDialect(model: string, instructions: string | null): StreamDialect {
  const id = `resp_${randomBytes(16).toString('hex')}`;
  const createdAt = Math.floor(Date.now() / 1000);
  let sequence = 0;
  const ev = (type: string, data: Record<string, unknown> = {}): NamedEvent => ({
    type,
    data: { type, sequence_number: sequence++, ...data },
  });
  const done: Record<string, unknown>[] = [];
  let current = { id: '', outputIndex: -1 };
  const partType = (kind: BlockKind) => (kind === 'text' ? 'output_text' : 'reasoning_text');
  const part = (kind: BlockKind, text: string) =>
    kind === 'text' ? { type: 'output_text', text, annotations: [] } : { type: 'reasoning_text', text };
  const item = (kind: BlockKind, status: string, content: unknown[]) =>
    kind === 'text'
      ? { id: current.id, type: 'message', status, role: 'assistant', content }
      : { id: current.id, type: 'reasoning', summary: [], content };
  const response = (status: string, extra: Record<string, unknown> = {}) => ({
    id,
    object: 'response',
    created_at: createdAt,
    status,
    error: null,
    incomplete_details: null,
    instructions,
    model,
    output: [...done],
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    usage: null,
    ...extra,
  });
  const at = () => ({ item_id: current.id, output_index: current.outputIndex, content_index: 0 });
  return {
    textDeltaType: 'response.output_text.delta',
    opening: () => [
      ev('response.created', { response: response('in_progress') }),
      ev('response.in_progress', { response: response('in_progress') }),
    ],
    blockStart(kind) {
      current = {
        id: `${kind === 'text' ? 'msg' : 'rs'}_${randomBytes(16).toString('hex')}`,
        outputIndex: done.length,
      };
      return [
        ev('response.output_item.added', { output_index: current.outputIndex, item: item(kind, 'in_progress', []) }),
        ev('response.content_part.added', { ...at(), part: part(kind, '') }),
      ];
    },
    delta: (kind, piece) =>
      kind === 'text'
        ? ev('response.output_text.delta', { ...at(), delta: piece, logprobs: [] })
        : ev('response.reasoning_text.delta', { ...at(), delta: piece }),
    blockEnd(kind, fullText) {
      const finished = item(kind, 'completed', [part(kind, fullText)]);
      done.push(finished);
      return [
        ev(`response.${partType(kind)}.done`, { ...at(), text: fullText }),
        ev('response.content_part.done', { ...at(), part: part(kind, fullText) }),
        ev('response.output_item.done', { output_index: current.outputIndex, item: finished }),
      ];
    },
    // Reaching max_output_tokens ends the stream with response.incomplete instead of response.completed.
    closing: (usage, stop) => [
      ev(stop === 'end' ? 'response.completed' : 'response.incomplete', {
        response: response(stop === 'end' ? 'completed' : 'incomplete', {
          ...(stop === 'end' ? {} : { incomplete_details: { reason: 'max_output_tokens' } }),
          usage: {
            input_tokens: usage.promptTokens,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens: usage.completionTokens,
            output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
            total_tokens: usage.promptTokens + usage.completionTokens,
          },
        }),
      }),
    ],
    // The spec's `error` event has code/message/param at the top level; response.failed follows it.
    inBandError: () => [
      ev('error', { ...MIDSTREAM_ERROR, param: null }),
      ev('response.failed', { response: response('failed', { error: MIDSTREAM_ERROR }) }),
    ],
  };
}
