// What each fake model puts on the wire for POST /v1/chat/completions, streamed or not. The
// server (openai-chat-server.ts) parses the request; fake-http-server.ts owns the exchange's lifetime.
import { randomBytes } from 'node:crypto';
import type { Exchange } from './fake-http-server';
import type { FakeModelId } from './fake-models';
import {
  FAULT_TOKENS,
  captureEvents,
  endlessTokens,
  expectedReasoning,
  expectedText,
  readCapture,
  reasoningTokens,
  replyTokens,
  type CaptureModel,
} from './fake-replies';
import { openAiError, sendJson } from './http-json';
import { plainWrite, smallPiecesUtf8Write, type Writer } from './paced-writer';
import type { FaultStatus, StatusFaults } from './status-faults';
import type { ToolTurns } from './fake-tool-calls';

export interface ChatRequest {
  model: FakeModelId;
  stream: boolean;
  includeUsage: boolean;
  lastUserMessage: string;
  promptTokens: number;
  /** The tools offered and the results sent back (the tool models answer from them). */
  toolTurns: ToolTurns;
  /** Some message has an `image_url` part (a model without vision refuses it). */
  imageParts: boolean;
}

export interface ChatExchange extends Exchange {
  readonly request: ChatRequest;
  /** Gap between tokens for most models, and for fake-long (10 ms unless tokenDelayMs was given). */
  readonly delays: { tokenMs: number; longMs: number };
  /** The server's status faults (fake-loading-then-ok remembers what it refused). */
  readonly faults: StatusFaults;
}

const ENDLESS_DELAY_MS = 50;
/** What vLLM and llama-server answer for each status fault. */
const statusBodies: Record<FaultStatus, ReturnType<typeof openAiError>> = {
  401: openAiError('Incorrect API key provided.', 'authentication_error', 401),
  429: openAiError('Too many requests', 'rate_limit_error', 429),
  500: openAiError('CUDA out of memory while loading the model', 'server_error', 500),
  // llama-server answers every request like this while it is still loading the weights.
  503: openAiError('Loading model', 'unavailable_error', 503),
};
const midstreamError = openAiError('The server had an error while processing your request', 'server_error', 500);
export const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

export async function handleChat(ex: ChatExchange): Promise<void> {
  const { model } = ex.request;
  // 401, 429, 500, 503, and fake-loading-then-ok's 503 + Retry-After the first time a message is asked.
  const fault = ex.faults.answer(model, ex.request.lastUserMessage);
  if (fault) return fail(ex, fault.status, statusBodies[fault.status], fault.headers);
  switch (model) {
    case 'fake-error-404-model':
      return fail(ex, 404, openAiError(`The model \`${model}\` does not exist.`, 'NotFoundError', 404, 'model'));
    case 'fake-stall-first-byte':
      return; // never answer; the server records the abort when the client gives up
    case 'fake-stall':
      if (ex.request.stream) ex.sendHeaders(SSE_HEADERS);
      return;
    case 'fake-endless':
      return ex.request.stream ? streamEndless(ex) : undefined;
    case 'fake-silence-midstream':
      return ex.request.stream ? stream(ex, model) : undefined; // unstreamed, it is silence from the start
    default:
      return ex.request.stream ? stream(ex, model) : complete(ex, model);
  }
}

function fail(ex: ChatExchange, status: number, body: unknown, headers?: Record<string, string>): void {
  ex.settle();
  sendJson(ex.res, status, body, headers);
}

type Framing = 'lf' | 'crlf-nospace';

/** One chat.completion stream: ids, framing and the two chunk layouts (vLLM's and llama.cpp's). */
export class ChunkStream {
  readonly id = `chatcmpl-${randomBytes(16).toString('hex')}`;
  readonly created = Math.floor(Date.now() / 1000);
  private events = 0;

  constructor(
    private readonly ex: ChatExchange,
    private readonly framing: Framing = 'lf',
    private readonly writer: Writer = plainWrite,
  ) {
    ex.res.writeHead(200, SSE_HEADERS);
  }

  async event(data: string): Promise<void> {
    if (this.framing === 'lf') return this.ex.write(`data: ${data}\n\n`, this.writer);
    // Some servers send `data:` with no space, CRLF line ends and comment lines as keep-alives.
    const keepAlive = this.events++ > 0 ? ': keep-alive\r\n\r\n' : '';
    return this.ex.write(`${keepAlive}data:${data}\r\n\r\n`, this.writer);
  }

