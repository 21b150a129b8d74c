// Tool calls on the openai-chat wire: streams shaped as vLLM and llama.cpp send them, the quirks
// of other servers (no ids, no finish_reason, interleaved calls), and the requests that offer
// tools and send calls and results back.
import { describe, expect, it } from 'vitest';
import { captureFrames, sseFrames } from '../../../../tests/support/sse-frames';
import type { Frame } from '../../transports/types';
import type { BackendTarget, ChatEvent, ChatInput, ToolCall } from '../types';
import { openAiChatAdapter } from './openai-chat-adapter';

function run(frames: Frame[]): ChatEvent[] {
  const decoder = openAiChatAdapter.createDecoder();
  return [...frames.flatMap((f) => decoder.push(f)), ...decoder.end()];
}
const callsOf = (events: ChatEvent[]): ToolCall[] => events.flatMap((e) => (e.type === 'tool-calls' ? e.calls : []));
const chunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const calls = (...toolCalls: object[]) => chunk({ tool_calls: toolCalls });

describe('openai-chat tool calls on recorded-shape streams', () => {
  it('puts vLLM calls together from pieces cut mid-token, with their ids, once at the end', () => {
    const events = run(captureFrames('openai-chat-vllm-tools.sse'));
    expect(events.filter((e) => e.type === 'tool-calls')).toHaveLength(1);
    expect(events.at(-1)).toEqual({
      type: 'tool-calls',
      calls: [
        {
          index: 0,
          id: 'chatcmpl-tool-3c2a9f1e6b8d4e7a',
          name: 'get_weather',
          arguments: '{"city": "Paris", "unit": "celsius"}',
        },
        { index: 1, id: 'chatcmpl-tool-9e4b7d2c1a0f4b3e', name: 'get_time', arguments: '{"tz": "Europe/Paris"}' },
      ],
    });
    expect(events).toContainEqual({ type: 'finish', reason: 'tool_calls' });
    expect(events.some((e) => e.type === 'text' || e.type === 'malformed')).toBe(false);
  });

  it('reads llama.cpp calls (first piece beside the name) and makes an empty arguments string {}', () => {
    const events = run(captureFrames('openai-chat-llamacpp-tools.sse'));
    expect(callsOf(events)).toEqual([
      { index: 0, id: 'Wq1n4TzR8pLx2VbK6sJd0mHc3YfA7eGu', name: 'read_file', arguments: '{"path":"notes/todo.md"}' },
      { index: 1, id: 'Hc8eK2wQ5rT1yU9iO3pA6sD4fG7hJ0lZ', name: 'list_allowed_directories', arguments: '{}' },
    ]);
    expect(events).toContainEqual({ type: 'finish', reason: 'tool_calls' });
  });
});

