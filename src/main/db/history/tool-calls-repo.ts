// Tool-call rows: each call of an answer in order (round, then its place in the round), its
// approval and its result. Read for whole branches at once, like attachments, or a whole
// conversation's for export, and written back as stored on import; a call that was waiting or
// running when the app stopped is marked cancelled at the next start, never run again.
import { randomUUID } from 'node:crypto';
import type { ConversationId, MessageId } from '../../../shared/ids';
import { toolCallStatuses, type ToolCallRecord, type ToolCallStatus } from '../../../shared/tools';
import type { Db } from '../db';
import { conversationToolImages, insertToolImageFile, toolImageMetaFor, type AttachmentFile } from './attachments-repo';
import { perDatabase } from '../statement-cache';

/** A call as the loop stores it, plus what the model used to name it (echoed back to the model). */
export interface StoredToolCall extends ToolCallRecord {
  wireId: string;
  wireName: string;
  /**
   * On a round's first call: the provider's own blocks that must go back unchanged with the
   * round's calls (Anthropic's signed thinking), as JSON text; '' when there are none.
   */
  replay: string;
}

/** Every column of a row, and the images the tool returned: what an export writes and an import puts back. */
export interface ToolCallRow extends Omit<StoredToolCall, 'images'> {
  createdAt: number;
  /** The images the tool returned, bytes included. */
  imageFiles?: AttachmentFile[];
}

interface Row {
  id: string;
  message_id: string;
  round: number;
  position: number;
  call_index: number;
  wire_id: string;
  wire_name: string;
  server_id: string | null;
  server_name: string;
  tool_name: string;
  description: string;
  read_only: number;
  destructive: number;
  arguments: string;
  status: string;
  result: string;
  result_truncated: number;
  started_at: number | null;
  ended_at: number | null;
  created_at: number;
  replay: string;
}

const statusOf = (s: string): ToolCallStatus =>
  (toolCallStatuses as readonly string[]).includes(s) ? (s as ToolCallStatus) : 'cancelled';

function callOf(r: Row): StoredToolCall {
  return {
    id: r.id,
    messageId: r.message_id as MessageId,
    round: r.round,
    position: r.position,
    index: r.call_index,
    wireId: r.wire_id,
    wireName: r.wire_name,
    serverId: r.server_id,
    serverName: r.server_name,
    toolName: r.tool_name,
    description: r.description,
    readOnly: r.read_only === 1,
    destructive: r.destructive === 1,
    arguments: r.arguments,
    status: statusOf(r.status),
    result: r.result,
    resultTruncated: r.result_truncated === 1,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    replay: r.replay,
  };
}

const statements = perDatabase((db) => ({
  insert: db.prepare<Row>(
    `INSERT INTO tool_calls (id, message_id, round, position, call_index, wire_id, wire_name, server_id,
       server_name, tool_name, description, read_only, destructive, arguments, status, result,
       result_truncated, started_at, ended_at, created_at, replay)
     VALUES (@id, @message_id, @round, @position, @call_index, @wire_id, @wire_name, @server_id,
       @server_name, @tool_name, @description, @read_only, @destructive, @arguments, @status, @result,
       @result_truncated, @started_at, @ended_at, @created_at, @replay)`,
  ),
  update: db.prepare<{
    id: string;
    status: string;
    result: string;
    result_truncated: number;
    started_at: number | null;
    ended_at: number | null;
  }>(
    `UPDATE tool_calls SET status = @status, result = @result, result_truncated = @result_truncated,
       started_at = @started_at, ended_at = @ended_at WHERE id = @id`,
  ),
  ofMessage: db.prepare<[string], Row>(`SELECT * FROM tool_calls WHERE message_id = ? ORDER BY round, call_index`),
  // json_each takes the whole id list as one bound parameter, however long the branch.
  ofMessages: db.prepare<[string], Row>(
    `SELECT * FROM tool_calls WHERE message_id IN (SELECT value FROM json_each(?))
     ORDER BY message_id, round, call_index`,
  ),
  one: db.prepare<[string], Row>(`SELECT * FROM tool_calls WHERE id = ?`),
  inConversation: db.prepare<[string], Row>(
    `SELECT t.* FROM tool_calls t JOIN messages m ON m.id = t.message_id
     WHERE m.conversation_id = ? ORDER BY t.message_id, t.round, t.call_index`,
  ),
  owner: db.prepare<[string], { message_id: string }>(`SELECT message_id FROM tool_calls WHERE id = ?`),
  nextRound: db.prepare<[string], { n: number }>(
    `SELECT coalesce(max(round) + 1, 0) AS n FROM tool_calls WHERE message_id = ?`,
  ),
  interrupt: db.prepare<[number]>(
    `UPDATE tool_calls SET status = 'cancelled', ended_at = ? WHERE status IN ('awaiting-approval', 'running')`,
  ),
  allowed: db.prepare<{ scope: string; server_id: string; tool_name: string }, { n: number }>(
    `SELECT count(*) AS n FROM tool_permissions
     WHERE scope IN ('', @scope) AND server_id = @server_id AND tool_name = @tool_name`,
  ),
  allow: db.prepare<{ scope: string; server_id: string; tool_name: string; created_at: number }>(
    `INSERT OR IGNORE INTO tool_permissions (scope, server_id, tool_name, created_at)
     VALUES (@scope, @server_id, @tool_name, @created_at)`,
  ),
}));

export type NewToolCall = Omit<
  StoredToolCall,
  'id' | 'status' | 'result' | 'resultTruncated' | 'startedAt' | 'endedAt' | 'replay' | 'images'
> & {
  status: ToolCallStatus;
  replay?: string;
};

