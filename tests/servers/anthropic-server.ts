// A fake Anthropic Messages server (the wire format of api.anthropic.com, which llama.cpp, vLLM,
// Ollama, LM Studio and LiteLLM copy): POST /v1/messages streamed as named SSE events, GET
// /v1/models, Anthropic's error bodies, and its request checks (anthropic-version, max_tokens,
// no "system" role in messages), on the plumbing of fake-http-server.ts. The model name picks
// the behaviour (event-stream-player.ts).
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
import { asRecord, contentText, sendJson } from './http-json';
import { anthropicToolTurns, playAnthropicTools, thinksFirst } from './anthropic-tools';
import { StatusFaults, type FaultStatus } from './status-faults';

export {
  EVENT_STREAM_MODELS,
  countPromptTokens,
  expectedReasoning,
  expectedText,
  type FakeEventStreamServer,
} from './event-stream-player';

/** Anthropic's error body: `{"type":"error","error":{"type":…,"message":…}}` (docs: "Errors"). */
export const anthropicError = (type: string, message: string) => ({ type: 'error', error: { type, message } });

/** The in-band failure the fake sends after some text (Anthropic sends it when the API is overloaded). */
export const MIDSTREAM_ERROR = { type: 'overloaded_error', message: 'Overloaded' } as const;
export const HTTP_500_MESSAGE = 'CUDA out of memory while loading the model';

/** Anthropic's error types and words for each status fault (503: llama.cpp's Messages endpoint while loading). */
const statusBodies: Record<FaultStatus, ReturnType<typeof anthropicError>> = {
  401: anthropicError('authentication_error', 'invalid x-api-key'),
  429: anthropicError('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'),
  500: anthropicError('api_error', HTTP_500_MESSAGE),
  503: anthropicError('api_error', 'Loading model'),
};

/** `baseUrl` is the server root (no /v1), as the anthropic kind expects it. */
export function startAnthropicServer(opts: FakeEventStreamServerOptions = {}): Promise<FakeEventStreamServer> {
  const createdAt = new Date().toISOString();
  const tokenDelayMs = opts.tokenDelayMs ?? 15;
  const faults = new StatusFaults();
  return startFakeHttpServer({ host: opts.host, port: opts.port, basePath: '', name: 'fake anthropic', route });

  function route(req: RecordedRequest, res: ServerResponse, start: StartExchange): void {
    const fail = (status: number, type: string, message: string) =>
      sendJson(res, status, anthropicError(type, message));
    if (opts.apiKey !== undefined) {
      // Anthropic reads x-api-key; llama.cpp and LiteLLM take a bearer token as well.
      const key = req.headers['x-api-key'] ?? req.headers['authorization']?.replace(/^Bearer /, '');
      if (key !== opts.apiKey) return fail(401, 'authentication_error', 'invalid x-api-key');
    }
    const endpoint = `${req.method} ${req.path}`;
    if (endpoint === 'GET /v1/models') {
      const data = EVENT_STREAM_MODELS.map((m) => ({
        type: 'model',
        id: m.id,
        display_name: m.id,
        created_at: createdAt,
      }));
      return sendJson(res, 200, { data, has_more: false, first_id: data[0]?.id, last_id: data.at(-1)?.id });
    }
    if (endpoint !== 'POST /v1/messages') return fail(404, 'not_found_error', `Not found: ${req.method} ${req.path}`);
    if (!req.headers['anthropic-version']) {
      return fail(400, 'invalid_request_error', 'anthropic-version: header is required');
    }
    const body = asRecord(req.body);
    if (!body) return fail(400, 'invalid_request_error', 'The request body is not valid JSON.');
    const checked = check(body);
    if (typeof checked === 'string') return fail(400, 'invalid_request_error', checked);
    if (!isEventStreamModel(checked.model)) return fail(404, 'not_found_error', `model: ${checked.model}`);
    const fault = faults.answer(checked.model, checked.lastUserMessage);
    if (fault) return sendJson(res, fault.status, statusBodies[fault.status], fault.headers);
    if (body['stream'] !== true) {
      return fail(400, 'invalid_request_error', 'This fake server only streams: send "stream": true.');
    }
    if (checked.model === 'fake-tools') {
      const toolTurns = anthropicToolTurns(body);
      if (toolTurns.problem) return fail(400, 'invalid_request_error', toolTurns.problem);
      const thinking = thinksFirst(body);
      return start(checked.model, { ...checked, toolTurns, thinking, tokenDelayMs }, playAnthropicTools);
    }
    const dialect = anthropicDialect(checked.model, checked.promptTokens);
    start(checked.model, { ...checked, model: checked.model, dialect, tokenDelayMs }, playModel);
  }
}

