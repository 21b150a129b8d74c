// The Ollama fake's tool-calling model (fake-tools): each call whole on a line of its own in
// `message.tool_calls` (arguments an object, no id, function.index 0 as models without a
// dedicated parser send it), then the done line with done_reason "stop"; a request ending in
// `role: "tool"` messages gets text quoting them. Like Ollama, it refuses arguments sent as text.
import type { OllamaExchange } from './ollama-behaviours';
import { LineStream } from './ollama-behaviours';
import { replyTokens } from './fake-replies';
import { offeredTools, plannedCalls, toolResultsTokens, type ToolTurns } from './fake-tool-calls';
import { asRecord } from './http-json';

/** The tools an /api/chat request offers, the results it ends with, and Ollama's refusal if any. */
export function ollamaToolTurns(body: unknown): ToolTurns {
  const fields = asRecord(body) ?? {};
  const tools = offeredTools(fields['tools'], (t) => {
    const fn = asRecord(t['function']);
    return fn && { name: fn['name'], parameters: fn['parameters'] };
  });
  const messages = Array.isArray(fields['messages']) ? fields['messages'].map((m: unknown) => asRecord(m) ?? {}) : [];
  let problem: string | undefined;
  for (const m of messages) {
    for (const call of Array.isArray(m['tool_calls']) ? m['tool_calls'] : []) {
      const args = asRecord(asRecord(asRecord(call)?.['function'])?.['arguments']);
      // What Go's encoding/json says when api.ToolCallFunctionArguments (a map) gets anything else.
      if (!args) {
        problem ??=
          'json: cannot unmarshal string into Go struct field ToolCallFunction.messages.tool_calls.function.arguments of type api.ToolCallFunctionArguments';
      }
    }
  }
  const results: string[] = [];
  for (const m of [...messages].reverse()) {
    if (m['role'] !== 'tool') break;
    results.unshift(typeof m['content'] === 'string' ? m['content'] : '');
  }
  return { tools, results: results.length ? results : null, ...(problem ? { problem } : {}) };
}

export async function playOllamaTools(ex: OllamaExchange & { readonly toolTurns: ToolTurns }): Promise<void> {
  const { tools, results } = ex.toolTurns;
  const { lastUserMessage } = ex.request;
  const out = new LineStream(ex);
  const calls = results || !tools.length ? [] : plannedCalls(tools, lastUserMessage);
  for (const call of calls) {
    await ex.pause(ex.tokenDelayMs);
    const toolCall = { function: { index: 0, name: call.name, arguments: JSON.parse(call.arguments) as unknown } };
    await out.send(out.line({ role: 'assistant', content: '', tool_calls: [toolCall] }, false));
    ex.tokensSent++;
  }
  const words = results
    ? toolResultsTokens(results)
    : calls.length
      ? []
      : (replyTokens('fake-chat', lastUserMessage) ?? []);
  for (const piece of words) {
    await ex.pause(ex.tokenDelayMs);
    await out.token(piece);
  }
  await out.done();
  ex.end();
}
