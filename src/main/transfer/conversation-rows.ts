// Reads whole conversations for export: the conversation row, every message of every branch, and
// the attachments' bytes, straight from the tables (the repositories read one branch at a time).
// Columns added by later schema steps are read where the database has them.
import type { MessageRole, MessageStatus } from '../../shared/domain';
import type { Db } from '../db/open-database';
import { perDatabase } from '../db/statement-cache';
import { readError, readParams } from '../db/stored-json';
import type { RunnelAttachmentRecord, RunnelConversationRecord, RunnelMessageRecord } from './runnel-format';
import { tableColumns } from './table-columns';
import { orderParentsFirst } from './tree-order';

interface ConversationRow {
  id: string;
  title: string;
  backend_id: string | null;
  model: string | null;
  active_leaf_id: string | null;
  created_at: number;
  updated_at: number;
  pinned?: number;
  system_prompt?: string;
  params_json?: string;
}

interface MessageRow {
  id: string;
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
  created_at: number;
  updated_at: number;
  active_at?: number | null;
  reasoning_ms?: number | null;
}

interface AttachmentRow {
  id: string;
  message_id: string;
  kind: 'image' | 'text';
  name: string;
  mime: string;
  data: Buffer;
  created_at: number;
}

const present = (have: Set<string>, wanted: string[]): string[] => wanted.filter((c) => have.has(c));

const statements = perDatabase((db) => {
  const conversationColumns = tableColumns(db, 'conversations');
  const messageColumns = tableColumns(db, 'messages');
  // Conversations deleted with undo still pending are on their way out: not exported.
  const live = conversationColumns.has('deleted_at') ? 'WHERE deleted_at IS NULL' : '';
  const convCols = [
    'id, title, backend_id, model, active_leaf_id, created_at, updated_at',
    ...present(conversationColumns, ['pinned', 'system_prompt', 'params_json']),
  ].join(', ');
  const msgCols = [
    'id, parent_id, role, content, reasoning, status, error_json, backend_id, model, params_json, ttft_ms',
    'tokens_per_second, prompt_tokens, completion_tokens, finish_reason, created_at, updated_at',
    ...present(messageColumns, ['active_at', 'reasoning_ms']),
  ].join(', ');
  return {
    ids: db.prepare<[], { id: string }>(`SELECT id FROM conversations ${live} ORDER BY created_at, id`),
    conversation: db.prepare<[string], ConversationRow>(`SELECT ${convCols} FROM conversations WHERE id = ?`),
    messages: db.prepare<[string], MessageRow>(
      `SELECT ${msgCols} FROM messages WHERE conversation_id = ? ORDER BY created_at, rowid`,
    ),
    attachments:
      tableColumns(db, 'attachments').size > 0
        ? db.prepare<[string], AttachmentRow>(
            `SELECT a.id, a.message_id, a.kind, a.name, a.mime, a.data, a.created_at
             FROM attachments a JOIN messages m ON m.id = a.message_id
             WHERE m.conversation_id = ? ORDER BY a.message_id, a.position`,
          )
        : null,
  };
});

/** Every conversation's id, oldest first (not those deleted and waiting for undo). */
export function allConversationIds(db: Db): string[] {
  return statements(db)
    .ids.all()
    .map((r) => r.id);
}

/** One conversation with all its branches, as the export format records it; null when it is gone. */
export function conversationRecord(db: Db, id: string): RunnelConversationRecord | null {
  const s = statements(db);
  const row = s.conversation.get(id);
  if (!row) return null;
  const files = new Map<string, RunnelAttachmentRecord[]>();
  for (const a of s.attachments?.all(id) ?? []) {
    const list = files.get(a.message_id) ?? [];
    list.push({
      id: a.id,
      kind: a.kind,
      name: a.name,
      mime: a.mime,
      size: a.data.length,
      data: a.data.toString('base64'),
      createdAt: a.created_at,
    });
    files.set(a.message_id, list);
  }
  const messages = s.messages.all(id).map((m): RunnelMessageRecord => {
    const record: RunnelMessageRecord = {
      id: m.id,
      parentId: m.parent_id,
      role: m.role,
      content: m.content,
      reasoning: m.reasoning,
      status: m.status,
      error: readError(m.error_json),
      backendId: m.backend_id,
      model: m.model,
      params: readParams(m.params_json),
      metrics: {
        ttftMs: m.ttft_ms,
        tokensPerSecond: m.tokens_per_second,
        promptTokens: m.prompt_tokens,
        completionTokens: m.completion_tokens,
        finishReason: m.finish_reason,
      },
      createdAt: m.created_at,
      updatedAt: m.updated_at,
    };
    if (m.active_at !== undefined) record.activeAt = m.active_at;
    if (m.reasoning_ms !== undefined) record.reasoningMs = m.reasoning_ms;
    const attached = files.get(m.id);
    if (attached) record.attachments = attached;
    return record;
  });
  const record: RunnelConversationRecord = {
    id: row.id,
    title: row.title,
    backendId: row.backend_id,
    model: row.model,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    activeLeafId: row.active_leaf_id,
    messages: parentsFirstOrAsStored(messages),
  };
  if (row.pinned !== undefined) record.pinned = row.pinned === 1;
  if (row.system_prompt !== undefined) record.systemPrompt = row.system_prompt;
  if (row.params_json !== undefined) record.params = readParams(row.params_json);
  return record;
}

/** Parents first, as the format promises; a damaged tree is exported as stored rather than lost. */
function parentsFirstOrAsStored(messages: RunnelMessageRecord[]): RunnelMessageRecord[] {
  try {
    return orderParentsFirst(messages);
  } catch {
    return messages;
  }
}
