// Message rows: the tree of turns (parent_id) and its versions (siblings under one parent), the
// branch shown and how a version switch picks the rest of it, text appended while a reply streams,
// the final status with its metrics, a cut reply resumed, recovery of replies a crash cut off, and
// every branch read and written as stored, for export and import (the columns: message-row.ts).
import { randomUUID } from 'node:crypto';
import type { GenerationParams, Message, MessageRole, MessageStatus } from '../../../shared/domain';
import {
  asConversationId,
  asMessageId,
  type BackendId,
  type ConversationId,
  type MessageId,
} from '../../../shared/ids';
import { withAttachmentMeta } from './attachments-repo';
import { withToolCalls } from './tool-calls-repo';
import {
  endColumns,
  insertMessageRowSql,
  messageColumns,
  messageOf,
  messageRowOf,
  noMetrics,
  storedMessageOf,
  type MessageEnd,
  type MessageRow,
  type StoredMessage,
} from './message-row';
import type { Db } from '../db';
import { perDatabase } from '../statement-cache';

/** A branch row also says where the message sits among its siblings. */
interface BranchRow extends MessageRow {
  version_index: number;
  version_count: number;
  version_models: number;
}

export interface NewMessage {
  conversationId: ConversationId;
  parentId: MessageId | null;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  backendId: BackendId | null;
  model: string | null;
  params: GenerationParams;
  now: number;
}

const columns = messageColumns();
const qualifiedColumns = messageColumns('m');

