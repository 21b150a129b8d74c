// openai-realtime tool calls over a real WebSocket against the fake Realtime server: the calls of
// function_call items, the session the server received (function tools in session.update, the
// calls and their results replayed as items before response.create), the text quoting the
// results, and the error event for an output that answers no call.
import { describe, expect, it } from 'vitest';
import { realtimeCallId } from '../servers/realtime-tools';
import { startRealtimeServer } from '../servers/realtime-server';
import {
  QUESTION,
  RESULTS,
  expectRoundTrip,
  expectedCalls,
  followUpAnsweringNoCall,
  runRequest,
  timeTool,
  useToolsFake,
  weatherTool,
} from './tools-support';

const t = useToolsFake('openai-realtime', startRealtimeServer);

describe('openai-realtime tools against the fake server', () => {
  it('reads the function calls, and replays calls and results before response.create', async () => {
    const { calls } = await expectRoundTrip(t.backend(), 'fake-tools');
    expect(calls.map((c) => c.id)).toEqual(expectedCalls().map((c) => realtimeCallId(c, QUESTION)));

    const [ask, reply] = t.fake().sessions.map((s) => s.received);
    expect(ask![0]).toEqual({
      type: 'session.update',
      session: {
        type: 'realtime',
        output_modalities: ['text'],
        tools: [weatherTool, timeTool].map((t) => ({ type: 'function', ...t })),
        tool_choice: 'auto',
      },
    });
    expect(reply!.slice(1)).toEqual([
      {
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: QUESTION }] },
      },
      ...calls.map((c) => ({
        type: 'conversation.item.create',
        item: { type: 'function_call', call_id: c.id, name: c.name, arguments: c.arguments },
      })),
      ...calls.map((c, i) => ({
        type: 'conversation.item.create',
        item: { type: 'function_call_output', call_id: c.id, output: RESULTS[i] },
      })),
      { type: 'response.create', response: { output_modalities: ['text'] } },
    ]);
  });

  it('ends with the server error when an output answers no call of the session', async () => {
    const backend = t.backend();
    const wrong = await followUpAnsweringNoCall(backend, 'fake-tools', 'call_nope');
    const events = await runRequest(backend, wrong);
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'invalid_input', message: "Tool call ID 'call_nope' not found in conversation." },
    });
  });
});
