// Folds a generation's events into its message's fields: deltas carry only new text and are appended;
// tool calls are added or replaced by id; the end sets status, metrics and error. Pure, so the store
// and the live records share one rule.
import type { GenerationEvent, GenerationEventPayload, Message, MessageMetrics } from '../../../shared/domain';
import type { WritingToolCall } from '../../../shared/tools';
import { withToolCall } from './tool-call-list';

export type StreamFields = Pick<
  Message,
  'content' | 'reasoning' | 'status' | 'error' | 'metrics' | 'toolCalls' | 'writingCalls'
>;

export const emptyMetrics: MessageMetrics = {
  ttftMs: null,
  tokensPerSecond: null,
  promptTokens: null,
  completionTokens: null,
  finishReason: null,
};

export function applyEvents<T extends StreamFields>(target: T, events: readonly GenerationEvent[]): T {
  let next = target;
  for (const event of events) {
    // A call's change replaces it by id, so a late or replayed one cannot add anything twice.
    if (event.type === 'tool-call') {
      // Stored calls come once their request's stream has ended: none is being written any more.
      const { writingCalls: _done, ...rest } = next;
      next = { ...rest, toolCalls: withToolCall(next.toolCalls, event.call) } as T;
      continue;
    }
    // A finished message keeps its text: late or replayed events must not grow it again.
    if (next.status !== 'streaming') continue;
    switch (event.type) {
      // Text means a retry worked: the notice about it has served its purpose.
      case 'delta':
        next = { ...next, content: next.content + event.text, error: null };
        break;
      case 'reasoning':
        next = { ...next, reasoning: next.reasoning + event.text, error: null };
        break;
      case 'retry':
        // Shown in the message while it waits, in the server's words (e.g. llama.cpp "Loading model");
        // a streaming message with an error is one waiting to try again, after `retryAfterMs` (the
        // wait Runnel chose: the server's Retry-After or a backoff). A new object marks a new wait.
        // A call written before the failure is written again by the next try, from its start.
        next = { ...withoutWriting(next), error: { ...event.error, retryAfterMs: event.delayMs } };
        break;
      case 'reasoning-reclassify':
        next = { ...next, reasoning: next.reasoning + next.content, content: '' };
        break;
      case 'usage': {
        const { promptTokens, completionTokens, tokensPerSecond } = event.usage;
        next = {
          ...next,
          metrics: {
            ...next.metrics,
            promptTokens: promptTokens ?? next.metrics.promptTokens,
            completionTokens: completionTokens ?? next.metrics.completionTokens,
            tokensPerSecond: tokensPerSecond ?? next.metrics.tokensPerSecond,
          },
        };
        break;
      }
      case 'tool-call-args':
        next = { ...next, writingCalls: withArguments(next.writingCalls, event, next.content.length) };
        break;
      case 'figures':
        next = { ...next, metrics: { ...next.metrics, ...event.metrics } };
        break;
      case 'done':
        next = { ...withoutWriting(next), status: event.status, metrics: event.metrics, error: null };
        break;
      case 'error':
        next = { ...withoutWriting(next), status: 'error', error: event.error, metrics: event.metrics };
        break;
    }
  }
  return next;
}

/** A call being written grows by the piece; a new one stands where the text is now. */
function withArguments(
  calls: readonly WritingToolCall[] | undefined,
  event: { index: number; toolName: string; text: string },
  position: number,
): WritingToolCall[] {
  const list = calls ?? [];
  const at = list.findIndex((c) => c.index === event.index);
  if (at < 0) return [...list, { index: event.index, toolName: event.toolName, arguments: event.text, position }];
  const old = list[at]!;
  const next = list.slice();
  next[at] = { ...old, toolName: old.toolName || event.toolName, arguments: old.arguments + event.text };
  return next;
}

/** An ended answer writes no call: one left unfinished (Stop, an error) is not shown, as it was not stored. */
function withoutWriting<T extends StreamFields>(target: T): T {
  if (!target.writingCalls) return target;
  const { writingCalls: _gone, ...rest } = target;
  return rest as T;
}

/** Returns the same array when the payload is for none of these messages, so selectors stay quiet. */
export function applyGenerationEvents(messages: readonly Message[], payload: GenerationEventPayload): Message[] {
  const index = messages.findIndex((m) => m.id === payload.messageId);
  const target = messages[index];
  if (!target) return messages as Message[];
  const updated = applyEvents(target, payload.events);
  if (updated === target) return messages as Message[];
  const next = messages.slice();
  next[index] = updated;
  return next;
}
