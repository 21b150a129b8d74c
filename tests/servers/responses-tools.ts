// The Responses fake's tool-calling model (fake-tools): one `function_call` output item per call,
// each announced by response.output_item.added, its arguments in function_call_arguments.delta
// pieces, .done with the whole text, output_item.done, and response.completed listing them all;
// a request ending in `function_call_output` items gets a message quoting them. It refuses, as
// OpenAI does, an output whose call_id no function_call item of the input carries.
import { randomBytes } from 'node:crypto';
import type { Exchange } from './fake-http-server';
import { replyTokens } from './fake-replies';
import {
  fakeCallId,
  offeredTools,
  piecesOf,
  plannedCalls,
  toolResultsTokens,
  type PlannedCall,
  type ToolTurns,
} from './fake-tool-calls';
import { asRecord } from './http-json';
import { frameEvent, type NamedEvent } from './event-stream-player';

export interface ResponsesToolsExchange extends Exchange {
  readonly toolTurns: ToolTurns;
  readonly lastUserMessage: string;
  readonly promptTokens: number;
  readonly tokenDelayMs: number;
}

/** The tools a Responses request offers, the outputs its input ends with, and OpenAI's refusal if any. */
export function responsesToolTurns(body: Record<string, unknown>): ToolTurns {
  const tools = offeredTools(body['tools'], (t) =>
    t['type'] === 'function' ? { name: t['name'], parameters: t['parameters'] } : undefined,
  );
  const input = Array.isArray(body['input']) ? body['input'].map((m: unknown) => asRecord(m) ?? {}) : [];
  const callIds = new Set<string>();
  let problem: string | undefined;
  for (const item of input) {
    if (item['type'] === 'function_call') {
      if (typeof item['call_id'] !== 'string' || typeof item['name'] !== 'string') {
        problem ??= "Missing required parameter: 'input[].call_id'.";
      }
      callIds.add(String(item['call_id']));
    } else if (item['type'] === 'function_call_output' && !callIds.has(String(item['call_id']))) {
      problem ??= `No tool call found for function call output with call_id ${String(item['call_id'])}.`;
    }
  }
  const outputs: string[] = [];
  for (const item of [...input].reverse()) {
    if (item['type'] !== 'function_call_output') break;
    outputs.unshift(typeof item['output'] === 'string' ? item['output'] : JSON.stringify(item['output']));
  }
  return { tools, results: outputs.length ? outputs : null, ...(problem ? { problem } : {}) };
}

/** The call_id fake-tools gives a call (the item's own id is another, `fc_…`). */
export const responsesCallId = (call: PlannedCall, lastUserMessage: string): string =>
  fakeCallId('call_', call, lastUserMessage, 24);

export async function playResponsesTools(ex: ResponsesToolsExchange): Promise<void> {
  const { tools, results } = ex.toolTurns;
  let sequence = 0;
  const output: Record<string, unknown>[] = [];
  const response = (status: string, extra: Record<string, unknown> = {}) => ({
    id: `resp_${randomBytes(16).toString('hex')}`,
    object: 'response',
    status,
    model: 'fake-tools',
    output: [...output],
    tool_choice: 'auto',
    usage: null,
    ...extra,
  });
  const send = async (type: string, data: Record<string, unknown>) => {
    await ex.pause(ex.tokenDelayMs);
    const e: NamedEvent = { type, data: { type, sequence_number: sequence++, ...data } };
    await ex.write(frameEvent(e));
  };
  ex.sendHeaders({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  await send('response.created', { response: response('in_progress') });
  await send('response.in_progress', { response: response('in_progress') });

  const calls = results || !tools.length ? [] : plannedCalls(tools, ex.lastUserMessage);
  for (const call of calls) {
    const item = {
      id: `fc_${randomBytes(12).toString('hex')}`,
      type: 'function_call',
      status: 'in_progress',
      arguments: '',
      call_id: responsesCallId(call, ex.lastUserMessage),
      name: call.name,
    };
    const at = { item_id: item.id, output_index: output.length };
    await send('response.output_item.added', { output_index: at.output_index, item });
    for (const delta of piecesOf(call.arguments, 6)) {
      await send('response.function_call_arguments.delta', { ...at, delta });
      ex.tokensSent++;
    }
    await send('response.function_call_arguments.done', { ...at, arguments: call.arguments });
    const done = { ...item, status: 'completed', arguments: call.arguments };
    await send('response.output_item.done', { output_index: at.output_index, item: done });
    output.push(done);
  }
  if (!calls.length) {
    const text = results ? toolResultsTokens(results) : (replyTokens('fake-chat', ex.lastUserMessage) ?? []);
    const item = { id: `msg_${randomBytes(12).toString('hex')}`, type: 'message', role: 'assistant' };
    const at = { item_id: item.id, output_index: output.length, content_index: 0 };
    await send('response.output_item.added', { output_index: at.output_index, item: { ...item, content: [] } });
    for (const delta of text) {
      await send('response.output_text.delta', { ...at, delta, logprobs: [] });
      ex.tokensSent++;
    }
    const part = { type: 'output_text', text: text.join(''), annotations: [] };
    await send('response.output_text.done', { ...at, text: part.text });
    const done = { ...item, status: 'completed', content: [part] };
    await send('response.output_item.done', { output_index: at.output_index, item: done });
    output.push(done);
  }
  const usage = {
    input_tokens: ex.promptTokens,
    output_tokens: ex.tokensSent,
    total_tokens: ex.promptTokens + ex.tokensSent,
  };
  await send('response.completed', { response: response('completed', { usage }) });
  ex.end();
}
