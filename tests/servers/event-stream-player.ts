// What the Anthropic and OpenAI Responses fakes (anthropic-server.ts, responses-server.ts) share
// beyond the plumbing of fake-http-server.ts: the model catalogue, and one player that plays each
// fake model's script through an API "dialect" that knows the wire events. Both APIs frame every
// event as `event: <type>\ndata: <json>\n\n`, so faults (stall, disconnect mid-frame, a broken
// frame, UTF-8 split across TCP writes, an endless stream) are injected here once.
import type { Exchange, FakeServer, FakeServerOptions } from './fake-http-server';
import type { FakeModel } from './fake-models';
import {
  FAULT_TOKENS,
  endlessTokens,
  expectedReasoning as chatExpectedReasoning,
  expectedText as chatExpectedText,
  reasoningTokens,
  replyTokens,
} from './fake-replies';
import { plainWrite, splitUtf8Write } from './paced-writer';
import { statusFaultModels } from './status-faults';

export type { ClientAbort, RecordedRequest } from './fake-http-server';
export { countPromptTokens } from './fake-replies';

/** The models both fakes serve; the name picks the behaviour, as with the OpenAI fake. */
export const EVENT_STREAM_MODELS = [
  { id: 'fake-chat', description: '~40-token markdown echo of your last message, one text delta per event' },
  { id: 'fake-thinking', description: 'thinking / reasoning deltas first, then the answer' },
  { id: 'fake-endless', description: 'never finishes: one token every 50 ms until you stop it' },
  { id: 'fake-stall-first-byte', description: 'accepts the request and never sends a byte, not even headers' },
  { id: 'fake-stall', description: 'sends headers, then nothing until you stop it' },
  { id: 'fake-silence-midstream', description: '5 tokens, then nothing more until you stop it' },
  ...statusFaultModels,
  { id: 'fake-error-midstream', description: "5 tokens, then the API's in-band error event" },
  { id: 'fake-disconnect', description: '5 tokens, then the socket is destroyed mid-frame' },
  { id: 'fake-malformed', description: '3 tokens, a broken JSON frame, 2 more tokens, a clean end' },
  { id: 'fake-utf8', description: 'Chinese, emoji and accents, every event split inside UTF-8 characters' },
  {
    id: 'fake-tools',
    description:
      "calls the first one or two offered tools in the API's own events, arguments cut mid-token; after tool results, text quoting them",
  },
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

/** What a router hands to the player: the checked request and the dialect to speak. */
export interface EventStream {
  model: EventStreamModelId;
  promptTokens: number;
  lastUserMessage: string;
  /** The client's output limit (max_tokens, max_output_tokens), counting reasoning as real servers do. */
  maxTokens: number | undefined;
  dialect: StreamDialect;
}

/** One streamed response; `tokensSent` counts text-bearing events. */
export interface EventStreamExchange extends Exchange, EventStream {
  readonly tokenDelayMs: number;
}

const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' };
const ENDLESS_DELAY_MS = 50;

export const frameEvent = (e: NamedEvent): string => `event: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`;

/**
 * Plays `ex.model`'s script through `dialect`, stopping early (as a real server does) when the
 * client's token limit is reached. The status faults are the server's business (their bodies are
 * API-specific).
 */
export async function playModel(ex: EventStreamExchange): Promise<void> {
  const { model, dialect } = ex;
  const limit = ex.maxTokens ?? Infinity;
  const pause = (ms = ex.tokenDelayMs) => ex.pause(ms);
  const writer = model === 'fake-utf8' ? splitUtf8Write : plainWrite;
  const send = async (events: NamedEvent[]) => {
    for (const e of events) await ex.write(frameEvent(e), writer);
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
    ex.end();
  };

  if (model === 'fake-stall-first-byte') return; // not even the headers, until the client gives up
  ex.sendHeaders(SSE_HEADERS);
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
    return ex.end();
  }
  if (model === 'fake-silence-midstream') {
    if (!(await stream('text', tokens.slice(0, FAULT_TOKENS.midstream)))) return close('text', 'max_tokens');
    return; // the stream stays open, and nothing more comes
  }
  if (model === 'fake-disconnect') {
    if (!(await stream('text', tokens.slice(0, FAULT_TOKENS.disconnect)))) return close('text', 'max_tokens');
    await pause();
    const frame = Buffer.from(frameEvent(dialect.delta('text', tokens[FAULT_TOKENS.disconnect] ?? ' lost')));
    return ex.drop(frame.subarray(0, frame.length >> 1)); // half a frame, then the connection is gone
  }
  if (model === 'fake-malformed') {
    const { malformedBefore, malformedAfter } = FAULT_TOKENS;
    if (!(await stream('text', tokens.slice(0, malformedBefore)))) return close('text', 'max_tokens');
    await pause();
    const type = dialect.textDeltaType;
    await ex.write(`event: ${type}\ndata: {"type":"${type}","delta": broken\n\n`);
    const whole = await stream('text', tokens.slice(malformedBefore, malformedBefore + malformedAfter));
    return close('text', whole ? 'end' : 'max_tokens');
  }
  return close('text', (await stream('text', tokens)) ? 'end' : 'max_tokens');
}

/** Anthropic: the server root (http://127.0.0.1:PORT); Responses: http://127.0.0.1:PORT/v1. */
export type FakeEventStreamServer = FakeServer;

/** `tokenDelayMs` defaults to 15 ms; `apiKey` is checked in each API's own header. */
export type FakeEventStreamServerOptions = FakeServerOptions;
