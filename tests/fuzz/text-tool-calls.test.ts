// Tool calls written into the text, under fuzzing through the real SSE framing and decode with
// tools offered: any text with Hermes and Qwen3-Coder calls between its pieces, in the content or
// in the reasoning, cut at arbitrary byte offsets, gives exactly that text (minus the whitespace
// around the calls) and exactly those calls; and hostile text full of tag fragments decodes the
// same however it is cut, never throws, and pollutes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/main/providers/decode';
import { openAiChatAdapter } from '../../src/main/providers/openai-chat/openai-chat-adapter';
import type { ChatEvent, ToolDefinition } from '../../src/main/providers/types';
import {
  collect,
  cutAt,
  expectNoPollution,
  frameBatchesFrom,
  mergeText,
  oneBytePieces,
  runs,
  tokens,
  utf8,
} from './fuzz-support';

const xmlKeys = ['path', 'body', 'q'] as const;
const tools: ToolDefinition[] = [
  { name: 'json_tool', description: '', parameters: { type: 'object' } },
  {
    name: 'xml_tool',
    description: '',
    parameters: { type: 'object', properties: Object.fromEntries(xmlKeys.map((k) => [k, { type: 'string' }])) },
  },
];

type Field = 'content' | 'reasoning_content';

interface Call {
  name: string;
  arguments: Record<string, unknown>;
  /** How it is written into the text. */
  text: string;
}

const key = fc.stringMatching(/^[a-z_]{1,8}$/);
const jsonCall: fc.Arbitrary<Call> = fc
  .tuple(
    fc.dictionary(key, fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 4 }),
    fc.boolean(),
  )
  .map(([args, asText]) => {
    const written = asText ? JSON.stringify(JSON.stringify(args)) : JSON.stringify(args);
    return {
      name: 'json_tool',
      arguments: args,
      text: `<tool_call>\n{"name": "json_tool", "arguments": ${written}}\n</tool_call>`,
    };
  });
const xmlCall: fc.Arbitrary<Call> = fc
  .dictionary(
    fc.constantFrom(...xmlKeys),
    fc.string().filter((v) => !v.includes('</parameter>')),
    { maxKeys: 3 },
  )
  .map((args) => {
    const params = Object.entries(args)
      .map(([k, v]) => `<parameter=${k}>\n${v}\n</parameter>\n`)
      .join('');
    return {
      name: 'xml_tool',
      arguments: args,
      text: `<tool_call>\n<function=xml_tool>\n${params}</function>\n</tool_call>`,
    };
  });

/** Text, a call, text, a call…: the text pieces hold no `<`, so only the calls are tags. */
const answer = fc
  .array(fc.tuple(tokens, fc.oneof(jsonCall, xmlCall)), { minLength: 1, maxLength: 3 })
  .chain((rounds) => fc.tuple(fc.constant(rounds), tokens));

/** The stream as SSE deltas of `field`, each piece of the text one delta. */
function wire(field: Field, pieces: readonly string[]): Uint8Array {
  const events = pieces.map((p) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { [field]: p } }] })}\n\n`);
  return utf8([...events, 'data: [DONE]\n\n'].join(''));
}

/** Pieces of `text` cut where `cuts` say (any position, inside tags too). */
function piecesOf(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let start = 0;
  for (const p of [...points, text.length]) {
    if (p > start) out.push(text.slice(start, p));
    start = Math.max(start, p);
  }
  return out;
}

async function decodeWithTools(chunks: Uint8Array[]): Promise<ChatEvent[]> {
  return (await collect(decode(openAiChatAdapter, frameBatchesFrom(chunks, 'sse'), undefined, { tools }))).flat();
}

const shown = (events: ChatEvent[], type: 'text' | 'reasoning') =>
  events.map((e) => (e.type === type ? e.text : '')).join('');
const callsOf = (events: ChatEvent[]) =>
  events
    .flatMap((e) => (e.type === 'tool-calls' ? e.calls : []))
    .map((c) => ({ index: c.index, name: c.name, arguments: c.arguments }));

describe.each<Field>(['content', 'reasoning_content'])('calls written into the %s', (field) => {
  it('come out exactly, with exactly the text around them, however the bytes are cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        answer,
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        async ([rounds, tail], cuts, byteCuts) => {
          const texts = [...rounds.map(([t]) => t.join('')), tail.join('')];
          const calls = rounds.map(([, c]) => c);
          const stream = texts.map((t, i) => (i < calls.length ? t + calls[i]!.text : t)).join('');
          // What is shown: each piece of text without the whitespace that touches a call.
          const expected = texts
            .map((t, i) => (i > 0 ? t.trimStart() : t))
            .map((t, i) => (i < calls.length ? t.trimEnd() : t))
            .join('');
          const bytes = wire(field, piecesOf(stream, cuts));
          const whole = await decodeWithTools([bytes]);
          const cut = await decodeWithTools(
            byteCuts.length
              ? cutAt(
                  bytes,
                  byteCuts.map((c) => c % (bytes.length + 1)),
                )
              : oneBytePieces(bytes),
          );
          expect(mergeText(cut).map(withoutIds)).toEqual(mergeText(whole).map(withoutIds));
          expect(shown(cut, field === 'content' ? 'text' : 'reasoning')).toBe(expected);
          expect(callsOf(cut).map((c) => ({ ...c, arguments: JSON.parse(c.arguments) as unknown }))).toEqual(
            calls.map((c, index) => ({ index, name: c.name, arguments: c.arguments })),
          );
          expect(cut.some((e) => e.type === 'malformed' || e.type === 'error')).toBe(false);
        },
      ),
      runs(60),
    );
  });
});

/** Ids are made up per answer, so two decodes of one stream differ only there. */
function withoutIds(event: ChatEvent): ChatEvent {
  return event.type === 'tool-calls' ? { ...event, calls: event.calls.map((c) => ({ ...c, id: '' })) } : event;
}

/** Text a confused or hostile model might write: fragments of every tag, braces, quotes. */
const hostile = fc.array(
  fc.oneof(
    fc.constantFrom(
      '<tool_call>',
      '</tool_call>',
      '<tool_',
      'call>',
      '<function=',
      'x>',
      '</function>',
      '<parameter=a>',
      '</parameter>',
    ),
    fc.constantFrom(
      '{',
      '}',
      '[',
      '"',
      '\\',
      '"name"',
      ': ',
      '"arguments"',
      '<|python_tag|>',
      '<',
      '\n',
      ' ',
      '__proto__',
    ),
    fc.string({ maxLength: 6 }),
  ),
  { maxLength: 40 },
);

describe('hostile text with tools offered', () => {
  it('decodes the same however it is cut, keeps every character that is not a call, throws nothing, pollutes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostile,
        fc.constantFrom<Field>('content', 'reasoning_content'),
        fc.array(fc.nat(), { maxLength: 30 }),
        async (parts, field, cuts) => {
          const bytes = wire(
            field,
            parts.filter((p) => p !== ''),
          );
          const whole = await decodeWithTools([bytes]);
          const cut = await decodeWithTools(
            cutAt(
              bytes,
              cuts.map((c) => c % (bytes.length + 1)),
            ),
          );
          expect(mergeText(cut).map(withoutIds)).toEqual(mergeText(whole).map(withoutIds));
          if (!whole.some((e) => e.type === 'tool-calls')) {
            // No call read: the text is all there (only whitespace may go, next to a call).
            expect(shown(whole, field === 'content' ? 'text' : 'reasoning')).toBe(parts.join(''));
          }
          expectNoPollution();
        },
      ),
      runs(80),
    );
  });
});
