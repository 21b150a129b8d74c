// The files waiting in the composer, each removable before sending: images as thumbnails made
// from the file itself, text files as chips with their size.
import { useMessages } from '../../i18n/use-messages';
import type { PendingAttachment } from './admit-files';
import { attachmentMessages } from './attachment-messages';
import { BlobImage } from './blob-image';
import './attachments.css';

interface Props {
  items: readonly PendingAttachment[];
  onRemove: (key: string) => void;
  disabled?: boolean;
}

export function AttachmentTray({ items, onRemove, disabled }: Props) {
  const m = useMessages(attachmentMessages);
  if (!items.length) return null;
  return (
    <ul className="attachment-tray" aria-label={m.tray}>
      {items.map((item) => (
        <li key={item.key} className={`attachment-pending attachment-pending-${item.kind}`} title={item.name}>
          {item.kind === 'image' ? (
            <BlobImage blob={item.blob} alt={item.name} className="attachment-thumb" />
          ) : (
            <span className="attachment-chip">
              <span className="attachment-chip-icon" aria-hidden="true">
                ¶
              </span>
              <span className="attachment-chip-name">{item.name}</span>
              <span className="attachment-chip-size">{m.size(item.size)}</span>
            </span>
          )}
          <button
            type="button"
            className="attachment-remove"
            aria-label={m.remove(item.name)}
            disabled={disabled}
            onClick={() => onRemove(item.key)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
