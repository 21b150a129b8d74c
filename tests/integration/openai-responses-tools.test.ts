// openai-responses tool calls over the real transport against the fake Responses server: the
// calls read from function_call items, the follow-up request the server received (function_call
// and function_call_output items), the text quoting the results, and the refusal of an output
// whose call_id no call carries.
import { describe, expect, it } from 'vitest';
import { responsesCallId } from '../servers/responses-tools';
import { startResponsesServer } from '../servers/responses-server';
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

const t = useToolsFake('openai-responses', startResponsesServer);

describe('openai-responses tools against the fake server', () => {
  it('reads the function_call items, and sends function_call and function_call_output items back', async () => {
    const { calls } = await expectRoundTrip(t.backend(), 'fake-tools');
    expect(calls.map((c) => c.id)).toEqual(expectedCalls().map((c) => responsesCallId(c, QUESTION)));

    const [ask, reply] = bodiesAt(t.fake(), '/v1/responses');
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
    const backend = t.backend();
    const wrong = await followUpAnsweringNoCall(backend, 'fake-tools', 'call_nope');
    await expect(runRequest(backend, wrong)).rejects.toMatchObject({
      detail: { status: 400, message: 'No tool call found for function call output with call_id call_nope.' },
    });
  });
});
