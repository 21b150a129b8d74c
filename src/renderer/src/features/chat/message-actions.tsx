// What can be done to a message from its footer: edit (a user message), regenerate and continue
// (an answer), provided by the chat container through context so the list in between only passes
// messages. Nothing is offered while an answer in the shown branch is still streaming.
import { createContext, useContext } from 'react';
import { canContinue, type Message } from '../../../../shared/domain';
import type { MessageId } from '../../../../shared/ids';
import { useMessages } from '../../i18n/use-messages';
import './message-actions.css';
import { messageViewMessages } from './message-view-messages';

export interface MessageActions {
  /** An answer in the shown branch is streaming. */
  busy: boolean;
  /** The last message of the shown branch: only it can be continued. */
  leafId: MessageId | null;
  /** Whether the backend that wrote an answer can resume it (it still exists, and its kind can). */
  canResume(message: Message): boolean;
  regenerate(id: MessageId): void;
  edit(id: MessageId, content: string): Promise<boolean>;
  continueAnswer(id: MessageId): void;
  selectVersion(id: MessageId, direction: 'previous' | 'next'): void;
}

export const MessageActionsContext = createContext<MessageActions | null>(null);

export const useMessageActions = (): MessageActions | null => useContext(MessageActionsContext);

interface Props {
  message: Message;
  onEdit: () => void;
}

export function MessageActionButtons({ message, onEdit }: Props) {
  const m = useMessages(messageViewMessages);
  const actions = useMessageActions();
  if (!actions || message.status === 'streaming') return null;
  const { busy } = actions;
  const continuable = message.id === actions.leafId && canContinue(message) && actions.canResume(message);
  return (
    <>
      {message.role === 'user' && (
        <button type="button" className="message-action" disabled={busy} onClick={onEdit}>
          {m.edit}
        </button>
      )}
      {message.role === 'assistant' && (
        <button
          type="button"
          className="message-action"
          title={m.regenerateHint}
          disabled={busy}
          onClick={() => actions.regenerate(message.id)}
        >
          {m.regenerate}
        </button>
      )}
      {continuable && (
        <button
          type="button"
          className="message-action message-action-primary"
          title={m.continueHint}
          disabled={busy}
          onClick={() => actions.continueAnswer(message.id)}
        >
          {m.continue}
        </button>
      )}
    </>
  );
}
