// Tool calls on Ollama's native wire: whole calls in `message.tool_calls` (arguments an object, an
// id only from newer builds), one or several per line and over several lines, and the requests
// that offer tools and send calls and results back.
import { describe, expect, it } from 'vitest';
import { ndjsonFrames, ollamaCaptureFrames } from '../../../../tests/servers/ollama-captures';
import { singleFrames } from '../../transports/frame-batches';
import { decode } from '../decode';
import type { BackendTarget, ChatEvent, ChatInput, ToolCall } from '../types';
import { ollamaAdapter } from './ollama-adapter';

async function run(text: string): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  for await (const batch of decode(ollamaAdapter, singleFrames(await ndjsonFrames(text)))) events.push(...batch);
  return events;
}
const callsOf = (events: ChatEvent[]): ToolCall[] => events.flatMap((e) => (e.type === 'tool-calls' ? e.calls : []));
const line = (message: object, extra: object = { done: false }) =>
  `${JSON.stringify({ model: 'qwen3', created_at: '2025-10-02T09:14:03Z', message: { role: 'assistant', content: '', ...message }, ...extra })}\n`;
const doneLine = line({}, { done: true, done_reason: 'stop', eval_count: 20 });

describe('ollama tool calls', () => {
  it('reads whole calls from several lines, with the ids newer builds send and an empty-arguments call as {}', async () => {
    const events: ChatEvent[] = [];
    const frames = await ollamaCaptureFrames('ollama-chat-tools-parallel.ndjson');
    for await (const batch of decode(ollamaAdapter, singleFrames(frames))) events.push(...batch);
    expect(events.at(-1)).toEqual({
      type: 'tool-calls',
      calls: [
        { index: 0, id: 'call_k3x9q2mf', name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
        { index: 1, id: 'call_p7w1z8rd', name: 'get_time', arguments: '{}' },
      ],
    });
    // done_reason says "stop" after calls: it passes through, and the calls still count.
    expect(events).toContainEqual({ type: 'finish', reason: 'stop' });
  });

  it('numbers calls by arrival (every function.index 0, no ids) and makes up distinct ids', async () => {
    const call = (name: string, args: object) => ({ function: { index: 0, name, arguments: args } });
    const events = await run(
      line({ tool_calls: [call('write_file', { path: 'a' }), call('write_file', { path: 'b' })] }) +
        line({ tool_calls: [call('read_file', { path: 'c' })] }) +
        doneLine,
    );
    expect(callsOf(events)).toEqual([
      { index: 0, id: 'call_0', name: 'write_file', arguments: '{"path":"a"}' },
      { index: 1, id: 'call_1', name: 'write_file', arguments: '{"path":"b"}' },
      { index: 2, id: 'call_2', name: 'read_file', arguments: '{"path":"c"}' },
    ]);
  });

  it('keeps the text and thinking around calls, and yields no call from a stream cut before done', async () => {
    const events = await run(
      line({ thinking: 'Need the weather.' }) +
        line({ content: 'Checking.' }) +
        line({ tool_calls: [{ function: { name: 'get_weather' } }] }) +
        doneLine,
    );
    expect(events.map((e) => e.type)).toEqual([
      'reasoning',
      'text',
      'tool-call-delta',
      'usage',
      'finish',
      'tool-calls',
    ]);
    expect(callsOf(events)).toEqual([{ index: 0, id: 'call_0', name: 'get_weather', arguments: '{}' }]);

    const cut = await run(line({ tool_calls: [{ function: { name: 'get_weather', arguments: {} } }] }));
    // Shown as it came, but no call: the answer was cut before Ollama said it was done.
    expect(cut.map((e) => e.type)).toEqual(['tool-call-delta', 'error']);
  });
});

describe('ollama requests with tools', () => {
  const backend: BackendTarget = { kind: 'ollama', baseUrl: 'http://h:11434', apiKey: null, http: 'auto' };
  const bodyOf = (input: ChatInput) =>
    JSON.parse(ollamaAdapter.plan(input, backend).body ?? '') as Record<string, unknown>;
  const tool = {
    name: 'get_temperature',
    description: 'The temperature in a city',
    parameters: { type: 'object', required: ['city'], properties: { city: { type: 'string' } } },
  };

  it('offers tools as function tools, and sends the same bytes as before without them', () => {
    const input: ChatInput = { model: 'qwen3', messages: [{ role: 'user', content: 'hi' }], params: { seed: 2 } };
    expect(bodyOf({ ...input, tools: [tool] }).tools).toEqual([
      { type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.parameters } },
    ]);
    expect(ollamaAdapter.plan(input, backend).body).toBe(
      '{"model":"qwen3","messages":[{"role":"user","content":"hi"}],"stream":true,"options":{"seed":2}}',
    );
  });

  it('sends calls with arguments as objects, and each result as a role "tool" message with tool_name', () => {
    const body = bodyOf({
      model: 'qwen3',
      params: {},
      tools: [tool],
      messages: [
        { role: 'user', content: 'Temperature in New York and Oslo?' },
        {
          role: 'assistant',
          content: '',
          toolCalls: [
            { index: 0, id: 'call_0', name: 'get_temperature', arguments: '{"city":"New York"}' },
            { index: 1, id: 'call_1', name: 'get_temperature', arguments: '' },
          ],
        },
        { role: 'tool', toolCallId: 'call_0', toolName: 'get_temperature', content: '22°C' },
        { role: 'tool', toolCallId: 'call_1', toolName: 'get_temperature', content: 'no city', isError: true },
      ],
    });
    expect(body.messages).toEqual([
      { role: 'user', content: 'Temperature in New York and Oslo?' },
      {
        role: 'assistant',
        content: '',
        tool_calls: [
          { type: 'function', function: { index: 0, name: 'get_temperature', arguments: { city: 'New York' } } },
          { type: 'function', function: { index: 1, name: 'get_temperature', arguments: {} } },
        ],
      },
      { role: 'tool', content: '22°C', tool_name: 'get_temperature' },
      { role: 'tool', content: 'no city', tool_name: 'get_temperature' },
    ]);
  });
});
