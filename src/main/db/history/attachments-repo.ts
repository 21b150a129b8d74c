// Attachment rows: the files a message was sent with, in order, bytes as a BLOB. Metadata is read
// for whole branches at once (one query per branch, not per message); bytes only when asked for,
// or for a whole conversation with their own ids and times (export, import).
import { randomUUID } from 'node:crypto';
import { attachmentKinds, type AttachmentKind } from '../../../shared/attachment-rules';
import type { AttachmentMeta, Message } from '../../../shared/domain';
import type { ConversationId, MessageId } from '../../../shared/ids';
import type { Db } from '../db';
import { perDatabase } from '../statement-cache';

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

/** A file as stored, its own id and time kept: what export reads and import writes back. */
export interface AttachmentFile {
  id: string;
  kind: AttachmentKind;
  name: string;
  mime: string;
  data: Buffer;
  createdAt: number;
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

interface InsertRow extends FullRow {
  position: number;
  created_at: number;
}

const insertSql = (verb: string): string =>
  `${verb} INTO attachments (id, message_id, position, kind, name, mime, size, data, created_at)
   VALUES (@id, @message_id, @position, @kind, @name, @mime, @size, @data, @created_at)`;

const statements = perDatabase((db) => ({
  insert: db.prepare<InsertRow>(insertSql('INSERT')),
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
  inConversation: db.prepare<[string], Omit<InsertRow, 'position'>>(
    `SELECT a.id, a.message_id, a.kind, a.name, a.mime, a.size, a.data, a.created_at
     FROM attachments a JOIN messages m ON m.id = a.message_id
     WHERE m.conversation_id = ? ORDER BY a.message_id, a.position`,
  ),
  // An attachment id seen before belongs to a message already here.
  insertFile: db.prepare<InsertRow>(insertSql('INSERT OR IGNORE')),
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
        created_at: now,
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

/** Every file of a conversation's messages, in order, with bytes, ids and times as stored. */
export function conversationAttachments(db: Db, conversationId: ConversationId): Map<MessageId, AttachmentFile[]> {
  const out = new Map<MessageId, AttachmentFile[]>();
  for (const row of statements(db).inConversation.all(conversationId)) {
    const id = row.message_id as MessageId;
    const list = out.get(id) ?? [];
    // As stored: a kind this version does not know is exported as it is, for the import to judge.
    list.push({
      id: row.id,
      kind: row.kind as AttachmentKind,
      name: row.name,
      mime: row.mime,
      data: row.data,
      createdAt: row.created_at,
    });
    out.set(id, list);
  }
  return out;
}

/** Stores one file of an imported message at `position`; a file whose id is already here is skipped. */
export function insertAttachmentFile(db: Db, messageId: MessageId, position: number, file: AttachmentFile): void {
  statements(db).insertFile.run({
    id: file.id,
    message_id: messageId,
    position,
    kind: file.kind,
    name: file.name,
    mime: file.mime,
    size: file.data.length,
    data: file.data,
    created_at: file.createdAt,
  });
}
