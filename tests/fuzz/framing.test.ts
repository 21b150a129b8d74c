// SSE and NDJSON framing under arbitrary network chunking and arbitrary garbage: the same bytes
// cut anywhere (inside UTF-8 characters, between CR and LF) give exactly the same frames; garbage
// never makes the framer throw anything but a ChatFailure, and a valid event after garbage that
// the format can resynchronise on (a blank line in SSE, a newline in NDJSON) is never lost.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChatFailure } from '../../src/shared/chat-error';
import { defaultLimits, type Frame } from '../../src/main/transports/types';
import {
  chunksOf,
  collect,
  concatBytes,
  cutAt,
  expectNoPollution,
  fixture,
  framesFrom,
  garbageBytes,
  garbageText,
  oneBytePieces,
  runs,
  tokens,
  utf8,
  type ByteFraming,
} from './fuzz-support';

const sseFixtures = [
  'openai-chat-vllm-usage.sse',
  'openai-chat-llamacpp-reasoning.sse',
  'anthropic-messages-text.sse',
  'responses-api-basic.sse',
  'tgi-generate-stream-tokens.sse',
  'tgi-generate-stream-final.sse',
];
const ndjsonFixtures = [
  'ollama-chat.ndjson',
  'ollama-chat-tools.ndjson',
  'ollama-generate.ndjson',
  'ollama-generate-midstream-error.ndjson',
];

/** Frames of the bytes as one chunk; a framing error here means the fixture itself is bad. */
const whole = (bytes: Uint8Array, framing: ByteFraming): Promise<Frame[]> => collect(framesFrom([bytes], framing));

/** Frames, or the ChatFailure the framer stopped with; any other exception fails the property. */
async function framesOrFailure(
  chunks: Uint8Array[],
  framing: ByteFraming,
  maxEventBytes = defaultLimits.maxEventBytes,
): Promise<{ frames: Frame[]; failure?: ChatFailure }> {
  const frames: Frame[] = [];
  try {
    for await (const f of framesFrom(chunks, framing, { ...defaultLimits, maxEventBytes })) frames.push(f);
  } catch (err) {
    if (err instanceof ChatFailure) return { frames, failure: err };
    throw err;
  }
  return { frames };
}

/** Synthetic SSE with multi-byte text in every event, in each framing real servers use. */
const sseStream = fc.record({
  texts: tokens,
  newline: fc.constantFrom('\n', '\r\n', '\r'),
  space: fc.constantFrom(' ', ''),
  comments: fc.boolean(),
});
const renderSse = ({
  texts,
  newline,
  space,
  comments,
}: {
  texts: string[];
  newline: string;
  space: string;
  comments: boolean;
}): string =>
  texts
    .map(
      (t, i) =>
        `${comments && i % 3 === 0 ? `: keep-alive${newline}${newline}` : ''}event:${space}delta${newline}data:${space}${JSON.stringify({ t })}${newline}${newline}`,
    )
    .join('');

