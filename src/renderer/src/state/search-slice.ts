// Searching every message of every conversation: the query as typed, the hits for it a page at a
// time (newest first, as main returns them), and hits kept in step with renamed or deleted
// conversations. Only the answer to the newest query lands.
import { toChatError } from '../../../shared/chat-error';
import type { ConversationListItem, SearchHit } from '../../../shared/domain';
import type { ConversationId } from '../../../shared/ids';
import { request } from '../api/api';
import type { SliceCreator } from './app-state';

export const searchPageSize = 30;

export interface SearchSlice {
  searchQuery: string;
  /** The query the hits answer (the box may be ahead of it while a search runs). */
  searchedQuery: string;
  searchHits: SearchHit[];
  searchNext: number | null;
  searchLoading: boolean;
  searchError: string | null;
  setSearchQuery(query: string): void;
  /** Searches for the current query (the search box calls it once typing pauses). */
  runSearch(): Promise<void>;
  loadMoreHits(): Promise<void>;
  clearSearch(): void;
  /** Keeps hits right when a conversation is renamed, or gone (null). */
  searchConversationChanged(id: ConversationId, conversation: ConversationListItem | null): void;
}

export const createSearchSlice: SliceCreator<SearchSlice> = (set, get) => {
  let seq = 0;

  return {
    searchQuery: '',
    searchedQuery: '',
    searchHits: [],
    searchNext: null,
    searchLoading: false,
    searchError: null,

    setSearchQuery(searchQuery) {
      set({ searchQuery });
      if (searchQuery.trim() === '') get().clearSearch();
    },

    async runSearch() {
      const query = get().searchQuery;
      const mine = ++seq;
      if (query.trim() === '') {
        set({ searchedQuery: '', searchHits: [], searchNext: null, searchLoading: false, searchError: null });
        return;
      }
      set({ searchLoading: true });
      try {
        const page = await request('search:messages', { query, limit: searchPageSize });
        if (mine !== seq) return;
        set({
          searchedQuery: query,
          searchHits: page.hits,
          searchNext: page.next,
          searchLoading: false,
          searchError: null,
        });
      } catch (err) {
        if (mine !== seq) return;
        set({
          searchedQuery: query,
          searchHits: [],
          searchNext: null,
          searchLoading: false,
          searchError: toChatError(err).message,
        });
      }
    },

    async loadMoreHits() {
      const { searchedQuery, searchNext, searchLoading } = get();
      if (searchNext === null || searchLoading || !searchedQuery) return;
      const mine = seq;
      set({ searchLoading: true });
      try {
        const page = await request('search:messages', {
          query: searchedQuery,
          before: searchNext,
          limit: searchPageSize,
        });
        if (mine !== seq) return;
        set((s) => {
          const known = new Set(s.searchHits.map((h) => h.messageId));
          return {
            searchHits: [...s.searchHits, ...page.hits.filter((h) => !known.has(h.messageId))],
            searchNext: page.next,
            searchLoading: false,
          };
        });
      } catch (err) {
        if (mine === seq) set({ searchLoading: false, searchError: toChatError(err).message });
      }
    },

    clearSearch() {
      ++seq;
      set({
        searchQuery: '',
        searchedQuery: '',
        searchHits: [],
        searchNext: null,
        searchLoading: false,
        searchError: null,
      });
    },

    searchConversationChanged(id, conversation) {
      const { searchHits } = get();
      if (!searchHits.some((h) => h.conversationId === id)) return;
      set({
        searchHits: conversation
          ? searchHits.map((h) => (h.conversationId === id ? { ...h, conversationTitle: conversation.title } : h))
          : searchHits.filter((h) => h.conversationId !== id),
      });
    },
  };
};
