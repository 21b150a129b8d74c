// Editing a message in place: its text in a textarea; Send sends it again as a new version (a new
// branch, the old one kept), Cancel or Esc leaves it as it was. Ctrl/Cmd+Enter sends.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useMessages } from '../../i18n/use-messages';
import { messageViewMessages } from './message-view-messages';

interface Props {
  initial: string;
  onSave: (content: string) => Promise<boolean>;
  onCancel: () => void;
}

export function MessageEditor({ initial, onSave, onCancel }: Props) {
  const m = useMessages(messageViewMessages);
  const [text, setText] = useState(initial);
  const [saving, setSaving] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const element = area.current;
    if (!element) return;
    element.focus();
    element.setSelectionRange(element.value.length, element.value.length);
  }, []);

  const save = async (): Promise<void> => {
    if (!text.trim() || saving) return;
    setSaving(true);
    // On success the branch changes and this editor goes away with the old version.
    if (!(await onSave(text))) setSaving(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Escape') {
      // Esc here leaves the editor; it must not also stop an answer.
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    }
  };

  return (
    <form
      className="message-editor"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <textarea
        ref={area}
        aria-label={m.editMessage}
        value={text}
        rows={Math.min(12, Math.max(3, text.split('\n').length))}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="message-editor-buttons">
        <button type="button" onClick={onCancel}>
          {m.cancel}
        </button>
        <button type="submit" className="primary" title={m.sendHint} disabled={!text.trim() || saving}>
          {m.send}
        </button>
      </div>
    </form>
  );
}