describe('SSE framing', () => {
  it.each(sseFixtures)('gives the same frames however %s is cut into chunks', async (name) => {
    const bytes = fixture(name);
    const expected = await whole(bytes, 'sse');
    expect(expected.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(chunksOf(bytes), async (chunks) => {
        expect(await collect(framesFrom(chunks, 'sse'))).toEqual(expected);
      }),
      { ...runs(30), examples: [[oneBytePieces(bytes)]] },
    );
  });

  it('gives the same frames for any text, line ending and keep-alives, however the bytes are cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        sseStream.chain((s) => {
          const bytes = utf8(renderSse(s));
          return fc.tuple(fc.constant(s), fc.constant(bytes), chunksOf(bytes));
        }),
        async ([s, bytes, chunks]) => {
          const frames = await collect(framesFrom(chunks, 'sse'));
          expect(frames).toEqual(await whole(bytes, 'sse'));
          expect(frames.map((f) => (f.framing === 'sse' ? (JSON.parse(f.data) as { t: string }).t : ''))).toEqual(
            s.texts,
          );
        },
      ),
      runs(100),
    );
  });

  it('never throws anything but a ChatFailure on garbage, and keeps every event after a blank line', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...sseFixtures),
        fc.oneof(garbageText.map(utf8), garbageBytes),
        fc.nat(),
        fc.nat({ max: 200 }),
        async (name, garbage, where, cutSeed) => {
          const bytes = fixture(name);
          const events = new TextDecoder().decode(bytes).split(/(?<=\n\n)/);
          const at = where % (events.length + 1);
          const before = utf8(events.slice(0, at).join(''));
          const after = utf8(events.slice(at).join(''));
          const stream = concatBytes([before, garbage, utf8('\n\n'), after]);
          const cuts = Array.from({ length: cutSeed % 20 }, (_, i) => (cutSeed * (i + 7) * 7919) % stream.length);
          const { frames, failure } = await framesOrFailure(cutAt(stream, cuts), 'sse');
          expect(failure).toBeUndefined();
          const tail = await whole(after, 'sse');
          expect(frames.slice(frames.length - tail.length)).toEqual(tail);
          expectNoPollution();
        },
      ),
      runs(120),
    );
  });

  it('stops with a ChatFailure, never anything else, when garbage outgrows the event size limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(garbageText.map(utf8), garbageBytes), { minLength: 1, maxLength: 40 }),
        async (pieces) => {
          const { failure } = await framesOrFailure(pieces, 'sse', 64);
          if (failure) expect(failure.detail.code).toBe('protocol');
        },
      ),
      runs(100),
    );
  });
});

const ndjsonStream = fc.record({ texts: tokens, newline: fc.constantFrom('\n', '\r\n'), finalNewline: fc.boolean() });

describe('NDJSON framing', () => {
  it.each(ndjsonFixtures)('gives the same lines however %s is cut into chunks', async (name) => {
    const bytes = fixture(name);
    const expected = await whole(bytes, 'ndjson');
    expect(expected.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(chunksOf(bytes), async (chunks) => {
        expect(await collect(framesFrom(chunks, 'ndjson'))).toEqual(expected);
      }),
      { ...runs(30), examples: [[oneBytePieces(bytes)]] },
    );
  });

  it('gives the same lines for any text and line ending, with or without a last newline, however cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        ndjsonStream.chain((s) => {
          const text =
            s.texts.map((t) => JSON.stringify({ message: { content: t } })).join(s.newline) +
            (s.finalNewline ? s.newline : '');
          const bytes = utf8(text);
          return fc.tuple(fc.constant(s), fc.constant(bytes), chunksOf(bytes));
        }),
        async ([s, bytes, chunks]) => {
          const frames = await collect(framesFrom(chunks, 'ndjson'));
          expect(frames).toEqual(await whole(bytes, 'ndjson'));
          const lines = frames.map((f) => (f.framing === 'ndjson' ? f.line : ''));
          expect(lines.map((l) => (JSON.parse(l) as { message: { content: string } }).message.content)).toEqual(
            s.texts,
          );
        },
      ),
      runs(100),
    );
  });

  it('never throws anything but a ChatFailure on garbage, and keeps every line after a newline', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ndjsonFixtures),
        fc.oneof(garbageText.map(utf8), garbageBytes),
        fc.nat(),
        async (name, garbage, where) => {
          const lines = new TextDecoder().decode(fixture(name)).split(/(?<=\n)/);
          const at = where % (lines.length + 1);
          const before = lines.slice(0, at).join('');
          const after = utf8(lines.slice(at).join(''));
          // A line cut short before the garbage would swallow it: every line ends before the garbage.
          const head = before === '' || before.endsWith('\n') ? before : `${before}\n`;
          const stream = concatBytes([utf8(head), garbage, utf8('\n'), after]);
          const { frames, failure } = await framesOrFailure([stream], 'ndjson');
          expect(failure).toBeUndefined();
          const tail = await whole(after, 'ndjson');
          expect(frames.slice(frames.length - tail.length)).toEqual(tail);
          expectNoPollution();
        },
      ),
      runs(120),
    );
  });

  it('stops with a ChatFailure, never anything else, when a line outgrows the event size limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(garbageText.map(utf8), garbageBytes), { minLength: 1, maxLength: 40 }),
        async (pieces) => {
          const { failure } = await framesOrFailure(pieces, 'ndjson', 64);
          if (failure) expect(failure.detail.code).toBe('protocol');
        },
      ),
      runs(100),
    );
  });
});
