// The files a message was sent with, shown in history (offline too: the bytes are in the local
// database): images as thumbnails, text files as chips; either opens a larger view in the app.
import { useState } from 'react';
import type { AttachmentMeta } from '../../../../shared/domain';
import { useMessages } from '../../i18n/use-messages';
import { attachmentMessages } from './attachment-messages';
import { AttachmentViewer } from './attachment-viewer';
import { StoredImage } from './stored-attachment';
import './attachments.css';

export function MessageAttachments({ attachments }: { attachments: readonly AttachmentMeta[] }) {
  const m = useMessages(attachmentMessages);
  const [open, setOpen] = useState<AttachmentMeta | null>(null);
  return (
    <div className="message-attachments" data-part="attachments">
      {attachments.map((file) =>
        file.kind === 'image' ? (
          <button
            key={file.id}
            type="button"
            className="attachment-thumb-button"
            aria-label={m.open(file.name)}
            title={file.name}
            onClick={() => setOpen(file)}
          >
            <StoredImage attachment={file} className="attachment-thumb" />
          </button>
        ) : (
          <button
            key={file.id}
            type="button"
            className="attachment-chip"
            aria-label={m.open(file.name)}
            title={m.textFile}
            onClick={() => setOpen(file)}
          >
            <span className="attachment-chip-icon" aria-hidden="true">
              ¶
            </span>
            <span className="attachment-chip-name">{file.name}</span>
            <span className="attachment-chip-size">{m.size(file.size)}</span>
          </button>
        ),
      )}
      {open && <AttachmentViewer attachment={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
