// The sidebar's conversation list, loaded a page at a time in main's order (pinned first, then
// newest activity) and kept right by single-row updates when main says a conversation changed;
// rename, pin, and delete with a few seconds to undo.
import type { ConversationCursor, ConversationListItem } from '../../../shared/domain';
import type { ConversationId } from '../../../shared/ids';
import { request } from '../api/api';
import type { SliceCreator } from './app-state';
import { errorText } from '../i18n/error-text';

export const conversationPageSize = 100;
/** The Undo button goes a little before main purges, so a late click still lands in time. */
const undoMarginMs = 1_000;

/** What failed, for the sidebar to say in the user's language, with main's reason. */
export type ConversationsFailure = {
  action: 'load' | 'load-more' | 'rename' | 'pin' | 'unpin' | 'delete' | 'restore';
  reason: string;
};

/** A deleted conversation the user can still bring back, until `until` (this clock). */
export interface PendingDelete {
  conversation: ConversationListItem;
  until: number;
  wasOpen: boolean;
}

export interface ConversationsSlice {
  conversations: ConversationListItem[];
  /** Where the next page starts; null once everything is loaded. */
  conversationsNext: ConversationCursor | null;
  conversationsLoaded: boolean;
  conversationsLoading: boolean;
  conversationsError: ConversationsFailure | null;
  pendingDeletes: PendingDelete[];
  /** Loads the first page again, as many rows as are shown now (at least a page). */
  loadConversations(): Promise<void>;
  loadMoreConversations(): Promise<void>;
  /** Main changed one conversation (or, with null, possibly several): update the loaded rows. */
  conversationChanged(id: ConversationId | null): Promise<void>;
  renameConversation(id: ConversationId, title: string): Promise<void>;
  pinConversation(id: ConversationId, pinned: boolean): Promise<void>;
  deleteConversation(id: ConversationId): Promise<void>;
  undoDelete(id: ConversationId): Promise<void>;
  /** The undo window passed or the user closed the notice. */
  forgetDelete(id: ConversationId): void;
  setConversationsError(error: ConversationsFailure | null): void;
}

/** Main's listing order: negative when `a` comes first. */
export function compareListed(
  a: Pick<ConversationListItem, 'pinned' | 'updatedAt' | 'id'>,
  b: Pick<ConversationListItem, 'pinned' | 'updatedAt' | 'id'>,
): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  if (a.updatedAt !== b.updatedAt) return b.updatedAt - a.updatedAt;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

/**
 * The loaded rows after one conversation changed: it leaves its old place, and comes back at its
 * new one when that lies within what is loaded (up to `next`, or anywhere once all is loaded).
 * Beyond `next` it is left for the page that covers it, so nothing is shown twice or out of order.
 */
export function placeListed(
  list: readonly ConversationListItem[],
  next: ConversationCursor | null,
  id: ConversationId,
  item: ConversationListItem | null,
): ConversationListItem[] {
  const rest = list.filter((c) => c.id !== id);
  if (!item || (next !== null && compareListed(item, next) > 0)) return rest;
  let at = rest.findIndex((c) => compareListed(item, c) < 0);
  if (at < 0) at = rest.length;
  return [...rest.slice(0, at), item, ...rest.slice(at)];
}

/** Adds a page after the loaded rows; rows already there give way to the fresher page. */
export function appendPage(
  list: readonly ConversationListItem[],
  page: readonly ConversationListItem[],
): ConversationListItem[] {
  const incoming = new Set(page.map((c) => c.id));
  return [...list.filter((c) => !incoming.has(c.id)), ...page];
}