describe('openai-chat tool-call quirks', () => {
  it('makes up stable ids where the server sends none, and reads arguments that never came as {}', () => {
    const text =
      calls({ index: 0, function: { name: 'ping' } }) +
      calls({ index: 1, function: { name: 'echo', arguments: '{"text":' } }) +
      calls({ index: 1, function: { arguments: '"hi"}' } }) +
      chunk({}, 'tool_calls');
    expect(callsOf(run(sseFrames(text)))).toEqual([
      { index: 0, id: 'call_0', name: 'ping', arguments: '{}' },
      { index: 1, id: 'call_1', name: 'echo', arguments: '{"text":"hi"}' },
    ]);
    // However the same bytes are cut, the made-up ids are the same.
    expect(callsOf(run(sseFrames(text)))).toEqual(callsOf(run(sseFrames(text.replace(/\n\n/g, '\r\n\r\n')))));
  });

  it('joins interleaved parallel calls by index, pieces of both in one chunk too', () => {
    const events = run(
      sseFrames(
        calls(
          { index: 0, id: 'a', type: 'function', function: { name: 'get_weather', arguments: '' } },
          { index: 1, id: 'b', type: 'function', function: { name: 'get_time', arguments: '{"tz"' } },
        ) +
          calls({ index: 0, function: { arguments: '{"ci' } }) +
          calls(
            { index: 1, function: { arguments: ':"UTC"}' } },
            { index: 0, function: { arguments: 'ty":"Oslo"}' } },
          ) +
          chunk({}, 'tool_calls'),
      ),
    );
    expect(callsOf(events)).toEqual([
      { index: 0, id: 'a', name: 'get_weather', arguments: '{"city":"Oslo"}' },
      { index: 1, id: 'b', name: 'get_time', arguments: '{"tz":"UTC"}' },
    ]);
  });

  it.each([
    ['finish_reason "stop" (a named tool_choice, LiteLLM)', 'stop'],
    ['no finish_reason at all', null],
  ])('yields the calls of a turn that ends with %s', (_, reason) => {
    const events = run(
      sseFrames(
        calls({ index: 0, id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }) +
          chunk({}, reason) +
          'data: [DONE]\n\n',
      ),
    );
    expect(callsOf(events)).toEqual([{ index: 0, id: 'c1', name: 'f', arguments: '{}' }]);
  });

  it('keeps apart the whole calls Ollama /v1 sends all at index 0, told apart by their ids', () => {
    const whole = (id: string, name: string, args: string) =>
      calls({ index: 0, id, type: 'function', function: { name, arguments: args } });
    const events = run(
      sseFrames(
        whole('call_x1', 'write_file', '{"path":"a.txt"}') +
          whole('call_x2', 'write_file', '{"path":"b.txt"}') +
          whole('call_x3', 'read_file', '{"path":"c.txt"}') +
          chunk({}, 'tool_calls'),
      ),
    );
    expect(callsOf(events)).toEqual([
      { index: 0, id: 'call_x1', name: 'write_file', arguments: '{"path":"a.txt"}' },
      { index: 1, id: 'call_x2', name: 'write_file', arguments: '{"path":"b.txt"}' },
      { index: 2, id: 'call_x3', name: 'read_file', arguments: '{"path":"c.txt"}' },
    ]);
  });

  it('keeps one call whose later pieces carry another id (no name) or repeat the same id and name', () => {
    const events = run(
      sseFrames(
        calls({ index: 0, id: 'first', type: 'function', function: { name: 'search', arguments: '' } }) +
          calls({ index: 0, id: 'second', function: { arguments: '{"q":' } }) +
          calls({ index: 0, id: 'first', function: { name: 'search', arguments: '"x"}' } }),
      ),
    );
    expect(callsOf(events)).toEqual([{ index: 0, id: 'first', name: 'search', arguments: '{"q":"x"}' }]);
  });

  it('takes the longer name llama.cpp re-sends as its parser sees more, and arguments sent as an object', () => {
    const events = run(
      sseFrames(
        calls({ index: 0, id: 'k', type: 'function', function: { name: 'get_wea', arguments: '' } }) +
          calls({ index: 0, id: 'k', type: 'function', function: { name: 'get_weather', arguments: '' } }) +
          calls({ index: 1, id: 'm', type: 'function', function: { name: 'add', arguments: { a: 1, b: 2 } } }),
      ),
    );
    expect(callsOf(events)).toEqual([
      { index: 0, id: 'k', name: 'get_weather', arguments: '{}' },
      { index: 1, id: 'm', name: 'add', arguments: '{"a":1,"b":2}' },
    ]);
  });

  it('sends text and calls of one answer as they are: text streams, calls come at the end', () => {
    const events = run(
      sseFrames(
        chunk({ content: 'Let me look.' }) +
          calls({ index: 0, id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }) +
          chunk({}, 'tool_calls'),
      ),
    );
    expect(events.map((e) => e.type)).toEqual(['text', 'tool-call-delta', 'finish', 'tool-calls']);
  });
});

