// "Deleted …" notices with an Undo button, each shown until its undo window closes. A polite live
// region, so a screen reader hears that the delete happened and that it can be undone.
import { X } from 'lucide-react';
import { useEffect } from 'react';
import type { ConversationId } from '../../../../shared/ids';
import type { PendingDelete } from '../../state/conversations-slice';
import { useMessages } from '../../i18n/use-messages';
import { conversationsMessages } from './conversations-messages';

interface Props {
  pending: readonly PendingDelete[];
  onUndo(id: ConversationId): void;
  onExpire(id: ConversationId): void;
}

export function UndoToasts({ pending, onUndo, onExpire }: Props) {
  const m = useMessages(conversationsMessages);

  useEffect(() => {
    const timers = pending.map((p) => setTimeout(() => onExpire(p.conversation.id), Math.max(0, p.until - Date.now())));
    return () => timers.forEach(clearTimeout);
  }, [pending, onExpire]);

  return (
    <div className="undo-toasts" role="status" aria-live="polite">
      {pending.map(({ conversation }) => (
        <div key={conversation.id} className="undo-toast">
          <span className="undo-toast-text">{m.deleted(conversation.title || m.untitled)}</span>
          <button type="button" className="undo-toast-undo" onClick={() => onUndo(conversation.id)}>
            {m.undo}
          </button>
          <button
            type="button"
            className="undo-toast-dismiss"
            aria-label={m.dismiss}
            title={m.dismiss}
            onClick={() => onExpire(conversation.id)}
          >
            <X size={16} strokeWidth={2} aria-hidden focusable={false} />
          </button>
        </div>
      ))}
    </div>
  );
}
