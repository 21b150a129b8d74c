// Attachment rows: the files a message was sent with, in order, bytes as a BLOB. Metadata is read
// for whole branches at once (one query per branch, not per message); bytes only when asked for.
import { randomUUID } from 'node:crypto';
import { attachmentKinds, type AttachmentKind } from '../../shared/attachment-rules';
import type { AttachmentMeta, Message } from '../../shared/domain';
import type { MessageId } from '../../shared/ids';
import type { Db } from './open-database';
import { perDatabase } from './statement-cache';

export interface NewAttachment {
  /** Kept when given (the id the upload had), so the renderer can show what it already holds. */
  id?: string;
  name: string;
  mime: string;
  kind: AttachmentKind;
  data: Uint8Array;
}

export interface StoredAttachment extends AttachmentMeta {
  messageId: MessageId;
  data: Buffer;
}

interface MetaRow {
  id: string;
  message_id: string;
  kind: string;
  name: string;
  mime: string;
  size: number;
}

interface FullRow extends MetaRow {
  data: Buffer;
}

const metaColumns = 'id, message_id, kind, name, mime, size';

const statements = perDatabase((db) => ({
  insert: db.prepare<{
    id: string;
    message_id: string;
    position: number;
    kind: string;
    name: string;
    mime: string;
    size: number;
    data: Buffer;
    now: number;
  }>(
    `INSERT INTO attachments (id, message_id, position, kind, name, mime, size, data, created_at)
     VALUES (@id, @message_id, @position, @kind, @name, @mime, @size, @data, @now)`,
  ),
  // json_each takes the whole id list as one bound parameter, however long the branch.
  metaFor: db.prepare<[string], MetaRow>(
    `SELECT ${metaColumns} FROM attachments
     WHERE message_id IN (SELECT value FROM json_each(?))
     ORDER BY message_id, position`,
  ),
  fullFor: db.prepare<[string], FullRow>(
    `SELECT ${metaColumns}, data FROM attachments
     WHERE message_id IN (SELECT value FROM json_each(?))
     ORDER BY message_id, position`,
  ),
  get: db.prepare<[string], FullRow>(`SELECT ${metaColumns}, data FROM attachments WHERE id = ?`),
}));

/** A row whose kind is not one this version knows (a hand-edited file) reads as text, never as an image. */
const kindOf = (kind: string): AttachmentKind =>
  (attachmentKinds as readonly string[]).includes(kind) ? (kind as AttachmentKind) : 'text';

const toMeta = (row: MetaRow): AttachmentMeta => ({
  id: row.id,
  name: row.name,
  mime: row.mime,
  size: row.size,
  kind: kindOf(row.kind),
});

const toStored = (row: FullRow): StoredAttachment => ({
  ...toMeta(row),
  messageId: row.message_id as MessageId,
  data: row.data,
});

function groupBy<T extends { messageId: MessageId }>(items: T[]): Map<MessageId, T[]> {
  const out = new Map<MessageId, T[]>();
  for (const item of items) {
    const list = out.get(item.messageId);
    if (list) list.push(item);
    else out.set(item.messageId, [item]);
  }
  return out;
}

/** Stores `files` on `messageId` in the order given; returns their metadata. */
export function insertAttachments(
  db: Db,
  messageId: MessageId,
  files: readonly NewAttachment[],
  now: number,
): AttachmentMeta[] {
  const s = statements(db);
  return db.transaction(() =>
    files.map((file, position) => {
      const id = file.id ?? randomUUID();
      const data = Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength);
      s.insert.run({
        id,
        message_id: messageId,
        position,
        kind: file.kind,
        name: file.name,
        mime: file.mime,
        size: data.byteLength,
        data,
        now,
      });
      return { id, name: file.name, mime: file.mime, size: data.byteLength, kind: file.kind };
    }),
  )();
}

/** Metadata of the files of each message, in order; messages without files are absent from the map. */
export function attachmentMetaFor(db: Db, messageIds: readonly MessageId[]): Map<MessageId, AttachmentMeta[]> {
  if (messageIds.length === 0) return new Map();
  const out = new Map<MessageId, AttachmentMeta[]>();
  for (const row of statements(db).metaFor.all(JSON.stringify(messageIds))) {
    const id = row.message_id as MessageId;
    out.set(id, [...(out.get(id) ?? []), toMeta(row)]);
  }
  return out;
}

/** Files with their bytes, for building a request; messages without files are absent from the map. */
export function attachmentsFor(db: Db, messageIds: readonly MessageId[]): Map<MessageId, StoredAttachment[]> {
  if (messageIds.length === 0) return new Map();
  return groupBy(statements(db).fullFor.all(JSON.stringify(messageIds)).map(toStored));
}

export function getAttachment(db: Db, id: string): StoredAttachment | null {
  const row = statements(db).get.get(id);
  return row ? toStored(row) : null;
}

/** The messages with their files' metadata; a message without files keeps no `attachments` key. */
export function withAttachmentMeta(db: Db, messages: Message[]): Message[] {
  const meta = attachmentMetaFor(
    db,
    messages.map((m) => m.id),
  );
  if (meta.size === 0) return messages;
  return messages.map((m) => {
    const files = meta.get(m.id);
    return files ? { ...m, attachments: files } : m;
  });
}
