// The conversation list in the sidebar, newest first as main orders it.
import { toChatError } from '../../../shared/chat-error';
import type { Conversation } from '../../../shared/domain';
import { request } from '../api/api';
import type { SliceCreator } from './app-state';

export interface ConversationsSlice {
  conversations: Conversation[];
  conversationsError: string | null;
  loadConversations(): Promise<void>;
}

export const createConversationsSlice: SliceCreator<ConversationsSlice> = (set) => {
  // Changes arrive in bursts (start, title, end); only the newest answer counts.
  let seq = 0;
  return {
    conversations: [],
    conversationsError: null,
    async loadConversations() {
      const mine = ++seq;
      try {
        const { items: conversations } = await request('conversations:list', {});
        if (mine === seq) set({ conversations, conversationsError: null });
      } catch (err) {
        if (mine === seq) set({ conversationsError: toChatError(err).message });
      }
    },
  };
};
