// The ollama adapter on recorded Ollama NDJSON (tests/fixtures/streams/ollama-*.ndjson), run
// through `decode` as the generation runs it, plus the quirks the captures do not show.
import { describe, expect, it } from 'vitest';
import {
  ndjsonFrames,
  ollamaCaptureFrames,
  readOllamaCapture,
  type OllamaCapture,
} from '../../../../tests/servers/ollama-captures';
import { singleFrames } from '../../transports/frame-batches';
import type { Frame } from '../../transports/types';
import { decode } from '../decode';
import type { ChatEvent } from '../types';
import { ollamaAdapter, ollamaRoot } from './ollama-adapter';

async function run(frames: Frame[]): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  // One frame per read, the way a slow server's lines arrive.
  for await (const batch of decode(ollamaAdapter, singleFrames(frames))) events.push(...batch);
  return events;
}
const runText = async (text: string) => run(await ndjsonFrames(text));
const textOf = (events: ChatEvent[], type: 'text' | 'reasoning') =>
  events.map((e) => (e.type === type ? e.text : '')).join('');
const usages = (events: ChatEvent[]) => events.flatMap((e) => (e.type === 'usage' ? [e.usage] : []));
const ofType = (events: ChatEvent[], type: ChatEvent['type']) => events.filter((e) => e.type === type);

/** The capture's own final line, to compute the expected figures from its fields. */
function finalLine(name: OllamaCapture): Record<string, number> {
  const lines = readOllamaCapture(name).trim().split('\n');
  return JSON.parse(lines.at(-1) ?? '{}') as Record<string, number>;
}
const line = (o: object) => `${JSON.stringify(o)}\n`;
const chatLine = (message: object, extra: object = {}) =>
  line({
    model: 'm',
    created_at: '2025-01-01T00:00:00Z',
    message: { role: 'assistant', ...message },
    done: false,
    ...extra,
  });

describe('ollama adapter on recorded /api/chat output (docs/api.md)', () => {
  it('reads message.content and usage from the counts and nanosecond durations of the done line', async () => {
    const events = await run(await ollamaCaptureFrames('ollama-chat.ndjson'));
    const last = finalLine('ollama-chat.ndjson');
    expect(textOf(events, 'text')).toBe('The');
    expect(usages(events)).toEqual([
      {
        promptTokens: last.prompt_eval_count,
        completionTokens: last.eval_count,
        tokensPerSecond: last.eval_count! / (last.eval_duration! / 1e9),
      },
    ]);
    expect(usages(events)[0]!.tokensPerSecond).toBeCloseTo(62.175, 3); // 282 tokens in 4.5356 s
    // This capture predates done_reason: no finish reason is invented, and done: true is a clean end.
    expect(ofType(events, 'finish')).toEqual([]);
    expect(events.some((e) => e.type === 'error' || e.type === 'malformed')).toBe(false);
  });

  it('reads the whole tool call of a line (no id: one is made up) and still reads the done line', async () => {
    const events = await run(await ollamaCaptureFrames('ollama-chat-tools.ndjson'));
    const last = finalLine('ollama-chat-tools.ndjson');
    expect(textOf(events, 'text')).toBe('');
    expect(events).toEqual([
      // The whole call as its line brings it, for showing it before the stream ends.
      { type: 'tool-call-delta', index: 0, name: 'get_weather', text: '{"city":"Tokyo"}' },
      {
        type: 'usage',
        usage: {
          promptTokens: last.prompt_eval_count,
          completionTokens: last.eval_count,
          tokensPerSecond: last.eval_count! / (last.eval_duration! / 1e9),
        },
      },
      { type: 'finish', reason: 'stop' },
      {
        type: 'tool-calls',
        calls: [{ index: 0, id: 'call_0', name: 'get_weather', arguments: '{"city":"Tokyo"}' }],
      },
    ]);
  });
});

describe('ollama adapter on recorded /api/generate output (docs/api/streaming.mdx, errors.mdx)', () => {
  it('reads top-level `response`, including the text on the done line, and done_reason', async () => {
    const events = await run(await ollamaCaptureFrames('ollama-generate.ndjson'));
    expect(textOf(events, 'text')).toBe("That's a fantastic question!");
    expect(ofType(events, 'finish')).toEqual([{ type: 'finish', reason: 'stop' }]);
    // The docs' final line carries no counts: no usage rather than zeros.
    expect(usages(events)).toEqual([]);
    expect(events.some((e) => e.type === 'error' || e.type === 'malformed')).toBe(false);
  });

  it('ends on an {"error"} line sent after the 200, keeping the text before it', async () => {
    const events = await run(await ollamaCaptureFrames('ollama-generate-midstream-error.ndjson'));
    expect(textOf(events, 'text')).toBe(' Yes.Ican');
    expect(events.at(-1)).toEqual({
      type: 'error',
      error: { code: 'server', message: 'an error was encountered while running the model', retryable: true },
    });
    expect(ofType(events, 'error')).toHaveLength(1);
  });
});

