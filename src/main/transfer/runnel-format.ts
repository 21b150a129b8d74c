// Runnel's own export format, version 1: a header naming the format and version, then every
// conversation with its whole message tree (all branches), every field needed to import it again
// unchanged. This file says what the records are, makes them from stored rows, and checks them
// strictly when they come back in: an import file is untrusted input.
import { isChatError, type ChatError } from '../../shared/chat-error';
import { messageRoles, messageStatuses } from '../../shared/domain';
import { asBackendId, asConversationId, asMessageId } from '../../shared/ids';
import {
  array,
  boolean,
  id,
  literal,
  nullable,
  number,
  object,
  optional,
  SchemaError,
  string,
  type Infer,
  type Schema,
} from '../../shared/validate';
import type { AttachmentFile } from '../db/history/attachments-repo';
import type { StoredConversation } from '../db/history/conversations-repo';
import type { StoredMessage } from '../db/history/message-row';
import type { ImportedAttachment, ImportedConversation, ImportedMessage } from './imported-conversation';
import { newestLeaf, orderParentsFirst } from './tree-order';

export const runnelFormat = 'runnel.conversations';
export const runnelFormatVersion = 1;

export interface RunnelFileHeader {
  format: typeof runnelFormat;
  version: number;
  exportedAt: string;
  app: { name: 'Runnel'; version: string };
}

export const limits = {
  titleChars: 10_000,
  textChars: 50_000_000,
  messagesPerConversation: 200_000,
  attachmentsPerMessage: 100,
  attachmentBytes: 64 * 1024 * 1024,
};

const time = number({ min: 0, max: 8.64e15, integer: true });
const count = nullable(number({ min: 0, max: 1e15 }));
const shortText = nullable(string({ max: 500 }));

const chatErrorSchema: Schema<ChatError> = (v, path = '') => {
  if (!isChatError(v)) throw new SchemaError(path, 'an error with code, message and retryable');
  const e = v as ChatError & Record<string, unknown>;
  const out: ChatError = {
    code: e.code,
    message: string({ max: 100_000 })(e.message, `${path}.message`),
    retryable: e.retryable,
  };
  if (typeof e.status === 'number' && Number.isInteger(e.status)) out.status = e.status;
  if (typeof e.retryAfterMs === 'number' && Number.isFinite(e.retryAfterMs)) out.retryAfterMs = e.retryAfterMs;
  return out;
};

const paramsSchema = object({
  temperature: optional(number({ min: 0, max: 5 })),
  topP: optional(number({ min: 0, max: 1 })),
  maxTokens: optional(number({ min: 1, max: 10_000_000, integer: true })),
  seed: optional(number({ integer: true })),
});

const metricsSchema = object({
  ttftMs: count,
  tokensPerSecond: count,
  promptTokens: count,
  completionTokens: count,
  finishReason: shortText,
});

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

const attachmentSchema = object({
  id: id(),
  kind: literal(['image', 'text']),
  name: string({ min: 1, max: 1000 }),
  mime: string({ min: 1, max: 200 }),
  size: number({ min: 0, max: limits.attachmentBytes, integer: true }),
  data: string({ max: Math.ceil(limits.attachmentBytes / 3) * 4 }),
  createdAt: time,
});

const messageSchema = object({
  id: id(),
  parentId: nullable(id()),
  role: literal(messageRoles),
  content: string({ max: limits.textChars }),
  reasoning: string({ max: limits.textChars }),
  status: literal(messageStatuses),
  error: nullable(chatErrorSchema),
  backendId: nullable(id()),
  model: shortText,
  params: paramsSchema,
  metrics: metricsSchema,
  createdAt: time,
  updatedAt: time,
  /** When this message last became the shown leaf. */
  activeAt: optional(nullable(time)),
  /** How long the model thought before answering, in ms. */
  reasoningMs: optional(count),
  attachments: optional(array(attachmentSchema, { max: limits.attachmentsPerMessage })),
});

const conversationSchema = object({
  id: id(),
  title: string({ max: limits.titleChars }),
  backendId: nullable(id()),
  model: shortText,
  pinned: optional(boolean()),
  systemPrompt: optional(string({ max: limits.textChars })),
  params: optional(paramsSchema),
  createdAt: time,
  updatedAt: time,
  /** The message the shown branch ends at. */
  activeLeafId: nullable(id()),
  /** Every message of every branch, parents before children. */
  messages: array(messageSchema, { max: limits.messagesPerConversation }),
});

