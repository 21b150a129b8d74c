// Function calls on the openai-realtime wire: tools in session.update, calls read from
// function_call items and response.function_call_arguments.* events, and the calls and their
// results replayed as conversation items before response.create (one session per request).
import { describe, expect, it } from 'vitest';
import type { Frame, WebSocketStreamPlan } from '../../transports/types';
import type { BackendTarget, ChatEvent, ChatInput, ToolCall } from '../types';
import { openAiRealtimeAdapter } from './openai-realtime-adapter';

const ws = (event: object): Frame => ({ framing: 'websocket', data: JSON.stringify(event) });
function run(frames: Frame[]): { events: ChatEvent[]; finished: boolean } {
  const decoder = openAiRealtimeAdapter.createDecoder();
  const events = frames.flatMap((f) => decoder.push(f));
  const finished = decoder.finished?.() ?? false;
  return { events: [...events, ...decoder.end()], finished };
}
const callsOf = (events: ChatEvent[]): ToolCall[] => events.flatMap((e) => (e.type === 'tool-calls' ? e.calls : []));
const fcItem = (id: string, callId: string, name: string, args = '') => ({
  id,
  object: 'realtime.item',
  type: 'function_call',
  status: 'in_progress',
  call_id: callId,
  name,
  arguments: args,
});
const done = (output: object[] = []) =>
  ws({
    type: 'response.done',
    response: { status: 'completed', output, usage: { input_tokens: 9, output_tokens: 4 } },
  });

describe('openai-realtime function calls', () => {
  it('joins argument deltas of two calls, settles them with .done, and ends at response.done', () => {
    const { events, finished } = run([
      ws({ type: 'response.created', response: { id: 'resp_1' } }),
      ws({
        type: 'response.output_item.added',
        response_id: 'resp_1',
        output_index: 0,
        item: fcItem('item_a', 'call_a', 'get_weather'),
      }),
      ws({
        type: 'response.function_call_arguments.delta',
        item_id: 'item_a',
        call_id: 'call_a',
        output_index: 0,
        delta: '{"city":',
      }),
      ws({
        type: 'response.output_item.added',
        response_id: 'resp_1',
        output_index: 1,
        item: fcItem('item_b', 'call_b', 'get_time'),
      }),
      ws({
        type: 'response.function_call_arguments.delta',
        item_id: 'item_b',
        call_id: 'call_b',
        output_index: 1,
        delta: '{}',
      }),
      ws({
        type: 'response.function_call_arguments.delta',
        item_id: 'item_a',
        call_id: 'call_a',
        output_index: 0,
        delta: '"Oslo"}',
      }),
      ws({
        type: 'response.function_call_arguments.done',
        item_id: 'item_a',
        call_id: 'call_a',
        output_index: 0,
        name: 'get_weather',
        arguments: '{"city":"Oslo"}',
      }),
      ws({
        type: 'response.function_call_arguments.done',
        item_id: 'item_b',
        call_id: 'call_b',
        output_index: 1,
        arguments: '{}',
      }),
      done(),
    ]);
    expect(finished).toBe(true);
    expect(events).toEqual([
      // Each call as it is announced and grows, for showing it while it is written.
      { type: 'tool-call-delta', index: 0, name: 'get_weather', text: '' },
      { type: 'tool-call-delta', index: 0, name: 'get_weather', text: '{"city":' },
      { type: 'tool-call-delta', index: 1, name: 'get_time', text: '' },
      { type: 'tool-call-delta', index: 1, name: 'get_time', text: '{}' },
      { type: 'tool-call-delta', index: 0, name: 'get_weather', text: '"Oslo"}' },
      { type: 'usage', usage: { promptTokens: 9, completionTokens: 4 } },
      { type: 'finish', reason: 'stop' },
      {
        type: 'tool-calls',
        calls: [
          { index: 0, id: 'call_a', name: 'get_weather', arguments: '{"city":"Oslo"}' },
          { index: 1, id: 'call_b', name: 'get_time', arguments: '{}' },
        ],
      },
    ]);
  });

  it('takes a call from .done alone (call_id and name on it), or from response.done output alone', () => {
    const onlyDone = run([
      ws({
        type: 'response.function_call_arguments.done',
        item_id: 'i1',
        call_id: 'call_9',
        name: 'now',
        arguments: '',
      }),
      done(),
    ]);
    expect(callsOf(onlyDone.events)).toEqual([{ index: 0, id: 'call_9', name: 'now', arguments: '{}' }]);
    const onlyOutput = run([done([{ ...fcItem('i2', 'call_7', 'echo', '{"text":"hi"}'), status: 'completed' }])]);
    expect(callsOf(onlyOutput.events)).toEqual([{ index: 0, id: 'call_7', name: 'echo', arguments: '{"text":"hi"}' }]);
  });

  it('yields no call when the socket closes before response.done', () => {
    const { events } = run([
      ws({ type: 'response.output_item.added', output_index: 0, item: fcItem('i', 'c', 'f') }),
      ws({ type: 'response.function_call_arguments.delta', item_id: 'i', output_index: 0, delta: '{"a":' }),
    ]);
    expect(events.map((e) => e.type)).toEqual(['tool-call-delta', 'tool-call-delta', 'error']);
  });
});