  /** vLLM layout: `logprobs: null` on every choice, extra fields after `choices`. */
  chunk(delta: object, finishReason: string | null = null, choiceExtra: object = {}, extra: object = {}): object {
    const { id, created } = this;
    const choice = { index: 0, delta, logprobs: null, finish_reason: finishReason, ...choiceExtra };
    return { id, object: 'chat.completion.chunk', created, model: this.ex.request.model, choices: [choice], ...extra };
  }

  /** llama.cpp layout: no logprobs, `choices` first, a system_fingerprint. */
  llamaChunk(delta: object, finishReason: string | null = null, extra: object = {}): object {
    const { id, created } = this;
    return {
      choices: [{ finish_reason: finishReason, index: 0, delta }],
      created,
      id,
      model: this.ex.request.model,
      system_fingerprint: 'b6097-fake',
      object: 'chat.completion.chunk',
      ...extra,
    };
  }

  send(chunk: object): Promise<void> {
    return this.event(JSON.stringify(chunk));
  }

  async text(piece: string, field: 'content' | 'reasoning_content' = 'content', llama = false): Promise<void> {
    const delta = { [field]: piece };
    await this.send(llama ? this.llamaChunk(delta) : this.chunk(delta));
    this.ex.tokensSent++;
  }

  usage(): { prompt_tokens: number; completion_tokens: number; total_tokens: number } {
    const prompt = this.ex.request.promptTokens;
    const completion = this.ex.tokensSent;
    return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  }

  /** vLLM's closing sequence: a stop chunk, the `choices: []` usage chunk if asked for. */
  async finish(): Promise<void> {
    await this.send(this.chunk({ content: '' }, 'stop', { stop_reason: null }));
    if (this.ex.request.includeUsage) await this.send({ ...this.chunk({}), choices: [], usage: this.usage() });
  }

  done(): Promise<void> {
    return this.event('[DONE]');
  }
}

async function stream(ex: ChatExchange, model: FakeModelId): Promise<void> {
  if (model === 'fake-vllm-capture' || model === 'fake-llamacpp-capture') return replayCapture(ex, model);
  if (model === 'fake-reasoning') return streamReasoning(ex);
  const tokens = replyTokens(model, ex.request.lastUserMessage) ?? [];
  const delayMs = model === 'fake-long' ? ex.delays.longMs : ex.delays.tokenMs;
  const out = new ChunkStream(
    ex,
    model === 'fake-crlf-nospace' ? 'crlf-nospace' : 'lf',
    model === 'fake-utf8' ? smallPiecesUtf8Write : plainWrite,
  );
  // vLLM opens with an empty content delta carrying the role.
  await out.send(out.chunk({ role: 'assistant', content: '' }));

  const sendTokens = async (from: number, to: number): Promise<void> => {
    for (const piece of tokens.slice(from, to)) {
      await ex.pause(delayMs);
      await out.text(piece);
    }
  };

  if (model === 'fake-error-midstream') {
    await sendTokens(0, FAULT_TOKENS.midstream);
    await ex.pause(delayMs);
    // vLLM reports a failure after the 200 headers as an in-band error event, then still says [DONE].
    await out.send(midstreamError);
    await out.done();
    return ex.end();
  }
  if (model === 'fake-silence-midstream') {
    await sendTokens(0, FAULT_TOKENS.midstream);
    return; // the stream stays open, and nothing more comes
  }
  if (model === 'fake-disconnect') {
    await sendTokens(0, FAULT_TOKENS.disconnect);
    await ex.pause(delayMs);
    const frame = Buffer.from(
      `data: ${JSON.stringify(out.chunk({ content: tokens[FAULT_TOKENS.disconnect] ?? ' lost' }))}\n\n`,
    );
    return ex.drop(frame.subarray(0, frame.length >> 1)); // half a frame, then the connection is gone
  }
  if (model === 'fake-malformed') {
    await sendTokens(0, FAULT_TOKENS.malformedBefore);
    await ex.pause(delayMs);
    await out.event('{"choices":[{"delta":{"content": broken');
    await sendTokens(FAULT_TOKENS.malformedBefore, FAULT_TOKENS.malformedBefore + FAULT_TOKENS.malformedAfter);
  } else {
    await sendTokens(0, tokens.length);
  }
  await out.finish();
  // Some servers simply end the response instead of sending [DONE].
  if (model !== 'fake-crlf-nospace') await out.done();
  ex.end();
}

