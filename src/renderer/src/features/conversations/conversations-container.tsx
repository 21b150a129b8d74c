// Wires the conversation list and the "New chat" button to the store.
import { useAppStore } from '../../state/store';
import { ConversationList } from './conversation-list';

export function ConversationsContainer() {
  const conversations = useAppStore((s) => s.conversations);
  const openId = useAppStore((s) => s.openId);
  const error = useAppStore((s) => s.conversationsError);
  const openConversation = useAppStore((s) => s.openConversation);
  return (
    <ConversationList
      conversations={conversations}
      openId={openId}
      error={error}
      onOpen={(id) => void openConversation(id)}
    />
  );
}

export function NewChatButton() {
  const newChat = useAppStore((s) => s.newChat);
  return (
    <button type="button" className="new-chat" onClick={newChat}>
      New chat
    </button>
  );
}
