// Folds batched generation events into the live records and the shown messages, restarting a
// continued answer from the stored text its `resume` event carries.
import type { GenerationEvent, GenerationEventPayload, Message } from '../../../shared/domain';
import type { ConversationId } from '../../../shared/ids';
import { applyGenerationEvents, emptyMetrics } from './apply-generation-events';
import { applyToLive, type LiveGenerations } from './live-generations';

/**
 * Folds payloads into the live records and the shown messages. A `resume` event (a continued
 * answer) restarts its message from the stored text it carries, even where an older record of
 * that message had already ended; the events after it add to that text as usual.
 */
export function foldPayloads(
  state: { live: LiveGenerations; messages: Message[]; openId: ConversationId | null },
  payloads: readonly GenerationEventPayload[],
): { live: LiveGenerations; messages: Message[] } {
  let { live, messages } = state;
  const apply = (payload: GenerationEventPayload, events: GenerationEvent[]) => {
    if (!events.length) return;
    const part = { ...payload, events };
    live = applyToLive(live, part);
    if (payload.conversationId === state.openId) messages = applyGenerationEvents(messages, part);
  };
  for (const payload of payloads) {
    let from = 0;
    payload.events.forEach((event, i) => {
      if (event.type !== 'resume') return;
      apply(payload, payload.events.slice(from, i));
      from = i + 1;
      const fields = { content: event.content, reasoning: event.reasoning, status: 'streaming' as const, error: null };
      live = {
        ...live,
        [payload.messageId]: {
          conversationId: payload.conversationId,
          messageId: payload.messageId,
          metrics: emptyMetrics,
          ...fields,
          // The snapshot is the whole text so far: every later delta builds on it.
          complete: true,
        },
      };
      if (payload.conversationId === state.openId) {
        messages = messages.map((m) => (m.id === payload.messageId ? { ...m, ...fields } : m));
      }
    });
    apply(payload, payload.events.slice(from));
  }
  return { live, messages };
}
