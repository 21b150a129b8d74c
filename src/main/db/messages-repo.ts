// Message rows: the tree of turns (parent_id), text appended while a reply streams, the final
// status with its metrics, and recovery of replies a crash cut off.
import { randomUUID } from 'node:crypto';
import { isChatError, type ChatError } from '../../shared/chat-error';
import type { GenerationParams, Message, MessageMetrics, MessageRole, MessageStatus } from '../../shared/domain';
import {
  asBackendId,
  asConversationId,
  asMessageId,
  type BackendId,
  type ConversationId,
  type MessageId,
} from '../../shared/ids';
import { withAttachmentMeta } from './attachments-repo';
import type { Db } from './open-database';
import { perDatabase } from './statement-cache';

interface MessageRow {
  id: string;
  conversation_id: string;
  parent_id: string | null;
  role: MessageRole;
  content: string;
  reasoning: string;
  status: MessageStatus;
  error_json: string | null;
  backend_id: string | null;
  model: string | null;
  params_json: string;
  ttft_ms: number | null;
  tokens_per_second: number | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  finish_reason: string | null;
  reasoning_ms: number | null;
  created_at: number;
  updated_at: number;
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

export interface MessageEnd {
  status: Exclude<MessageStatus, 'streaming'>;
  error: ChatError | null;
  metrics: MessageMetrics;
}

const columns =
  'id, conversation_id, parent_id, role, content, reasoning, status, error_json, backend_id, model, params_json, ' +
  'ttft_ms, tokens_per_second, prompt_tokens, completion_tokens, finish_reason, reasoning_ms, created_at, updated_at';

const qualifiedColumns = columns
  .split(', ')
  .map((c) => `m.${c}`)
  .join(', ');

const statements = perDatabase((db) => ({
  insert: db.prepare<{
    id: string;
    conversation_id: string;
    parent_id: string | null;
    role: MessageRole;
    content: string;
    status: MessageStatus;
    backend_id: string | null;
    model: string | null;
    params_json: string;
    now: number;
  }>(
    `INSERT INTO messages
       (id, conversation_id, parent_id, role, content, status, backend_id, model, params_json, created_at, updated_at)
     VALUES (@id, @conversation_id, @parent_id, @role, @content, @status, @backend_id, @model, @params_json, @now, @now)`,
  ),
  conversationOf: db.prepare<[string], { conversation_id: string }>(
    'SELECT conversation_id FROM messages WHERE id = ?',
  ),
  makeLeaf: db.prepare<[string, number, string]>(
    'UPDATE conversations SET active_leaf_id = ?, updated_at = ? WHERE id = ?',
  ),
  append: db.prepare<{ id: string; content: string; reasoning: string; now: number }>(
    `UPDATE messages SET content = content || @content, reasoning = reasoning || @reasoning, updated_at = @now
     WHERE id = @id`,
  ),
  reclassify: db.prepare<{ id: string; now: number }>(
    `UPDATE messages SET reasoning = reasoning || content, content = '', updated_at = @now WHERE id = @id`,
  ),
  finish: db.prepare<{
    id: string;
    status: MessageStatus;
    error_json: string | null;
    ttft_ms: number | null;
    tokens_per_second: number | null;
    prompt_tokens: number | null;
    completion_tokens: number | null;
    finish_reason: string | null;
    reasoning_ms: number | null;
    now: number;
  }>(
    `UPDATE messages SET status = @status, error_json = @error_json, ttft_ms = @ttft_ms,
       tokens_per_second = @tokens_per_second, prompt_tokens = @prompt_tokens,
       completion_tokens = @completion_tokens, finish_reason = @finish_reason, reasoning_ms = @reasoning_ms,
       updated_at = @now
     WHERE id = @id`,
  ),
  get: db.prepare<[string], MessageRow>(`SELECT ${columns} FROM messages WHERE id = ?`),
  // Walks up from the active leaf; depth orders the path, root first. The depth cap only guards
  // against a cycle, which the API cannot create but a hand-edited file could.
  activeBranch: db.prepare<{ conversation: string }, MessageRow>(
    `WITH RECURSIVE branch (id, depth) AS (
       SELECT active_leaf_id, 0 FROM conversations WHERE id = @conversation AND active_leaf_id IS NOT NULL
       UNION ALL
       SELECT m.parent_id, b.depth + 1 FROM messages m JOIN branch b ON m.id = b.id
       WHERE m.parent_id IS NOT NULL AND b.depth < 1000000
     )
     SELECT ${qualifiedColumns}
     FROM branch b JOIN messages m ON m.id = b.id
     WHERE m.conversation_id = @conversation
     ORDER BY b.depth DESC`,
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
    const id = randomUUID();
    s.insert.run({
      id,
      conversation_id: input.conversationId,
      parent_id: input.parentId,
      role: input.role,
      content: input.content,
      status: input.status,
      backend_id: input.backendId,
      model: input.model,
      params_json: JSON.stringify(input.params),
      now: input.now,
    });
    s.makeLeaf.run(id, input.now, input.conversationId);
    const row = s.get.get(id);
    if (!row) throw new Error(`Message ${id} vanished right after insert`);
    return row;
  });
});

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** A stored error that no longer parses or no longer fits ChatError reads as no error. */
function parseError(text: string | null): ChatError | null {
  const value = parseJson(text);
  return isChatError(value) ? value : null;
}

const paramKeys = ['temperature', 'topP', 'maxTokens', 'seed'] as const satisfies readonly (keyof GenerationParams)[];

/** Keeps only the known numeric parameters, so a damaged value reads as defaults. */
function parseParams(text: string): GenerationParams {
  const value = parseJson(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const source = value as Record<string, unknown>;
  const params: GenerationParams = {};
  for (const key of paramKeys) {
    const v = source[key];
    if (typeof v === 'number' && Number.isFinite(v)) params[key] = v;
  }
  return params;
}

function toMessage(row: MessageRow): Message {
  return {
    id: asMessageId(row.id),
    conversationId: asConversationId(row.conversation_id),
    parentId: row.parent_id === null ? null : asMessageId(row.parent_id),
    role: row.role,
    content: row.content,
    reasoning: row.reasoning,
    status: row.status,
    error: parseError(row.error_json),
    backendId: row.backend_id === null ? null : asBackendId(row.backend_id),
    model: row.model,
    params: parseParams(row.params_json),
    metrics: {
      ttftMs: row.ttft_ms,
      tokensPerSecond: row.tokens_per_second,
      promptTokens: row.prompt_tokens,
      completionTokens: row.completion_tokens,
      finishReason: row.finish_reason,
      reasoningMs: row.reasoning_ms,
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Inserts the message and makes it the conversation's active leaf, in one transaction. */
export function insertMessage(db: Db, input: NewMessage): Message {
  return toMessage(insertTransaction(db)(input));
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
  const { metrics } = end;
  statements(db).finish.run({
    id,
    status: end.status,
    error_json: end.error === null ? null : JSON.stringify(end.error),
    ttft_ms: metrics.ttftMs,
    tokens_per_second: metrics.tokensPerSecond,
    prompt_tokens: metrics.promptTokens,
    completion_tokens: metrics.completionTokens,
    finish_reason: metrics.finishReason,
    reasoning_ms: metrics.reasoningMs ?? null,
    now,
  });
}

export function getMessage(db: Db, id: MessageId): Message | null {
  const row = statements(db).get.get(id);
  return row ? toMessage(row) : null;
}

/** The path from the root to the active leaf, root first; empty for a conversation without messages. */
export function activeBranch(db: Db, conversationId: ConversationId): Message[] {
  return withAttachmentMeta(db, statements(db).activeBranch.all({ conversation: conversationId }).map(toMessage));
}

/** Rows still streaming at startup were cut off by a crash or a kill; their text is kept. */
export function markStreamingInterrupted(db: Db, now: number): number {
  return statements(db).interrupt.run(now).changes;
}
