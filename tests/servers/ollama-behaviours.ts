// What each fake model puts on the wire for Ollama's POST /api/chat, streamed (NDJSON) or not.
// The server (ollama-server.ts) parses the request; fake-http-server.ts owns the exchange's
// lifetime. Texts come from fake-replies.ts, so every fake answers with the same words.
import type { Exchange } from './fake-http-server';
import {
  FAULT_TOKENS,
  endlessTokens,
  expectedReasoning,
  expectedText,
  reasoningTokens,
  replyTokens,
} from './fake-replies';
import { sendJson } from './http-json';
import { plainWrite, splitUtf8Write, type Writer } from './paced-writer';
import { statusFaultModels, type FaultStatus, type StatusFaults } from './status-faults';

export const OLLAMA_FAKE_MODELS = [
  { id: 'fake-chat', description: '~40-token markdown echo of your last message, one token per line' },
  { id: 'fake-thinking', description: 'message.thinking lines first, then message.content lines' },
  { id: 'fake-endless', description: 'never finishes: one token every 50 ms until you stop it' },
  { id: 'fake-stall-first-byte', description: 'accepts the request and never sends a byte, not even headers' },
  { id: 'fake-stall', description: 'sends the 200 headers, then nothing until you stop it' },
  { id: 'fake-silence-midstream', description: '5 tokens, then nothing more until you stop it' },
  ...statusFaultModels.filter((m) => m.id !== 'fake-error-500'),
  { id: 'fake-error-500', description: 'HTTP 500 {"error": ...}: not enough memory to load the model' },
  { id: 'fake-error-midstream', description: '5 tokens, then an {"error": ...} line (status already 200), then EOF' },
  { id: 'fake-disconnect', description: '5 tokens, then the socket is destroyed mid-line' },
  { id: 'fake-malformed', description: '3 tokens, a broken JSON line, 2 more tokens, the done line' },
  { id: 'fake-utf8', description: 'Chinese, emoji and accents, every line split inside UTF-8 characters' },
  {
    id: 'fake-tools',
    description:
      'calls the first one or two offered tools, one whole call per line (arguments objects, no ids, index 0); after tool results, text quoting them',
  },
] as const satisfies readonly { id: string; description: string }[];

export type OllamaFakeModelId = (typeof OLLAMA_FAKE_MODELS)[number]['id'];

/** Ollama resolves a name without a tag to `:latest`; any other tag of a fake model does not exist. */
export function resolveOllamaModel(name: string): OllamaFakeModelId | undefined {
  const bare = name.endsWith(':latest') ? name.slice(0, -':latest'.length) : name;
  return OLLAMA_FAKE_MODELS.find((m) => m.id === bare)?.id;
}

/** The content a client should end up with (fake-thinking answers with fake-reasoning's text). */
export function expectedOllamaText(model: string, lastUserMessage: string): string {
  const id = resolveOllamaModel(model) ?? model;
  return expectedText(id === 'fake-thinking' ? 'fake-reasoning' : id, lastUserMessage);
}

export function expectedOllamaThinking(model: string): string {
  if (resolveOllamaModel(model) !== 'fake-thinking') throw new Error(`${model} sends no thinking`);
  return expectedReasoning('fake-reasoning');
}

export interface OllamaChatRequest {
  model: OllamaFakeModelId;
  /** The name as the client sent it; Ollama echoes it back in every line. */
  name: string;
  stream: boolean;
  lastUserMessage: string;
  promptTokens: number;
}

/** The statistics of a final `done: true` line, as sent (durations in nanoseconds). */
export interface OllamaDoneStats {
  model: string;
  done_reason: string;
  total_duration: number;
  load_duration: number;
  prompt_eval_count: number;
  prompt_eval_duration: number;
  eval_count: number;
  eval_duration: number;
}

/** `tokensSent` counts content and thinking lines. */
export interface OllamaExchange extends Exchange {
  readonly request: OllamaChatRequest;
  readonly tokenDelayMs: number;
  /** Records the statistics of the done line just sent, so tests can compute from them. */
  recordDone(stats: OllamaDoneStats): void;
  /** The server's status faults (fake-loading-then-ok remembers what it refused). */
  readonly faults: StatusFaults;
}

