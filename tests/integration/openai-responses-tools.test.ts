// openai-responses tool calls over the real transport against the fake Responses server: the
// calls read from function_call items, the follow-up request the server received (function_call
// and function_call_output items), the text quoting the results, and the refusal of an output
// whose call_id no call carries.
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeServer } from '../servers/fake-http-server';
import { responsesCallId } from '../servers/responses-tools';
import { startResponsesServer } from '../servers/responses-server';
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

describe('openai-responses tools against the fake server', () => {
  it('reads the function_call items, and sends function_call and function_call_output items back', async () => {
    fake = await startResponsesServer({ tokenDelayMs: 1 });
    const { calls } = await expectRoundTrip(target('openai-responses', fake.baseUrl), 'fake-tools');
    expect(calls.map((c) => c.id)).toEqual(expectedCalls().map((c) => responsesCallId(c, QUESTION)));

    const [ask, reply] = bodiesAt('/v1/responses');
    expect(ask).toMatchObject({
      tools: [
        { type: 'function', ...weatherTool },
        { type: 'function', ...timeTool },
      ],
      tool_choice: 'auto',
    });
    expect(reply!.input).toEqual([
      { role: 'user', content: QUESTION },
      ...calls.map((c) => ({ type: 'function_call', call_id: c.id, name: c.name, arguments: c.arguments })),
      ...calls.map((c, i) => ({ type: 'function_call_output', call_id: c.id, output: RESULTS[i] })),
    ]);
  });

  it('shows the refusal of an output whose call_id no call carries', async () => {
    fake = await startResponsesServer({ tokenDelayMs: 1 });
    const backend = target('openai-responses', fake.baseUrl);
    const ask = askWithTools('fake-tools');
    const calls = (await runRequest(backend, ask)).flatMap((e) => (e.type === 'tool-calls' ? e.calls : []));
    const wrong = followUp(ask, calls);
    wrong.messages = wrong.messages.map((m) => (m.role === 'tool' ? { ...m, toolCallId: 'call_nope' } : m));
    await expect(runRequest(backend, wrong)).rejects.toMatchObject({
      detail: { status: 400, message: 'No tool call found for function call output with call_id call_nope.' },
    });
  });
});
