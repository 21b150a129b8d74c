// Conversation rows: create, page through (pinned first, then newest activity), rename, pin,
// re-point at a backend or model, pick the active branch, and delete in two steps: a soft delete
// the user can undo, then a purge that removes the row and every message for good. Export reads a
// whole row and import writes one, their own ids and times kept.
import { randomUUID } from 'node:crypto';
import type {
  ConversationCursor,
  ConversationListItem,
  ConversationPage,
  GenerationParams,
} from '../../../shared/domain';
import {
  asBackendId,
  asConversationId,
  asMessageId,
  type BackendId,
  type ConversationId,
  type MessageId,
} from '../../../shared/ids';
import { overflowModeOf, type ContextOverflowMode } from '../../../shared/context-window';
import type { Db } from '../db';
import { perDatabase } from '../statement-cache';
import { readParams, writeParams } from '../stored-json';

interface ConversationRow {
  id: string;
  title: string;
  backend_id: string | null;
  model: string | null;
  pinned: number;
  created_at: number;
  updated_at: number;
}

/** Every column of a conversation but its deletion: what export reads and import writes back. */
export interface StoredConversation extends ConversationListItem {
  systemPrompt: string;
  params: GenerationParams;
  /** What happens when its history no longer fits the window (schema step 13). */
  contextOverflow: ContextOverflowMode;
  /** The message the shown branch ends at; an import may leave it null to pick the newest leaf. */
  activeLeafId: MessageId | null;
}

interface StoredRow extends ConversationRow {
  active_leaf_id: string | null;
  system_prompt: string;
  params_json: string;
  context_overflow: string;
}

export interface NewConversation {
  title: string;
  backendId: BackendId | null;
  model: string | null;
  now: number;
}

const columns = 'id, title, backend_id, model, pinned, created_at, updated_at';
/** The listing order, matched by the partial index `conversations_listing`. */
const order = 'ORDER BY pinned DESC, updated_at DESC, id DESC';
const live = 'deleted_at IS NULL';

const statements = perDatabase((db) => ({
  insert: db.prepare<Omit<ConversationRow, 'pinned'>>(
    `INSERT INTO conversations (id, title, backend_id, model, created_at, updated_at)
     VALUES (@id, @title, @backend_id, @model, @created_at, @updated_at)`,
  ),
  firstPage: db.prepare<[number], ConversationRow>(
    `SELECT ${columns} FROM conversations WHERE ${live} ${order} LIMIT ?`,
  ),
  // A row-value comparison, so SQLite seeks straight to the cursor in the index.
  pageAfter: db.prepare<{ pinned: number; updated: number; id: string; limit: number }, ConversationRow>(
    `SELECT ${columns} FROM conversations
     WHERE ${live} AND (pinned, updated_at, id) < (@pinned, @updated, @id)
     ${order} LIMIT @limit`,
  ),
  get: db.prepare<[string], ConversationRow>(`SELECT ${columns} FROM conversations WHERE id = ? AND ${live}`),
  touch: db.prepare<[number, string]>('UPDATE conversations SET updated_at = ? WHERE id = ?'),
  rename: db.prepare<[string, string]>(`UPDATE conversations SET title = ? WHERE id = ? AND ${live}`),
  pin: db.prepare<[number, string]>(`UPDATE conversations SET pinned = ? WHERE id = ? AND ${live}`),
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
  softDelete: db.prepare<[number, string]>(`UPDATE conversations SET deleted_at = ? WHERE id = ? AND ${live}`),
  restore: db.prepare<[string]>('UPDATE conversations SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL'),
  deletedBefore: db.prepare<[number], { id: string }>(
    'SELECT id FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at <= ?',
  ),
  isDeleted: db.prepare<[string], { id: string }>(
    'SELECT id FROM conversations WHERE id = ? AND deleted_at IS NOT NULL',
  ),
  streaming: db.prepare<[string], { id: string }>(
    "SELECT id FROM messages WHERE status = 'streaming' AND conversation_id = ?",
  ),
  // A long chat is a long parent_id chain, and cascading down it nests one trigger per message,
  // past SQLite's depth limit of 1000. Cutting the chain first makes the cascade one level deep.
  detachMessages: db.prepare<[string]>('UPDATE messages SET parent_id = NULL WHERE conversation_id = ?'),
  delete: db.prepare<[string]>('DELETE FROM conversations WHERE id = ?'),
  // Conversations deleted with undo still pending are on their way out: not exported.
  ids: db.prepare<[], { id: string }>(`SELECT id FROM conversations WHERE ${live} ORDER BY created_at, id`),
  stored: db.prepare<[string], StoredRow>(
    `SELECT ${columns}, active_leaf_id, system_prompt, params_json, context_overflow FROM conversations WHERE id = ?`,
  ),
  // The leaf is set once the messages are in (pointImportedLeaf).
  insertStored: db.prepare<Omit<StoredRow, 'active_leaf_id'>>(
    `INSERT INTO conversations
       (id, title, backend_id, model, pinned, created_at, updated_at, active_leaf_id, system_prompt, params_json,
        context_overflow)
     VALUES (@id, @title, @backend_id, @model, @pinned, @created_at, @updated_at, NULL, @system_prompt, @params_json,
        @context_overflow)`,
  ),
  importedLeaf: db.prepare<{ id: string; leaf: string | null; updated_at: number }>(
    'UPDATE conversations SET active_leaf_id = @leaf, updated_at = MAX(updated_at, @updated_at) WHERE id = @id',
  ),
}));

const deleteTransaction = perDatabase((db) => {
  const s = statements(db);
  return db.transaction((id: string) => {
    s.detachMessages.run(id);
    return s.delete.run(id).changes > 0;
  });
});

