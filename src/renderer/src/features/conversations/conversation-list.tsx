// The sidebar's list of conversations, newest first; the open one is marked as the current page.
import type { Conversation } from '../../../../shared/domain';
import type { ConversationId } from '../../../../shared/ids';

interface Props {
  conversations: readonly Conversation[];
  openId: ConversationId | null;
  error: string | null;
  onOpen: (id: ConversationId) => void;
}

export function ConversationList({ conversations, openId, error, onOpen }: Props) {
  return (
    <nav className="conversation-list" aria-label="Conversations">
      {error && <p className="sidebar-error">{error}</p>}
      {conversations.length === 0 && !error ? (
        <p className="sidebar-empty">No conversations yet.</p>
      ) : (
        <ul>
          {conversations.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="conversation-item"
                aria-current={c.id === openId ? 'page' : undefined}
                title={c.title}
                onClick={() => onOpen(c.id)}
              >
                {c.title || 'Untitled'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
