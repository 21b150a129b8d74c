// anthropic tool calls over the real transport against the fake Anthropic server: the calls read
// from tool_use blocks, the follow-up request the server received (tool_use and tool_result
// blocks), the text quoting the results, and the API's refusal of a result that answers no call.
import { describe, expect, it } from 'vitest';
import { anthropicToolUseId } from '../servers/anthropic-tools';
import { startAnthropicServer } from '../servers/anthropic-server';
import {
  QUESTION,
  bodiesAt,
  RESULTS,
  expectRoundTrip,
  expectedCalls,
  followUpAnsweringNoCall,
  runRequest,
  timeTool,
  useToolsFake,
  weatherTool,
} from './tools-support';

const t = useToolsFake('anthropic', startAnthropicServer);

describe('anthropic tools against the fake server', () => {
  it('reads the tool_use blocks after the text, and sends tool_use and tool_result blocks back', async () => {
    const { calls, first } = await expectRoundTrip(t.backend(), 'fake-tools');
    expect(calls.map((c) => c.id)).toEqual(expectedCalls().map((c) => anthropicToolUseId(c, QUESTION)));
    expect(first).toContainEqual({ type: 'finish', reason: 'tool_use' });
    expect(first.map((e) => (e.type === 'text' ? e.text : '')).join('')).toBe('Let me call the tools.');

    const [ask, reply] = bodiesAt(t.fake(), '/v1/messages');
    expect(ask!.tools).toEqual([
      { name: weatherTool.name, description: weatherTool.description, input_schema: weatherTool.parameters },
      { name: timeTool.name, description: timeTool.description, input_schema: timeTool.parameters },
    ]);
    expect(reply!.messages).toEqual([
      { role: 'user', content: QUESTION },
      {
        role: 'assistant',
        content: calls.map((c) => ({ type: 'tool_use', id: c.id, name: c.name, input: JSON.parse(c.arguments) })),
      },
      {
        role: 'user',
        content: calls.map((c, i) => ({ type: 'tool_result', tool_use_id: c.id, content: RESULTS[i] })),
      },
    ]);
  });

  it('shows the API refusal of a tool_result for no tool_use of the previous message', async () => {
    const backend = t.backend();
    const wrong = await followUpAnsweringNoCall(backend, 'fake-tools', 'toolu_nope');
    await expect(runRequest(backend, wrong)).rejects.toMatchObject({
      detail: {
        status: 400,
        message: expect.stringContaining('unexpected `tool_use_id` found in `tool_result` blocks'),
      },
    });
  });
});
