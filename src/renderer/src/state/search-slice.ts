// Searching every message of every conversation: the query as typed, the hits for it a page at a
// time (newest first, as main returns them), and hits kept in step with renamed or deleted
// conversations. Only the answer to the newest query lands.
import type { ConversationListItem, SearchHit } from '../../../shared/domain';
import type { ConversationId } from '../../../shared/ids';
import { request } from '../api/api';
import type { SliceCreator } from './app-state';
import { errorText } from '../i18n/error-text';

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

  /**
   * Asks main for hits until a page's worth has come or there are no more. A query of short terms
   * is read a window of messages at a time, so a page can come in several answers: each shows as
   * it arrives. A newer search (seq) stops it.
   */
  const collect = async (mine: number, query: string, from: number | null, fresh: boolean): Promise<void> => {
    let before = from;
    let found = 0;
    let first = fresh;
    try {
      do {
        const page = await request('search:messages', {
          query,
          limit: searchPageSize,
          ...(before !== null ? { before } : {}),
        });
        if (mine !== seq) return;
        found += page.hits.length;
        before = page.next;
        const more = before !== null && found < searchPageSize;
        set((s) => {
          const known = first ? new Set<string>() : new Set<string>(s.searchHits.map((h) => h.messageId));
          const kept = first ? [] : s.searchHits;
          return {
            searchedQuery: query,
            searchHits: [...kept, ...page.hits.filter((h) => !known.has(h.messageId))],
            searchNext: before,
            searchLoading: more,
            searchError: null,
          };
        });
        first = false;
      } while (before !== null && found < searchPageSize);
    } catch (err) {
      if (mine !== seq) return;
      set((s) => ({
        searchedQuery: query,
        searchHits: first ? [] : s.searchHits,
        searchNext: first ? null : s.searchNext,
        searchLoading: false,
        searchError: errorText(err),
      }));
    }
  };

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
      await collect(mine, query, null, true);
    },

    async loadMoreHits() {
      const { searchedQuery, searchNext, searchLoading } = get();
      if (searchNext === null || searchLoading || !searchedQuery) return;
      set({ searchLoading: true });
      await collect(seq, searchedQuery, searchNext, false);
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
