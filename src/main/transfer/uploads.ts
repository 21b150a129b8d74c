// Files coming from the renderer in chunks (an import or a backup to restore): announced first
// with their sizes, checked against limits, then written chunk by chunk, in order, to the scratch
// folder. No single IPC or WebSocket message carries more than one chunk, however large the file.
import { randomUUID } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { chatError, ChatFailure } from '../../shared/chat-error';

export type UploadPurpose = 'import' | 'restore';

export interface UploadLimits {
  chunkBytes: number;
  fileBytes: Record<UploadPurpose, number>;
  totalBytes: Record<UploadPurpose, number>;
  files: Record<UploadPurpose, number>;
  openUploads: number;
  idleMs: number;
}

export const defaultUploadLimits: UploadLimits = {
  chunkBytes: 1024 * 1024,
  fileBytes: { import: 2 * 1024 ** 3, restore: 16 * 1024 ** 3 },
  totalBytes: { import: 8 * 1024 ** 3, restore: 16 * 1024 ** 3 },
  files: { import: 2000, restore: 1 },
  openUploads: 8,
  idleMs: 30 * 60 * 1000,
};

export interface UploadedFile {
  name: string;
  size: number;
  path: string;
  received: number;
}

export interface Upload {
  id: string;
  purpose: UploadPurpose;
  files: UploadedFile[];
  touched: number;
  /** Taken by an import or a restore: no more chunks, not expired. */
  inUse: boolean;
}

const fail = (message: string): never => {
  throw new ChatFailure(chatError('invalid_input', message));
};

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

export class Uploads {
  private readonly uploads = new Map<string, Upload>();
  private readonly handles = new Map<string, FileHandle>();
  private readonly writing = new Set<string>();

  constructor(
    private readonly folder: string,
    private readonly limits: UploadLimits = defaultUploadLimits,
  ) {}

  begin(
    purpose: UploadPurpose,
    files: readonly { name: string; size: number }[],
  ): { uploadId: string; chunkBytes: number } {
    this.expire();
    if (this.uploads.size >= this.limits.openUploads) fail('Too many uploads at once; wait for one to finish.');
    if (files.length === 0) fail('No files were chosen.');
    if (files.length > this.limits.files[purpose]) {
      fail(
        purpose === 'restore' ? 'Restore takes one backup file.' : `At most ${this.limits.files.import} files at once.`,
      );
    }
    let total = 0;
    for (const f of files) {
      if (f.size > this.limits.fileBytes[purpose])
        fail(`${f.name} is larger than ${gib(this.limits.fileBytes[purpose])}.`);
      total += f.size;
    }
    if (total > this.limits.totalBytes[purpose])
      fail(`These files together are larger than ${gib(this.limits.totalBytes[purpose])}.`);
    const id = randomUUID();
    this.uploads.set(id, {
      id,
      purpose,
      files: files.map((f, i) => ({
        name: f.name,
        size: f.size,
        path: join(this.folder, `${id}-${i}.part`),
        received: 0,
      })),
      touched: Date.now(),
      inUse: false,
    });
    return { uploadId: id, chunkBytes: this.limits.chunkBytes };
  }

  async chunk(uploadId: string, fileIndex: number, offset: number, data: string): Promise<void> {
    const upload = this.live(uploadId);
    if (upload.inUse) fail('This upload is already being used.');
    const file = upload.files[fileIndex] ?? fail('No such file in this upload.');
    if (this.writing.has(uploadId)) fail('Send the chunks of an upload one at a time.');
    if (offset !== file.received) fail(`Expected the chunk at byte ${file.received}, not ${offset}.`);
    if (data.length % 4 !== 0 || !base64.test(data)) fail('A chunk must be base64 text.');
    const bytes = Buffer.from(data, 'base64');
    if (bytes.length > this.limits.chunkBytes) fail(`A chunk may hold at most ${this.limits.chunkBytes} bytes.`);
    if (file.received + bytes.length > file.size) fail(`${file.name} is larger than announced.`);
    this.writing.add(uploadId);
    try {
      const key = `${uploadId}:${fileIndex}`;
      let handle = this.handles.get(key);
      if (!handle) {
        handle = await open(file.path, file.received === 0 ? 'w' : 'r+');
        this.handles.set(key, handle);
      }
      await handle.write(bytes, 0, bytes.length, file.received);
      file.received += bytes.length;
      upload.touched = Date.now();
      if (file.received === file.size) {
        this.handles.delete(key);
        await handle.close();
      }
    } finally {
      this.writing.delete(uploadId);
    }
  }

  /** Hands a complete upload to its user (an import or a restore); it stays until `discard`. */
  async take(uploadId: string, purpose: UploadPurpose): Promise<Upload> {
    const upload = this.live(uploadId);
    if (upload.purpose !== purpose) fail('This upload was announced for something else.');
    if (upload.inUse) fail('This upload is already being used.');
    const missing = upload.files.find((f) => f.received !== f.size);
    if (missing) fail(`${missing.name} did not arrive completely (${missing.received} of ${missing.size} bytes).`);
    // Empty files never got a chunk, so they have no file yet.
    for (const f of upload.files) if (f.size === 0) await (await open(f.path, 'w')).close();
    upload.inUse = true;
    return upload;
  }

  async discard(uploadId: string): Promise<void> {
    const upload = this.uploads.get(uploadId);
    if (!upload) return;
    this.uploads.delete(uploadId);
    await Promise.all(
      upload.files.map(async (f, i) => {
        const key = `${uploadId}:${i}`;
        await this.handles.get(key)?.close();
        this.handles.delete(key);
        await rm(f.path, { force: true });
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.uploads.keys()].map((id) => this.discard(id)));
  }

  private live(uploadId: string): Upload {
    this.expire();
    return this.uploads.get(uploadId) ?? fail('This upload is unknown or expired; start again.');
  }

  /** Forgets uploads nobody has touched for a while (a closed window mid-upload). */
  private expire(): void {
    const now = Date.now();
    for (const upload of this.uploads.values()) {
      if (!upload.inUse && now - upload.touched > this.limits.idleMs) void this.discard(upload.id);
    }
  }
}

const gib = (bytes: number): string =>
  bytes >= 1024 ** 3 ? `${Math.round(bytes / 1024 ** 3)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