async function streamReasoning(ex: ChatExchange): Promise<void> {
  const out = new ChunkStream(ex);
  const started = performance.now();
  // llama.cpp's first delta has `content: null`, not vLLM's empty string.
  await out.send(out.llamaChunk({ role: 'assistant', content: null }));
  for (const piece of reasoningTokens()) {
    await ex.pause(ex.delays.tokenMs);
    await out.text(piece, 'reasoning_content', true);
  }
  for (const piece of replyTokens('fake-reasoning', ex.request.lastUserMessage) ?? []) {
    await ex.pause(ex.delays.tokenMs);
    await out.text(piece, 'content', true);
  }
  const usage = out.usage();
  const predictedMs = Math.max(performance.now() - started, 0.001);
  const promptMs = 12.5;
  // llama.cpp puts usage and its own `timings` on the last chunk, next to an empty delta.
  const timings = {
    cache_n: 0,
    prompt_n: usage.prompt_tokens,
    prompt_ms: promptMs,
    prompt_per_token_ms: promptMs / Math.max(usage.prompt_tokens, 1),
    prompt_per_second: (usage.prompt_tokens * 1000) / promptMs,
    predicted_n: usage.completion_tokens,
    predicted_ms: predictedMs,
    predicted_per_token_ms: predictedMs / Math.max(usage.completion_tokens, 1),
    predicted_per_second: (usage.completion_tokens * 1000) / predictedMs,
  };
  await out.send(out.llamaChunk({}, 'stop', { usage, timings }));
  await out.done();
  ex.end();
}

async function streamEndless(ex: ChatExchange): Promise<void> {
  const out = new ChunkStream(ex);
  await out.send(out.chunk({ role: 'assistant', content: '' }));
  for (let i = 0; ; i++) {
    await ex.pause(ENDLESS_DELAY_MS);
    await out.text(endlessTokens[i % endlessTokens.length] ?? ' on');
  }
}

async function replayCapture(ex: ChatExchange, model: CaptureModel): Promise<void> {
  ex.res.writeHead(200, SSE_HEADERS);
  const events = captureEvents(readCapture(model));
  for (const [i, event] of events.entries()) {
    if (i > 0) await ex.pause(ex.delays.tokenMs);
    ex.res.write(event);
    if (/"(reasoning_)?content":"[^"]/.test(event)) ex.tokensSent++;
  }
  ex.end();
}

/** Non-streaming answers: a chat.completion object, or the same fault in non-streamed form. */
function complete(ex: ChatExchange, model: FakeModelId): Promise<void> | void {
  if (model === 'fake-error-midstream') return fail(ex, 500, midstreamError);
  const id = `chatcmpl-${randomBytes(16).toString('hex')}`;
  if (model === 'fake-malformed') {
    ex.res.writeHead(200, { 'content-type': 'application/json' });
    return ex.end(`{"id":"${id}","object":"chat.completion","choices":[{"message":{"content": broken`);
  }
  const content =
    model === 'fake-disconnect'
      ? (replyTokens(model, ex.request.lastUserMessage) ?? []).join('')
      : expectedText(model, ex.request.lastUserMessage);
  const reasoning =
    model === 'fake-reasoning' || model === 'fake-llamacpp-capture' ? expectedReasoning(model) : undefined;
  const completionTokens =
    (replyTokens(model, ex.request.lastUserMessage)?.length ?? 0) +
    (model === 'fake-reasoning' ? reasoningTokens().length : 0);
  const prompt = ex.request.promptTokens;
  const body = JSON.stringify({
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, ...(reasoning === undefined ? {} : { reasoning_content: reasoning }) },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: prompt + completionTokens },
  });
  if (model === 'fake-disconnect') {
    // Promise the whole body, send half of it, then drop the connection.
    ex.res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
    return ex.drop(body.slice(0, body.length >> 1));
  }
  ex.res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  ex.end(body);
}
