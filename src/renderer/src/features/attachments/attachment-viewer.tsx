// A larger view of one attachment inside the app: a modal dialog with the image at full size (or
// the text file's text), closed by its button, Esc, or a click on the backdrop.
import { useEffect, useRef, type MouseEvent } from 'react';
import type { AttachmentMeta } from '../../../../shared/domain';
import { useMessages } from '../../i18n/use-messages';
import { attachmentMessages } from './attachment-messages';
import { StoredImage, StoredText } from './stored-attachment';

export function AttachmentViewer({ attachment, onClose }: { attachment: AttachmentMeta; onClose: () => void }) {
  const m = useMessages(attachmentMessages);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  // A click that lands on the dialog element itself is on the backdrop around the content.
  const onClick = (event: MouseEvent<HTMLDialogElement>): void => {
    if (event.target === ref.current) ref.current?.close();
  };
  return (
    <dialog ref={ref} className="attachment-viewer" aria-label={attachment.name} onClose={onClose} onClick={onClick}>
      <div className="attachment-viewer-body">
        <header className="attachment-viewer-head">
          <span className="attachment-viewer-name">{attachment.name}</span>
          <span className="attachment-viewer-size">{m.size(attachment.size)}</span>
          <button type="button" onClick={() => ref.current?.close()}>
            {m.close}
          </button>
        </header>
        {attachment.kind === 'image' ? (
          <StoredImage attachment={attachment} className="attachment-viewer-image" />
        ) : (
          <StoredText attachment={attachment} />
        )}
      </div>
    </dialog>
  );
}
