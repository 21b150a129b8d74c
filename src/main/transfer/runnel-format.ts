// Runnel's own export format, version 1: a header naming the format and version, then every
// conversation with its whole message tree (all branches), answers with their tool calls, every
// field needed to import it again unchanged. This file says what the records are, makes them from stored rows, and checks them
// strictly when they come back in: an import file is untrusted input.
import { isChatError, type ChatError } from '../../shared/chat-error';
import { contextOverflowModes } from '../../shared/context-window';
import { messageRoles, messageStatuses, streamTransports } from '../../shared/domain';
import { asBackendId, asConversationId, asMessageId } from '../../shared/ids';
import { sayInvalidInput } from '../../shared/ipc/invalid-input';
import * as z from 'zod';
import type { AttachmentFile } from '../db/history/attachments-repo';
import type { StoredConversation } from '../db/history/conversations-repo';
import type { StoredMessage } from '../db/history/message-row';
import type { ToolCallRow } from '../db/history/tool-calls-repo';
import { toolCallStatuses } from '../../shared/tools';
import type { ImportedAttachment, ImportedConversation, ImportedMessage } from './imported-conversation';
import { newestLeaf, orderParentsFirst } from './tree-order';
import { transferWords } from '../../shared/words/transfer-words';
import { WordsError } from './words-error';
import type { Spoken } from '../../shared/words/define-words';

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
  toolCallsPerMessage: 10_000,
};

// Every check says what it expected, in the words the import report shows the user.
const expected = (what: string) => ({ error: `expected ${what}` });
const int = (min: number, max: number) =>
  z
    .int(expected('an integer'))
    .min(min, expected(`an integer from ${min}`))
    .max(max, expected(`an integer up to ${max}`));
const text = (max: number, min = 0) =>
  z
    .string(expected('a string'))
    .min(min, expected(`at least ${min} characters`))
    .max(max, expected(`at most ${max} characters`));
const id = () => z.string(expected('an id')).regex(/^[A-Za-z0-9_-]{1,64}$/, expected('an id'));
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, expected(`one of ${values.join(', ')}`));
const record = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape, expected('an object'));
const list = <T extends z.ZodType>(item: T, max: number) =>
  z.array(item, expected('an array')).max(max, expected(`at most ${max} items`));

const time = int(0, 8.64e15);
const count = z.number(expected('a number')).min(0).max(1e15).nullable();
const shortText = text(500).nullable();

const chatErrorSchema = z
  .custom<ChatError>(isChatError, expected('an error with code, message and retryable'))
  .transform((e) => {
    const out: ChatError = { code: e.code, message: e.message.slice(0, 100_000), retryable: e.retryable };
    if (typeof e.status === 'number' && Number.isInteger(e.status)) out.status = e.status;
    if (typeof e.retryAfterMs === 'number' && Number.isFinite(e.retryAfterMs)) out.retryAfterMs = e.retryAfterMs;
    // Runnel's own sentence keeps its key, so the UI's language writes it (isChatError checked its shape).
    if (e.said) out.said = e.said;
    return out;
  });

const paramsSchema = record({
  temperature: z.number(expected('a number')).min(0).max(5).optional(),
  topP: z.number(expected('a number')).min(0).max(1).optional(),
  maxTokens: int(1, 10_000_000).optional(),
  seed: int(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).optional(),
});

const metricsSchema = record({
  ttftMs: count,
  tokensPerSecond: count,
  promptTokens: count,
  completionTokens: count,
  finishReason: shortText,
  /** The stream's figures (schema step 15); absent when not measured. */
  totalMs: count.optional(),
  transport: oneOf(streamTransports).nullish(),
  httpVersion: oneOf(['1.1', '2']).nullish(),
});

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

const attachmentSchema = record({
  id: id(),
  kind: oneOf(['image', 'text']),
  name: text(1000, 1),
  mime: text(200, 1),
  size: int(0, limits.attachmentBytes),
  data: text(Math.ceil(limits.attachmentBytes / 3) * 4),
  createdAt: time,
});

const flag = () => z.boolean(expected('a boolean'));

/** A tool call of an answer: every column of its row but the answer's id, which the record it sits in gives. */
const toolCallSchema = record({
  id: id(),
  round: int(0, limits.toolCallsPerMessage),
  index: int(0, limits.toolCallsPerMessage),
  /** Characters of the answer's content before the call. */
  position: int(0, limits.textChars),
  wireId: text(1000),
  wireName: text(1000),
  serverId: text(1000).nullable(),
  serverName: text(1000),
  toolName: text(1000),
  description: text(limits.textChars),
  readOnly: flag(),
  destructive: flag(),
  arguments: text(limits.textChars),
  status: oneOf(toolCallStatuses),
  result: text(limits.textChars),
  resultTruncated: flag(),
  startedAt: time.nullable(),
  endedAt: time.nullable(),
  createdAt: time,
  /** The provider's blocks sent back with the round's calls (Anthropic's signed thinking), JSON text. */
  replay: text(limits.textChars).optional(),
  /** Images the tool returned. */
  images: list(attachmentSchema, limits.attachmentsPerMessage).optional(),
});