const statements = perDatabase((db) => ({
  insert: db.prepare<MessageRow>(insertMessageRowSql),
  markShown: db.prepare<[number, string]>('UPDATE messages SET active_at = ? WHERE id = ?'),
  // Showing another branch is not activity: the conversation keeps its place in the list.
  showLeaf: db.prepare<{ conversation: string; leaf: string }>(
    `UPDATE conversations SET active_leaf_id = @leaf
     WHERE id = @conversation
       AND EXISTS (SELECT 1 FROM messages WHERE id = @leaf AND conversation_id = @conversation)`,
  ),
  conversationOf: db.prepare<[string], { conversation_id: string }>(
    'SELECT conversation_id FROM messages WHERE id = ?',
  ),
  makeLeaf: db.prepare<[string, number, string]>(
    'UPDATE conversations SET active_leaf_id = ?, updated_at = ? WHERE id = ?',
  ),
  markWithoutTools: db.prepare<[string]>('UPDATE messages SET without_tools = 1 WHERE id = ?'),
  withoutTools: db.prepare<[string], { without_tools: number }>('SELECT without_tools FROM messages WHERE id = ?'),
  append: db.prepare<{ id: string; content: string; reasoning: string; now: number }>(
    `UPDATE messages SET content = content || @content, reasoning = reasoning || @reasoning, updated_at = @now
     WHERE id = @id`,
  ),
  reclassify: db.prepare<{ id: string; now: number }>(
    `UPDATE messages SET reasoning = reasoning || content, content = '', updated_at = @now WHERE id = @id`,
  ),
  finish: db.prepare<ReturnType<typeof endColumns> & { id: string; now: number }>(
    `UPDATE messages SET status = @status, error_json = @error_json, ttft_ms = @ttft_ms,
       tokens_per_second = @tokens_per_second, prompt_tokens = @prompt_tokens,
       completion_tokens = @completion_tokens, finish_reason = @finish_reason, reasoning_ms = @reasoning_ms,
       total_ms = @total_ms, transport = @transport, http_version = @http_version, updated_at = @now
     WHERE id = @id`,
  ),
  get: db.prepare<[string], MessageRow>(`SELECT ${columns} FROM messages WHERE id = ?`),
  // Walks up from the active leaf; depth orders the path, root first. The depth cap only guards
  // against a cycle, which the API cannot create but a hand-edited file could. Siblings are
  // counted through messages_siblings (its implicit rowid breaks ties of created_at).
  // The newest `limit` messages of the branch shown (walked up from its leaf).
  activeBranch: db.prepare<{ conversation: string; limit: number }, BranchRow>(
    `WITH RECURSIVE branch (id, depth) AS (
       SELECT active_leaf_id, 0 FROM conversations WHERE id = @conversation AND active_leaf_id IS NOT NULL
       UNION ALL
       SELECT m.parent_id, b.depth + 1 FROM messages m JOIN branch b ON m.id = b.id
       WHERE m.parent_id IS NOT NULL AND b.depth + 1 < @limit
     )
     SELECT ${qualifiedColumns},
       (SELECT count(*) FROM messages s
        WHERE s.conversation_id = m.conversation_id AND s.parent_id IS m.parent_id
          AND (s.created_at < m.created_at OR (s.created_at = m.created_at AND s.rowid < m.rowid))) AS version_index,
       (SELECT count(*) FROM messages s
        WHERE s.conversation_id = m.conversation_id AND s.parent_id IS m.parent_id) AS version_count,
       (SELECT count(DISTINCT coalesce(s.backend_id, '') || ' ' || coalesce(s.model, '')) FROM messages s
        WHERE s.conversation_id = m.conversation_id AND s.parent_id IS m.parent_id) AS version_models
     FROM branch b JOIN messages m ON m.id = b.id
     WHERE m.conversation_id = @conversation
     ORDER BY b.depth DESC`,
  ),
  // Walks up from one message: the history an answer to it (or a version of it) is written from.
  pathTo: db.prepare<{ id: string }, MessageRow>(
    `WITH RECURSIVE up (id, depth) AS (
       SELECT @id, 0
       UNION ALL
       SELECT m.parent_id, u.depth + 1 FROM messages m JOIN up u ON m.id = u.id
       WHERE m.parent_id IS NOT NULL AND u.depth < 1000000
     )
     SELECT ${qualifiedColumns} FROM up u JOIN messages m ON m.id = u.id ORDER BY u.depth DESC`,
  ),
  siblings: db.prepare<{ conversation: string; parent: string | null }, { id: string }>(
    `SELECT id FROM messages WHERE conversation_id = @conversation AND parent_id IS @parent
     ORDER BY created_at, rowid`,
  ),
  answersTo: db.prepare<{ conversation: string; parent: string }, MessageRow>(
    `SELECT ${columns} FROM messages
     WHERE conversation_id = @conversation AND parent_id = @parent AND role = 'assistant'
     ORDER BY created_at, rowid`,
  ),
  hasChildren: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM messages WHERE parent_id = ? LIMIT 1'),
  // The message under `start` (itself included) that was shown or written most recently; deeper
  // wins a tie, so a question and the answer stored with it lead to the answer.
  latestBelow: db.prepare<{ start: string }, { id: string }>(
    `WITH RECURSIVE below (id, depth) AS (
       SELECT @start, 0
       UNION ALL
       SELECT m.id, b.depth + 1 FROM messages m JOIN below b ON m.parent_id = b.id WHERE b.depth < 1000000
     )
     SELECT m.id FROM below b JOIN messages m ON m.id = b.id
     ORDER BY max(coalesce(m.active_at, 0), m.updated_at) DESC, b.depth DESC, m.rowid DESC
     LIMIT 1`,
  ),
  latestChild: db.prepare<[string], { id: string }>(
    `SELECT id FROM messages WHERE parent_id = ?
     ORDER BY max(coalesce(active_at, 0), updated_at) DESC, rowid DESC LIMIT 1`,
  ),
  resume: db.prepare<{ id: string; now: number }>(
    `UPDATE messages SET status = 'streaming', error_json = NULL, updated_at = @now
     WHERE id = @id AND role = 'assistant' AND status <> 'streaming'`,
  ),
  // Every branch of a conversation, as stored: what an export writes out.
  inConversation: db.prepare<[string], MessageRow>(
    `SELECT ${columns} FROM messages WHERE conversation_id = ? ORDER BY created_at, rowid`,
  ),
  interrupt: db.prepare<[number]>(
    "UPDATE messages SET status = 'interrupted', updated_at = ? WHERE status = 'streaming'",
  ),
}));

