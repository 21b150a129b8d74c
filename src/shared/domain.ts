// The records that cross the IPC boundary: conversations, messages, backends, and the events of
// a generation. Plain data only, so they serialize the same over Electron IPC and WebSocket.
import type { AttachmentKind } from './attachment-rules';
import type { Said } from './words/define-words';
import type { ToolCallRecord, WritingToolCall } from './tools';
import type { BackendOptions } from './backend-options';
import type { ChatError } from './chat-error';
import type { ContextOverflowMode } from './context-window';
import type { BackendId, Brand, ConversationId, MessageId } from './ids';

export const backendKinds = [
  'openai-chat',
  'openai-responses',
  'anthropic',
  'ollama',
  'triton-grpc',
  'openai-realtime',
  'websocket-json',
  'koboldcpp',
  'runpod',
] as const;
export type BackendKind = (typeof backendKinds)[number];

export const httpModes = ['auto', 'h1', 'h2', 'h2c'] as const;
export type HttpMode = (typeof httpModes)[number];

/** A configured model server. The API key stays in main: the renderer only learns whether one is set. */

export interface Backend {
  id: BackendId;
  name: string;
  kind: BackendKind;
  baseUrl: string;
  defaultModel: string | null;
  http: HttpMode;
  /** PEM certificate(s) trusted for this server in addition to the system's (self-signed or private CA). */
  tlsCa: string | null;
  /** Kind-specific settings named in backend-options.ts (chat template, frame mapping). */
  options: BackendOptions;
  hasApiKey: boolean;
  /** A stored key or header value that cannot be decrypted any more (another machine, a new keyring): enter it again. */
  secretsUnreadable: boolean;
  /** Names of the custom headers sent with every request; values stay in main, like the API key. */
  headerNames: string[];
  /** This backend's timeouts in ms, replacing the app's defaults; null keeps the default. */
  connectTimeoutMs: number | null;
  idleTimeoutMs: number | null;
  /** Parameters a generation uses where the conversation sets none. */
  defaultParams: GenerationParams;
  /** Context windows the user set per model name (tokens); they win over what the server reports. */
  contextWindows?: Record<string, number>;
  createdAt: number;
  updatedAt: number;
}

/**
 * How API keys are kept on this machine. Desktop: the macOS Keychain, Windows DPAPI, libsecret or
 * KWallet on Linux, or `linux-weak` when no keyring was found (Electron's basic_text: obfuscation
 * only); `unavailable` when no encryption can be had now. The web host keeps a plaintext file.
 */
export const keyProtections = [
  'macos-keychain',
  'windows-dpapi',
  'libsecret',
  'kwallet',
  'linux-weak',
  'unavailable',
  'plaintext-file',
] as const;
export type KeyProtection = (typeof keyProtections)[number];

/**
 * The desktop app's check for a newer release (Settings → About). `unsupported` in the web host
 * and in development builds, which have nothing to update.
 */
export type UpdateStatus =
  | { state: 'unsupported' }
  | { state: 'up-to-date'; version: string }
  | { state: 'available'; version: string }
  | { state: 'downloaded'; version: string }
  | { state: 'failed'; detail: string };

/** Whether a backend's server can be reached (a TCP connection to its host and port), and if not why. */
export type BackendReachability =
  | { reachable: true }
  | { reachable: false; reason: 'refused' | 'dns' | 'timeout' | 'unreachable' | 'other'; detail: string };

export const messageRoles = ['system', 'user', 'assistant'] as const;
export type MessageRole = (typeof messageRoles)[number];

export const messageStatuses = ['streaming', 'done', 'error', 'cancelled', 'interrupted'] as const;
export type MessageStatus = (typeof messageStatuses)[number];

export interface GenerationParams {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  seed?: number;
}

export interface MessageMetrics {
  /** Milliseconds from sending the request to the first token of text or reasoning. */
  ttftMs: number | null;
  tokensPerSecond: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  finishReason: string | null;
  /**
   * Milliseconds from the first reasoning token to the first answer token (or the end): how long
   * the model thought. Null when it did not reason; absent where it was never measured.
   */
  reasoningMs?: number | null;
  /** Milliseconds from sending the request to its end (retries included). Absent where never measured. */
  totalMs?: number | null;
  /** What carried the stream (Server-Sent Events, NDJSON, WebSocket, polling, gRPC). */
  transport?: StreamTransport | null;
  /** The HTTP version that carried it ('1.1' or '2'); null when it varied (polling). */
  httpVersion?: '1.1' | '2' | null;
}