describe('ollama adapter quirks', () => {
  it('turns message.thinking (chat) and top-level thinking (generate) into reasoning', async () => {
    const chat = await runText(
      chatLine({ content: '', thinking: 'Let me ' }) +
        chatLine({ content: '', thinking: 'think.' }) +
        chatLine({ content: 'Answer' }) +
        chatLine({ content: '' }, { done: true, done_reason: 'stop' }),
    );
    expect([textOf(chat, 'reasoning'), textOf(chat, 'text')]).toEqual(['Let me think.', 'Answer']);
    expect(chat[0]).toEqual({ type: 'reasoning', text: 'Let me ' });

    const generate = await runText(
      line({ thinking: 'Hmm', response: '', done: false }) + line({ response: 'Yes', done: true, done_reason: 'stop' }),
    );
    expect([textOf(generate, 'reasoning'), textOf(generate, 'text')]).toEqual(['Hmm', 'Yes']);
  });

  it('skips a malformed line without losing the lines around it', async () => {
    const events = await runText(
      chatLine({ content: 'a' }) +
        '{"model":"m","message":{"content": broken\n' +
        chatLine({ content: 'b' }) +
        chatLine({ content: '' }, { done: true, done_reason: 'stop' }),
    );
    expect(textOf(events, 'text')).toBe('ab');
    expect(ofType(events, 'malformed')).toEqual([
      { type: 'malformed', excerpt: '{"model":"m","message":{"content": broken' },
    ]);
    expect(ofType(events, 'error')).toEqual([]);
  });

  it('guards the speed against a zero or missing eval_duration', async () => {
    const zero = await runText(line({ response: '', done: true, eval_count: 5, eval_duration: 0 }));
    expect(usages(zero)).toEqual([{ completionTokens: 5 }]);
    const missing = await runText(line({ response: '', done: true, prompt_eval_count: 3 }));
    expect(usages(missing)).toEqual([{ promptTokens: 3 }]);
  });

  it('reports a stream that ends cleanly without its done line as cut short', async () => {
    const events = await runText(chatLine({ content: 'partial' }));
    expect(textOf(events, 'text')).toBe('partial');
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'protocol' } });
  });

  it('plans POST {root}/api/chat with options, stripping /v1 or /api from the base URL', () => {
    const plan = ollamaAdapter.plan(
      {
        model: 'llama3.2',
        messages: [
          { role: 'system', content: 'be brief' },
          { role: 'user', content: 'hi' },
        ],
        params: { temperature: 0.2, topP: 0.9, maxTokens: 9, seed: 7 },
      },
      { kind: 'ollama', baseUrl: 'http://h:11434/v1/', apiKey: 'k', http: 'auto' },
    );
    expect(plan).toMatchObject({ method: 'POST', framing: 'ndjson', url: 'http://h:11434/api/chat' });
    expect(plan.headers).toEqual({ 'content-type': 'application/json', authorization: 'Bearer k' });
    expect(JSON.parse(plan.body ?? '')).toEqual({
      model: 'llama3.2',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'hi' },
      ],
      stream: true,
      options: { temperature: 0.2, top_p: 0.9, num_predict: 9, seed: 7 },
    });

    const bare = ollamaAdapter.plan(
      { model: 'm', messages: [], params: { maxTokens: 0 } },
      { kind: 'ollama', baseUrl: 'http://h:11434', apiKey: null, http: 'auto' },
    );
    expect(bare.headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(bare.body ?? '')).toEqual({
      model: 'm',
      messages: [],
      stream: true,
      options: { num_predict: 0 },
    });
    const none = ollamaAdapter.plan(
      { model: 'm', messages: [], params: {} },
      { kind: 'ollama', baseUrl: 'http://h:11434', apiKey: null, http: 'auto' },
    );
    expect(JSON.parse(none.body ?? '')).not.toHaveProperty('options');
  });

  it.each([
    ['http://127.0.0.1:11434', 'http://127.0.0.1:11434'],
    ['http://127.0.0.1:11434/', 'http://127.0.0.1:11434'],
    ['http://127.0.0.1:11434/v1', 'http://127.0.0.1:11434'],
    ['http://127.0.0.1:11434/api/', 'http://127.0.0.1:11434'],
    ['https://gpu.example/ollama', 'https://gpu.example/ollama'],
    ['https://gpu.example/ollama/v1', 'https://gpu.example/ollama'],
  ])('takes %s as the root %s', (base, root) => {
    expect(ollamaRoot(base)).toBe(root);
  });

  it('lists models from GET {root}/api/tags by name, falling back to model', () => {
    const req = ollamaAdapter.modelsRequest({ kind: 'ollama', baseUrl: 'http://h:1/api', apiKey: 'k', http: 'auto' });
    expect(req).toEqual({
      method: 'GET',
      url: 'http://h:1/api/tags',
      headers: { accept: 'application/json', authorization: 'Bearer k' },
    });
    expect(
      ollamaAdapter.parseModels({
        models: [{ name: 'llama3.2:latest', model: 'llama3.2:latest' }, { model: 'qwen3:8b' }, { size: 1 }, 'x'],
      }),
    ).toEqual(['llama3.2:latest', 'qwen3:8b']);
    expect(ollamaAdapter.parseModels({ data: [] })).toEqual([]);
  });
});