describe('openai-chat requests with tools', () => {
  const backend: BackendTarget = { kind: 'openai-chat', baseUrl: 'http://h/v1', apiKey: null, http: 'auto' };
  const bodyOf = (input: ChatInput) => JSON.parse(openAiChatAdapter.plan(input, backend).body ?? '') as unknown;
  const weather = {
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  };

  it('offers tools as function tools with tool_choice "auto"', () => {
    expect(bodyOf({ model: 'm', messages: [{ role: 'user', content: 'hi' }], params: {}, tools: [weather] })).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
      tools: [{ type: 'function', function: weather }],
      tool_choice: 'auto',
    });
  });

  it('sends the same bytes as before when no tools are offered (none, or an empty list)', () => {
    const input: ChatInput = { model: 'm', messages: [{ role: 'user', content: 'hi' }], params: { seed: 1 } };
    const before =
      '{"model":"m","messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true},"seed":1}';
    expect(openAiChatAdapter.plan(input, backend).body).toBe(before);
    expect(openAiChatAdapter.plan({ ...input, tools: [] }, backend).body).toBe(before);
  });

  it('sends the calls on the assistant message (content null when it said nothing), then one tool message per call', () => {
    const body = bodyOf({
      model: 'm',
      params: {},
      tools: [weather],
      messages: [
        { role: 'user', content: 'Weather in Oslo and Rome?' },
        {
          role: 'assistant',
          content: '',
          toolCalls: [
            { index: 0, id: 'call_a', name: 'get_weather', arguments: '{"city":"Oslo"}' },
            { index: 1, id: 'call_b', name: 'get_weather', arguments: '' },
          ],
        },
        { role: 'tool', toolCallId: 'call_a', toolName: 'get_weather', content: '3 °C' },
        { role: 'tool', toolCallId: 'call_b', toolName: 'get_weather', content: 'no city given', isError: true },
        {
          role: 'assistant',
          content: 'Checking once more.',
          toolCalls: [{ index: 0, id: 'c', name: 'f', arguments: '{}' }],
        },
        { role: 'tool', toolCallId: 'c', toolName: 'f', content: 'ok' },
      ],
    }) as { messages: unknown[] };
    expect(body.messages).toEqual([
      { role: 'user', content: 'Weather in Oslo and Rome?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
          { id: 'call_b', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_a', content: '3 °C' },
      { role: 'tool', tool_call_id: 'call_b', content: 'no city given' },
      {
        role: 'assistant',
        content: 'Checking once more.',
        tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'c', content: 'ok' },
    ]);
  });

  it('does not ask to continue an assistant turn that ended in calls', () => {
    const body = bodyOf({
      model: 'm',
      params: {},
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: '', toolCalls: [{ index: 0, id: 'c', name: 'f', arguments: '{}' }] },
      ],
    });
    expect(body).not.toHaveProperty('continue_final_message');
  });
});

describe('openai-chat tool results with images', () => {
  const backend: BackendTarget = { kind: 'openai-chat', baseUrl: 'http://h/v1', apiKey: null, http: 'auto' };
  const png = { mime: 'image/png', base64: 'iVBORw0KGgo=' };
  const gif = { mime: 'image/gif', base64: 'R0lGODlh' };

  it('keeps the tool messages together and carries every image of the round in one user message after them', () => {
    const body = JSON.parse(
      openAiChatAdapter.plan(
        {
          model: 'm',
          params: {},
          messages: [
            { role: 'user', content: 'Draw both' },
            {
              role: 'assistant',
              content: '',
              toolCalls: [
                { index: 0, id: 'a', name: 'draw', arguments: '{}' },
                { index: 1, id: 'b', name: 'plot', arguments: '{}' },
              ],
            },
            { role: 'tool', toolCallId: 'a', toolName: 'draw', content: 'A drawing:', images: [png] },
            { role: 'tool', toolCallId: 'b', toolName: 'plot', content: 'Two plots:', images: [gif, png] },
          ],
        },
        backend,
      ).body ?? '',
    ) as { messages: unknown[] };
    expect(body.messages.slice(2)).toEqual([
      { role: 'tool', tool_call_id: 'a', content: 'A drawing:' },
      { role: 'tool', tool_call_id: 'b', content: 'Two plots:' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Images returned by the tool call a (draw):' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          { type: 'text', text: 'Images returned by the tool call b (plot):' },
          { type: 'image_url', image_url: { url: 'data:image/gif;base64,R0lGODlh' } },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        ],
      },
    ]);
  });
});
