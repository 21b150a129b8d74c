// Every adapter's decoder under fuzzing, through the real framing: recorded and synthetic streams
// cut at arbitrary byte offsets decode to exactly the same events as uncut; any text a model may
// send comes out whole; and garbage between events (where the format can resynchronise) costs
// nothing but `malformed` events: every valid token after it is still there, nothing throws but
// a ChatFailure, and Object.prototype stays clean. Frame-based kinds (WebSocket, polling, gRPC)
// get the same garbage between whole frames; Triton also gets its UTF-8 cut across responses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adapters } from '../../src/main/providers/registry';
import type { BackendTarget, ChatEvent, ProviderAdapter } from '../../src/main/providers/types';
import { encodeStreamInferResponse, packBytesTensor } from '../../src/main/providers/triton-grpc/triton-proto';
import type { Frame } from '../../src/main/transports/types';
import type { BackendKind } from '../../src/shared/domain';
import {
  chunksOf,
  concatBytes,
  cutAt,
  decodeBytes,
  decodeFrames,
  expectNoPollution,
  fixture,
  garbageBytes,
  garbageText,
  mergeText,
  oneBytePieces,
  runs,
  textOf,
  tokens,
  utf8,
  type ByteFraming,
} from './fuzz-support';

const target = (kind: BackendKind): BackendTarget => ({
  kind,
  baseUrl: 'http://fuzz.test',
  apiKey: null,
  http: 'auto',
});

interface ByteKind {
  kind: BackendKind;
  framing: ByteFraming;
  fixtures: string[];
  /** The wire bytes a server of this kind sends for an answer made of `texts`, as whole events. */
  events(texts: string[]): string[];
}

const sse = (data: unknown, event?: string) => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;

const byteKinds: ByteKind[] = [
  {
    kind: 'openai-chat',
    framing: 'sse',
    fixtures: [
      'openai-chat-vllm-usage.sse',
      'openai-chat-llamacpp-reasoning.sse',
      'openai-chat-vllm-tools.sse',
      'openai-chat-llamacpp-tools.sse',
    ],
    events: (texts) => [
      sse({ choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] }),
      ...texts.map((t) => sse({ choices: [{ index: 0, delta: { content: t }, finish_reason: null }] })),
      sse({
        choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
        usage: { prompt_tokens: 3, completion_tokens: texts.length },
      }),
      'data: [DONE]\n\n',
    ],
  },
  {
    kind: 'openai-responses',
    framing: 'sse',
    fixtures: ['responses-api-basic.sse', 'responses-api-tools.sse'],
    events: (texts) => [
      sse({ type: 'response.created', response: { id: 'r' } }, 'response.created'),
      ...texts.map((t) =>
        sse(
          { type: 'response.output_text.delta', item_id: 'm', output_index: 0, content_index: 0, delta: t },
          'response.output_text.delta',
        ),
      ),
      sse(
        {
          type: 'response.completed',
          response: { status: 'completed', usage: { input_tokens: 3, output_tokens: texts.length } },
        },
        'response.completed',
      ),
    ],
  },
  {
    kind: 'anthropic',
    framing: 'sse',
    fixtures: ['anthropic-messages-text.sse', 'anthropic-messages-tools.sse'],
    events: (texts) => [
      sse({ type: 'message_start', message: { usage: { input_tokens: 3, output_tokens: 1 } } }, 'message_start'),
      sse({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start'),
      sse({ type: 'ping' }, 'ping'),
      ...texts.map((t) =>
        sse({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: t } }, 'content_block_delta'),
      ),
      sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'),
      sse(
        { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: texts.length } },
        'message_delta',
      ),
      sse({ type: 'message_stop' }, 'message_stop'),
    ],
  },
  {
    kind: 'ollama',
    framing: 'ndjson',
    fixtures: [
      'ollama-chat.ndjson',
      'ollama-chat-tools.ndjson',
      'ollama-chat-tools-parallel.ndjson',
      'ollama-generate.ndjson',
      'ollama-generate-midstream-error.ndjson',
    ],
    events: (texts) => [
      ...texts.map(
        (t) => `${JSON.stringify({ model: 'm', message: { role: 'assistant', content: t }, done: false })}\n`,
      ),
      `${JSON.stringify({ model: 'm', message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', eval_count: texts.length })}\n`,
    ],
  },
  {
    // KoboldCpp's SSE route (/api/extra/generate/stream), which Runnel prefers to polling.
    kind: 'koboldcpp',
    framing: 'sse',
    fixtures: [],
    events: (texts) => [
      ...texts.map((t) => sse({ token: t, finish_reason: 'null' }, 'message')),
      sse({ token: '', finish_reason: 'stop' }, 'message'),
    ],
  },
];

/** The wire of `texts` with the events cut back into one byte string. */
const wire = (k: ByteKind, texts: string[]): Uint8Array => utf8(k.events(texts).join(''));

