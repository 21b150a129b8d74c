// The tool calls of one answer as events and loads bring them: one per id, in the order the model
// made them (round, then its place in the round). Data only; the chat feature shows them.
import type { ToolCallRecord, ToolCallStatus } from '../../../shared/tools';

/** How far a call has come: a call only moves forward (asked → running → ended), never back. */
const stage: Record<ToolCallStatus, number> = {
  'awaiting-approval': 0,
  running: 1,
  done: 2,
  error: 2,
  denied: 2,
  cancelled: 2,
};

const before = (a: ToolCallRecord, b: ToolCallRecord): boolean =>
  a.round < b.round || (a.round === b.round && a.index < b.index);

/** The calls with `call` added, or put in place of the one with its id (a `tool-call` event). */
export function withToolCall(calls: readonly ToolCallRecord[] | undefined, call: ToolCallRecord): ToolCallRecord[] {
  const rest = (calls ?? []).filter((c) => c.id !== call.id);
  const at = rest.findIndex((c) => before(call, c));
  if (at < 0) return [...rest, call];
  return [...rest.slice(0, at), call, ...rest.slice(at)];
}

/**
 * Stored calls with those a live record saw laid over them. Which of two copies of a call is newer
 * cannot be told from when each was read, but from how far the call has come: the one further
 * along wins, the live one when they are level. Returns `stored` itself when `live` adds nothing.
 */
export function mergeToolCalls(
  stored: ToolCallRecord[] | undefined,
  live: readonly ToolCallRecord[] | undefined,
): ToolCallRecord[] | undefined {
  if (!live?.length) return stored;
  let merged = stored;
  for (const call of live) {
    const old = merged?.find((c) => c.id === call.id);
    if (old && (old === call || stage[old.status] > stage[call.status])) continue;
    merged = withToolCall(merged, call);
  }
  return merged;
}
