// Wires main's events into the store: generation events buffered and applied once per paint, list
// refreshes on change, and a full reload when the web host's socket comes back after a drop.
import type { GenerationEventPayload } from '../../../shared/domain';
import { asConversationId } from '../../../shared/ids';
import { onReconnect, subscribe } from '../api/api';
import { browserScheduler, createPaintBatcher } from './paint-batcher';
import { useAppStore } from './store';

export function connectStore(): () => void {
  const store = useAppStore;
  const batcher = createPaintBatcher<GenerationEventPayload>(
    (payloads) => store.getState().applyPayloads(payloads),
    browserScheduler(),
  );

  const offs = [
    subscribe('generation:event', (payload: unknown) => {
      if (isGenerationPayload(payload)) batcher.push(payload);
    }),
    subscribe('conversations:changed', (payload) => {
      // Main sends a generation's end before this; apply it first so the reload sees it finished.
      batcher.flush();
      const state = store.getState();
      const id = isObject(payload) ? payload.conversationId : null;
      // One row is updated in place; without an id, the loaded rows are read again.
      void state.conversationChanged(typeof id === 'string' ? asConversationId(id) : null);
      const listOnly = isObject(payload) && payload.listOnly === true;
      if (!listOnly && (id === null || id === undefined || id === state.openId)) void state.reloadOpen(false);
    }),
    subscribe('backends:changed', () => void store.getState().loadBackends()),
    onReconnect(() => {
      // Apply what arrived before the drop first, so nothing is counted twice or lost in between.
      batcher.flush();
      const state = store.getState();
      state.forgetLiveCompleteness();
      void state.loadBackends();
      void state.loadConversations();
      void state.reloadOpen(true);
    }),
  ];

  void store.getState().loadBackends();
  void store.getState().loadConversations();

  return () => {
    for (const off of offs) off();
    batcher.flush();
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function isGenerationPayload(v: unknown): v is GenerationEventPayload {
  return (
    isObject(v) &&
    typeof v.conversationId === 'string' &&
    typeof v.messageId === 'string' &&
    Array.isArray(v.events) &&
    v.events.every((e) => isObject(e) && typeof e.type === 'string')
  );
}
