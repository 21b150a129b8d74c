// Conversation rows: create, list, rename, re-point at a backend or model, pick the active
// branch, delete (with every message).
import { randomUUID } from 'node:crypto';
import type { Conversation } from '../../shared/domain';
import { asBackendId, asConversationId, type BackendId, type ConversationId, type MessageId } from '../../shared/ids';
import type { Db } from './open-database';
import { perDatabase } from './statement-cache';

interface ConversationRow {
  id: string;
  title: string;
  backend_id: string | null;
  model: string | null;
  created_at: number;
  updated_at: number;
}

export interface NewConversation {
  title: string;
  backendId: BackendId | null;
  model: string | null;
  now: number;
}

const columns = 'id, title, backend_id, model, created_at, updated_at';

const statements = perDatabase((db) => ({
  insert: db.prepare<ConversationRow>(
    `INSERT INTO conversations (${columns}) VALUES (@id, @title, @backend_id, @model, @created_at, @updated_at)`,
  ),
  list: db.prepare<[number], ConversationRow>(
    `SELECT ${columns} FROM conversations ORDER BY updated_at DESC, created_at DESC LIMIT ?`,
  ),
  get: db.prepare<[string], ConversationRow>(`SELECT ${columns} FROM conversations WHERE id = ?`),
  touch: db.prepare<[number, string]>('UPDATE conversations SET updated_at = ? WHERE id = ?'),
  setTitle: db.prepare<[string, number, string]>('UPDATE conversations SET title = ?, updated_at = ? WHERE id = ?'),
  setModel: db.prepare<[string | null, string | null, number, string]>(
    'UPDATE conversations SET backend_id = ?, model = ?, updated_at = ? WHERE id = ?',
  ),
  // Only a message of this conversation may become its leaf, or activeBranch would wander into
  // another conversation's tree.
  setActiveLeaf: db.prepare<{ conversation: string; message: string }>(
    `UPDATE conversations SET active_leaf_id = @message
     WHERE id = @conversation
       AND EXISTS (SELECT 1 FROM messages WHERE id = @message AND conversation_id = @conversation)`,
  ),
  // A long chat is a long parent_id chain, and cascading down it nests one trigger per message,
  // past SQLite's depth limit of 1000. Cutting the chain first makes the cascade one level deep.
  detachMessages: db.prepare<[string]>('UPDATE messages SET parent_id = NULL WHERE conversation_id = ?'),
  delete: db.prepare<[string]>('DELETE FROM conversations WHERE id = ?'),
}));

const deleteTransaction = perDatabase((db) => {
  const s = statements(db);
  return db.transaction((id: string) => {
    s.detachMessages.run(id);
    return s.delete.run(id).changes > 0;
  });
});

function toConversation(row: ConversationRow): Conversation {
  return {
    id: asConversationId(row.id),
    title: row.title,
    backendId: row.backend_id === null ? null : asBackendId(row.backend_id),
    model: row.model,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function createConversation(db: Db, input: NewConversation): Conversation {
  const row: ConversationRow = {
    id: randomUUID(),
    title: input.title,
    backend_id: input.backendId,
    model: input.model,
    created_at: input.now,
    updated_at: input.now,
  };
  statements(db).insert.run(row);
  return toConversation(row);
}

/** Newest activity first. */
export function listConversations(db: Db, opts: { limit?: number } = {}): Conversation[] {
  const limit = Math.max(0, Math.floor(opts.limit ?? 500));
  return statements(db).list.all(limit).map(toConversation);
}

export function getConversation(db: Db, id: ConversationId): Conversation | null {
  const row = statements(db).get.get(id);
  return row ? toConversation(row) : null;
}

export function touchConversation(db: Db, id: ConversationId, now: number): void {
  statements(db).touch.run(now, id);
}

export function setConversationTitle(db: Db, id: ConversationId, title: string, now: number): void {
  statements(db).setTitle.run(title, now, id);
}

export function setConversationModel(
  db: Db,
  id: ConversationId,
  backendId: BackendId | null,
  model: string | null,
  now: number,
): void {
  statements(db).setModel.run(backendId, model, now, id);
}

/** Throws when the message is not in that conversation. */
export function setActiveLeaf(db: Db, conversationId: ConversationId, messageId: MessageId): void {
  const { changes } = statements(db).setActiveLeaf.run({ conversation: conversationId, message: messageId });
  if (changes === 0) throw new Error(`Message ${messageId} is not in conversation ${conversationId}`);
}

/** Deletes the conversation and all its messages; false when there was no such conversation. */
export function deleteConversation(db: Db, id: ConversationId): boolean {
  return deleteTransaction(db)(id);
}