/** The bytes are base64 text. */
export type RunnelAttachmentRecord = Infer<typeof attachmentSchema>;
export type RunnelMessageRecord = Infer<typeof messageSchema>;
export type RunnelConversationRecord = Infer<typeof conversationSchema>;

/** The file's `format` and `version` fields: throws a sentence for the user when they do not fit. */
export function checkRunnelHeader(format: unknown, version: unknown): void {
  if (format !== runnelFormat)
    throw new Error('This is not a Runnel export (its "format" field is missing or different).');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new Error('This Runnel export has no valid "version" field.');
  }
  if (version > runnelFormatVersion) {
    throw new Error(
      `This export was made by a newer Runnel (format version ${version}; this Runnel reads up to ${runnelFormatVersion}). Update Runnel to import it.`,
    );
  }
}

/** Checks one conversation of a Runnel file; throws SchemaError (with the failing path) or a TreeError. */
export function parseRunnelConversation(value: unknown): ImportedConversation {
  const record = conversationSchema(value);
  const messages = record.messages.map((m, i): ImportedMessage => ({
    id: asMessageId(m.id),
    parentId: m.parentId === null ? null : asMessageId(m.parentId),
    role: m.role,
    content: m.content,
    reasoning: m.reasoning,
    // Nothing streams into an imported message: one saved mid-answer was cut off.
    status: m.status === 'streaming' ? 'interrupted' : m.status,
    error: m.error,
    backendId: m.backendId === null ? null : asBackendId(m.backendId),
    model: m.model,
    params: m.params,
    metrics: { ...m.metrics, reasoningMs: m.reasoningMs ?? null },
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    activeAt: m.activeAt ?? null,
    attachments: (m.attachments ?? []).map((a, j) => decodeAttachment(a, `messages[${i}].attachments[${j}]`)),
  }));
  const ordered = orderParentsFirst(messages);
  if (record.activeLeafId !== null && !messages.some((m) => m.id === record.activeLeafId)) {
    throw new SchemaError('activeLeafId', "the id of one of this conversation's messages");
  }
  return {
    id: asConversationId(record.id),
    title: record.title,
    backendId: record.backendId === null ? null : asBackendId(record.backendId),
    model: record.model,
    pinned: record.pinned ?? false,
    systemPrompt: record.systemPrompt ?? '',
    params: record.params ?? {},
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    activeLeafId: record.activeLeafId === null ? (newestLeaf(ordered)?.id ?? null) : asMessageId(record.activeLeafId),
    messages: ordered,
  };
}

function decodeAttachment(a: ReturnType<typeof attachmentSchema>, path: string): ImportedAttachment {
  if (a.data.length % 4 !== 0 || !base64.test(a.data)) throw new SchemaError(`${path}.data`, 'base64 text');
  const data = Buffer.from(a.data, 'base64');
  if (data.length !== a.size) throw new SchemaError(`${path}.size`, `the size of its data (${data.length} bytes)`);
  return { id: a.id, kind: a.kind, name: a.name, mime: a.mime, data, createdAt: a.createdAt };
}

/** A stored conversation as the file records it, its messages in the order given. */
export function runnelConversationRecord(
  c: StoredConversation,
  messages: RunnelMessageRecord[],
): RunnelConversationRecord {
  return {
    id: c.id,
    title: c.title,
    backendId: c.backendId,
    model: c.model,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    activeLeafId: c.activeLeafId,
    messages,
    pinned: c.pinned,
    systemPrompt: c.systemPrompt,
    params: c.params,
  };
}

/** A stored message as the file records it (metrics without the reasoning time, which has its own field). */
export function runnelMessageRecord(m: StoredMessage, files: readonly AttachmentFile[] = []): RunnelMessageRecord {
  const { ttftMs, tokensPerSecond, promptTokens, completionTokens, finishReason } = m.metrics;
  const record: RunnelMessageRecord = {
    id: m.id,
    parentId: m.parentId,
    role: m.role,
    content: m.content,
    reasoning: m.reasoning,
    status: m.status,
    error: m.error,
    backendId: m.backendId,
    model: m.model,
    params: m.params,
    metrics: { ttftMs, tokensPerSecond, promptTokens, completionTokens, finishReason },
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    activeAt: m.activeAt,
    reasoningMs: m.metrics.reasoningMs ?? null,
  };
  if (files.length > 0) record.attachments = files.map(encodeAttachment);
  return record;
}

function encodeAttachment(a: AttachmentFile): RunnelAttachmentRecord {
  return {
    id: a.id,
    kind: a.kind,
    name: a.name,
    mime: a.mime,
    size: a.data.length,
    data: a.data.toString('base64'),
    createdAt: a.createdAt,
  };
}
