// decode when the request offered tools: calls written into the text come out as one tool-calls
// event at the end (after <think> is split off, merged with the API's own), only when tools were
// offered and the kind carries them; a server's refusal of the tools becomes a clear error.
import { describe, expect, it } from 'vitest';
import { ChatFailure, chatError } from '../../shared/chat-error';
import { sayIn } from '../../shared/words/all-words';
import type { Frame, FrameBatch } from '../transports/types';
import { decode } from './decode';
import { openAiChatAdapter } from './openai-chat/openai-chat-adapter';
import type { BackendTarget, ChatEvent, ToolDefinition } from './types';
import { webSocketJsonAdapter } from './websocket-json/websocket-json-adapter';

const tools: ToolDefinition[] = [{ name: 'get_weather', description: 'Weather', parameters: { type: 'object' } }];
const sse = (delta: Record<string, unknown>): Frame => ({
  framing: 'sse',
  event: undefined,
  data: JSON.stringify({ choices: [{ index: 0, delta }] }),
});
const content = (text: string) => sse({ content: text });

async function* of(...batches: FrameBatch[]): AsyncGenerator<FrameBatch> {
  yield* batches;
}

async function events(stream: AsyncIterable<ChatEvent[]>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const batch of stream) out.push(...batch);
  return out;
}

const textOf = (list: ChatEvent[], type: 'text' | 'reasoning' = 'text') =>
  list.map((e) => (e.type === type ? e.text : '')).join('');
const callsOf = (list: ChatEvent[]) => list.flatMap((e) => (e.type === 'tool-calls' ? e.calls : []));

const answer = [
  '<think>Need wea',
  'ther.</think>\n\nOne mo',
  'ment.\n<tool_',
  'call>\n{"name": "get_weather", ',
  '"arguments": {"city": "Oslo"}}\n</tool_call>',
];

describe('decode with tools offered', () => {
  it('reads calls out of the text after the think tags, and shows only the rest', async () => {
    const got = await events(decode(openAiChatAdapter, of(answer.map(content)), undefined, { tools }));
    expect(textOf(got, 'reasoning')).toBe('Need weather.');
    expect(textOf(got)).toBe('One moment.');
    expect(callsOf(got)).toEqual([
      { index: 0, id: expect.stringMatching(/^call_\d+$/), name: 'get_weather', arguments: '{"city":"Oslo"}' },
    ]);
    expect(got.at(-1)?.type).toBe('tool-calls');
  });

  it('without tools offered, the same stream is text', async () => {
    const got = await events(decode(openAiChatAdapter, of(answer.map(content))));
    expect(textOf(got)).toContain('<tool_call>\n{"name": "get_weather"');
    expect(callsOf(got)).toEqual([]);
  });

  it("merges the API's own calls with those in the text", async () => {
    const api = sse({ tool_calls: [{ index: 0, id: 'call_api', function: { name: 'get_weather', arguments: '{}' } }] });
    const got = await events(
      decode(
        openAiChatAdapter,
        of([api, content('<tool_call>{"name": "get_weather", "arguments": {"city": "Rome"}}</tool_call>')]),
        undefined,
        { tools },
      ),
    );
    expect(callsOf(got).map((c) => [c.index, c.id, c.arguments])).toEqual([
      [0, 'call_api', '{}'],
      [1, expect.stringMatching(/^call_\d+$/), '{"city":"Rome"}'],
    ]);
  });

  it('a kind that carries no tools (websocket-json) leaves the text alone', async () => {
    const gateway: BackendTarget = {
      kind: 'websocket-json',
      baseUrl: 'http://gw.local/ws',
      apiKey: null,
      http: 'auto',
    };
    const ws = (message: unknown): Frame => ({ framing: 'websocket', data: JSON.stringify(message) });
    const text = '<tool_call>{"name": "get_weather", "arguments": {}}</tool_call>';
    const got = await events(
      decode(webSocketJsonAdapter, of([ws({ delta: text }), ws({ done: true })]), gateway, { tools }),
    );
    expect(textOf(got)).toBe(text);
    expect(callsOf(got)).toEqual([]);
  });
});

describe("the servers' refusals of the tools", () => {
  async function* refusing(message: string, status: number): AsyncGenerator<FrameBatch> {
    yield* [];
    throw new ChatFailure(chatError('invalid_input', message, { status }));
  }
  const failure = async (message: string, status: number, offered = tools) => {
    try {
      await events(decode(openAiChatAdapter, refusing(message, status), undefined, { tools: offered }));
    } catch (err) {
      return (err as ChatFailure).detail;
    }
    throw new Error('no failure');
  };

  it.each([
    [
      '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set',
      400,
      'server',
      /--enable-auto-tool-choice and the --tool-call-parser/,
    ],
    ['tools param requires --jinja flag', 500, 'server', /started without --jinja.*Start it again with --jinja/],
    [
      'registry.ollama.ai/library/gemma3:4b does not support tools',
      400,
      'model',
      /^The model gemma3:4b cannot take tools in Ollama/,
    ],
    ['Unsupported param: tools', 500, 'server', /too old to take tools/],
  ])('%s → the fix, the server’s words, not retried, flagged', async (words, status, scope, fix) => {
    const error = await failure(words, status);
    expect(error).toMatchObject({ code: 'invalid_input', status, retryable: false, toolsRefused: scope });
    expect(error.message).toMatch(fix);
    expect(error.message).toContain(words);
    expect(error.message).toMatch(/send without tools\.$/);
    // In Chinese too, with the server's words kept as they were.
    expect(sayIn('zh', error.said!)).toContain(`“${words}”`);
    expect(sayIn('zh', error.said!)).toMatch(/不带工具发送。$/);
  });

  it('names the Ollama model in Chinese as in English', async () => {
    const error = await failure('registry.ollama.ai/library/gemma3:4b does not support tools', 400);
    expect(sayIn('zh', error.said!)).toMatch(/^模型 gemma3:4b 在 Ollama 中不能使用工具/);
  });

  it('leaves other errors, and refusals of a request without tools, as they were', async () => {
    expect(await failure('CUDA out of memory', 500)).toEqual(
      chatError('invalid_input', 'CUDA out of memory', { status: 500 }),
    );
    expect((await failure('tools param requires --jinja flag', 500, [])).toolsRefused).toBeUndefined();
  });

  it('explains an in-band refusal too', async () => {
    const inBand: Frame = {
      framing: 'sse',
      event: undefined,
      data: JSON.stringify({ error: { message: 'tools param requires --jinja flag', code: 500 } }),
    };
    const got = await events(decode(openAiChatAdapter, of([inBand]), undefined, { tools }));
    expect(got).toEqual([{ type: 'error', error: expect.objectContaining({ toolsRefused: 'server', status: 500 }) }]);
  });
});