const ENDLESS_DELAY_MS = 50;
/** The runner's words when it crashes mid-generation (ollama/ollama docs/api/errors.mdx). */
const MIDSTREAM_ERROR = 'an error was encountered while running the model';
/** What Ollama answers when the weights do not fit (llm/server.go); sent with HTTP 500. */
const LOAD_ERROR = 'model requires more system memory (9.6 GiB) than is available (3.1 GiB)';
/** The model was already loaded: Ollama still reports a small load_duration. */
const LOAD_NS = 1_334_875;
const NDJSON_HEADERS = { 'content-type': 'application/x-ndjson' };
/** Ollama's `{"error"}` words for each status fault; it has no keys or rate limits, so 401 and 429 come from a proxy in front. */
const statusErrors: Record<FaultStatus, string> = {
  401: 'unauthorized',
  429: 'too many requests',
  500: LOAD_ERROR,
  // Ollama's own answer when its queue is full (OLLAMA_MAX_QUEUE), with no Retry-After.
  503: 'server busy, please try again.  maximum pending requests exceeded',
};

const nowNs = (): bigint => process.hrtime.bigint();

export async function handleOllamaChat(ex: OllamaExchange): Promise<void> {
  const { model } = ex.request;
  const fault = ex.faults.answer(model, ex.request.lastUserMessage);
  if (fault) {
    ex.settle();
    return sendJson(ex.res, fault.status, { error: statusErrors[fault.status] }, fault.headers);
  }
  switch (model) {
    case 'fake-stall-first-byte':
      return; // never answer; the server records the abort when the client gives up
    case 'fake-silence-midstream':
      return ex.request.stream ? stream(ex) : undefined;
    case 'fake-stall':
      if (ex.request.stream) ex.sendHeaders(NDJSON_HEADERS); // non-streamed answers go out at the end: nothing
      return;
    case 'fake-endless':
      return ex.request.stream ? streamEndless(ex) : undefined;
    default:
      return ex.request.stream ? stream(ex) : complete(ex);
  }
}

/** One /api/chat response: the line layout of Ollama's api.ChatResponse, and its timings. */
export class LineStream {
  private readonly startedAt = nowNs();
  private firstTokenAt: bigint | null = null;
  private tokens = 0;

  constructor(
    private readonly ex: OllamaExchange,
    private readonly writer: Writer = plainWrite,
  ) {
    ex.res.writeHead(200, NDJSON_HEADERS);
  }

  raw(text: string): Promise<void> {
    return this.ex.write(text, this.writer);
  }

  send(line: object): Promise<void> {
    return this.raw(`${JSON.stringify(line)}\n`);
  }

  /** A token line; thinking lines carry `content: ""` next to `thinking`, as Ollama sends them. */
  token(piece: string, field: 'content' | 'thinking' = 'content'): Promise<void> {
    this.firstTokenAt ??= nowNs();
    this.tokens++;
    this.ex.tokensSent++;
    const message =
      field === 'content' ? { role: 'assistant', content: piece } : { role: 'assistant', content: '', thinking: piece };
    return this.send(this.line(message, false));
  }

  line(message: object, done: boolean): object {
    return { model: this.ex.request.name, created_at: new Date().toISOString(), message, done };
  }

  /** The final line: an empty message, done_reason, counts, and durations in nanoseconds. */
  stats(): OllamaDoneStats {
    const end = nowNs();
    const first = this.firstTokenAt ?? end;
    const promptEval = Math.max(Number(first - this.startedAt), 1);
    return {
      model: this.ex.request.name,
      done_reason: 'stop',
      total_duration: Number(end - this.startedAt) + LOAD_NS,
      load_duration: LOAD_NS,
      prompt_eval_count: this.ex.request.promptTokens,
      prompt_eval_duration: promptEval,
      eval_count: this.tokens,
      eval_duration: Math.max(Number(end - first), 1),
    };
  }

  async done(): Promise<void> {
    const stats = this.stats();
    this.ex.recordDone(stats);
    await this.send({ ...this.line({ role: 'assistant', content: '' }, true), ...stats });
  }
}