const messageSchema = record({
  id: id(),
  parentId: id().nullable(),
  role: oneOf(messageRoles),
  content: text(limits.textChars),
  reasoning: text(limits.textChars),
  status: oneOf(messageStatuses),
  error: chatErrorSchema.nullable(),
  backendId: id().nullable(),
  model: shortText,
  params: paramsSchema,
  metrics: metricsSchema,
  createdAt: time,
  updatedAt: time,
  /** When this message last became the shown leaf. */
  activeAt: time.nullish(),
  /** How long the model thought before answering, in ms. */
  reasoningMs: count.optional(),
  attachments: list(attachmentSchema, limits.attachmentsPerMessage).optional(),
  /** An answer's tool calls, by round then index; absent when it made none. */
  toolCalls: list(toolCallSchema, limits.toolCallsPerMessage).optional(),
  /** An answer sent without tools after a refusal (Continue keeps it so); absent otherwise. */
  withoutTools: flag().optional(),
});

const conversationSchema = record({
  id: id(),
  title: text(limits.titleChars),
  backendId: id().nullable(),
  model: shortText,
  pinned: z.boolean(expected('a boolean')).optional(),
  systemPrompt: text(limits.textChars).optional(),
  params: paramsSchema.optional(),
  /** When the history no longer fits the window: leave out the oldest (absent) or stop and ask. */
  contextOverflow: oneOf(contextOverflowModes).optional(),
  createdAt: time,
  updatedAt: time,
  /** The message the shown branch ends at. */
  activeLeafId: id().nullable(),
  /** Every message of every branch, parents before children. */
  messages: list(messageSchema, limits.messagesPerConversation),
});

/** A conversation of a Runnel file that does not fit the format, with the first place that is wrong. */
export class RunnelRecordError extends WordsError {
  /** `what` is the schema's own words about the place (English), or Runnel's sentence naming it. */
  constructor(what: string | Spoken) {
    super(what);
    this.name = 'RunnelRecordError';
  }
}

/** The bytes are base64 text. */
export type RunnelAttachmentRecord = z.output<typeof attachmentSchema>;
export type RunnelToolCallRecord = z.output<typeof toolCallSchema>;
export type RunnelMessageRecord = z.input<typeof messageSchema>;
export type RunnelConversationRecord = z.input<typeof conversationSchema>;

/** The file's `format` and `version` fields: throws a sentence for the user when they do not fit. */
export function checkRunnelHeader(format: unknown, version: unknown): void {
  if (format !== runnelFormat) throw new WordsError(transferWords.say('notRunnelExport'));
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new WordsError(transferWords.say('noVersion'));
  }
  if (version > runnelFormatVersion) {
    throw new WordsError(transferWords.say('exportTooNew', { version, max: runnelFormatVersion }));
  }
}

/** Checks one conversation of a Runnel file; throws RunnelRecordError (with the failing path) or a TreeError. */
export function parseRunnelConversation(value: unknown): ImportedConversation {
  const parsed = conversationSchema.safeParse(value);
  if (!parsed.success) {
    // Said from the kind of issue, so the import report can write it in the UI's language; a
    // conversation that is not an object at all keeps the schema's bare words.
    const words = sayInvalidInput(parsed.error, '', value);
    throw new RunnelRecordError(words.text.startsWith('input: ') ? words.text.slice('input: '.length) : words);
  }
  const record = parsed.data;
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
    ...(m.withoutTools ? { withoutTools: true } : {}),
    attachments: (m.attachments ?? []).map((a, j) => decodeAttachment(a, `messages[${i}].attachments[${j}]`)),
    toolCalls: decodeToolCalls(m, `messages[${i}]`),
  }));
  checkToolCallIds(messages);
  const ordered = orderParentsFirst(messages);
  if (record.activeLeafId !== null && !messages.some((m) => m.id === record.activeLeafId)) {
    throw new RunnelRecordError(transferWords.say('expectedLeaf', { place: 'activeLeafId' }));
  }
  return {
    id: asConversationId(record.id),
    title: record.title,
    backendId: record.backendId === null ? null : asBackendId(record.backendId),
    model: record.model,
    pinned: record.pinned ?? false,
    systemPrompt: record.systemPrompt ?? '',
    params: record.params ?? {},
    contextOverflow: record.contextOverflow ?? 'drop-oldest',
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    activeLeafId: record.activeLeafId === null ? (newestLeaf(ordered)?.id ?? null) : asMessageId(record.activeLeafId),
    messages: ordered,
  };
}

