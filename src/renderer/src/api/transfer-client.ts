// Moves import, restore and download files between the user and main in base64 chunks, the same way in
// both hosts: no single message carries a whole file, and a prepared file comes back as a saved Blob.
import type { DownloadTicket } from '../../../shared/domain';
import { request } from './api';
import { base64ToBytes } from './base64';

/** The file's bytes in [start, end) as base64, read by the browser without a copy in JS strings per byte. */
function readBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(blob);
  });
}

export class UploadCancelled extends Error {
  constructor() {
    super('Upload cancelled');
    this.name = 'UploadCancelled';
  }
}

/**
 * Sends the files for an import or a restore; returns the upload id main knows them by.
 * `onSent` gets the bytes sent so far; `cancelled` is asked before each chunk.
 */
export async function uploadFiles(
  purpose: 'import' | 'restore',
  files: readonly File[],
  onSent: (bytes: number) => void,
  cancelled: () => boolean = () => false,
): Promise<string> {
  const { uploadId, chunkBytes } = await request('data:upload-begin', {
    purpose,
    files: files.map((f) => ({ name: f.webkitRelativePath || f.name, size: f.size })),
  });
  let sent = 0;
  try {
    for (const [index, file] of files.entries()) {
      for (let offset = 0; offset < file.size; offset += chunkBytes) {
        if (cancelled()) throw new UploadCancelled();
        const data = await readBase64(file.slice(offset, offset + chunkBytes));
        await request('data:upload-chunk', { uploadId, file: index, offset, data });
        sent += Math.min(chunkBytes, file.size - offset);
        onSent(sent);
      }
    }
  } catch (err) {
    void request('data:upload-cancel', { uploadId }).catch(() => {});
    throw err;
  }
  return uploadId;
}

/** Fetches a prepared file and hands it to the browser's download (a save dialog in the desktop app). */
export async function saveDownload(ticket: DownloadTicket): Promise<void> {
  // One Blob per chunk lets the browser move each into its blob store instead of holding one big array.
  const parts: Blob[] = [];
  try {
    let offset = 0;
    for (;;) {
      const chunk = await request('data:download-chunk', { id: ticket.id, offset });
      parts.push(new Blob([base64ToBytes(chunk.data)]));
      offset = chunk.next;
      if (chunk.done) break;
    }
  } finally {
    void request('data:download-release', { id: ticket.id }).catch(() => {});
  }
  const url = URL.createObjectURL(new Blob(parts, { type: ticket.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = ticket.fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel a download that has not started reading yet.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
