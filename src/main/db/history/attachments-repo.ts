// Attachment rows: the files a message was sent with, in order, bytes as a BLOB. Metadata is read
// for whole branches at once (one query per branch, not per message); bytes only when asked for,
// or for a whole conversation with their own ids and times (export, import). Images a tool
// returned are rows here too, under the answer and marked with their call (`tool_call_id`, schema
// step 14): the message's own files are those without one.
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

/** An image a tool returned, as stored: the call it came from and its bytes. */
export interface ToolImage {
  mime: string;
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

interface InsertRow extends FullRow {
  position: number;
  created_at: number;
}

const insertSql = (verb: string): string =>
  `${verb} INTO attachments (id, message_id, position, kind, name, mime, size, data, created_at)
   VALUES (@id, @message_id, @position, @kind, @name, @mime, @size, @data, @created_at)`;

interface ToolImageRow extends Omit<InsertRow, 'position'> {
  tool_call_id: string;
}

/** A tool's image goes after every file its answer holds (positions stay unique per message). */
const insertToolImageSql = (verb: string): string =>
  `${verb} INTO attachments (id, message_id, position, kind, name, mime, size, data, created_at, tool_call_id)
   VALUES (@id, @message_id, (SELECT coalesce(max(position) + 1, 0) FROM attachments WHERE message_id = @message_id),
     @kind, @name, @mime, @size, @data, @created_at, @tool_call_id)`;

const toolImagesOf = (columns: string, where: string): string =>
  `SELECT ${columns}, tool_call_id FROM attachments WHERE ${where} AND tool_call_id IS NOT NULL
   ORDER BY tool_call_id, position`;

const statements = perDatabase((db) => ({
  insert: db.prepare<InsertRow>(insertSql('INSERT')),
  // json_each takes the whole id list as one bound parameter, however long the branch.
  metaFor: db.prepare<[string], MetaRow>(
    `SELECT ${metaColumns} FROM attachments
     WHERE message_id IN (SELECT value FROM json_each(?)) AND tool_call_id IS NULL
     ORDER BY message_id, position`,
  ),
  fullFor: db.prepare<[string], FullRow>(
    `SELECT ${metaColumns}, data FROM attachments
     WHERE message_id IN (SELECT value FROM json_each(?)) AND tool_call_id IS NULL
     ORDER BY message_id, position`,
  ),
  toolMetaFor: db.prepare<[string], MetaRow & { tool_call_id: string }>(
    toolImagesOf(metaColumns, 'message_id IN (SELECT value FROM json_each(?))'),
  ),
  toolFullFor: db.prepare<[string], FullRow & { tool_call_id: string }>(
    toolImagesOf(`${metaColumns}, data`, 'message_id IN (SELECT value FROM json_each(?))'),
  ),
  toolInConversation: db.prepare<[string], ToolImageRow>(
    `SELECT a.id, a.message_id, a.kind, a.name, a.mime, a.size, a.data, a.created_at, a.tool_call_id
     FROM attachments a JOIN messages m ON m.id = a.message_id
     WHERE m.conversation_id = ? AND a.tool_call_id IS NOT NULL ORDER BY a.tool_call_id, a.position`,
  ),
  insertToolImage: db.prepare<ToolImageRow>(insertToolImageSql('INSERT')),
  insertToolImageFile: db.prepare<ToolImageRow>(insertToolImageSql('INSERT OR IGNORE')),
  get: db.prepare<[string], FullRow>(`SELECT ${metaColumns}, data FROM attachments WHERE id = ?`),
  inConversation: db.prepare<[string], Omit<InsertRow, 'position'>>(
    `SELECT a.id, a.message_id, a.kind, a.name, a.mime, a.size, a.data, a.created_at
     FROM attachments a JOIN messages m ON m.id = a.message_id
     WHERE m.conversation_id = ? AND a.tool_call_id IS NULL ORDER BY a.message_id, a.position`,
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

function byCall<R extends { tool_call_id: string }, U>(rows: readonly R[], map: (row: R) => U): Map<string, U[]> {
  const out = new Map<string, U[]>();
  for (const row of rows) {
    const list = out.get(row.tool_call_id);
    if (list) list.push(map(row));
    else out.set(row.tool_call_id, [map(row)]);
  }
  return out;
}

/** Stores a tool's images under its answer, marked with the call; returns their metadata. */
export function insertToolImages(
  db: Db,
  messageId: MessageId,
  toolCallId: string,
  name: (index: number, mime: string) => string,
  images: readonly ToolImage[],
  now: number,
): AttachmentMeta[] {
  const s = statements(db);
  return db.transaction(() =>
    images.map((image, index) => {
      const meta: AttachmentMeta = {
        id: randomUUID(),
        name: name(index, image.mime),
        mime: image.mime,
        size: image.data.byteLength,
        kind: 'image',
      };
      s.insertToolImage.run({
        id: meta.id,
        message_id: messageId,
        kind: 'image',
        name: meta.name,
        mime: meta.mime,
        size: meta.size,
        data: image.data,
        created_at: now,
        tool_call_id: toolCallId,
      });
      return meta;
    }),
  )();
}

/** The metadata of the images the tools of these answers returned, by call. */
export function toolImageMetaFor(db: Db, messageIds: readonly MessageId[]): Map<string, AttachmentMeta[]> {
  if (messageIds.length === 0) return new Map();
  return byCall(statements(db).toolMetaFor.all(JSON.stringify(messageIds)), toMeta);
}

/** The images with their bytes, by call, for building a request. */
export function toolImagesFor(db: Db, messageIds: readonly MessageId[]): Map<string, StoredAttachment[]> {
  if (messageIds.length === 0) return new Map();
  return byCall(statements(db).toolFullFor.all(JSON.stringify(messageIds)), toStored);
}

/** Every tool image of a conversation, by call, as stored (export). */
export function conversationToolImages(db: Db, conversationId: ConversationId): Map<string, AttachmentFile[]> {
  return byCall(statements(db).toolInConversation.all(conversationId), (row) => ({
    id: row.id,
    kind: row.kind as AttachmentKind,
    name: row.name,
    mime: row.mime,
    data: row.data,
    createdAt: row.created_at,
  }));
}

/** Stores one image of an imported tool call; an image whose id is already here is skipped. */
export function insertToolImageFile(db: Db, messageId: MessageId, toolCallId: string, file: AttachmentFile): void {
  statements(db).insertToolImageFile.run({
    id: file.id,
    message_id: messageId,
    kind: file.kind,
    name: file.name,
    mime: file.mime,
    size: file.data.length,
    data: file.data,
    created_at: file.createdAt,
    tool_call_id: toolCallId,
  });
}
