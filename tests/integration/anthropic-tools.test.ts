// anthropic tool calls over the real transport against the fake Anthropic server: the calls read
// from tool_use blocks, the follow-up request the server received (tool_use and tool_result
// blocks), the text quoting the results, and the API's refusal of a result that answers no call.
import { afterEach, describe, expect, it } from 'vitest';
import { anthropicToolUseId } from '../servers/anthropic-tools';
import { startAnthropicServer } from '../servers/anthropic-server';
import type { FakeServer } from '../servers/fake-http-server';
import {
  QUESTION,
  RESULTS,
  askWithTools,
  expectRoundTrip,
  expectedCalls,
  followUp,
  runRequest,
  target,
  timeTool,
  weatherTool,
} from './tools-support';

let fake: FakeServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
const bodiesAt = (path: string) =>
  fake!.requests.filter((r) => r.path === path).map((r) => r.body as Record<string, unknown>);

describe('anthropic tools against the fake server', () => {
  it('reads the tool_use blocks after the text, and sends tool_use and tool_result blocks back', async () => {
    fake = await startAnthropicServer({ tokenDelayMs: 1 });
    const { calls, first } = await expectRoundTrip(target('anthropic', fake.baseUrl), 'fake-tools');
    expect(calls.map((c) => c.id)).toEqual(expectedCalls().map((c) => anthropicToolUseId(c, QUESTION)));
    expect(first).toContainEqual({ type: 'finish', reason: 'tool_use' });
    expect(first.map((e) => (e.type === 'text' ? e.text : '')).join('')).toBe('Let me call the tools.');

    const [ask, reply] = bodiesAt('/v1/messages');
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
    fake = await startAnthropicServer({ tokenDelayMs: 1 });
    const backend = target('anthropic', fake.baseUrl);
    const ask = askWithTools('fake-tools');
    const calls = (await runRequest(backend, ask)).flatMap((e) => (e.type === 'tool-calls' ? e.calls : []));
    const wrong = followUp(ask, calls);
    wrong.messages = wrong.messages.map((m) => (m.role === 'tool' ? { ...m, toolCallId: 'toolu_nope' } : m));
    await expect(runRequest(backend, wrong)).rejects.toMatchObject({
      detail: {
        status: 400,
        message: expect.stringContaining('unexpected `tool_use_id` found in `tool_result` blocks'),
      },
    });
  });
});