function decodeAttachment(a: RunnelAttachmentRecord, path: string): ImportedAttachment {
  if (a.data.length % 4 !== 0 || !base64.test(a.data))
    throw new RunnelRecordError(transferWords.say('expectedBase64', { place: `${path}.data` }));
  const data = Buffer.from(a.data, 'base64');
  if (data.length !== a.size)
    throw new RunnelRecordError(transferWords.say('expectedSize', { place: `${path}.size`, bytes: data.length }));
  return { id: a.id, kind: a.kind, name: a.name, mime: a.mime, data, createdAt: a.createdAt };
}

/** The calls of one message record, checked against it: on an answer, each round and index once, within its text. */
function decodeToolCalls(m: z.output<typeof messageSchema>, path: string): ToolCallRow[] {
  const calls = m.toolCalls ?? [];
  if (calls.length > 0 && m.role !== 'assistant') {
    throw new RunnelRecordError(transferWords.say('callsOnAnswerOnly', { place: `${path}.toolCalls` }));
  }
  const places = new Set<string>();
  return calls.map((c, j) => {
    const place = `${c.round}:${c.index}`;
    if (places.has(place)) {
      throw new RunnelRecordError(
        transferWords.say('expectedOneCall', {
          place: `${path}.toolCalls[${j}].index`,
          index: c.index,
          round: c.round,
        }),
      );
    }
    places.add(place);
    if (c.position > m.content.length) {
      throw new RunnelRecordError(
        transferWords.say('positionPastContent', {
          place: `${path}.toolCalls[${j}].position`,
          length: m.content.length,
        }),
      );
    }
    // Nothing runs in an imported answer: a call that was still waiting or running was cut off.
    const status = c.status === 'awaiting-approval' || c.status === 'running' ? 'cancelled' : c.status;
    const { images: records, ...row } = c;
    const images = (records ?? []).map((a, k) => {
      if (a.kind !== 'image')
        throw new RunnelRecordError(
          transferWords.say('expectedImage', { place: `${path}.toolCalls[${j}].images[${k}].kind` }),
        );
      return decodeAttachment(a, `${path}.toolCalls[${j}].images[${k}]`);
    });
    return {
      ...row,
      status,
      messageId: asMessageId(m.id),
      replay: c.replay ?? '',
      ...(images.length ? { imageFiles: images } : {}),
    };
  });
}

function checkToolCallIds(messages: readonly ImportedMessage[]): void {
  const seen = new Set<string>();
  messages.forEach((m, i) =>
    m.toolCalls?.forEach((c, j) => {
      if (seen.has(c.id)) {
        throw new RunnelRecordError(
          transferWords.say('expectedUniqueCallId', { place: `messages[${i}].toolCalls[${j}].id` }),
        );
      }
      seen.add(c.id);
    }),
  );
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
    ...(c.contextOverflow === 'drop-oldest' ? {} : { contextOverflow: c.contextOverflow }),
  };
}

/** A stored message as the file records it (metrics without the reasoning time, which has its own field). */
export function runnelMessageRecord(
  m: StoredMessage,
  files: readonly AttachmentFile[] = [],
  calls: readonly ToolCallRow[] = [],
): RunnelMessageRecord {
  const { ttftMs, tokensPerSecond, promptTokens, completionTokens, finishReason } = m.metrics;
  const { totalMs, transport, httpVersion } = m.metrics;
  const figures = {
    ...(totalMs != null ? { totalMs } : {}),
    ...(transport ? { transport } : {}),
    ...(httpVersion ? { httpVersion } : {}),
  };
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
    metrics: { ttftMs, tokensPerSecond, promptTokens, completionTokens, finishReason, ...figures },
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    activeAt: m.activeAt,
    reasoningMs: m.metrics.reasoningMs ?? null,
  };
  if (m.withoutTools) record.withoutTools = true;
  if (files.length > 0) record.attachments = files.map(encodeAttachment);
  if (calls.length > 0) record.toolCalls = calls.map(encodeToolCall);
  return record;
}

/** As stored, every field; the answer's id is the record's own. */
const encodeToolCall = ({ messageId: _messageId, replay, imageFiles, ...call }: ToolCallRow): RunnelToolCallRecord => ({
  ...call,
  ...(replay ? { replay } : {}),
  ...(imageFiles?.length ? { images: imageFiles.map(encodeAttachment) } : {}),
});

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
