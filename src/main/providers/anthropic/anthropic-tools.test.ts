// tool_use on the anthropic wire: blocks whose input streams as input_json_delta pieces, the
// subsets compatible servers send, and the requests that offer tools and send tool_use and
// tool_result blocks back (merged into strict user/assistant turns).
import { describe, expect, it } from 'vitest';
import { captureFrames, sseFrames } from '../../../../tests/support/sse-frames';
import type { Frame } from '../../transports/types';
import type { BackendTarget, ChatEvent, ChatInput, ToolCall } from '../types';
import { anthropicAdapter } from './anthropic-adapter';

function run(frames: Frame[]): ChatEvent[] {
  const decoder = anthropicAdapter.createDecoder();
  return [...frames.flatMap((f) => decoder.push(f)), ...decoder.end()];
}
const callsOf = (events: ChatEvent[]): ToolCall[] => events.flatMap((e) => (e.type === 'tool-calls' ? e.calls : []));
const event = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
const toolUse = (index: number, id: string, name: string, input: object = {}) =>
  event('content_block_start', { index, content_block: { type: 'tool_use', id, name, input } });
const json = (index: number, partial: string) =>
  event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: partial } });

describe('anthropic tool_use blocks', () => {
  it('streams the text, then yields both calls with their joined input and stop_reason tool_use', () => {
    const events = run(captureFrames('anthropic-messages-tools.sse'));
    expect(events.filter((e) => e.type === 'text').map((e) => (e.type === 'text' ? e.text : ''))).toEqual([
      "I'll check",
      ' the weather and the time.',
    ]);
    expect(events.slice(-3)).toEqual([
      { type: 'usage', usage: { promptTokens: 472, completionTokens: 89 } },
      { type: 'finish', reason: 'tool_use' },
      {
        type: 'tool-calls',
        calls: [
          {
            index: 0,
            id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
            name: 'get_weather',
            arguments: '{"city": "Paris", "unit": "celsius"}',
          },
          { index: 1, id: 'toolu_01Gq2VkL9sYbW3nE8mR5cT4h', name: 'get_time', arguments: '{"tz": "Europe/Paris"}' },
        ],
      },
    ]);
  });

  it('joins interleaved input pieces by block index, and reads a tool without input as {}', () => {
    const events = run(
      sseFrames(
        toolUse(0, 'toolu_a', 'search') +
          toolUse(1, 'toolu_b', 'list_files') +
          json(0, '{"q":') +
          json(1, '') +
          json(0, ' "runnel"}') +
          event('content_block_stop', { index: 0 }) +
          event('content_block_stop', { index: 1 }) +
          event('message_delta', { delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 9 } }),
      ),
    );
    expect(callsOf(events)).toEqual([
      { index: 0, id: 'toolu_a', name: 'search', arguments: '{"q": "runnel"}' },
      { index: 1, id: 'toolu_b', name: 'list_files', arguments: '{}' },
    ]);
  });

  it('takes the whole input from content_block_start when a proxy sends no input_json_delta', () => {
    const events = run(
      sseFrames(toolUse(0, 'toolu_x', 'add', { a: 1, b: 2 }) + event('content_block_stop', { index: 0 })),
    );
    expect(callsOf(events)).toEqual([{ index: 0, id: 'toolu_x', name: 'add', arguments: '{"a":1,"b":2}' }]);
  });

  it('makes up an id for a tool_use block that has none, and reads blocks without `event:` lines', () => {
    const bare = (data: object) => `data: ${JSON.stringify(data)}\n\n`;
    const events = run(
      sseFrames(
        bare({ type: 'content_block_start', index: 3, content_block: { type: 'tool_use', name: 'now', input: {} } }) +
          bare({ type: 'content_block_delta', index: 3, delta: { type: 'input_json_delta', partial_json: '{}' } }),
      ),
    );
    expect(callsOf(events)).toEqual([{ index: 0, id: 'call_0', name: 'now', arguments: '{}' }]);
  });
});

