// Shared pieces of the property-based tests: a fixed seed (override with FUZZ_SEED to explore,
// FUZZ_RUNS to run longer), byte streams cut at arbitrary points (inside UTF-8 characters too),
// and the real pipeline from bytes to chat events: readText → frameSse/frameNdjson → decode.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { ChatFailure } from '../../src/shared/chat-error';
import { decode } from '../../src/main/providers/decode';
import type { BackendTarget, ChatEvent, ProviderAdapter } from '../../src/main/providers/types';
import type { HttpResponse } from '../../src/main/transports/http-response';
import { eachFrame, singleFrames } from '../../src/main/transports/frame-batches';
import { frameNdjsonBatches } from '../../src/main/transports/ndjson-stream';
import { frameSseBatches } from '../../src/main/transports/sse-stream';
import { readText } from '../../src/main/transports/text-stream';
import { defaultLimits, type Frame, type FrameBatch, type TransportLimits } from '../../src/main/transports/types';

export const seed = Number(process.env.FUZZ_SEED ?? 20_250_131);

/** Parameters for fc.assert: the fixed seed, and `numRuns` scaled by FUZZ_RUNS (a multiplier). */
export const runs = (numRuns: number): fc.Parameters<unknown> => ({
  seed,
  numRuns: Math.max(1, Math.round(numRuns * Number(process.env.FUZZ_RUNS ?? 1))),
  // A property that takes this long on one input is a hang, not a slow machine.
  timeout: 5000,
  markInterruptAsFailure: true,
});