/** A stream's events with `garbage` spliced in between two whole events (and the blank line or newline that ends it). */
function withGarbage(k: ByteKind, events: string[], garbage: Uint8Array, where: number): Uint8Array {
  const at = where % (events.length + 1);
  const end = utf8(k.framing === 'sse' ? '\n\n' : '\n');
  return concatBytes([utf8(events.slice(0, at).join('')), garbage, end, utf8(events.slice(at).join(''))]);
}

const withoutMalformed = (events: ChatEvent[]) => events.filter((e) => e.type !== 'malformed');

describe.each(byteKinds)('$kind decoding', (k) => {
  const adapter: ProviderAdapter = adapters[k.kind];
  const backend = target(k.kind);

  it.each(k.fixtures)('decodes %s to the same events however its bytes are cut', async (name) => {
    const bytes = fixture(name);
    const whole = await decodeBytes(adapter, [bytes], k.framing, backend);
    expect(whole.failure).toBeUndefined();
    expect(whole.events.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(chunksOf(bytes), async (chunks) => {
        expect(await decodeBytes(adapter, chunks, k.framing, backend)).toEqual(whole);
      }),
      { ...runs(25), examples: [[oneBytePieces(bytes)]] },
    );
  });

  it('gives back any text exactly, however the bytes are cut (inside characters too)', async () => {
    await fc.assert(
      fc.asyncProperty(
        tokens.chain((texts) => fc.tuple(fc.constant(texts), chunksOf(wire(k, texts)))),
        async ([texts, chunks]) => {
          const whole = await decodeBytes(adapter, [wire(k, texts)], k.framing, backend);
          const cut = await decodeBytes(adapter, chunks, k.framing, backend);
          expect(cut).toEqual(whole);
          expect(cut.failure).toBeUndefined();
          expect(textOf(cut.events)).toBe(texts.join(''));
          expect(cut.events.some((e) => e.type === 'error' || e.type === 'malformed')).toBe(false);
        },
      ),
      runs(50),
    );
  });

  it('loses no valid token to garbage between events, throws nothing but a ChatFailure, pollutes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        tokens,
        fc.oneof(garbageText.map(utf8), garbageBytes),
        fc.nat(),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (texts, garbage, where, cuts) => {
          const events = k.events(texts);
          const clean = await decodeBytes(adapter, [utf8(events.join(''))], k.framing, backend);
          const dirty = withGarbage(k, events, garbage, where);
          const got = await decodeBytes(
            adapter,
            cutAt(
              dirty,
              cuts.map((c) => c % (dirty.length + 1)),
            ),
            k.framing,
            backend,
          );
          expect(got.failure).toBeUndefined();
          expect(mergeText(withoutMalformed(got.events))).toEqual(mergeText(clean.events));
          expect(textOf(got.events)).toBe(texts.join(''));
          expectNoPollution();
        },
      ),
      runs(80),
    );
  });

  it('never throws anything but a ChatFailure, whatever bytes arrive', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(garbageText.map(utf8), garbageBytes), { maxLength: 30 }), async (pieces) => {
        const got = await decodeBytes(adapter, pieces, k.framing, backend);
        for (const e of got.events)
          expect([
            'text',
            'reasoning',
            'reasoning-reclassify',
            'usage',
            'finish',
            'tool-calls',
            'error',
            'malformed',
          ]).toContain(e.type);
        expectNoPollution();
      }),
      runs(60),
    );
  });
});

interface FrameKind {
  kind: BackendKind;
  backend: BackendTarget;
  /** Whole frames a server of this kind sends for an answer made of `texts`. */
  frames(texts: string[]): Frame[];
  /** A garbage frame as this transport would deliver it. */
  garbage: fc.Arbitrary<Frame>;
}

const ws = (data: unknown): Frame => ({
  framing: 'websocket',
  data: typeof data === 'string' ? data : JSON.stringify(data),
});
const poll = (phase: 'start' | 'poll', data: unknown): Frame => ({
  framing: 'poll',
  phase,
  data: JSON.stringify(data),
});
const textGarbage = fc.oneof(
  garbageText,
  garbageBytes.map((b) => new TextDecoder().decode(b)),
);

/** Triton's text_output for one response: the bytes of a (possibly partial) UTF-8 piece. */
const tritonResponse = (piece: Uint8Array, final: boolean): Frame => ({
  framing: 'grpc',
  message: encodeStreamInferResponse({
    errorMessage: '',
    inferResponse: {
      modelName: 'ensemble',
      modelVersion: '1',
      id: 'fuzz',
      parameters: { triton_final_response: final },
      outputs: [{ name: 'text_output', datatype: 'BYTES', shape: [1], contents: {} }],
      rawOutputContents: [packBytesTensor([piece])],
    },
  }),
});

