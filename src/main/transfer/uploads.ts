// Files coming from the renderer in chunks (an import or a backup to restore): announced first
// with their sizes, checked against limits, then written chunk by chunk, in order, to the scratch
// folder. No single IPC or WebSocket message carries more than one chunk, however large the file.
import { randomUUID } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { chatError, ChatFailure } from '../../shared/chat-error';
import { transferWords } from '../../shared/words/transfer-words';
import type { Spoken } from '../../shared/words/define-words';

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

const fail = (words: Spoken): never => {
  throw new ChatFailure(chatError('invalid_input', words));
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
    if (this.uploads.size >= this.limits.openUploads) fail(transferWords.say('tooManyUploads'));
    if (files.length === 0) fail(transferWords.say('noFilesChosen'));
    if (files.length > this.limits.files[purpose]) {
      fail(
        purpose === 'restore'
          ? transferWords.say('oneBackup')
          : transferWords.say('atMostFiles', { max: this.limits.files.import }),
      );
    }
    let total = 0;
    for (const f of files) {
      if (f.size > this.limits.fileBytes[purpose])
        fail(transferWords.say('fileTooLarge', { name: f.name, size: gib(this.limits.fileBytes[purpose]) }));
      total += f.size;
    }
    if (total > this.limits.totalBytes[purpose])
      fail(transferWords.say('togetherTooLarge', { size: gib(this.limits.totalBytes[purpose]) }));
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
    if (upload.inUse) fail(transferWords.say('uploadInUse'));
    const file = upload.files[fileIndex] ?? fail(transferWords.say('noSuchFile'));
    if (this.writing.has(uploadId)) fail(transferWords.say('oneChunkAtATime'));
    if (offset !== file.received) fail(transferWords.say('chunkOutOfPlace', { expected: file.received, got: offset }));
    if (data.length % 4 !== 0 || !base64.test(data)) fail(transferWords.say('chunkNotBase64'));
    const bytes = Buffer.from(data, 'base64');
    if (bytes.length > this.limits.chunkBytes)
      fail(transferWords.say('chunkTooLarge', { max: this.limits.chunkBytes }));
    if (file.received + bytes.length > file.size) fail(transferWords.say('largerThanAnnounced', { name: file.name }));
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
    if (upload.purpose !== purpose) fail(transferWords.say('announcedElse'));
    if (upload.inUse) fail(transferWords.say('uploadInUse'));
    const missing = upload.files.find((f) => f.received !== f.size);
    if (missing)
      fail(transferWords.say('incomplete', { name: missing.name, received: missing.received, size: missing.size }));
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
    return this.uploads.get(uploadId) ?? fail(transferWords.say('uploadExpired'));
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
