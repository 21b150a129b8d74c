// openai-realtime tool calls over a real WebSocket against the fake Realtime server: the calls of
// function_call items, the session the server received (function tools in session.update, the
// calls and their results replayed as items before response.create), the text quoting the
// results, and the error event for an output that answers no call.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realtimeCallId } from '../servers/realtime-tools';
import { startRealtimeServer } from '../servers/realtime-server';
import type { FakeWsServer } from '../servers/realtime-ws-plumbing';
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

let fake: FakeWsServer;
beforeEach(async () => {
  fake = await startRealtimeServer({ tokenDelayMs: 1 });
});
afterEach(() => fake.close());

describe('openai-realtime tools against the fake server', () => {
  it('reads the function calls, and replays calls and results before response.create', async () => {
    const { calls } = await expectRoundTrip(target('openai-realtime', fake.baseUrl), 'fake-tools');
    expect(calls.map((c) => c.id)).toEqual(expectedCalls().map((c) => realtimeCallId(c, QUESTION)));

    const [ask, reply] = fake.sessions.map((s) => s.received);
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
    const backend = target('openai-realtime', fake.baseUrl);
    const ask = askWithTools('fake-tools');
    const calls = (await runRequest(backend, ask)).flatMap((e) => (e.type === 'tool-calls' ? e.calls : []));
    const wrong = followUp(ask, calls);
    wrong.messages = wrong.messages.map((m) => (m.role === 'tool' ? { ...m, toolCallId: 'call_nope' } : m));
    const events = await runRequest(backend, wrong);
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'invalid_input', message: "Tool call ID 'call_nope' not found in conversation." },
    });
  });
});
