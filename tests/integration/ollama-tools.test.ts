// ollama tool calls over the real transport against the fake Ollama server: whole calls on
// separate lines with no ids (made up), the follow-up request the server received (tool_calls with
// arguments as objects, role "tool" messages with tool_name), and the text quoting the results.
import { describe, expect, it } from 'vitest';
import { startOllamaServer } from '../servers/ollama-server';
import { QUESTION, RESULTS, bodiesAt, expectRoundTrip, timeTool, useToolsFake, weatherTool } from './tools-support';

const t = useToolsFake('ollama', startOllamaServer);

describe('ollama tools against the fake server', () => {
  it('reads one whole call per line, makes up ids, and sends calls and results back as Ollama wants them', async () => {
    const { calls, first } = await expectRoundTrip(t.backend(), 'fake-tools');
    expect(calls.map((c) => c.id)).toEqual(['call_0', 'call_1']);
    expect(first).toContainEqual({ type: 'finish', reason: 'stop' });

    const [ask, reply] = bodiesAt(t.fake(), '/api/chat');
    expect(ask!.tools).toEqual(
      [weatherTool, timeTool].map((t) => ({
        type: 'function',
        function: { name: t.name, description: t.description, parameters: t.parameters },
      })),
    );
    expect(reply!.messages).toEqual([
      { role: 'user', content: QUESTION },
      {
        role: 'assistant',
        content: '',
        tool_calls: calls.map((c, index) => ({
          type: 'function',
          function: { index, name: c.name, arguments: JSON.parse(c.arguments) as unknown },
        })),
      },
      ...calls.map((c, i) => ({ role: 'tool', content: RESULTS[i], tool_name: c.name })),
    ]);
  });
});
