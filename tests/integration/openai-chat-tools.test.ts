// openai-chat tool calls over the real transport against the fake server: the calls of each
// server layout (vLLM's interleaved calls, llama.cpp's without ids, Ollama /v1's index 0), and the
// follow-up request the server receives with the calls and their results.
import { describe, expect, it } from 'vitest';
import { openAiToolCallId } from '../servers/openai-chat-tools';
import { startOpenAiChatServer } from '../servers/openai-chat-server';
import {
  QUESTION,
  bodiesAt,
  RESULTS,
  askWithTools,
  expectRoundTrip,
  expectedCalls,
  followUpAnsweringNoCall,
  runRequest,
  timeTool,
  useToolsFake,
  weatherTool,
} from './tools-support';

const t = useToolsFake('openai-chat', startOpenAiChatServer);

describe('openai-chat tools against the fake server', () => {
  it('fake-tools (vLLM): offers the tools, joins the interleaved calls, and sends calls and results back', async () => {
    const { calls, first } = await expectRoundTrip(t.backend(), 'fake-tools');
    expect(calls.map((c) => c.id)).toEqual(expectedCalls().map((c) => openAiToolCallId(c, QUESTION)));
    expect(calls[1]!.arguments).toBe('{}');
    expect(first).toContainEqual({ type: 'finish', reason: 'tool_calls' });

    const [ask, reply] = bodiesAt(t.fake(), '/v1/chat/completions');
    expect(ask).toMatchObject({
      tools: [
        { type: 'function', function: weatherTool },
        { type: 'function', function: timeTool },
      ],
      tool_choice: 'auto',
    });
    expect((reply as { messages: unknown[] }).messages).toEqual([
      { role: 'user', content: QUESTION },
      {
        role: 'assistant',
        content: null,
        tool_calls: calls.map((c) => ({
          id: c.id,
          type: 'function',
          function: { name: c.name, arguments: c.arguments },
        })),
      },
      { role: 'tool', tool_call_id: calls[0]!.id, content: RESULTS[0] },
      { role: 'tool', tool_call_id: calls[1]!.id, content: RESULTS[1] },
    ]);
  });

  it('fake-tools-no-ids (llama.cpp, finish "stop"): makes up ids and reads the empty arguments as {}', async () => {
    const { calls, first } = await expectRoundTrip(t.backend(), 'fake-tools-no-ids');
    expect(calls.map((c) => [c.id, c.arguments])).toEqual([
      ['call_0', expectedCalls()[0]!.arguments],
      ['call_1', '{}'],
    ]);
    expect(first).toContainEqual({ type: 'finish', reason: 'stop' });
    const reply = bodiesAt(t.fake(), '/v1/chat/completions').at(-1) as {
      messages: { role: string; tool_call_id?: string }[];
    };
    expect(reply.messages.filter((m) => m.role === 'tool').map((m) => m.tool_call_id)).toEqual(['call_0', 'call_1']);
  });

  it('fake-tools-index-zero (Ollama /v1, no finish_reason, no [DONE]): keeps the calls apart', async () => {
    const { calls, first } = await expectRoundTrip(t.backend(), 'fake-tools-index-zero');
    expect(new Set(calls.map((c) => c.id)).size).toBe(2);
    expect(first.some((e) => e.type === 'finish')).toBe(false);
  });

  it('answers like fake-chat when no tools are offered, and the request carries no tools field', async () => {
    const events = await runRequest(t.backend(), { ...askWithTools('fake-tools'), tools: undefined });
    expect(events.some((e) => e.type === 'tool-calls')).toBe(false);
    expect(bodiesAt(t.fake(), '/v1/chat/completions')[0]).not.toHaveProperty('tools');
    expect(bodiesAt(t.fake(), '/v1/chat/completions')[0]).not.toHaveProperty('tool_choice');
  });

  it('shows the refusal of a result that answers no call, in the server words', async () => {
    const wrong = await followUpAnsweringNoCall(t.backend(), 'fake-tools', 'nope');
    await expect(runRequest(t.backend(), wrong)).rejects.toMatchObject({
      detail: {
        status: 400,
        message: expect.stringContaining("must be a response to a preceeding message with 'tool_calls'"),
      },
    });
  });
});