export const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/streams/${name}`, import.meta.url))));

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `bytes` cut at the given offsets, in order. */
export function cutAt(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const points = [...new Set(offsets)].filter((o) => o > 0 && o < bytes.length).sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const p of [...points, bytes.length]) {
    pieces.push(bytes.subarray(start, p));
    start = p;
  }
  return pieces;
}

/**
 * The same bytes as network chunks, cut anywhere: inside multi-byte characters, inside `data:`,
 * between CR and LF, in the blank line ending an event.
 */
export const chunksOf = (bytes: Uint8Array): fc.Arbitrary<Uint8Array[]> =>
  fc.array(fc.nat({ max: Math.max(0, bytes.length) }), { maxLength: 60 }).map((offsets) => cutAt(bytes, offsets));

/** The harshest cut, always run as an explicit example: one byte per chunk. */
export const oneBytePieces = (bytes: Uint8Array): Uint8Array[] =>
  cutAt(
    bytes,
    Array.from({ length: bytes.length }, (_, i) => i),
  );

/** A response whose body yields `chunks` and then ends cleanly, as a server finishing its answer. */
export function responseOf(chunks: readonly Uint8Array[]): HttpResponse {
  return {
    status: 200,
    statusText: 'OK',
    httpVersion: '1.1',
    headers: {},
    body: (async function* () {
      for (const chunk of chunks) yield Buffer.from(chunk);
    })(),
    destroy() {},
  };
}

export type ByteFraming = 'sse' | 'ndjson';

/** The frames of each chunk together, as the generation receives them. */
export function frameBatchesFrom(
  chunks: readonly Uint8Array[],
  framing: ByteFraming,
  limits: TransportLimits = defaultLimits,
): AsyncGenerator<FrameBatch> {
  const text = readText(responseOf(chunks), 'fuzz.test', new AbortController().signal, limits);
  return framing === 'sse' ? frameSseBatches(text, 'fuzz.test', limits) : frameNdjsonBatches(text, 'fuzz.test', limits);
}

export const framesFrom = (
  chunks: readonly Uint8Array[],
  framing: ByteFraming,
  limits: TransportLimits = defaultLimits,
): AsyncGenerator<Frame> => eachFrame(frameBatchesFrom(chunks, framing, limits));

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export interface Outcome {
  events: ChatEvent[];
  /** A ChatFailure the pipeline ended with (an event too large, a dropped connection), if any. */
  failure?: ChatFailure;
}

/**
 * Bytes to chat events through the real framing and decoder. A ChatFailure is a handled end (the
 * generation shows it as an error); anything else thrown is a bug and propagates.
 */
export async function decodeBytes(
  adapter: ProviderAdapter,
  chunks: readonly Uint8Array[],
  framing: ByteFraming,
  backend?: BackendTarget,
  limits?: TransportLimits,
): Promise<Outcome> {
  const events: ChatEvent[] = [];
  try {
    for await (const batch of decode(adapter, frameBatchesFrom(chunks, framing, limits), backend))
      events.push(...batch);
  } catch (err) {
    if (err instanceof ChatFailure) return { events, failure: err };
    throw err;
  }
  return { events };
}

/** Frames already whole (WebSocket messages, poll answers, gRPC messages) through the decoder. */
export async function decodeFrames(
  adapter: ProviderAdapter,
  frames: readonly Frame[],
  backend?: BackendTarget,
): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  // Each arrives on its own, as these transports deliver them (open-stream.ts).
  for await (const batch of decode(adapter, singleFrames(frames), backend)) out.push(...batch);
  return out;
}

export const textOf = (events: readonly ChatEvent[]): string =>
  events.map((e) => (e.type === 'text' ? e.text : '')).join('');
export const reasoningOf = (events: readonly ChatEvent[]): string =>
  events.map((e) => (e.type === 'reasoning' ? e.text : '')).join('');

/**
 * Consecutive text (and reasoning) events joined: cutting the bytes differently may cut an event's
 * text differently only where a decoder buffers on purpose (a partial `<think>` tag), never lose it.
 */
export function mergeText(events: readonly ChatEvent[]): ChatEvent[] {
  const out: ChatEvent[] = [];
  for (const e of events) {
    const last = out.at(-1);
    if ((e.type === 'text' || e.type === 'reasoning') && last?.type === e.type) {
      out[out.length - 1] = { type: e.type, text: last.text + e.text };
    } else out.push(e);
  }
  return out;
}

/**
 * Text a model might send: any Unicode (CJK, emoji, combining marks, RTL, NUL and other
 * controls), without `<` so that no think tag or stop string changes what the text means.
 */
export const tokenText = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom('你', '好', '👋', 'é', '\u0301', 'ש', '\n', '\t', ' '),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
    minLength: 1,
    maxLength: 12,
  })
  .filter((s) => !s.includes('<'));

export const tokens = fc.array(tokenText, { minLength: 1, maxLength: 30 });

/** What a broken or hostile server might put between valid events. */
export const garbageText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
  fc.json({ maxDepth: 3 }),
  fc.constantFrom(
    '{"choices":[{"delta":{"content": broken',
    'data: {"unterminated": "',
    ':\r\n:\r',
    'event: \ndata:',
    '\u0000\u0000\u0000',
    '\uFEFF',
    'id: 1\nretry: x\n',
    '{}',
    '[]',
    'null',
    '"just a string"',
    '12345678901234567890',
    '{"__proto__": {"polluted": true}}',
    '{"constructor": {"prototype": {"polluted": true}}}',
  ),
);

/** Invalid UTF-8 and other bytes no text encoder would produce. */
export const garbageBytes = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.constantFrom(
    new Uint8Array([0xff, 0xfe, 0xfd]),
    new Uint8Array([0xe4, 0xbd]), // a CJK character cut short
    new Uint8Array([0xf0, 0x9f, 0x91]), // an emoji cut short
    new Uint8Array([0xc0, 0xaf]), // an overlong '/'
    new Uint8Array([0xed, 0xa0, 0x80]), // a UTF-16 surrogate encoded as UTF-8
  ),
);

/** Nothing an attack can reach through JSON.parse: checked after every garbage property. */
export function expectNoPollution(): void {
  const probe = {} as Record<string, unknown>;
  if (probe.polluted !== undefined || Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')) {
    throw new Error('Object.prototype was polluted');
  }
}