interface Checked {
  model: string;
  promptTokens: number;
  lastUserMessage: string;
  maxTokens: number;
}

/** The checks the Messages API makes that a client can get wrong; returns Anthropic's message otherwise. */
function check(body: Record<string, unknown>): Checked | string {
  const { model, messages, max_tokens: maxTokens, system } = body;
  if (typeof model !== 'string' || model === '') return 'model: Field required';
  if (maxTokens === undefined) return 'max_tokens: Field required';
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1) {
    return 'max_tokens: Input should be a valid integer greater than or equal to 1';
  }
  if (!Array.isArray(messages)) return 'messages: Field required';
  const turns = messages.map((m: unknown) => ({
    role: asRecord(m)?.['role'],
    text: contentText(asRecord(m)?.['content']),
  }));
  const odd = turns.find((t) => t.role !== 'user' && t.role !== 'assistant');
  if (odd) {
    return `messages: Unexpected role ${JSON.stringify(odd.role)}. The Messages API accepts a top-level \`system\` parameter, not "system" as an input message role.`;
  }
  const lastUser = turns.filter((t) => t.role === 'user').at(-1);
  return {
    model,
    maxTokens,
    lastUserMessage: lastUser?.text ?? '',
    promptTokens: countPromptTokens([
      ...(system === undefined ? [] : [contentText(system)]),
      ...turns.map((t) => t.text),
    ]),
  };
}

/** Anthropic's event sequence: message_start, content blocks (thinking, text) with deltas, message_delta, message_stop. */
function anthropicDialect(model: string, promptTokens: number): StreamDialect {
  const ev = (type: string, data: Record<string, unknown> = {}): NamedEvent => ({ type, data: { type, ...data } });
  let index = -1;
  const block = (kind: BlockKind) =>
    kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' };
  return {
    textDeltaType: 'content_block_delta',
    opening: () => [
      ev('message_start', {
        message: {
          id: `msg_fake${randomBytes(12).toString('hex')}`,
          type: 'message',
          role: 'assistant',
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: promptTokens, output_tokens: 1 },
        },
      }),
    ],
    blockStart(kind) {
      index++;
      const start = ev('content_block_start', { index, content_block: block(kind) });
      // Anthropic slips a ping in after the first block opens (see the recorded stream).
      return index === 0 ? [start, ev('ping')] : [start];
    },
    delta: (kind, piece) =>
      ev('content_block_delta', {
        index,
        delta: kind === 'text' ? { type: 'text_delta', text: piece } : { type: 'thinking_delta', thinking: piece },
      }),
    blockEnd: (kind) => [
      // A thinking block ends with its signature, which clients must ignore (and send back for tools).
      ...(kind === 'reasoning'
        ? [
            ev('content_block_delta', {
              index,
              delta: { type: 'signature_delta', signature: randomBytes(24).toString('base64') },
            }),
          ]
        : []),
      ev('content_block_stop', { index }),
    ],
    closing: (usage, stop) => [
      ev('message_delta', {
        delta: { stop_reason: stop === 'end' ? 'end_turn' : 'max_tokens', stop_sequence: null },
        usage: { output_tokens: usage.completionTokens },
      }),
      ev('message_stop'),
    ],
    inBandError: () => [ev('error', { error: MIDSTREAM_ERROR })],
  };
}
