// The messages table's row and the message it holds: the one place its columns meet the domain's
// field names, read into a Message or a whole stored message, and written back by every insert.
import type { ChatError } from '../../../shared/chat-error';
import {
  streamTransports,
  type Message,
  type MessageMetrics,
  type MessageRole,
  type MessageStatus,
} from '../../../shared/domain';
import { asBackendId, asConversationId, asMessageId } from '../../../shared/ids';
import { readError, readParams, writeParams } from '../stored-json';

export interface MessageRow {
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
  total_ms: number | null;
  transport: string | null;
  http_version: string | null;
  created_at: number;
  updated_at: number;
  /** When the message last became the shown leaf (versions remember the branch below them). */
  active_at: number | null;
  /** 1 for an answer sent without tools (after a refusal): Continue sends it without them too (step 16). */
  without_tools: number;
}

/** Every column of a message, in domain terms: what export reads and import writes back. */
export interface StoredMessage extends Omit<Message, 'attachments' | 'versions'> {
  activeAt: number | null;
  /** An answer sent without tools; absent or false for every other message. */
  withoutTools?: boolean;
}

/** How a message ended: the columns a finished generation writes. */
export interface MessageEnd {
  status: Exclude<MessageStatus, 'streaming'>;
  error: ChatError | null;
  metrics: MessageMetrics;
}

/** The metrics of a message nothing measured. */
export const noMetrics: MessageMetrics = {
  ttftMs: null,
  tokensPerSecond: null,
  promptTokens: null,
  completionTokens: null,
  finishReason: null,
  reasoningMs: null,
};

const names: readonly (keyof MessageRow)[] = [
  'id',
  'conversation_id',
  'parent_id',
  'role',
  'content',
  'reasoning',
  'status',
  'error_json',
  'backend_id',
  'model',
  'params_json',
  'ttft_ms',
  'tokens_per_second',
  'prompt_tokens',
  'completion_tokens',
  'finish_reason',
  'reasoning_ms',
  'total_ms',
  'transport',
  'http_version',
  'created_at',
  'updated_at',
  'active_at',
  'without_tools',
];

/** The select list of a whole row, optionally qualified by a table alias (`m.id, m.…`). */
export const messageColumns = (alias?: string): string =>
  names.map((name) => (alias ? `${alias}.${name}` : name)).join(', ');

/** An INSERT of a whole row, its values bound by name from messageRowOf. */
export const insertMessageRowSql = `INSERT INTO messages (${messageColumns()}) VALUES (${names.map((n) => `@${n}`).join(', ')})`;

/** The message a row holds; when it was last shown stays behind (storedMessageOf carries it). */
export function messageOf(row: MessageRow): Message {
  return {
    id: asMessageId(row.id),
    conversationId: asConversationId(row.conversation_id),
    parentId: row.parent_id === null ? null : asMessageId(row.parent_id),
    role: row.role,
    content: row.content,
    reasoning: row.reasoning,
    status: row.status,
    error: readError(row.error_json),
    backendId: row.backend_id === null ? null : asBackendId(row.backend_id),
    model: row.model,
    params: readParams(row.params_json),
    metrics: {
      ttftMs: row.ttft_ms,
      tokensPerSecond: row.tokens_per_second,
      promptTokens: row.prompt_tokens,
      completionTokens: row.completion_tokens,
      finishReason: row.finish_reason,
      reasoningMs: row.reasoning_ms,
      ...streamFiguresOf(row),
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The stream's figures, present only when measured (rows from before step 15 have none). */
function streamFiguresOf(row: MessageRow): Pick<MessageMetrics, 'totalMs' | 'transport' | 'httpVersion'> {
  const out: Pick<MessageMetrics, 'totalMs' | 'transport' | 'httpVersion'> = {};
  if (row.total_ms !== null) out.totalMs = row.total_ms;
  const transport = streamTransports.find((t) => t === row.transport);
  if (transport) out.transport = transport;
  if (row.http_version === '1.1' || row.http_version === '2') out.httpVersion = row.http_version;
  return out;
}

export function storedMessageOf(row: MessageRow): StoredMessage {
  return { ...messageOf(row), activeAt: row.active_at, ...(row.without_tools === 1 ? { withoutTools: true } : {}) };
}

/** The columns a message's end sets: its status, its error and its metrics. */
export function endColumns(end: Pick<MessageEnd, 'error' | 'metrics'> & { status: MessageStatus }) {
  const { metrics } = end;
  return {
    status: end.status,
    error_json: end.error === null ? null : JSON.stringify(end.error),
    ttft_ms: metrics.ttftMs,
    tokens_per_second: metrics.tokensPerSecond,
    prompt_tokens: metrics.promptTokens,
    completion_tokens: metrics.completionTokens,
    finish_reason: metrics.finishReason,
    reasoning_ms: metrics.reasoningMs ?? null,
    total_ms: metrics.totalMs ?? null,
    transport: metrics.transport ?? null,
    http_version: metrics.httpVersion ?? null,
  } satisfies Partial<MessageRow>;
}

/** The row that stores `message`, for insertMessageRowSql. */
export function messageRowOf(message: StoredMessage): MessageRow {
  return {
    id: message.id,
    conversation_id: message.conversationId,
    parent_id: message.parentId,
    role: message.role,
    content: message.content,
    reasoning: message.reasoning,
    ...endColumns(message),
    backend_id: message.backendId,
    model: message.model,
    params_json: writeParams(message.params),
    created_at: message.createdAt,
    updated_at: message.updatedAt,
    without_tools: message.withoutTools ? 1 : 0,
    active_at: message.activeAt,
  };
}