describe('anthropic requests with tools', () => {
  const backend: BackendTarget = { kind: 'anthropic', baseUrl: 'http://h:1', apiKey: null, http: 'auto' };
  const bodyOf = (input: ChatInput) =>
    JSON.parse(anthropicAdapter.plan(input, backend).body ?? '') as Record<string, unknown>;
  const tool = {
    name: 'get_weather',
    description: 'The weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  };

  it('offers tools with an input_schema, and sends the same bytes as before without them', () => {
    const input: ChatInput = { model: 'm', messages: [{ role: 'user', content: 'hi' }], params: {} };
    expect(bodyOf({ ...input, tools: [tool] }).tools).toEqual([
      { name: 'get_weather', description: 'The weather', input_schema: tool.parameters },
    ]);
    expect(anthropicAdapter.plan(input, backend).body).toBe(
      '{"model":"m","max_tokens":4096,"stream":true,"messages":[{"role":"user","content":"hi"}]}',
    );
  });

  it('sends calls as tool_use blocks and the results of a round as tool_result blocks in one user turn', () => {
    const body = bodyOf({
      model: 'm',
      params: {},
      tools: [tool],
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather in Oslo and Rome?' },
        {
          role: 'assistant',
          content: 'Checking both.',
          toolCalls: [
            { index: 0, id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
            { index: 1, id: 'toolu_2', name: 'get_weather', arguments: 'not json' },
          ],
        },
        { role: 'tool', toolCallId: 'toolu_1', toolName: 'get_weather', content: '3 °C' },
        { role: 'tool', toolCallId: 'toolu_2', toolName: 'get_weather', content: 'bad arguments', isError: true },
        {
          role: 'assistant',
          content: '',
          toolCalls: [{ index: 0, id: 'toolu_3', name: 'get_weather', arguments: '' }],
        },
        { role: 'tool', toolCallId: 'toolu_3', toolName: 'get_weather', content: '' },
      ],
    });
    expect(body.system).toBe('Be brief.');
    expect(body.messages).toEqual([
      { role: 'user', content: 'Weather in Oslo and Rome?' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking both.' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Oslo' } },
          // Input that is not a JSON object cannot travel as `input`: the result already says why.
          { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: '3 °C' },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: 'bad arguments', is_error: true },
        ],
      },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_3', name: 'get_weather', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_3' }] },
    ]);
  });

  it('puts a user message after the results of a round into the same user turn, results first', () => {
    const body = bodyOf({
      model: 'm',
      params: {},
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: '', toolCalls: [{ index: 0, id: 't', name: 'f', arguments: '{}' }] },
        { role: 'tool', toolCallId: 't', toolName: 'f', content: 'done' },
        { role: 'user', content: 'and now?' },
      ],
    });
    expect((body.messages as unknown[]).at(-1)).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 't', content: 'done' },
        { type: 'text', text: 'and now?' },
      ],
    });
  });
});

describe('anthropic thinking before tool_use', () => {
  const frames = (events: Record<string, unknown>[]) =>
    sseFrames(events.map((e) => `event: ${String(e.type)}\ndata: ${JSON.stringify(e)}\n\n`).join(''));

  it('keeps each thinking block with its signature (and a redacted one as it came) for the calls, and shows the thought', () => {
    const events = run(
      frames([
        { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'I should ' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'look.' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIM' } },
        { type: 'content_block_stop', index: 0 },
        { type: 'content_block_start', index: 1, content_block: { type: 'redacted_thinking', data: 'EmwKAhgBEgy3' } },
        { type: 'content_block_stop', index: 1 },
        {
          type: 'content_block_start',
          index: 2,
          content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} },
        },
        { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"a":' } },
        { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '1}' } },
        { type: 'content_block_stop', index: 2 },
        { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 9 } },
      ]),
    );
    const replay = JSON.stringify({
      anthropic: [
        { type: 'thinking', thinking: 'I should look.', signature: 'EqQBCgIYAhIM' },
        { type: 'redacted_thinking', data: 'EmwKAhgBEgy3' },
      ],
    });
    expect(events).toEqual([
      { type: 'reasoning', text: 'I should ' },
      { type: 'reasoning', text: 'look.' },
      { type: 'tool-call-delta', index: 0, name: 'f', text: '' },
      { type: 'tool-call-delta', index: 0, name: 'f', text: '{"a":' },
      { type: 'tool-call-delta', index: 0, name: 'f', text: '1}' },
      { type: 'usage', usage: { completionTokens: 9 } },
      { type: 'finish', reason: 'tool_use' },
      { type: 'tool-calls', calls: [{ index: 0, id: 'toolu_1', name: 'f', arguments: '{"a":1}' }], replay },
    ]);
  });

  it('sends the blocks first in the assistant turn with the calls; a replay it did not write is not sent', () => {
    const target: BackendTarget = { kind: 'anthropic', baseUrl: 'http://h', apiKey: null, http: 'auto' };
    const call: ToolCall = { index: 0, id: 'toolu_1', name: 'f', arguments: '{"a":1}' };
    const body = (replay: string) =>
      JSON.parse(
        (
          anthropicAdapter.plan(
            {
              model: 'm',
              params: {},
              messages: [
                { role: 'user', content: 'q' },
                { role: 'assistant', content: 'Looking.', toolCalls: [call], replay },
                { role: 'tool', content: 'ok', toolCallId: 'toolu_1', toolName: 'f' },
              ],
            },
            target,
          ) as { body: string }
        ).body,
      ) as { messages: { content: unknown[] }[] };
    const thinking = { type: 'thinking', thinking: 'I should look.', signature: 'EqQBCgIYAhIM' };
    expect(body(JSON.stringify({ anthropic: [thinking] })).messages[1]!.content).toEqual([
      thinking,
      { type: 'text', text: 'Looking.' },
      { type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } },
    ]);
    expect(body(JSON.stringify({ other: [thinking] })).messages[1]!.content[0]).toEqual({
      type: 'text',
      text: 'Looking.',
    });
    expect(body('not json').messages[1]!.content[0]).toEqual({ type: 'text', text: 'Looking.' });
  });
});