describe('openai-realtime requests with tools', () => {
  const target: BackendTarget = { kind: 'openai-realtime', baseUrl: 'ws://h/v1', apiKey: null, http: 'auto' };
  const sent = (input: ChatInput) =>
    (openAiRealtimeAdapter.plan(input, target) as WebSocketStreamPlan).send.map((m) => JSON.parse(m) as unknown);
  const tool = { name: 'get_weather', description: 'The weather', parameters: { type: 'object', properties: {} } };

  it('puts function tools and tool_choice "auto" in session.update, and nothing without tools', () => {
    const input: ChatInput = { model: 'm', messages: [{ role: 'user', content: 'hi' }], params: {} };
    expect(sent({ ...input, tools: [tool] })[0]).toEqual({
      type: 'session.update',
      session: {
        type: 'realtime',
        output_modalities: ['text'],
        tools: [{ type: 'function', ...tool }],
        tool_choice: 'auto',
      },
    });
    expect((openAiRealtimeAdapter.plan(input, target) as WebSocketStreamPlan).send[0]).toBe(
      '{"type":"session.update","session":{"type":"realtime","output_modalities":["text"]}}',
    );
  });

  it('replays calls as function_call items and results as function_call_output items, before response.create', () => {
    const messages = sent({
      model: 'm',
      params: {},
      tools: [tool],
      messages: [
        { role: 'user', content: 'Weather in Oslo?' },
        {
          role: 'assistant',
          content: 'One moment.',
          toolCalls: [{ index: 0, id: 'call_a', name: 'get_weather', arguments: '{"city":"Oslo"}' }],
        },
        { role: 'tool', toolCallId: 'call_a', toolName: 'get_weather', content: '3 °C' },
        { role: 'assistant', content: '', toolCalls: [{ index: 0, id: 'call_b', name: 'get_weather', arguments: '' }] },
        { role: 'tool', toolCallId: 'call_b', toolName: 'get_weather', content: 'no city', isError: true },
      ],
    });
    expect(messages.slice(1)).toEqual([
      {
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Weather in Oslo?' }] },
      },
      {
        type: 'conversation.item.create',
        item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'One moment.' }] },
      },
      {
        type: 'conversation.item.create',
        item: { type: 'function_call', call_id: 'call_a', name: 'get_weather', arguments: '{"city":"Oslo"}' },
      },
      { type: 'conversation.item.create', item: { type: 'function_call_output', call_id: 'call_a', output: '3 °C' } },
      {
        type: 'conversation.item.create',
        item: { type: 'function_call', call_id: 'call_b', name: 'get_weather', arguments: '{}' },
      },
      {
        type: 'conversation.item.create',
        item: { type: 'function_call_output', call_id: 'call_b', output: 'no city' },
      },
      { type: 'response.create', response: { output_modalities: ['text'] } },
    ]);
  });
});

describe('openai-realtime tool results with images', () => {
  it('sends the function_call_output as text, then a user message with the images', () => {
    const target: BackendTarget = { kind: 'openai-realtime', baseUrl: 'ws://h/v1', apiKey: null, http: 'auto' };
    const input: ChatInput = {
      model: 'm',
      params: {},
      messages: [
        { role: 'user', content: 'Draw' },
        { role: 'assistant', content: '', toolCalls: [{ index: 0, id: 'c', name: 'draw', arguments: '{}' }] },
        {
          role: 'tool',
          toolCallId: 'c',
          toolName: 'draw',
          content: 'A drawing:',
          images: [{ mime: 'image/png', base64: 'iVBORw0KGgo=' }],
        },
      ],
    };
    const items = (openAiRealtimeAdapter.plan(input, target) as WebSocketStreamPlan).send
      .map((m) => JSON.parse(m) as { type: string; item?: unknown })
      .filter((m) => m.type === 'conversation.item.create')
      .map((m) => m.item);
    expect(items.slice(-2)).toEqual([
      { type: 'function_call_output', call_id: 'c', output: 'A drawing:' },
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'Images returned by the tool call c (draw):' },
          { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=' },
        ],
      },
    ]);
  });
});