const rowOf = (call: Omit<ToolCallRow, 'imageFiles'>): Row => ({
  id: call.id,
  message_id: call.messageId,
  round: call.round,
  position: call.position,
  call_index: call.index,
  wire_id: call.wireId,
  wire_name: call.wireName,
  server_id: call.serverId,
  server_name: call.serverName,
  tool_name: call.toolName,
  description: call.description,
  read_only: call.readOnly ? 1 : 0,
  destructive: call.destructive ? 1 : 0,
  arguments: call.arguments,
  status: call.status,
  result: call.result,
  result_truncated: call.resultTruncated ? 1 : 0,
  started_at: call.startedAt,
  ended_at: call.endedAt,
  created_at: call.createdAt,
  replay: call.replay,
});

export function insertToolCall(db: Db, call: NewToolCall, now: number): StoredToolCall {
  const stored = {
    ...call,
    id: randomUUID(),
    result: '',
    resultTruncated: false,
    startedAt: null,
    endedAt: null,
    replay: call.replay ?? '',
  };
  statements(db).insert.run(rowOf({ ...stored, createdAt: now }));
  return stored;
}

/** Writes the call's new state; returns it as stored. */
export function updateToolCall(
  db: Db,
  call: StoredToolCall,
  change: Partial<Pick<StoredToolCall, 'status' | 'result' | 'resultTruncated' | 'startedAt' | 'endedAt' | 'images'>>,
): StoredToolCall {
  const next = { ...call, ...change };
  statements(db).update.run({
    id: next.id,
    status: next.status,
    result: next.result,
    result_truncated: next.resultTruncated ? 1 : 0,
    started_at: next.startedAt,
    ended_at: next.endedAt,
  });
  return next;
}

export function toolCallsOf(db: Db, messageId: MessageId): StoredToolCall[] {
  return statements(db).ofMessage.all(messageId).map(callOf);
}

/** The calls of several messages at once (a branch), by message. */
export function toolCallsOfMessages(db: Db, messageIds: readonly MessageId[]): Map<MessageId, StoredToolCall[]> {
  const out = new Map<MessageId, StoredToolCall[]>();
  if (messageIds.length === 0) return out;
  const rows = statements(db).ofMessages.all(JSON.stringify(messageIds));
  // Images are looked up only for a branch that made calls (most make none).
  const images = rows.length
    ? toolImageMetaFor(db, [...new Set(rows.map((r) => r.message_id as MessageId))])
    : new Map();
  for (const row of rows) {
    const found = images.get(row.id);
    const call = found ? { ...callOf(row), images: found } : callOf(row);
    out.set(call.messageId, [...(out.get(call.messageId) ?? []), call]);
  }
  return out;
}

/** The calls as the renderer sees them: without the names the model used. */
export const toolCallRecord = ({
  wireId: _wireId,
  wireName: _wireName,
  replay: _replay,
  ...record
}: StoredToolCall): ToolCallRecord => record;

/** Messages with their tool calls attached (as records), for a branch read. */
export function withToolCalls<M extends { id: MessageId; toolCalls?: ToolCallRecord[] }>(db: Db, messages: M[]): M[] {
  const calls = toolCallsOfMessages(
    db,
    messages.map((m) => m.id),
  );
  if (calls.size === 0) return messages;
  return messages.map((m) => {
    const list = calls.get(m.id);
    return list ? { ...m, toolCalls: list.map(toolCallRecord) } : m;
  });
}

/** Every call of every message of a conversation, by message, with all it stores: what an export writes out. */
export function conversationToolCalls(db: Db, conversationId: ConversationId): Map<MessageId, ToolCallRow[]> {
  const out = new Map<MessageId, ToolCallRow[]>();
  const images = conversationToolImages(db, conversationId);
  for (const row of statements(db).inConversation.all(conversationId)) {
    const files = images.get(row.id);
    const call: ToolCallRow = { ...callOf(row), createdAt: row.created_at, ...(files ? { imageFiles: files } : {}) };
    const list = out.get(call.messageId) ?? [];
    list.push(call);
    out.set(call.messageId, list);
  }
  return out;
}

/** Stores a call as given, its own id and times kept, with its images (an import). */
export function insertStoredToolCall(db: Db, call: ToolCallRow): void {
  statements(db).insert.run(rowOf(call));
  for (const image of call.imageFiles ?? []) insertToolImageFile(db, call.messageId, call.id, image);
}

/** The message a call belongs to; null when there is no call with this id. */
export function toolCallOwner(db: Db, id: string): MessageId | null {
  return (statements(db).owner.get(id)?.message_id as MessageId | undefined) ?? null;
}

/** The round a continued answer's next request makes: one after the last it stored, 0 when it made no calls. */
export function nextToolRound(db: Db, messageId: MessageId): number {
  return statements(db).nextRound.get(messageId)!.n;
}

export function getToolCall(db: Db, id: string): StoredToolCall | null {
  const row = statements(db).one.get(id);
  return row ? callOf(row) : null;
}

/** At start: calls that were waiting for the user or running when the app stopped are not resumed. */
export function cancelUnfinishedToolCalls(db: Db, now: number): number {
  return statements(db).interrupt.run(now).changes;
}

/** Whether the user allowed this tool of this server always, or in this conversation. */
export function toolAllowed(db: Db, conversationId: string, serverId: string, toolName: string): boolean {
  return statements(db).allowed.get({ scope: conversationId, server_id: serverId, tool_name: toolName })!.n > 0;
}

/** `conversationId` null: always. */
export function allowTool(
  db: Db,
  conversationId: string | null,
  serverId: string,
  toolName: string,
  now: number,
): void {
  statements(db).allow.run({ scope: conversationId ?? '', server_id: serverId, tool_name: toolName, created_at: now });
}