export const createConversationsSlice: SliceCreator<ConversationsSlice> = (set, get) => {
  // A reload replaces the list: a page or reload answered after it must not land.
  let listSeq = 0;

  const fail = (action: ConversationsFailure['action'], err: unknown): void =>
    set({ conversationsError: { action, reason: errorText(err) } });

  const place = (id: ConversationId, item: ConversationListItem | null): void => {
    set((s) => ({ conversations: placeListed(s.conversations, s.conversationsNext, id, item) }));
  };

  return {
    conversations: [],
    conversationsNext: null,
    conversationsLoaded: false,
    conversationsLoading: false,
    conversationsError: null,
    pendingDeletes: [],

    async loadConversations() {
      const mine = ++listSeq;
      const limit = Math.min(1000, Math.max(conversationPageSize, get().conversations.length));
      set({ conversationsLoading: true });
      try {
        const page = await request('conversations:list', { limit });
        if (mine !== listSeq) return;
        set({
          conversations: page.items,
          conversationsNext: page.next,
          conversationsLoaded: true,
          conversationsLoading: false,
          conversationsError: null,
        });
      } catch (err) {
        if (mine !== listSeq) return;
        set({ conversationsLoading: false, conversationsLoaded: true });
        fail('load', err);
      }
    },

    async loadMoreConversations() {
      const { conversationsNext: after, conversationsLoading } = get();
      if (!after || conversationsLoading) return;
      const mine = listSeq;
      set({ conversationsLoading: true });
      try {
        const page = await request('conversations:list', { after, limit: conversationPageSize });
        if (mine !== listSeq) return;
        set((s) => ({
          conversations: appendPage(s.conversations, page.items),
          conversationsNext: page.next,
          conversationsLoading: false,
        }));
      } catch (err) {
        if (mine !== listSeq) return;
        set({ conversationsLoading: false });
        fail('load-more', err);
      }
    },

    async conversationChanged(id) {
      if (id === null) return get().loadConversations();
      let item: ConversationListItem | null;
      try {
        item = await request('conversations:summary', { id });
      } catch {
        // The next change or reconnect brings the list up to date.
        return;
      }
      place(id, item);
      get().searchConversationChanged(id, item);
    },

    async renameConversation(id, title) {
      const before = get().conversations.find((c) => c.id === id);
      const clean = title.replace(/\s+/g, ' ').trim();
      if (!before || !clean || clean === before.title) return;
      place(id, { ...before, title: clean });
      try {
        place(id, await request('conversations:rename', { id, title: clean }));
      } catch (err) {
        place(id, before);
        fail('rename', err);
      }
    },

    async pinConversation(id, pinned) {
      const before = get().conversations.find((c) => c.id === id);
      if (!before || before.pinned === pinned) return;
      place(id, { ...before, pinned });
      try {
        place(id, await request('conversations:pin', { id, pinned }));
      } catch (err) {
        place(id, before);
        fail(pinned ? 'pin' : 'unpin', err);
      }
    },

    async deleteConversation(id) {
      const conversation = get().conversations.find((c) => c.id === id);
      if (!conversation) return;
      const wasOpen = get().openId === id;
      place(id, null);
      if (wasOpen) get().newChat();
      try {
        const { undoMs } = await request('conversations:delete', { id });
        const until = Date.now() + Math.max(0, undoMs - undoMarginMs);
        set((s) => ({
          pendingDeletes: [
            ...s.pendingDeletes.filter((p) => p.conversation.id !== id),
            { conversation, until, wasOpen },
          ],
        }));
      } catch (err) {
        place(id, conversation);
        fail('delete', err);
      }
    },

    async undoDelete(id) {
      const pending = get().pendingDeletes.find((p) => p.conversation.id === id);
      get().forgetDelete(id);
      try {
        const restored = await request('conversations:restore', { id });
        place(id, restored);
        // Back where the user was, unless they have moved on to another conversation since.
        if (pending?.wasOpen && get().openId === null) await get().openConversation(id);
      } catch (err) {
        fail('restore', err);
      }
    },

    forgetDelete(id) {
      set((s) => ({ pendingDeletes: s.pendingDeletes.filter((p) => p.conversation.id !== id) }));
    },

    setConversationsError(conversationsError) {
      set({ conversationsError });
    },
  };
};
