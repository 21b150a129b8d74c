// A stored file's content: an image, or a text file's text, fetched by id.
import { useEffect, useState } from 'react';
import type { AttachmentMeta } from '../../../../shared/domain';
import { useMessages } from '../../i18n/use-messages';
import { attachmentMessages } from './attachment-messages';
import { BlobImage } from './blob-image';
import { useAttachmentBlob } from './use-attachment-blob';

export function StoredImage({ attachment, className }: { attachment: AttachmentMeta; className?: string }) {
  const m = useMessages(attachmentMessages);
  const { blob, failed } = useAttachmentBlob(attachment.id);
  if (failed) return <span className={`${className ?? ''} attachment-missing`}>{m.unavailable(attachment.name)}</span>;
  if (!blob) return <span className={`${className ?? ''} attachment-loading`} aria-label={m.loading} />;
  return <BlobImage blob={blob} alt={attachment.name} className={className} />;
}

export function StoredText({ attachment }: { attachment: AttachmentMeta }) {
  const m = useMessages(attachmentMessages);
  const { blob, failed } = useAttachmentBlob(attachment.id);
  const [text, setText] = useState<{ blob: Blob; text: string } | null>(null);
  useEffect(() => {
    if (!blob) return;
    let current = true;
    void blob.text().then((t) => current && setText({ blob, text: t }));
    return () => {
      current = false;
    };
  }, [blob]);
  if (failed) return <p className="attachment-missing">{m.unavailable(attachment.name)}</p>;
  if (!blob || text?.blob !== blob) return <p className="attachment-loading-text">{m.loading}</p>;
  return <pre className="attachment-text">{text.text}</pre>;
}
