// Every generation this window has seen, folded from its events whichever conversation is open.
// The database lags the stream by a write batch, so when a conversation is (re)loaded while it is
// streaming, a record that saw the generation from its start is truer than the stored row.
import type { GenerationEventPayload, Message } from '../../../shared/domain';
import type { ConversationId, MessageId } from '../../../shared/ids';
import { applyEvents, emptyMetrics, type StreamFields } from './apply-generation-events';
import { mergeToolCalls } from './tool-call-list';

export interface LiveGeneration extends StreamFields {
  conversationId: ConversationId;
  messageId: MessageId;
  /** True when every event of this generation reached this record (it started here, or the socket never dropped). */
  complete: boolean;
  /** Waiting for its server, which serves one request at a time (a comparison), until its next event. */
  queued?: boolean;
}

export type LiveGenerations = Readonly<Record<string, LiveGeneration>>;

/** Finished records are kept only to bridge a load that raced the end; this many is plenty. */
const KEEP_FINISHED = 16;

export function applyToLive(live: LiveGenerations, payload: GenerationEventPayload): LiveGenerations {
  const existing = live[payload.messageId] ?? {
    conversationId: payload.conversationId,
    messageId: payload.messageId,
    content: '',
    reasoning: '',
    status: 'streaming',
    error: null,
    metrics: emptyMetrics,
    // Seen first mid-stream (it started before this window loaded): its start is missing.
    complete: false,
  };
  const updated = applyEvents(existing, payload.events);
  // The last event says it: `queued` until anything else comes.
  const last = payload.events.at(-1);
  const queued = last ? last.type === 'queued' : (existing.queued ?? false);
  return prune({
    ...live,
    [payload.messageId]: queued === (existing.queued ?? false) ? updated : { ...updated, queued },
  });
}

/** generation:start answered: this window saw the generation begin, so its record is whole. */
export function markStarted(
  live: LiveGenerations,
  conversationId: ConversationId,
  messageId: MessageId,
): LiveGenerations {
  const existing = live[messageId];
  const record: LiveGeneration = existing
    ? { ...existing, complete: true }
    : {
        conversationId,
        messageId,
        content: '',
        reasoning: '',
        status: 'streaming',
        error: null,
        metrics: emptyMetrics,
        complete: true,
      };
  return { ...live, [messageId]: record };
}

/** After missed events (a dropped socket) no record can be trusted over the database. */
export function markAllIncomplete(live: LiveGenerations): LiveGenerations {
  const next: Record<string, LiveGeneration> = {};
  for (const [id, record] of Object.entries(live)) next[id] = { ...record, complete: false };
  return next;
}

/** Lays live records over freshly loaded messages whose stored row is still streaming. */
export function overlayLive(messages: readonly Message[], live: LiveGenerations): Message[] {
  return messages.map((message) => {
    const record = live[message.id];
    if (!record || message.status !== 'streaming') return message;
    // Calls are stored as they change, so the row's are as new as the record's: the merge keeps whichever got further.
    const toolCalls = mergeToolCalls(message.toolCalls, record.toolCalls);
    const calls = toolCalls ? { toolCalls } : {};
    if (record.complete) {
      const { content, reasoning, status, error, metrics, writingCalls } = record;
      const writing = writingCalls ? { writingCalls } : {};
      return { ...message, content, reasoning, status, error, metrics, ...calls, ...writing };
    }
    if (record.status !== 'streaming') {
      return { ...message, status: record.status, error: record.error, metrics: record.metrics, ...calls };
    }
    return toolCalls === message.toolCalls ? message : { ...message, toolCalls };
  });
}

function prune(live: Record<string, LiveGeneration>): Record<string, LiveGeneration> {
  const finished = Object.keys(live).filter((id) => live[id]?.status !== 'streaming');
  if (finished.length <= KEEP_FINISHED) return live;
  // Object keys keep insertion order, so the oldest finished records go first.
  for (const id of finished.slice(0, finished.length - KEEP_FINISHED)) delete live[id];
  return live;
}
