// Wires the sidebar to the store: the "New chat" button, the search box, and below it either the
// grouped conversation list or, while a search is typed, its results; and, outside the sidebar (so
// they stay when it hides), the undo notices for deletes.
import { SquarePen } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { SearchHit } from '../../../../shared/domain';
import { useMessages } from '../../i18n/use-messages';
import { useAppStore } from '../../state/store';
import { ConversationList } from './conversation-list';
import { conversationsMessages } from './conversations-messages';
import { SearchBox } from './search-box';
import { SearchResults } from './search-results';
import { UndoToasts } from './undo-toasts';

/** Typing pauses this long before a search runs. */
const searchDelayMs = 150;

/** The current time, re-read every minute, so "Today" moves on at midnight. */
function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

interface Props {
  /** A conversation was opened from the list or the search results (the drawer closes then). */
  onPicked?: () => void;
}

export function ConversationsContainer({ onPicked }: Props) {
  const m = useMessages(conversationsMessages);
  const now = useNow();
  const language = useAppStore((s) => s.language);
  const conversations = useAppStore((s) => s.conversations);
  const next = useAppStore((s) => s.conversationsNext);
  const loaded = useAppStore((s) => s.conversationsLoaded);
  const loading = useAppStore((s) => s.conversationsLoading);
  const error = useAppStore((s) => s.conversationsError);
  const openId = useAppStore((s) => s.openId);
  const openConversation = useAppStore((s) => s.openConversation);
  const loadMore = useAppStore((s) => s.loadMoreConversations);
  const rename = useAppStore((s) => s.renameConversation);
  const pin = useAppStore((s) => s.pinConversation);
  const remove = useAppStore((s) => s.deleteConversation);
  const setError = useAppStore((s) => s.setConversationsError);

  const query = useAppStore((s) => s.searchQuery);
  const searched = useAppStore((s) => s.searchedQuery);
  const hits = useAppStore((s) => s.searchHits);
  const hitsNext = useAppStore((s) => s.searchNext);
  const searching = useAppStore((s) => s.searchLoading);
  const searchError = useAppStore((s) => s.searchError);
  const setQuery = useAppStore((s) => s.setSearchQuery);
  const runSearch = useAppStore((s) => s.runSearch);
  const moreHits = useAppStore((s) => s.loadMoreHits);
  const clearSearch = useAppStore((s) => s.clearSearch);

  useEffect(() => {
    if (query.trim() === '') return;
    const timer = setTimeout(() => void runSearch(), searchDelayMs);
    return () => clearTimeout(timer);
  }, [query, runSearch]);

  const choose = useCallback(
    (hit: SearchHit) => {
      void openConversation(hit.conversationId, hit.messageId);
      onPicked?.();
    },
    [openConversation, onPicked],
  );

  const submit = async (): Promise<void> => {
    if (query.trim() === '') return;
    if (useAppStore.getState().searchedQuery !== query) await runSearch();
    const first = useAppStore.getState().searchHits[0];
    if (first) choose(first);
  };

  const onOpen = useCallback(
    (id: Parameters<typeof openConversation>[0]) => {
      void openConversation(id);
      onPicked?.();
    },
    [openConversation, onPicked],
  );
  const onLoadMore = useCallback(() => void loadMore(), [loadMore]);

  return (
    <>
      <SearchBox
        query={query}
        onQuery={setQuery}
        onClear={clearSearch}
        onSubmit={() => void submit()}
        onFocusResults={() => document.querySelector<HTMLButtonElement>('.search-hit')?.focus()}
      />
      {error && (
        <div className="sidebar-error" role="alert">
          <span>{m.failed(error.action, error.reason)}</span>
          {error.action === 'load' ? (
            <button
              type="button"
              className="link-button"
              onClick={() => void useAppStore.getState().loadConversations()}
            >
              {m.retry}
            </button>
          ) : (
            <button type="button" className="link-button" aria-label={m.dismiss} onClick={() => setError(null)}>
              ×
            </button>
          )}
        </div>
      )}
      {query.trim() !== '' ? (
        <SearchResults
          hits={hits}
          query={searched}
          loading={searching}
          error={searchError}
          hasMore={hitsNext !== null}
          language={language}
          onChoose={choose}
          onMore={() => void moreHits()}
        />
      ) : (
        <ConversationList
          conversations={conversations}
          openId={openId}
          language={language}
          loaded={loaded}
          hasMore={next !== null}
          loadingMore={loading}
          now={now}
          onOpen={onOpen}
          onRename={(id, title) => void rename(id, title)}
          onPin={(id, pinned) => void pin(id, pinned)}
          onDelete={(id) => void remove(id)}
          onLoadMore={onLoadMore}
        />
      )}
    </>
  );
}

/** The deletes that can still be undone, over the window's corner whether the sidebar shows or not. */
export function UndoDeletesContainer() {
  const pendingDeletes = useAppStore((s) => s.pendingDeletes);
  const undo = useAppStore((s) => s.undoDelete);
  const forget = useAppStore((s) => s.forgetDelete);
  return <UndoToasts pending={pendingDeletes} onUndo={(id) => void undo(id)} onExpire={forget} />;
}

export function NewChatButton({ onNewChat }: { onNewChat?: () => void }) {
  const m = useMessages(conversationsMessages);
  const newChat = useAppStore((s) => s.newChat);
  return (
    <button
      type="button"
      className="new-chat"
      onClick={() => {
        newChat();
        onNewChat?.();
      }}
    >
      <SquarePen size={16} strokeWidth={1.9} aria-hidden focusable={false} />
      {m.newChat}
    </button>
  );
}