export const streamTransports = ['sse', 'ndjson', 'websocket', 'poll', 'grpc'] as const;
export type StreamTransport = (typeof streamTransports)[number];

export interface Message {
  id: MessageId;
  conversationId: ConversationId;
  parentId: MessageId | null;
  role: MessageRole;
  content: string;
  reasoning: string;
  status: MessageStatus;
  error: ChatError | null;
  backendId: BackendId | null;
  model: string | null;
  params: GenerationParams;
  metrics: MessageMetrics;
  createdAt: number;
  updatedAt: number;
  /** Files sent with the message (metadata only; bytes come through `attachments:get`); absent when none. */
  attachments?: AttachmentMeta[];
  /** Where the message sits among its versions (the messages under the same parent), oldest first; absent means 1 of 1. */
  versions?: MessageVersions;
  /** An answer's tool calls, in order; absent when it made none. */
  toolCalls?: ToolCallRecord[];
  /** Calls the model is writing right now (live only, never stored); absent when none. */
  writingCalls?: WritingToolCall[];
}

export interface MessageVersions {
  /** From 0. */
  index: number;
  count: number;
  /** How many different models (backend and model) wrote these versions; absent means one. */
  models?: number;
}

/** A file attached to a message: an image sent to the model, or a text file given as context. */
export interface AttachmentMeta {
  id: string;
  name: string;
  mime: string;
  size: number;
  kind: AttachmentKind;
}