const insertTransaction = perDatabase((db) => {
  const s = statements(db);
  return db.transaction((input: NewMessage): MessageRow => {
    // The foreign key only proves the parent exists; a branch must also stay in one conversation.
    if (input.parentId !== null) {
      const parent = s.conversationOf.get(input.parentId);
      if (parent && parent.conversation_id !== input.conversationId) {
        throw new Error(`Parent message ${input.parentId} is not in conversation ${input.conversationId}`);
      }
    }
    const id = asMessageId(randomUUID());
    s.insert.run(
      messageRowOf({
        id,
        conversationId: input.conversationId,
        parentId: input.parentId,
        role: input.role,
        content: input.content,
        reasoning: '',
        status: input.status,
        error: null,
        backendId: input.backendId,
        model: input.model,
        params: input.params,
        metrics: noMetrics,
        createdAt: input.now,
        updatedAt: input.now,
        // A new message is the leaf shown from now on.
        activeAt: input.now,
      }),
    );
    s.makeLeaf.run(id, input.now, input.conversationId);
    const row = s.get.get(id);
    if (!row) throw new Error(`Message ${id} vanished right after insert`);
    return row;
  });
});

function toMessage(row: MessageRow | BranchRow): Message {
  const message = messageOf(row);
  if ('version_count' in row) {
    message.versions = { index: row.version_index, count: row.version_count };
    if (row.version_models > 1) message.versions.models = row.version_models;
  }
  return message;
}

/** Inserts the message and makes it the conversation's active leaf, in one transaction. */
export function insertMessage(db: Db, input: NewMessage): Message {
  return toMessage(insertTransaction(db)(input));
}

/** The answer is written without tools ("Send without tools"); Continue goes on the same way. */
export function markSentWithoutTools(db: Db, id: MessageId): void {
  statements(db).markWithoutTools.run(id);
}

/** Whether the answer was written without tools (false for a message that is gone). */
export function sentWithoutTools(db: Db, id: MessageId): boolean {
  return statements(db).withoutTools.get(id)?.without_tools === 1;
}

/** Appends a batch of streamed text in one statement; the text so far is never re-sent. */
export function appendMessageText(
  db: Db,
  id: MessageId,
  text: { content: string; reasoning: string },
  now: number,
): void {
  if (text.content === '' && text.reasoning === '') return;
  statements(db).append.run({ id, content: text.content, reasoning: text.reasoning, now });
}

/** The text stored so far was the model's reasoning after all (a stream that showed only `</think>`). */
export function moveContentToReasoning(db: Db, id: MessageId, now: number): void {
  statements(db).reclassify.run({ id, now });
}

export function finishMessage(db: Db, id: MessageId, end: MessageEnd, now: number): void {
  statements(db).finish.run({ id, ...endColumns(end), now });
}

export function getMessage(db: Db, id: MessageId): Message | null {
  const row = statements(db).get.get(id);
  return row ? toMessage(row) : null;
}

/** The path from the root to the active leaf, root first, each with its place among its versions; empty for a conversation without messages. */
/** The branch shown, root first; a guard against a cycle in a hand-edited file caps its length. */
export function activeBranch(db: Db, conversationId: ConversationId): Message[] {
  return branchRows(db, conversationId, 1_000_000);
}

/**
 * The last `count` messages of the branch shown, oldest first, and whether older ones precede
 * them: a long conversation opens from its end without reading all of it first.
 */
export function activeBranchTail(
  db: Db,
  conversationId: ConversationId,
  count: number,
): { messages: Message[]; earlier: boolean } {
  const rows = branchRows(db, conversationId, count + 1);
  return rows.length > count ? { messages: rows.slice(1), earlier: true } : { messages: rows, earlier: false };
}

