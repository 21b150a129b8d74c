// The Anthropic fake's tool-calling model (fake-tools): a short text block, then one `tool_use`
// block per call whose input streams as `input_json_delta` pieces (the first one empty, as the
// API sends it), `stop_reason: "tool_use"`; a request ending in `tool_result` blocks gets text
// quoting them. It refuses what the Messages API refuses: a tool_result for no tool_use of the
// previous message, tool_use blocks left without results, an input that is not an object.
// A conversation whose first user message starts with "Think first" gets a signed `thinking` block
// (thinking_delta pieces, then a signature_delta) before the calls, and, as the API with thinking
// on, the next request must start its last assistant turn with that block unchanged.
import { createHash, randomBytes } from 'node:crypto';
import type { Exchange } from './fake-http-server';
import { replyTokens, tokenize } from './fake-replies';
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
import { frameEvent, type NamedEvent } from './event-stream-player';

export interface AnthropicToolsExchange extends Exchange {
  readonly toolTurns: ToolTurns;
  /** Stream a signed thinking block before the calls. */
  readonly thinking: boolean;
  readonly lastUserMessage: string;
  readonly promptTokens: number;
  readonly tokenDelayMs: number;
}

const blocksOf = (m: Record<string, unknown>): Record<string, unknown>[] =>
  Array.isArray(m['content']) ? m['content'].flatMap((b: unknown) => (asRecord(b) ? [asRecord(b)!] : [])) : [];

/** The thought fake-tools streams before its calls in a "Think first" conversation. */
export const FAKE_THOUGHT = 'The user wants the tools called; I will call them and read the results.';

/** The fake's signature of a thought: opaque to the client, checked when the block comes back. */
export const signatureOf = (thinking: string): string =>
  `EqMBfake${createHash('sha256').update(thinking).digest('base64')}`;

/** Whether the conversation asks for thinking (the fake's stand-in for `thinking: {type: "enabled"}`). */
export const thinksFirst = (body: Record<string, unknown>): boolean => {
  const messages = Array.isArray(body['messages']) ? body['messages'].map((m: unknown) => asRecord(m) ?? {}) : [];
  const first = messages.find((m) => m['role'] === 'user');
  return first !== undefined && contentText(first['content']).startsWith('Think first');
};

/** With thinking on, the last assistant turn that called tools must start with its thinking block, unchanged. */
function thinkingProblem(messages: Record<string, unknown>[]): string | undefined {
  const at = messages.findLastIndex(
    (m) => m['role'] === 'assistant' && blocksOf(m).some((b) => b['type'] === 'tool_use'),
  );
  if (at < 0) return undefined;
  const first = blocksOf(messages[at]!)[0] ?? {};
  if (first['type'] !== 'thinking' && first['type'] !== 'redacted_thinking') {
    return `messages.${at}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${String(first['type'])}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block.`;
  }
  if (first['type'] === 'thinking' && first['signature'] !== signatureOf(String(first['thinking']))) {
    return `messages.${at}.content.0: Invalid \`signature\` in \`thinking\` block`;
  }
  return undefined;
}

/** The tools a Messages request offers, the results it ends with, and the API's refusal if any. */
export function anthropicToolTurns(body: Record<string, unknown>): ToolTurns {
  const tools = offeredTools(body['tools'], (t) => ({ name: t['name'], parameters: t['input_schema'] }));
  const messages = Array.isArray(body['messages']) ? body['messages'].map((m: unknown) => asRecord(m) ?? {}) : [];
  let problem: string | undefined = thinksFirst(body) ? thinkingProblem(messages) : undefined;
  let pending: string[] = [];
  for (const [i, m] of messages.entries()) {
    const blocks = blocksOf(m);
    const results = blocks.filter((b) => b['type'] === 'tool_result').map((b) => String(b['tool_use_id']));
    const stray = results.find((id) => !pending.includes(id));
    if (stray) {
      problem ??= `messages.${i}.content.${results.indexOf(stray)}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${stray}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
    }
    const unanswered = pending.filter((id) => !results.includes(id));
    if (unanswered.length) {
      problem ??= `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${unanswered.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
    }
    const uses = m['role'] === 'assistant' ? blocks.filter((b) => b['type'] === 'tool_use') : [];
    if (uses.some((b) => !asRecord(b['input'])))
      problem ??= `messages.${i}: tool_use.input: Input should be a valid dictionary`;
    pending = uses.map((b) => String(b['id']));
  }
  const last = messages.at(-1);
  const results = last && last['role'] === 'user' ? blocksOf(last).filter((b) => b['type'] === 'tool_result') : [];
  return {
    tools,
    results: results.length ? results.map((b) => contentText(b['content'])) : null,
    ...(problem ? { problem } : {}),
  };
}

/** The ids fake-tools gives its tool_use blocks. */
export const anthropicToolUseId = (call: PlannedCall, lastUserMessage: string): string =>
  fakeCallId('toolu_01', call, lastUserMessage, 22);

const ev = (type: string, data: Record<string, unknown> = {}): NamedEvent => ({ type, data: { type, ...data } });

export async function playAnthropicTools(ex: AnthropicToolsExchange): Promise<void> {
  const { tools, results } = ex.toolTurns;
  const send = async (e: NamedEvent) => {
    await ex.pause(ex.tokenDelayMs);
    await ex.write(frameEvent(e));
  };
  ex.sendHeaders({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  await send(
    ev('message_start', {
      message: {
        id: `msg_fake${randomBytes(12).toString('hex')}`,
        type: 'message',
        role: 'assistant',
        model: 'fake-tools',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: ex.promptTokens, output_tokens: 1 },
      },
    }),
  );
  const calls = results || !tools.length ? [] : plannedCalls(tools, ex.lastUserMessage);
  const words = results
    ? toolResultsTokens(results)
    : calls.length
      ? tokenize('Let me call the tools.')
      : (replyTokens('fake-chat', ex.lastUserMessage) ?? []);
  const thought = ex.thinking && calls.length ? 1 : 0;
  if (thought) {
    await send(
      ev('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }),
    );
    for (const piece of piecesOf(FAKE_THOUGHT, 16)) {
      await send(ev('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: piece } }));
      ex.tokensSent++;
    }
    await send(
      ev('content_block_delta', { index: 0, delta: { type: 'signature_delta', signature: signatureOf(FAKE_THOUGHT) } }),
    );
    await send(ev('content_block_stop', { index: 0 }));
  }
  await send(ev('content_block_start', { index: thought, content_block: { type: 'text', text: '' } }));
  for (const piece of words) {
    await send(ev('content_block_delta', { index: thought, delta: { type: 'text_delta', text: piece } }));
    ex.tokensSent++;
  }
  await send(ev('content_block_stop', { index: thought }));
  for (const call of calls) {
    const index = call.index + 1 + thought;
    const id = anthropicToolUseId(call, ex.lastUserMessage);
    await send(
      ev('content_block_start', { index, content_block: { type: 'tool_use', id, name: call.name, input: {} } }),
    );
    for (const piece of ['', ...(call.arguments === '{}' ? [] : piecesOf(call.arguments, 6))]) {
      await send(ev('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } }));
      ex.tokensSent++;
    }
    await send(ev('content_block_stop', { index }));
  }
  await send(
    ev('message_delta', {
      delta: { stop_reason: calls.length ? 'tool_use' : 'end_turn', stop_sequence: null },
      usage: { output_tokens: ex.tokensSent },
    }),
  );
  await send(ev('message_stop'));
  ex.end();
}