export interface Conversation {
  id: ConversationId;
  title: string;
  backendId: BackendId | null;
  model: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface ConversationDetail {
  conversation: Conversation;
  /** The active branch, root first (with `tail`: its newest messages). */
  messages: Message[];
  /** Older messages of the branch precede `messages` (asked for a tail of a longer branch). */
  earlier: boolean;
}

/** A conversation as the sidebar lists it. */
export interface ConversationListItem extends Conversation {
  pinned: boolean;
}

/** The listing order's key (pinned first, then newest activity, then id) of the last row of a page. */
export interface ConversationCursor {
  pinned: boolean;
  updatedAt: number;
  id: ConversationId;
}

export interface ConversationPage {
  items: ConversationListItem[];
  /** Pass as `after` for the next page; null when this page is the last. */
  next: ConversationCursor | null;
}

/** Text around a search match; `highlights` are [start, end) offsets into `text` (UTF-16 units), in order. */
export interface SearchSnippet {
  text: string;
  highlights: [number, number][];
}

/** A message that matched a search, with what the result list shows for it. */
export interface SearchHit {
  messageId: MessageId;
  conversationId: ConversationId;
  conversationTitle: string;
  role: MessageRole;
  createdAt: number;
  snippet: SearchSnippet;
}

export interface SearchPage {
  hits: SearchHit[];
  /** Pass as `before` for older hits; null when there are none. */
  next: number | null;
}

export interface Usage {
  promptTokens?: number;
  completionTokens?: number;
  /** Tokens per second as the server measured it, when it says. */
  tokensPerSecond?: number;
}

/** What a generation tells the renderer. Deltas carry only new text, never the text so far. */
export type GenerationEvent =
  | { type: 'delta'; text: string }
  | { type: 'reasoning'; text: string }
  /** A continued answer streams again, from this stored text (sent once, first); later deltas add to it. */
  | { type: 'resume'; content: string; reasoning: string }
  /** All the text sent so far was reasoning: move it (a stream that showed only `</think>`). */
  | { type: 'reasoning-reclassify' }
  | { type: 'usage'; usage: Usage }
  /** Figures known before the end: what carries the stream once it opens, the time to first token with it. */
  | { type: 'figures'; metrics: Partial<MessageMetrics> }
  /** The answer waits for its server, which serves one request at a time (a comparison). */
  | { type: 'queued' }
  /** A tool call appeared or changed (its status, its result): replaces the one with the same id. */
  | { type: 'tool-call'; call: ToolCallRecord }
  /**
   * A piece of the arguments of a call the model is still writing (the `index`-th of this request),
   * before it is stored: shown growing (status `streaming`) until the stored call replaces it.
   */
  | { type: 'tool-call-args'; index: number; toolName: string; text: string }
  /** The request failed before any output and will be tried again after `delayMs`. */
  | { type: 'retry'; attempt: number; delayMs: number; error: ChatError }
  | { type: 'done'; status: 'done' | 'cancelled'; metrics: MessageMetrics }
  | { type: 'error'; error: ChatError; metrics: MessageMetrics };

export interface GenerationEventPayload {
  conversationId: ConversationId;
  messageId: MessageId;
  events: GenerationEvent[];
}

export interface ConnectionTestResult {
  /** True only when the models were listed and the one-token chat on the chat path worked. */
  ok: boolean;
  latencyMs: number;
  /** Who answered, with a version when the server tells it (e.g. "Ollama 0.12.0"). */
  server: string | null;
  models: string[];
  /** The one-token streamed completion on the exact chat path, when a model was known. */
  chat: { ok: boolean; model: string; latencyMs: number; error: ChatError | null } | null;
  error: ChatError | null;
}

/** A model server found on this machine by probing the usual ports. */
export interface DiscoveredServer {
  name: string;
  server: string;
  kind: BackendKind;
  baseUrl: string;
}

/** A file main has prepared for the user to save (an export or a backup), fetched in chunks. */
export interface DownloadTicket {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
}

/** Where an import stands; `done` counts conversations handled (whatever the outcome) of `total`. */
export interface ImportProgress {
  uploadId: string;
  phase: 'reading' | 'importing' | 'done';
  done: number;
  total: number;
}

/** One entry an import could not take, and why. `entry` is its position in the file, from 0. */
export interface ImportProblem {
  file: string;
  entry: number | null;
  title: string | null;
  message: string;
  /** When `message` is Runnel's own sentence: its key and values, for the UI's language. */
  said?: Said;
}

export interface ImportSummary {
  files: number;
  /** Conversations found in the files. */
  total: number;
  /** New conversations. */
  added: number;
  /** Conversations already here that gained messages (new branches). */
  updated: number;
  /** Conversations already here in full: a second import of the same file. */
  unchanged: number;
  failed: number;
  /** Messages written. */
  messages: number;
  /** The first problems met (at most 100), one per failed entry or file. */
  problems: ImportProblem[];
  cancelled: boolean;
}

/** The data folder and database file, and whether this host can open the folder for the user. */
export interface DataInfo {
  dataDir: string;
  databaseFile: string;
  databaseBytes: number;
  canOpenFolder: boolean;
}

export interface RestoreResult {
  conversations: number;
  backends: number;
  /** The backup's schema version when it was older than this Runnel's and was migrated. */
  migratedFrom: number | null;
}

/** What a conversation sends with every generation: a system prompt first, and sampling parameters. */
export interface ConversationSettings {
  /** Empty: no system message. */
  systemPrompt: string;
  params: GenerationParams;
  /** When the history no longer fits the model's window: leave out the oldest turns (default) or stop and ask. */
  contextOverflow?: ContextOverflowMode;
}

export type PresetId = Brand<string, 'PresetId'>;

/** A named system prompt plus parameters that a new conversation can start from. */
export interface Preset extends ConversationSettings {
  id: PresetId;
  name: string;
  createdAt: number;
  updatedAt: number;
}

/** Finish reasons that mean the answer hit the output limit (OpenAI/Ollama/KoboldCpp, Anthropic, Responses). */
export const lengthFinishReasons: readonly string[] = ['length', 'max_tokens', 'max_output_tokens'];

/** Kinds whose API can resume an answer from its partial text (a prefilled assistant turn). */
export const continuableKinds: readonly BackendKind[] = [
  'openai-chat',
  'anthropic',
  'ollama',
  'koboldcpp',
  'triton-grpc',
];

/**
 * An answer that was cut (crash, Stop, an error after some text, the length limit) and has text
 * or tool calls to go on from (a turn cut during its tools may have written no text yet).
 */
export function canContinue(
  m: Pick<Message, 'role' | 'status' | 'content' | 'metrics'> & { toolCalls?: readonly unknown[] },
): boolean {
  if (m.role !== 'assistant' || (m.content === '' && !m.toolCalls?.length)) return false;
  if (m.status === 'interrupted' || m.status === 'cancelled' || m.status === 'error') return true;
  return m.status === 'done' && m.metrics.finishReason !== null && lengthFinishReasons.includes(m.metrics.finishReason);
}
