// Files on their way into a message. The renderer sends each file in base64 pieces (one
// `attachments:stage` request per piece, so no message outgrows the web host's socket cap); the
// first piece is sniffed, every piece is counted against the limit, and the last one settles what
// the file is. `generation:start` then takes the staged files by id. Staged files live in memory,
// bounded in total and dropped when unused for a while.
import { randomUUID } from 'node:crypto';
import {
  attachmentLimits,
  classifyAttachment,
  isRefusal,
  isUtf8Text,
  maxBytesFor,
  sniffBytes,
  type AttachmentType,
} from '../../shared/attachment-rules';
import { ChatFailure, chatError } from '../../shared/chat-error';
import type { AttachmentMeta } from '../../shared/domain';
import type { NewAttachment } from '../db/history/attachments-repo';
import type { Spoken } from '../../shared/words/define-words';
import { generationWords } from '../../shared/words/generation-words';
import { refusalWords } from './refusal-words';

export interface StagePiece {
  /** Absent on a file's first piece. */
  uploadId?: string;
  name: string;
  /** Base64 of the next bytes of the file. */
  chunk: string;
  last: boolean;
}

export interface StagedFile extends NewAttachment {
  id: string;
}

interface Upload {
  name: string;
  pieces: Buffer[];
  size: number;
  type: AttachmentType | null;
  done: boolean;
  touchedAt: number;
}

export interface StagingOptions {
  /** Bytes held for every upload together. */
  maxBytes?: number;
  /** An upload not touched for this long is dropped. */
  ttlMs?: number;
  now?: () => number;
}

const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

const refuse = (words: Spoken): ChatFailure => new ChatFailure(chatError('invalid_input', words));

/** Base64 decoded strictly: Buffer.from alone skips characters it does not know. */
function decodePiece(chunk: string): Buffer {
  if (chunk.length % 4 !== 0 || !base64Pattern.test(chunk)) throw refuse(generationWords.say('pieceNotBase64'));
  return Buffer.from(chunk, 'base64');
}

export class AttachmentStaging {
  private readonly uploads = new Map<string, Upload>();
  private readonly maxBytes: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: StagingOptions = {}) {
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
    this.ttlMs = options.ttlMs ?? 15 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Adds a piece; on the last one answers what the file is, or refuses it (and forgets it). */
  put(piece: StagePiece): { uploadId: string; attachment: AttachmentMeta | null } {
    this.expire();
    const bytes = decodePiece(piece.chunk);
    const uploadId = piece.uploadId ?? randomUUID();
    let upload = piece.uploadId === undefined ? undefined : this.uploads.get(piece.uploadId);
    if (piece.uploadId !== undefined && (!upload || upload.done)) {
      throw new ChatFailure(chatError('not_found', generationWords.say('uploadClosed')));
    }
    if (!upload) {
      upload = { name: piece.name, pieces: [], size: 0, type: null, done: false, touchedAt: this.now() };
      this.uploads.set(uploadId, upload);
    }
    try {
      if (piece.name !== upload.name) throw refuse(generationWords.say('uploadRenamed'));
      if (this.heldBytes() + bytes.length > this.maxBytes) {
        throw refuse(generationWords.say('tooManyWaiting'));
      }
      upload.pieces.push(bytes);
      upload.size += bytes.length;
      upload.touchedAt = this.now();
      this.checkSoFar(upload, piece.last);
      if (!piece.last) return { uploadId, attachment: null };
      return { uploadId, attachment: this.finish(uploadId, upload) };
    } catch (err) {
      this.uploads.delete(uploadId);
      throw err;
    }
  }

  /** Removes the staged files and returns them in the order asked; refuses unknown or unfinished ids. */
  take(ids: readonly string[]): StagedFile[] {
    this.expire();
    if (new Set(ids).size !== ids.length) throw refuse(generationWords.say('givenTwice'));
    const files = ids.map((id) => {
      const upload = this.uploads.get(id);
      if (!upload?.done || !upload.type) {
        throw new ChatFailure(chatError('not_found', generationWords.say('attachmentExpired')));
      }
      return { id, upload, type: upload.type };
    });
    const total = files.reduce((sum, f) => sum + f.upload.size, 0);
    if (total > attachmentLimits.messageBytes) {
      throw refuse(
        generationWords.say('messageTooLarge', { megabytes: attachmentLimits.messageBytes / (1024 * 1024) }),
      );
    }
    for (const { id } of files) this.uploads.delete(id);
    return files.map(({ id, upload, type }) => ({
      id,
      name: upload.name,
      kind: type.kind,
      mime: type.mime,
      data: Buffer.concat(upload.pieces, upload.size),
    }));
  }

  /** Forgets staged files that were not sent (the send was refused). */
  discard(ids: readonly string[]): void {
    for (const id of ids) this.uploads.delete(id);
  }

  get size(): number {
    return this.uploads.size;
  }

  private checkSoFar(upload: Upload, last: boolean): void {
    // Sniff once enough bytes are in (or the file is shorter than that).
    if (!upload.type && (upload.size >= sniffBytes || last)) {
      const head = Buffer.concat(upload.pieces).subarray(0, sniffBytes);
      const type = classifyAttachment(upload.name, head, upload.size);
      if (isRefusal(type)) throw refuse(refusalWords(upload.name, type));
      upload.type = type;
    }
    if (upload.type && upload.size > maxBytesFor(upload.type.kind)) {
      const limit = maxBytesFor(upload.type.kind);
      throw refuse(refusalWords(upload.name, { reason: 'too-large', kind: upload.type.kind, limit }));
    }
  }

  private finish(uploadId: string, upload: Upload): AttachmentMeta {
    const type = upload.type;
    if (!type) throw refuse(refusalWords(upload.name, { reason: 'empty' }));
    if (type.kind === 'text' && !isUtf8Text(Buffer.concat(upload.pieces, upload.size))) {
      throw refuse(refusalWords(upload.name, { reason: 'not-text' }));
    }
    upload.done = true;
    return { id: uploadId, name: upload.name, mime: type.mime, size: upload.size, kind: type.kind };
  }

  private heldBytes(): number {
    let total = 0;
    for (const upload of this.uploads.values()) total += upload.size;
    return total;
  }

  private expire(): void {
    const cutoff = this.now() - this.ttlMs;
    for (const [id, upload] of this.uploads) if (upload.touchedAt < cutoff) this.uploads.delete(id);
  }
}
