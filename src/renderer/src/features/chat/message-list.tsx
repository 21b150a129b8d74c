// The open conversation's messages in a scrolling column that follows a streaming answer.
import { useEffect } from 'react';
import type { Message } from '../../../../shared/domain';
import type { ConversationId } from '../../../../shared/ids';
import { MessageView } from './message-view';
import { useStickToBottom } from './use-stick-to-bottom';

interface Props {
  conversationId: ConversationId | null;
  messages: readonly Message[];
  loading: boolean;
}

export function MessageList({ conversationId, messages, loading }: Props) {
  const { scrollerRef, contentRef, stick } = useStickToBottom();
  const count = messages.length;

  // Opening a conversation shows its end; so does a new message (the user sent one).
  useEffect(() => {
    stick();
  }, [conversationId, count, stick]);

  return (
    <div className="message-scroller" ref={scrollerRef}>
      <div className="message-column" ref={contentRef}>
        {messages.length === 0 && !loading && (
          <div className="chat-empty">
            <h1>What shall we ask?</h1>
            <p>Messages go to the model picked above. Enter sends, Shift+Enter starts a new line.</p>
          </div>
        )}
        {messages.map((message) => (
          <MessageView key={message.id} message={message} />
        ))}
      </div>
    </div>
  );
}
