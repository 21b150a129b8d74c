// Tool calls under fuzzing, through the real framing: whatever arguments a model writes (any
// Unicode, nested JSON) and wherever the server cuts them into deltas, and wherever the network
// cuts the bytes, every kind's decoder gives back each call's arguments exactly, once, at the end.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adapters } from '../../src/main/providers/registry';
import type { BackendTarget, ChatEvent, ToolCall } from '../../src/main/providers/types';
import type { BackendKind } from '../../src/shared/domain';
import { chunksOf, decodeBytes, decodeFrames, runs, utf8, type ByteFraming } from './fuzz-support';

interface Call {
  name: string;
  /** The arguments as the model wrote them, JSON text. */
  text: string;
  /** Where the server cut them into deltas. */
  pieces: string[];
}

/** A JSON object a model might pass, written out, then cut into 1 to 6 pieces anywhere. */
const call: fc.Arbitrary<Call> = fc
  .tuple(
    fc.constantFrom('get_weather', 'fs__read_file', 'clock-now'),
    fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
    fc.array(fc.nat(), { maxLength: 5 }),
  )
  .map(([name, args, cuts]) => {
    const text = JSON.stringify(args);
    const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
    const pieces = [0, ...at].map((from, i) => text.slice(from, [...at, text.length][i]));
    return { name, text, pieces };
  });

const sse = (data: unknown, event?: string) => `${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`;

interface ToolKind {
  kind: BackendKind;
  framing: ByteFraming;
  /** The wire of an answer made of `calls`, the pieces of different calls taking turns where the API allows it. */
  wire(calls: Call[]): string;
}

const byTurns = (calls: Call[]) => {
  const out: [number, string][] = [];
  for (let i = 0; i < Math.max(...calls.map((c) => c.pieces.length)); i++) {
    calls.forEach((c, n) => c.pieces[i] !== undefined && out.push([n, c.pieces[i]!]));
  }
  return out;
};

const kinds: ToolKind[] = [
  {
    kind: 'openai-chat',
    framing: 'sse',
    wire: (calls) =>
      [
        ...calls.map((c, n) =>
          sse({
            choices: [
              {
                index: 0,
                delta: { tool_calls: [{ index: n, id: `c${n}`, type: 'function', function: { name: c.name } }] },
              },
            ],
          }),
        ),
        ...byTurns(calls).map(([n, piece]) =>
          sse({ choices: [{ index: 0, delta: { tool_calls: [{ index: n, function: { arguments: piece } }] } }] }),
        ),
        sse({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }),
        'data: [DONE]\n\n',
      ].join(''),
  },
  {
    kind: 'openai-responses',
    framing: 'sse',
    wire: (calls) =>
      [
        ...calls.map((c, n) =>
          sse(
            {
              type: 'response.output_item.added',
              output_index: n,
              item: { id: `fc${n}`, type: 'function_call', call_id: `c${n}`, name: c.name, arguments: '' },
            },
            'response.output_item.added',
          ),
        ),
        ...byTurns(calls).map(([n, delta]) =>
          sse(
            { type: 'response.function_call_arguments.delta', item_id: `fc${n}`, output_index: n, delta },
            'response.function_call_arguments.delta',
          ),
        ),
        sse({ type: 'response.completed', response: { status: 'completed' } }, 'response.completed'),
      ].join(''),
  },
  {
    // The Messages API streams one block after another.
    kind: 'anthropic',
    framing: 'sse',
    wire: (calls) =>
      calls
        .flatMap((c, n) => [
          sse(
            {
              type: 'content_block_start',
              index: n,
              content_block: { type: 'tool_use', id: `c${n}`, name: c.name, input: {} },
            },
            'content_block_start',
          ),
          ...['', ...c.pieces].map((partial_json) =>
            sse(
              { type: 'content_block_delta', index: n, delta: { type: 'input_json_delta', partial_json } },
              'content_block_delta',
            ),
          ),
          sse({ type: 'content_block_stop', index: n }, 'content_block_stop'),
        ])
        .concat(sse({ type: 'message_delta', delta: { stop_reason: 'tool_use' } }, 'message_delta'))
        .join(''),
  },
  {
    // Whole calls per line: the pieces are joined back, and the arguments travel as an object.
    kind: 'ollama',
    framing: 'ndjson',
    wire: (calls) =>
      calls
        .map(
          (c) =>
            `${JSON.stringify({ message: { role: 'assistant', content: '', tool_calls: [{ function: { name: c.name, arguments: JSON.parse(c.text) as unknown } }] }, done: false })}\n`,
        )
        .concat(`${JSON.stringify({ message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop' })}\n`)
        .join(''),
  },
];

const target = (kind: BackendKind): BackendTarget => ({
  kind,
  baseUrl: 'http://fuzz.test',
  apiKey: null,
  http: 'auto',
});
const toolCalls = (events: ChatEvent[]): ToolCall[][] =>
  events.flatMap((e) => (e.type === 'tool-calls' ? [e.calls] : []));

describe.each(kinds)('$kind tool calls', (k) => {
  it('give back every call arguments exactly, once, however the deltas and the bytes are cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(call, { minLength: 1, maxLength: 3 })
          .chain((calls) => fc.tuple(fc.constant(calls), chunksOf(utf8(k.wire(calls))))),
        async ([calls, chunks]) => {
          const got = await decodeBytes(adapters[k.kind], chunks, k.framing, target(k.kind));
          expect(got.failure).toBeUndefined();
          const emitted = toolCalls(got.events);
          expect(emitted).toHaveLength(1);
          expect(emitted[0]!.map((c) => [c.index, c.name])).toEqual(calls.map((c, n) => [n, c.name]));
          expect(emitted[0]!.map((c) => JSON.parse(c.arguments) as unknown)).toEqual(
            calls.map((c) => JSON.parse(c.text) as unknown),
          );
          // Ollama carries an object, which JSON re-serialises (integer-like keys first): equal as values.
          if (k.kind !== 'ollama') expect(emitted[0]!.map((c) => c.arguments)).toEqual(calls.map((c) => c.text));
        },
      ),
      runs(40),
    );
  });
});

describe('openai-realtime tool calls', () => {
  it('give back every call arguments exactly, however the deltas are cut', async () => {
    const ws = (data: unknown) => ({ framing: 'websocket' as const, data: JSON.stringify(data) });
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 3 }), async (calls) => {
        const frames = [
          ...calls.map((c, n) =>
            ws({
              type: 'response.output_item.added',
              output_index: n,
              item: { id: `i${n}`, type: 'function_call', call_id: `c${n}`, name: c.name, arguments: '' },
            }),
          ),
          ...byTurns(calls).map(([n, delta]) =>
            ws({ type: 'response.function_call_arguments.delta', item_id: `i${n}`, output_index: n, delta }),
          ),
          ws({ type: 'response.done', response: { status: 'completed' } }),
        ];
        const emitted = toolCalls(await decodeFrames(adapters['openai-realtime'], frames, target('openai-realtime')));
        expect(emitted).toHaveLength(1);
        expect(emitted[0]!.map((c) => c.arguments)).toEqual(calls.map((c) => c.text));
      }),
      runs(40),
    );
  });
});
