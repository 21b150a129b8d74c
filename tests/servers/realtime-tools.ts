// The Realtime fake's tool-calling model (fake-tools), GA event names: for the function tools of
// session.update, one `function_call` item per call (output_item.added, its arguments in
// response.function_call_arguments.delta pieces, .done with call_id, name and the whole text,
// output_item.done), then response.done listing them; a session whose last items are
// `function_call_output` gets text quoting them. An output whose call_id no function_call item of
// the session carries gets an `error` event, as the API answers a bad conversation.item.create.
import { countPromptTokens, replyTokens } from './fake-replies';
import {
  fakeCallId,
  offeredTools,
  piecesOf,
  plannedCalls,
  toolResultsTokens,
  type PlannedCall,
  type ToolTurns,
} from './fake-tool-calls';
import { asRecord, contentText } from './http-json';
import type { WsSession } from './realtime-ws-plumbing';

const ofType = (received: readonly unknown[], type: string): Record<string, unknown>[] =>
  received.flatMap((m) => (asRecord(m)?.['type'] === type ? [asRecord(m)!] : []));

/** The tools of the session, the results its items end with, the last user text, and a refusal if any. */
export function realtimeToolTurns(received: readonly unknown[]): ToolTurns & { lastUserMessage: string } {
  const session = asRecord(ofType(received, 'session.update').at(-1)?.['session']) ?? {};
  const tools = offeredTools(session['tools'], (t) =>
    t['type'] === 'function' ? { name: t['name'], parameters: t['parameters'] } : undefined,
  );
  const items = ofType(received, 'conversation.item.create').map((m) => asRecord(m['item']) ?? {});
  const callIds = new Set<string>();
  let problem: string | undefined;
  for (const item of items) {
    if (item['type'] === 'function_call') callIds.add(String(item['call_id']));
    else if (item['type'] === 'function_call_output' && !callIds.has(String(item['call_id']))) {
      problem ??= `Tool call ID '${String(item['call_id'])}' not found in conversation.`;
    }
  }
  const results: string[] = [];
  for (const item of [...items].reverse()) {
    if (item['type'] !== 'function_call_output') break;
    results.unshift(String(item['output'] ?? ''));
  }
  const lastUser = items.filter((i) => i['type'] === 'message' && i['role'] === 'user').at(-1);
  return {
    tools,
    results: results.length ? results : null,
    lastUserMessage: contentText(lastUser?.['content']),
    ...(problem ? { problem } : {}),
  };
}

/** The call_id fake-tools gives a call. */
export const realtimeCallId = (call: PlannedCall, lastUserMessage: string): string =>
  fakeCallId('call_', call, lastUserMessage, 16);

let nextId = 0;
const id = (prefix: string) => `${prefix}_tools${++nextId}`;

export async function playRealtimeTools(s: WsSession, delayMs: number): Promise<void> {
  const turns = realtimeToolTurns(s.record.received);
  if (turns.problem) {
    s.settle();
    s.send({
      type: 'error',
      event_id: id('event'),
      error: { type: 'invalid_request_error', code: 'invalid_value', message: turns.problem, param: null },
    });
    return;
  }
  const responseId = id('resp');
  const emit = async (event: Record<string, unknown>) => {
    await s.pause(delayMs);
    s.send({ event_id: id('event'), response_id: responseId, ...event });
  };
  s.send({
    type: 'response.created',
    response: { id: responseId, object: 'realtime.response', status: 'in_progress' },
  });
  const output: Record<string, unknown>[] = [];
  const calls = turns.results || !turns.tools.length ? [] : plannedCalls(turns.tools, turns.lastUserMessage);
  for (const call of calls) {
    const call_id = realtimeCallId(call, turns.lastUserMessage);
    const item = {
      id: id('item'),
      object: 'realtime.item',
      type: 'function_call',
      status: 'in_progress',
      call_id,
      name: call.name,
      arguments: '',
    };
    const at = { item_id: item.id, output_index: output.length, call_id };
    await emit({ type: 'response.output_item.added', output_index: at.output_index, item });
    for (const delta of piecesOf(call.arguments, 7)) {
      await emit({ type: 'response.function_call_arguments.delta', ...at, delta });
      s.tokensSent++;
    }
    await emit({ type: 'response.function_call_arguments.done', ...at, name: call.name, arguments: call.arguments });
    const done = { ...item, status: 'completed', arguments: call.arguments };
    await emit({ type: 'response.output_item.done', output_index: at.output_index, item: done });
    output.push(done);
  }
  if (!calls.length) {
    const words = turns.results
      ? toolResultsTokens(turns.results)
      : (replyTokens('fake-chat', turns.lastUserMessage) ?? []);
    const itemId = id('item');
    for (const delta of words) {
      await emit({ type: 'response.output_text.delta', item_id: itemId, output_index: 0, content_index: 0, delta });
      s.tokensSent++;
    }
    await emit({
      type: 'response.output_text.done',
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      text: words.join(''),
    });
  }
  s.settle();
  const prompt = countPromptTokens([turns.lastUserMessage, ...(turns.results ?? [])]);
  await emit({
    type: 'response.done',
    response: {
      id: responseId,
      object: 'realtime.response',
      status: 'completed',
      status_details: null,
      output,
      usage: { total_tokens: prompt + s.tokensSent, input_tokens: prompt, output_tokens: s.tokensSent },
    },
  });
}
