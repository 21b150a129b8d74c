// A stored attachment's bytes for a component: null while they load, `failed` when main could not
// give them (the file is gone, or the connection dropped).
import { useEffect, useState } from 'react';
import { attachmentBlob } from '../../api/attachment-blobs';

interface Loaded {
  id: string;
  blob: Blob | null;
  failed: boolean;
}

export function useAttachmentBlob(id: string): { blob: Blob | null; failed: boolean } {
  const [loaded, setLoaded] = useState<Loaded>({ id, blob: null, failed: false });
  useEffect(() => {
    let current = true;
    attachmentBlob(id).then(
      (blob) => current && setLoaded({ id, blob, failed: false }),
      () => current && setLoaded({ id, blob: null, failed: true }),
    );
    return () => {
      current = false;
    };
  }, [id]);
  return loaded.id === id ? loaded : { blob: null, failed: false };
}