async function stream(ex: OllamaExchange): Promise<void> {
  const { model, lastUserMessage } = ex.request;
  const out = new LineStream(ex, model === 'fake-utf8' ? splitUtf8Write : plainWrite);
  const tokens = replyTokens(model === 'fake-thinking' ? 'fake-reasoning' : model, lastUserMessage) ?? [];
  const sendTokens = async (from: number, to: number): Promise<void> => {
    for (const piece of tokens.slice(from, to)) {
      await ex.pause(ex.tokenDelayMs);
      await out.token(piece);
    }
  };

  if (model === 'fake-thinking') {
    for (const piece of reasoningTokens()) {
      await ex.pause(ex.tokenDelayMs);
      await out.token(piece, 'thinking');
    }
  }
  if (model === 'fake-error-midstream') {
    await sendTokens(0, FAULT_TOKENS.midstream);
    await ex.pause(ex.tokenDelayMs);
    // The 200 and its header are long gone: Ollama reports a runner failure as one more line, then ends.
    await out.send({ error: MIDSTREAM_ERROR });
    return ex.end();
  }
  if (model === 'fake-silence-midstream') {
    await sendTokens(0, FAULT_TOKENS.midstream);
    return; // the stream stays open, and nothing more comes
  }
  if (model === 'fake-disconnect') {
    await sendTokens(0, FAULT_TOKENS.disconnect);
    await ex.pause(ex.tokenDelayMs);
    const line = Buffer.from(
      `${JSON.stringify(out.line({ role: 'assistant', content: tokens[FAULT_TOKENS.disconnect] ?? ' lost' }, false))}\n`,
    );
    return ex.drop(line.subarray(0, line.length >> 1)); // half a line, then the connection is gone
  }
  if (model === 'fake-malformed') {
    await sendTokens(0, FAULT_TOKENS.malformedBefore);
    await ex.pause(ex.tokenDelayMs);
    await out.raw('{"model":"fake-malformed","message":{"role":"assistant","content": broken\n');
    await sendTokens(FAULT_TOKENS.malformedBefore, FAULT_TOKENS.malformedBefore + FAULT_TOKENS.malformedAfter);
  } else {
    await sendTokens(0, tokens.length);
  }
  await out.done();
  ex.end();
}

async function streamEndless(ex: OllamaExchange): Promise<void> {
  const out = new LineStream(ex);
  for (let i = 0; ; i++) {
    await ex.pause(ENDLESS_DELAY_MS);
    await out.token(endlessTokens[i % endlessTokens.length] ?? ' on');
  }
}

/** `stream: false`: one JSON object with the whole message and the done statistics. */
function complete(ex: OllamaExchange): Promise<void> | void {
  const { model, lastUserMessage } = ex.request;
  if (model === 'fake-error-midstream') {
    ex.settle();
    return sendJson(ex.res, 500, { error: MIDSTREAM_ERROR });
  }
  if (model === 'fake-malformed') {
    ex.res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    return ex.end('{"model":"fake-malformed","message":{"role":"assistant","content": broken');
  }
  const source = model === 'fake-thinking' ? 'fake-reasoning' : model;
  const tokens = replyTokens(source, lastUserMessage) ?? [];
  const thinking = model === 'fake-thinking' ? reasoningTokens() : [];
  const message = {
    role: 'assistant',
    content: tokens.join(''),
    ...(thinking.length ? { thinking: thinking.join('') } : {}),
  };
  const evalNs = (tokens.length + thinking.length) * ex.tokenDelayMs * 1e6 + 1;
  const stats: OllamaDoneStats = {
    model: ex.request.name,
    done_reason: 'stop',
    total_duration: LOAD_NS + evalNs + 1_000_000,
    load_duration: LOAD_NS,
    prompt_eval_count: ex.request.promptTokens,
    prompt_eval_duration: 1_000_000,
    eval_count: tokens.length + thinking.length,
    eval_duration: evalNs,
  };
  const { model: name, ...timings } = stats;
  const body = JSON.stringify({ model: name, created_at: new Date().toISOString(), message, done: true, ...timings });
  ex.res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
  });
  if (model === 'fake-disconnect') {
    // Promise the whole body, send half of it, then drop the connection.
    return ex.drop(body.slice(0, body.length >> 1));
  }
  ex.recordDone(stats);
  ex.end(body);
}
