// Stored attachments' bytes as Blobs from `attachments:get`, in a small cache (bounded by count and
// bytes) so scrolling back does not fetch an image again; files just sent go in directly, no round trip.
import { request } from './api';
import { base64ToBytes } from './base64';

const maxEntries = 48;
const maxBytes = 256 * 1024 * 1024;

interface Entry {
  blob: Promise<Blob>;
  size: number;
}

const cache = new Map<string, Entry>();

function remember(id: string, entry: Entry): void {
  cache.delete(id);
  cache.set(id, entry);
  let total = 0;
  for (const e of cache.values()) total += e.size;
  // Oldest first: a Map iterates in insertion order, and a hit re-inserts.
  for (const [key, e] of cache) {
    if (cache.size <= maxEntries && total <= maxBytes) break;
    if (key === id) continue;
    cache.delete(key);
    total -= e.size;
  }
}

/** The bytes the user already has for a file just sent under `id`. */
export function primeAttachment(id: string, blob: Blob): void {
  remember(id, { blob: Promise.resolve(blob), size: blob.size });
}

/** The file's bytes, from the cache or from main. */
export function attachmentBlob(id: string): Promise<Blob> {
  const hit = cache.get(id);
  if (hit) {
    remember(id, hit);
    return hit.blob;
  }
  const entry: Entry = {
    size: 0,
    blob: request('attachments:get', { id }).then((file) => {
      entry.size = file.size;
      return new Blob([base64ToBytes(file.data)], { type: file.mime });
    }),
  };
  // A failed fetch is not cached: the next view tries again.
  entry.blob.catch(() => {
    if (cache.get(id) === entry) cache.delete(id);
  });
  remember(id, entry);
  return entry.blob;
}
