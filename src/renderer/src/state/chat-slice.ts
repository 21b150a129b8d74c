// The open conversation (its shown branch) and the streaming text of every generation this window
// has seen; sending and versions are parts of it (chat-sending.ts, chat-versions.ts).
import type { GenerationEventPayload, Message } from '../../../shared/domain';
import type { ConversationId, MessageId } from '../../../shared/ids';
import type { SliceCreator } from './app-state';
import type { ChatNotice } from './chat-notice';
import {
  comparedAnswers,
  createChatCompare,
  foldComparison,
  type ChatCompare,
  type ChatCompareState,
} from './chat-compare';
import { createChatSending, type ChatSending } from './chat-sending';
import { createChatSession } from './chat-session';
import { createChatVersions, type ChatVersions } from './chat-versions';
import { foldPayloads } from './fold-payloads';
import { markAllIncomplete, type LiveGenerations } from './live-generations';
import { allTools } from '../../../shared/tool-choice';
import { emptySettings } from './presets-slice';

export interface ChatSlice extends ChatSending, ChatVersions, ChatCompare, ChatCompareState {
  openId: ConversationId | null;
  messages: Message[];
  loadingConversation: boolean;
  /** The newest messages are shown and the rest of the branch is still on its way. */
  loadingEarlier: boolean;
  live: LiveGenerations;
  /** A failure the user should see near the composer (a send refused, a load failed). */
  notice: ChatNotice | null;
  /** A message the list should scroll to once shown (a search hit); cleared by the list when done. */
  focusMessageId: MessageId | null;
  /** Opens a conversation; with `focus`, on the branch through that message (which becomes the shown one). */
  openConversation(id: ConversationId, focus?: MessageId): Promise<void>;
  clearFocus(): void;
  /** Reloads the open conversation; unless forced, not while a stream only the events know is running. */
  reloadOpen(force: boolean): Promise<void>;
  newChat(): void;
  /** Generation events as connect-store.ts hands them over, a batch at a time. */
  applyPayloads(payloads: readonly GenerationEventPayload[]): void;
  /** The socket dropped: events were missed, so stored rows win over live records from now on. */
  forgetLiveCompleteness(): void;
  setNotice(notice: ChatNotice | null): void;
}

/** No message to show and none on its way: the chat is a new one, shown as the empty page. */
export const chatIsEmpty = (s: Pick<ChatSlice, 'messages' | 'loadingConversation'>): boolean =>
  s.messages.length === 0 && !s.loadingConversation;

export const createChatSlice: SliceCreator<ChatSlice> = (set, get) => {
  const session = createChatSession(set, get);
  const { seq, load } = session;
  const sending = createChatSending(session);
  const compare = createChatCompare(session);

  return {
    openId: null,
    messages: [],
    loadingConversation: false,
    loadingEarlier: false,
    live: {},
    notice: null,
    focusMessageId: null,
    compareWith: [],
    comparison: null,

    async openConversation(id, focus) {
      ++seq.view;
      set({
        comparison: null,
        openId: id,
        messages: [],
        loadingConversation: true,
        loadingEarlier: false,
        notice: null,
        focusMessageId: focus ?? null,
      });
      await load(id, true, focus);
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
      ++seq.view;
      ++seq.load;
      set({
        comparison: null,
        openId: null,
        messages: [],
        loadingConversation: false,
        loadingEarlier: false,
        notice: null,
        draftSettings: emptySettings,
        draftPresetId: null,
        draftTools: allTools,
      });
    },

    ...compare,
    ...sending,
    // With models ticked in Compare, Send goes to all of them.
    send: (content, attachments) =>
      get().compareWith.length ? compare.sendCompared(content, attachments) : sending.send(content, attachments),
    async stop() {
      // Stop in the composer stops every answer of a comparison still streaming, not only the shown one.
      const { comparison, live } = get();
      if (comparison) {
        const streaming = comparedAnswers(comparison, live).filter((m) => m.status === 'streaming');
        await Promise.all(streaming.map((m) => compare.stopCompared(m.id)));
      }
      await sending.stop();
    },
    ...createChatVersions(session),

    applyPayloads(payloads) {
      set((state) => {
        const folded = foldPayloads(state, payloads);
        const comparison = state.comparison && foldComparison(state.comparison, payloads);
        return comparison === state.comparison ? folded : { ...folded, comparison };
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