function toItem(row: ConversationRow): ConversationListItem {
  return {
    id: asConversationId(row.id),
    title: row.title,
    backendId: row.backend_id === null ? null : asBackendId(row.backend_id),
    model: row.model,
    pinned: row.pinned === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function createConversation(db: Db, input: NewConversation): ConversationListItem {
  const row = {
    id: randomUUID(),
    title: input.title,
    backend_id: input.backendId,
    model: input.model,
    created_at: input.now,
    updated_at: input.now,
  };
  statements(db).insert.run(row);
  return toItem({ ...row, pinned: 0 });
}

/** Where a listed conversation sits in the listing order; the next page starts after it. */
export function cursorOf(c: Pick<ConversationListItem, 'pinned' | 'updatedAt' | 'id'>): ConversationCursor {
  return { pinned: c.pinned, updatedAt: c.updatedAt, id: c.id };
}

/**
 * One page of the sidebar: pinned first, then newest activity, ties broken by id so the order is
 * total and a keyset cursor never skips or repeats a row. Deleted (undoable) rows are left out.
 */
export function listConversationPage(
  db: Db,
  opts: { after?: ConversationCursor | null; limit?: number } = {},
): ConversationPage {
  const limit = Math.min(1000, Math.max(1, Math.floor(opts.limit ?? 100)));
  const s = statements(db);
  // One row more than asked tells whether another page exists without a count.
  const rows = opts.after
    ? s.pageAfter.all({
        pinned: opts.after.pinned ? 1 : 0,
        updated: opts.after.updatedAt,
        id: opts.after.id,
        limit: limit + 1,
      })
    : s.firstPage.all(limit + 1);
  const items = rows.slice(0, limit).map(toItem);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? cursorOf(last) : null };
}

/** Newest activity first, pinned before the rest; the first `limit` rows. */
export function listConversations(db: Db, opts: { limit?: number } = {}): ConversationListItem[] {
  return listConversationPage(db, { limit: opts.limit ?? 500 }).items;
}

/** A conversation that exists and is not deleted, or null. */
export function getConversation(db: Db, id: ConversationId): ConversationListItem | null {
  const row = statements(db).get.get(id);
  return row ? toItem(row) : null;
}

export function touchConversation(db: Db, id: ConversationId, now: number): void {
  statements(db).touch.run(now, id);
}

/** A new title; the conversation keeps its place in the list (renaming is not activity). */
export function renameConversation(db: Db, id: ConversationId, title: string): boolean {
  return statements(db).rename.run(title, id).changes > 0;
}

export function setConversationPinned(db: Db, id: ConversationId, pinned: boolean): boolean {
  return statements(db).pin.run(pinned ? 1 : 0, id).changes > 0;
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

/** Hides the conversation until it is restored or purged; false when there is no such live conversation. */
export function softDeleteConversation(db: Db, id: ConversationId, now: number): boolean {
  return statements(db).softDelete.run(now, id).changes > 0;
}

/** Undoes a soft delete; false when the conversation is not deleted (or already purged). */
export function restoreConversation(db: Db, id: ConversationId): boolean {
  return statements(db).restore.run(id).changes > 0;
}

export function isConversationDeleted(db: Db, id: ConversationId): boolean {
  return statements(db).isDeleted.get(id) !== undefined;
}

/** Soft-deleted conversations deleted at or before `time` (all of them with Infinity). */
export function deletedConversations(db: Db, time: number): ConversationId[] {
  const bound = Number.isFinite(time) ? time : Number.MAX_SAFE_INTEGER;
  return statements(db)
    .deletedBefore.all(bound)
    .map((r) => asConversationId(r.id));
}

/** The answers of a conversation still streaming, so a purge can stop their generations first. */
export function streamingMessageIds(db: Db, id: ConversationId): MessageId[] {
  return statements(db)
    .streaming.all(id)
    .map((r) => asMessageId(r.id));
}

/** Deletes the conversation and all its messages for good; false when there was no such conversation. */
export function deleteConversation(db: Db, id: ConversationId): boolean {
  return deleteTransaction(db)(id);
}

/** Every conversation's id, oldest first (not those deleted and waiting for undo). */
export function allConversationIds(db: Db): ConversationId[] {
  return statements(db)
    .ids.all()
    .map((r) => asConversationId(r.id));
}

/** The whole row, deleted or not; null when there is no such conversation. */
export function storedConversation(db: Db, id: ConversationId): StoredConversation | null {
  const row = statements(db).stored.get(id);
  if (!row) return null;
  return {
    ...toItem(row),
    systemPrompt: row.system_prompt,
    params: readParams(row.params_json),
    contextOverflow: overflowModeOf(row.context_overflow),
    activeLeafId: row.active_leaf_id === null ? null : asMessageId(row.active_leaf_id),
  };
}

/** Stores a conversation as given, its own id and times kept (an import), with no leaf yet. */
export function insertStoredConversation(db: Db, c: Omit<StoredConversation, 'activeLeafId'>): void {
  statements(db).insertStored.run({
    id: c.id,
    title: c.title,
    backend_id: c.backendId,
    model: c.model,
    pinned: c.pinned ? 1 : 0,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    system_prompt: c.systemPrompt,
    params_json: writeParams(c.params),
    context_overflow: c.contextOverflow,
  });
}

/** After an import: the branch shown, and the activity time moved forward only. */
export function pointImportedLeaf(db: Db, id: ConversationId, leaf: MessageId | null, updatedAt: number): void {
  statements(db).importedLeaf.run({ id, leaf, updated_at: updatedAt });
}
