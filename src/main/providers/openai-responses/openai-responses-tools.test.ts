// Function calls on the openai-responses wire: a stream in the shape OpenAI, vLLM and Ollama
// send, the subsets other servers send (no deltas, only the final output, no call id), and the
// requests that offer tools and send calls and results back as input items.
import { describe, expect, it } from 'vitest';
import { captureFrames, sseFrames } from '../../../../tests/support/sse-frames';
import type { Frame } from '../../transports/types';
import type { BackendTarget, ChatEvent, ChatInput, ToolCall } from '../types';
import { openAiResponsesAdapter } from './openai-responses-adapter';

function run(frames: Frame[]): ChatEvent[] {
  const decoder = openAiResponsesAdapter.createDecoder();
  return [...frames.flatMap((f) => decoder.push(f)), ...decoder.end()];
}
const callsOf = (events: ChatEvent[]): ToolCall[] => events.flatMap((e) => (e.type === 'tool-calls' ? e.calls : []));
const event = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
const fc = (id: string, callId: string | undefined, name: string, args = '') => ({
  id,
  type: 'function_call',
  ...(callId ? { call_id: callId } : {}),
  name,
  arguments: args,
});
const completed = (output: object[] = []) =>
  event('response.completed', {
    response: { status: 'completed', output, usage: { input_tokens: 5, output_tokens: 3 } },
  });

describe('openai-responses function calls', () => {
  it('puts two calls together from added, argument deltas, .done and output_item.done', () => {
    const events = run(captureFrames('responses-api-tools.sse'));
    expect(events.at(-1)).toEqual({
      type: 'tool-calls',
      calls: [
        { index: 0, id: 'call_Zr4pX1sWq8eT6yUi', name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
        { index: 1, id: 'call_Nb7vC2xZl5kJ3hGf', name: 'get_time', arguments: '{"tz":"Europe/Paris"}' },
      ],
    });
    expect(events.filter((e) => e.type === 'tool-calls')).toHaveLength(1);
    expect(events).toContainEqual({ type: 'finish', reason: 'stop' });
  });

  it('joins interleaved argument deltas by item id, and lets .done settle the text', () => {
    const events = run(
      sseFrames(
        event('response.output_item.added', { output_index: 0, item: fc('fc_a', 'call_a', 'f') }) +
          event('response.output_item.added', { output_index: 1, item: fc('fc_b', 'call_b', 'g') }) +
          event('response.function_call_arguments.delta', { item_id: 'fc_b', output_index: 1, delta: '{"y":' }) +
          event('response.function_call_arguments.delta', { item_id: 'fc_a', output_index: 0, delta: '{"x":1}' }) +
          event('response.function_call_arguments.delta', { item_id: 'fc_b', output_index: 1, delta: '2}' }) +
          event('response.function_call_arguments.done', { item_id: 'fc_b', output_index: 1, arguments: '{"y":2}' }) +
          completed(),
      ),
    );
    expect(callsOf(events)).toEqual([
      { index: 0, id: 'call_a', name: 'f', arguments: '{"x":1}' },
      { index: 1, id: 'call_b', name: 'g', arguments: '{"y":2}' },
    ]);
  });

  it('takes calls that only the final response lists, makes up a missing call id and reads empty arguments as {}', () => {
    const events = run(
      sseFrames(
        event('response.output_item.done', { output_index: 0, item: fc('fc_1', undefined, 'list_tools') }) +
          completed([fc('fc_1', undefined, 'list_tools'), fc('fc_2', 'call_2', 'echo', '{"text":"hi"}')]),
      ),
    );
    expect(callsOf(events)).toEqual([
      { index: 0, id: 'call_0', name: 'list_tools', arguments: '{}' },
      { index: 1, id: 'call_2', name: 'echo', arguments: '{"text":"hi"}' },
    ]);
  });

  it('does not count the arguments twice when a server sends them whole in added and again in .done', () => {
    const events = run(
      sseFrames(
        event('response.output_item.added', { output_index: 0, item: fc('fc_1', 'c', 'f', '{"a":1}') }) +
          event('response.function_call_arguments.done', { item_id: 'fc_1', output_index: 0, arguments: '{"a":1}' }) +
          completed(),
      ),
    );
    expect(callsOf(events)).toEqual([{ index: 0, id: 'c', name: 'f', arguments: '{"a":1}' }]);
  });

  it('ignores output items that are not function calls', () => {
    const events = run(
      sseFrames(
        event('response.output_item.added', { output_index: 0, item: { id: 'msg_1', type: 'message' } }) +
          event('response.output_text.delta', { item_id: 'msg_1', output_index: 0, delta: 'Hi' }) +
          completed([{ id: 'msg_1', type: 'message', content: [] }]),
      ),
    );
    expect(events.some((e) => e.type === 'tool-calls')).toBe(false);
  });
});

describe('openai-responses requests with tools', () => {
  const backend: BackendTarget = { kind: 'openai-responses', baseUrl: 'http://h/v1', apiKey: null, http: 'auto' };
  const bodyOf = (input: ChatInput) =>
    JSON.parse(openAiResponsesAdapter.plan(input, backend).body ?? '') as Record<string, unknown>;
  const tool = { name: 'get_time', description: 'The time', parameters: { type: 'object', properties: {} } };

  it('offers tools as flat function tools with tool_choice "auto", and nothing more without them', () => {
    const input: ChatInput = { model: 'm', messages: [{ role: 'user', content: 'hi' }], params: {} };
    expect(bodyOf({ ...input, tools: [tool] })).toEqual({
      model: 'm',
      input: [{ role: 'user', content: 'hi' }],
      stream: true,
      tools: [{ type: 'function', ...tool }],
      tool_choice: 'auto',
    });
    expect(openAiResponsesAdapter.plan(input, backend).body).toBe(
      '{"model":"m","input":[{"role":"user","content":"hi"}],"stream":true}',
    );
  });

  it('sends calls as function_call items after the words, and results as function_call_output items', () => {
    const body = bodyOf({
      model: 'm',
      params: {},
      tools: [tool],
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Time in Oslo and Rome?' },
        {
          role: 'assistant',
          content: 'Looking.',
          toolCalls: [
            { index: 0, id: 'call_1', name: 'get_time', arguments: '{"tz":"Europe/Oslo"}' },
            { index: 1, id: 'call_2', name: 'get_time', arguments: '' },
          ],
        },
        { role: 'tool', toolCallId: 'call_1', toolName: 'get_time', content: '10:00' },
        { role: 'tool', toolCallId: 'call_2', toolName: 'get_time', content: 'which city?', isError: true },
      ],
    });
    expect(body.instructions).toBe('Be brief.');
    expect(body.input).toEqual([
      { role: 'user', content: 'Time in Oslo and Rome?' },
      { role: 'assistant', content: 'Looking.' },
      { type: 'function_call', call_id: 'call_1', name: 'get_time', arguments: '{"tz":"Europe/Oslo"}' },
      { type: 'function_call', call_id: 'call_2', name: 'get_time', arguments: '{}' },
      { type: 'function_call_output', call_id: 'call_1', output: '10:00' },
      { type: 'function_call_output', call_id: 'call_2', output: 'which city?' },
    ]);
  });
});
