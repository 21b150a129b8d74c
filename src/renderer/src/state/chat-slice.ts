// The open conversation (its active branch), sending, stopping, and the streaming text of every
// generation this window has seen. Events arrive batched per frame through `applyPayloads`.
import { toChatError } from '../../../shared/chat-error';
import type { GenerationEventPayload, Message } from '../../../shared/domain';
import type { ConversationId, MessageId } from '../../../shared/ids';
import { request } from '../api/api';
import type { SliceCreator } from './app-state';
import { applyGenerationEvents, emptyMetrics } from './apply-generation-events';
import { applyToLive, markAllIncomplete, markStarted, overlayLive, type LiveGenerations } from './live-generations';

export interface ChatSlice {
  openId: ConversationId | null;
  messages: Message[];
  loadingConversation: boolean;
  live: LiveGenerations;
  /** A failure the user should see near the composer (a send refused, a load failed). */
  notice: string | null;
  /** A message the list should scroll to once shown (a search hit); cleared by the list when done. */
  focusMessageId: MessageId | null;
  openConversation(id: ConversationId, focus?: MessageId): Promise<void>;
  clearFocus(): void;
  /** Reloads the open conversation; unless forced, not while a stream only the events know is running. */
  reloadOpen(force: boolean): Promise<void>;
  newChat(): void;
  send(content: string): Promise<boolean>;
  stop(): Promise<void>;
  applyPayloads(payloads: readonly GenerationEventPayload[]): void;
  /** The socket dropped: events were missed, so stored rows win over live records from now on. */
  forgetLiveCompleteness(): void;
  setNotice(notice: string | null): void;
}

/** The assistant message the Stop button and Esc act on. */
export function streamingAnswer(messages: readonly Message[]): Message | null {
  const last = messages.findLast((m) => m.role === 'assistant');
  return last?.status === 'streaming' ? last : null;
}

export const createChatSlice: SliceCreator<ChatSlice> = (set, get) => {
  // Bumped when the user moves to another conversation: a send answered later must not land there.
  let viewSeq = 0;
  // Bumped by every load of the open conversation (and by moving), so only the newest answer lands.
  let loadSeq = 0;

  const load = async (id: ConversationId, adopt: boolean): Promise<void> => {
    const mine = ++loadSeq;
    try {
      const detail = await request('conversations:get', { id });
      if (mine !== loadSeq) return;
      set((state) => ({ messages: overlayLive(detail.messages, state.live), loadingConversation: false }));
      if (adopt) adoptModel(detail.conversation.backendId, detail.conversation.model);
    } catch (err) {
      if (mine === loadSeq) set({ loadingConversation: false, notice: toChatError(err).message });
    }
  };

  // Continuing a conversation defaults to the model it was having, when that backend still exists.
  const adoptModel = (backendId: string | null, model: string | null): void => {
    const backend = get().backends.find((b) => b.id === backendId);
    if (!backend || !model) return;
    const current = get().choice;
    if (current?.backendId === backend.id && current.model === model) return;
    get().selectModel({ backendId: backend.id, model });
  };

  return {
    openId: null,
    messages: [],
    loadingConversation: false,
    live: {},
    notice: null,
    focusMessageId: null,

    async openConversation(id, focus) {
      ++viewSeq;
      set({ openId: id, messages: [], loadingConversation: true, notice: null, focusMessageId: focus ?? null });
      await load(id, true);
    },

    clearFocus() {
      set({ focusMessageId: null });
    },

    async reloadOpen(force) {
      const { openId, messages, live } = get();
      if (!openId) return;
      const blind = messages.some((m) => m.status === 'streaming' && !live[m.id]?.complete);
      if (blind && !force) return;
      await load(openId, false);
    },

    newChat() {
      ++viewSeq;
      ++loadSeq;
      set({ openId: null, messages: [], loadingConversation: false, notice: null });
    },

    async send(content) {
      const { choice, openId } = get();
      if (!choice) {
        set({ notice: 'Choose a model first.' });
        return false;
      }
      const view = viewSeq;
      let started;
      try {
        started = await request('generation:start', {
          conversationId: openId,
          backendId: choice.backendId,
          model: choice.model,
          content,
        });
      } catch (err) {
        set({ notice: toChatError(err).message });
        return false;
      }
      set((state) => {
        const live = markStarted(state.live, started.conversationId, started.assistantMessageId);
        // The user moved elsewhere meanwhile: the new messages show when they come back.
        if (view !== viewSeq) return { live };
        const now = Date.now();
        const base = {
          conversationId: started.conversationId,
          reasoning: '',
          error: null,
          backendId: choice.backendId,
          model: choice.model,
          params: {},
          metrics: emptyMetrics,
          createdAt: now,
          updatedAt: now,
        };
        // A reload triggered by `conversations:changed` may already have brought these rows.
        const known = new Set<MessageId>(state.messages.map((m) => m.id));
        const added: Message[] = [];
        if (!known.has(started.userMessageId)) {
          const parentId = state.messages.at(-1)?.id ?? null;
          added.push({ ...base, id: started.userMessageId, parentId, role: 'user', content, status: 'done' });
        }
        if (!known.has(started.assistantMessageId)) {
          added.push({
            ...base,
            id: started.assistantMessageId,
            parentId: started.userMessageId,
            role: 'assistant',
            content: '',
            status: 'streaming',
          });
        }
        return {
          live,
          openId: started.conversationId,
          messages: overlayLive([...state.messages, ...added], live),
          notice: null,
        };
      });
      return true;
    },

    async stop() {
      const answer = streamingAnswer(get().messages);
      if (!answer) return;
      try {
        await request('generation:cancel', { messageId: answer.id });
      } catch (err) {
        set({ notice: toChatError(err).message });
      }
    },

    applyPayloads(payloads) {
      set((state) => {
        let { live, messages } = state;
        for (const payload of payloads) {
          live = applyToLive(live, payload);
          if (payload.conversationId === state.openId) messages = applyGenerationEvents(messages, payload);
        }
        return { live, messages };
      });
    },

    forgetLiveCompleteness() {
      set((state) => ({ live: markAllIncomplete(state.live) }));
    },

    setNotice(notice) {
      set({ notice });
    },
  };
};