function branchRows(db: Db, conversationId: ConversationId, limit: number): Message[] {
  const messages = statements(db).activeBranch.all({ conversation: conversationId, limit }).map(toMessage);
  return withToolCalls(db, withAttachmentMeta(db, messages));
}

/** The path from the root to `id` (included), root first; empty when there is no such message. */
export function pathTo(db: Db, id: MessageId): Message[] {
  return statements(db).pathTo.all({ id }).map(toMessage);
}

/** The versions of a message (itself among them): the messages under the same parent, oldest first. */
export function versionsOf(db: Db, message: Pick<Message, 'conversationId' | 'parentId'>): MessageId[] {
  return statements(db)
    .siblings.all({ conversation: message.conversationId, parent: message.parentId })
    .map((r) => asMessageId(r.id));
}

/** The answers to a user message (its versions), oldest first, each with its place among them and its tool calls. */
export function answersTo(db: Db, conversationId: ConversationId, questionId: MessageId): Message[] {
  const rows = statements(db).answersTo.all({ conversation: conversationId, parent: questionId });
  const models = new Set(rows.map((r) => `${r.backend_id ?? ''} ${r.model ?? ''}`)).size;
  const answers = rows.map((row, index) => {
    const message = messageOf(row);
    message.versions = { index, count: rows.length, ...(models > 1 ? { models } : {}) };
    return message;
  });
  return withToolCalls(db, answers);
}

export function hasReplies(db: Db, id: MessageId): boolean {
  return statements(db).hasChildren.get(id) !== undefined;
}

/**
 * The leaf a branch through `id` ends at: below `id`, the path to the message shown or written most
 * recently, so going back to a version shows what followed it as the user last saw it.
 */
export function leafBelow(db: Db, id: MessageId): MessageId {
  const s = statements(db);
  let leaf = s.latestBelow.get({ start: id })?.id ?? id;
  // A guard against a cycle in a hand-edited file; a real branch ends long before.
  for (let step = 0; step < 1_000_000; step++) {
    const next = s.latestChild.get(leaf);
    if (!next) break;
    leaf = next.id;
  }
  return asMessageId(leaf);
}

const showTransaction = perDatabase((db) => {
  const s = statements(db);
  return db.transaction((conversationId: ConversationId, through: MessageId, now: number): MessageId => {
    const leaf = leafBelow(db, through);
    if (s.showLeaf.run({ conversation: conversationId, leaf }).changes === 0) {
      throw new Error(`Message ${through} is not in conversation ${conversationId}`);
    }
    s.markShown.run(now, leaf);
    return leaf;
  });
});

/**
 * Makes the branch passing through `through` the conversation's shown one (ending at leafBelow) and
 * remembers when, without reordering the conversation list. Throws when the message is not in it.
 */
export function showBranchThrough(db: Db, conversationId: ConversationId, through: MessageId, now: number): MessageId {
  return showTransaction(db)(conversationId, through, now);
}

/** A cut answer streams again: `streaming`, its error cleared, its text kept. False when it is not an answer or already streaming. */
export function resumeMessage(db: Db, id: MessageId, now: number): boolean {
  return statements(db).resume.run({ id, now }).changes > 0;
}

/** Rows still streaming at startup were cut off by a crash or a kill; their text is kept. */
export function markStreamingInterrupted(db: Db, now: number): number {
  return statements(db).interrupt.run(now).changes;
}

/** Every message of every branch, oldest first, with all it stores: what an export writes out. */
export function conversationMessages(db: Db, conversationId: ConversationId): StoredMessage[] {
  return statements(db).inConversation.all(conversationId).map(storedMessageOf);
}

/** Stores a message as given, its own id and times kept (an import); it changes no conversation's leaf. */
export function insertStoredMessage(db: Db, message: StoredMessage): void {
  statements(db).insert.run(messageRowOf(message));
}

/** The conversation a message belongs to; null when there is no such message. */
export function conversationOfMessage(db: Db, id: MessageId): ConversationId | null {
  const row = statements(db).conversationOf.get(id);
  return row ? asConversationId(row.conversation_id) : null;
}
