// One conversation in the sidebar: a button named by its title that opens it, and its actions
// (Rename, Pin/Unpin, Delete) as buttons reachable by Tab. Renaming happens in place: Enter or
// leaving the field saves, Esc cancels. F2 renames and Delete deletes from the focused title.
import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ConversationListItem } from '../../../../shared/domain';
import type { ConversationId } from '../../../../shared/ids';
import { useMessages } from '../../i18n/use-messages';
import { PencilIcon, PinIcon, TrashIcon } from './conversation-icons';
import { conversationsMessages } from './conversations-messages';

export interface RowActions {
  onOpen(id: ConversationId): void;
  onStartRename(id: ConversationId): void;
  onRename(id: ConversationId, title: string): void;
  onCancelRename(id: ConversationId): void;
  onPin(id: ConversationId, pinned: boolean): void;
  onDelete(id: ConversationId): void;
}

interface Props extends RowActions {
  conversation: ConversationListItem;
  current: boolean;
  editing: boolean;
}

export const ConversationRow = memo(function ConversationRow({ conversation, current, editing, ...actions }: Props) {
  const m = useMessages(conversationsMessages);
  const { id, title, pinned } = conversation;
  const shown = title || m.untitled;

  const onTitleKey = (event: KeyboardEvent<HTMLButtonElement>): void => {
    if (event.key === 'F2') {
      event.preventDefault();
      actions.onStartRename(id);
    } else if (event.key === 'Delete') {
      event.preventDefault();
      actions.onDelete(id);
    }
  };

  return (
    <div className="conversation-row" data-pinned={pinned || undefined} data-current={current || undefined}>
      {editing ? (
        <TitleEditor
          title={title}
          label={m.titleField}
          onSave={(next) => actions.onRename(id, next)}
          onCancel={() => actions.onCancelRename(id)}
        />
      ) : (
        <button
          type="button"
          className="conversation-item"
          data-conversation-id={id}
          aria-current={current ? 'page' : undefined}
          title={shown}
          onClick={() => actions.onOpen(id)}
          onKeyDown={onTitleKey}
        >
          {shown}
        </button>
      )}
      {!editing && (
        <div className="conversation-actions" role="group" aria-label={m.actions}>
          <button
            type="button"
            className="icon-button"
            aria-label={m.rename}
            title={m.rename}
            onClick={() => actions.onStartRename(id)}
          >
            <PencilIcon />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={pinned ? m.unpin : m.pin}
            title={pinned ? m.unpin : m.pin}
            aria-pressed={pinned}
            onClick={() => actions.onPin(id, !pinned)}
          >
            <PinIcon filled={pinned} />
          </button>
          <button
            type="button"
            className="icon-button danger"
            aria-label={m.delete}
            title={m.delete}
            onClick={() => actions.onDelete(id)}
          >
            <TrashIcon />
          </button>
        </div>
      )}
    </div>
  );
});

interface EditorProps {
  title: string;
  label: string;
  onSave(title: string): void;
  onCancel(): void;
}

function TitleEditor({ title, label, onSave, onCancel }: EditorProps) {
  const [value, setValue] = useState(title);
  const input = useRef<HTMLInputElement>(null);
  // Enter and Esc end the edit before the field loses focus; its blur must not save a second time.
  const done = useRef(false);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const finish = (save: boolean): void => {
    if (done.current) return;
    done.current = true;
    if (save && value.trim() !== '' && value !== title) onSave(value);
    else onCancel();
  };

  return (
    <input
      ref={input}
      className="conversation-title-input"
      aria-label={label}
      value={value}
      maxLength={500}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => finish(true)}
      onKeyDown={(e) => {
        // An input method turns Enter into a confirmation of what it composed.
        if (e.nativeEvent.isComposing) return;
        if (e.key === 'Enter') {
          e.preventDefault();
          finish(true);
        } else if (e.key === 'Escape') {
          // Handled here: Esc must not also stop a streaming answer.
          e.preventDefault();
          e.stopPropagation();
          finish(false);
        }
      }}
    />
  );
}
