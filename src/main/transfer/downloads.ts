// Files main has prepared for the user to save (exports, backups): each gets a ticket, and the
// renderer reads it in chunks and assembles a download, so no single message carries the whole
// file. A ticket is removed when the renderer is done with it, or after a while unread.
import { randomUUID } from 'node:crypto';
import { open, rm, stat } from 'node:fs/promises';
import { chatError, ChatFailure } from '../../shared/chat-error';
import type { DownloadTicket } from '../../shared/domain';
import { transferWords } from '../../shared/words/transfer-words';

interface Prepared {
  ticket: DownloadTicket;
  path: string;
  touched: number;
}

export class Downloads {
  private readonly files = new Map<string, Prepared>();

  constructor(
    private readonly chunkBytes = 1024 * 1024,
    private readonly idleMs = 30 * 60 * 1000,
  ) {}

  async add(path: string, fileName: string, mimeType: string): Promise<DownloadTicket> {
    this.expire();
    const { size } = await stat(path);
    const ticket: DownloadTicket = { id: randomUUID(), fileName, mimeType, size };
    this.files.set(ticket.id, { ticket, path, touched: Date.now() });
    return ticket;
  }

  async read(id: string, offset: number): Promise<{ data: string; next: number; done: boolean }> {
    this.expire();
    const file = this.files.get(id);
    if (!file) throw new ChatFailure(chatError('not_found', transferWords.say('downloadExpired')));
    file.touched = Date.now();
    const size = file.ticket.size;
    if (offset > size) throw new ChatFailure(chatError('invalid_input', transferWords.say('offsetPastEnd')));
    const length = Math.min(this.chunkBytes, size - offset);
    const buffer = Buffer.alloc(length);
    const handle = await open(file.path, 'r');
    try {
      let read = 0;
      while (read < length) {
        const { bytesRead } = await handle.read(buffer, read, length - read, offset + read);
        if (bytesRead === 0) break;
        read += bytesRead;
      }
      const next = offset + read;
      return { data: buffer.subarray(0, read).toString('base64'), next, done: next >= size };
    } finally {
      await handle.close();
    }
  }

  async release(id: string): Promise<void> {
    const file = this.files.get(id);
    if (!file) return;
    this.files.delete(id);
    await rm(file.path, { force: true });
  }

  async close(): Promise<void> {
    await Promise.all([...this.files.keys()].map((id) => this.release(id)));
  }

  private expire(): void {
    const now = Date.now();
    for (const [id, file] of this.files) if (now - file.touched > this.idleMs) void this.release(id);
  }
}