const frameKinds: FrameKind[] = [
  {
    kind: 'openai-realtime',
    backend: target('openai-realtime'),
    frames: (texts) => [
      ws({ type: 'session.created', session: {} }),
      ws({ type: 'response.created', response: { id: 'r' } }),
      ...texts.map((t) => ws({ type: 'response.output_text.delta', delta: t })),
      ws({ type: 'response.done', response: { status: 'completed', usage: { input_tokens: 3, output_tokens: 2 } } }),
    ],
    garbage: textGarbage.map(ws),
  },
  {
    kind: 'websocket-json',
    backend: { ...target('websocket-json'), options: { deltaPath: 'choices.0.delta.content', donePath: 'type=done' } },
    frames: (texts) => [...texts.map((t) => ws({ choices: [{ delta: { content: t } }] })), ws({ type: 'done' })],
    garbage: textGarbage.map(ws),
  },
  {
    kind: 'runpod',
    backend: target('runpod'),
    frames: (texts) => [
      poll('start', { id: 'j1', status: 'IN_QUEUE' }),
      ...texts.map((t) => poll('poll', { status: 'IN_PROGRESS', stream: [{ output: t }] })),
      poll('poll', { status: 'COMPLETED', stream: [] }),
    ],
    garbage: textGarbage.map((data) => ({ framing: 'poll', phase: 'poll', data })),
  },
  {
    // KoboldCpp without the SSE route: /check answers carry the text so far, the blocking start the whole.
    kind: 'koboldcpp',
    backend: target('koboldcpp'),
    frames: (texts) => [
      ...texts.map((_, i) => poll('poll', { results: [{ text: texts.slice(0, i + 1).join('') }] })),
      poll('start', { results: [{ text: texts.join(''), finish_reason: 'stop' }] }),
    ],
    garbage: textGarbage.map((data) => ({ framing: 'poll', phase: 'poll', data })),
  },
  {
    kind: 'triton-grpc',
    backend: target('triton-grpc'),
    frames: (texts) => [...texts.map((t) => tritonResponse(utf8(t), false)), tritonResponse(new Uint8Array(), true)],
    garbage: fc
      .oneof(
        fc.uint8Array({ maxLength: 64 }),
        // A valid response cut short, as a broken proxy might deliver it.
        fc.tuple(tokens, fc.nat()).map(([t, n]) => {
          const whole = encodeStreamInferResponse({ errorMessage: '', inferResponse: undefined });
          const msg = tritonResponse(utf8(t.join('')), false);
          return msg.framing === 'grpc' ? msg.message.subarray(0, Math.max(1, n % msg.message.length)) : whole;
        }),
      )
      .map((message) => ({ framing: 'grpc', message }) as Frame),
  },
];

/**
 * What a garbage frame means on its own (before any end-of-stream verdict): garbage that happens
 * to be a valid frame of this kind is not garbage.
 */
const aloneIsHarmless = (k: FrameKind, frame: Frame): boolean =>
  adapters[k.kind]
    .createDecoder(k.backend)
    .push(frame)
    .every((e) => e.type === 'malformed');

describe.each(frameKinds)('$kind decoding', (k) => {
  const adapter = adapters[k.kind];

  it('gives back any text exactly', async () => {
    await fc.assert(
      fc.asyncProperty(tokens, async (texts) => {
        const events = await decodeFrames(adapter, k.frames(texts), k.backend);
        expect(textOf(events)).toBe(texts.join(''));
        expect(events.some((e) => e.type === 'error' || e.type === 'malformed')).toBe(false);
      }),
      runs(50),
    );
  });

  it('loses no valid token to a garbage frame, throws nothing, pollutes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(tokens, k.garbage, fc.nat(), async (texts, garbage, where) => {
        fc.pre(aloneIsHarmless(k, garbage));
        const frames = k.frames(texts);
        const at = where % frames.length; // before the last frame: after it the answer is over
        const clean = await decodeFrames(adapter, frames, k.backend);
        const got = await decodeFrames(adapter, [...frames.slice(0, at), garbage, ...frames.slice(at)], k.backend);
        expect(mergeText(withoutMalformed(got))).toEqual(mergeText(clean));
        expectNoPollution();
      }),
      runs(80),
    );
  });

  it('never throws, whatever frames arrive', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(k.garbage, { maxLength: 20 }), async (frames) => {
        await decodeFrames(adapter, frames, k.backend);
        expectNoPollution();
      }),
      runs(60),
    );
  });
});

describe('triton-grpc decoding', () => {
  it('keeps characters whole when their UTF-8 bytes are cut across responses', async () => {
    await fc.assert(
      fc.asyncProperty(
        tokens.chain((texts) => fc.tuple(fc.constant(texts), chunksOf(utf8(texts.join(''))))),
        async ([texts, pieces]) => {
          const frames = [...pieces.map((p) => tritonResponse(p, false)), tritonResponse(new Uint8Array(), true)];
          const events = await decodeFrames(adapters['triton-grpc'], frames, target('triton-grpc'));
          expect(textOf(events)).toBe(texts.join(''));
          expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
        },
      ),
      runs(60),
    );
  });
});
