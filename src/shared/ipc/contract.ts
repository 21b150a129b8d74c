// The single contract between renderer and main: every request channel with its output type (its
// input schema is in request-schemas.ts, kept apart so zod stays out of the preload and the
// renderer), and every event channel with its payload. Hosts and the preload are generated from these.
import type { ChatError } from '../chat-error';
import type { ContextStatus } from '../context-window';
import type {
  AttachmentMeta,
  Backend,
  BackendReachability,
  ConnectionTestResult,
  ConversationDetail,
  ConversationListItem,
  ConversationPage,
  ConversationSettings,
  Preset,
  DataInfo,
  DiscoveredServer,
  DownloadTicket,
  ImportProgress,
  ImportSummary,
  RestoreResult,
  GenerationEventPayload,
  KeyProtection,
  Message,
  SearchPage,
  UpdateStatus,
} from '../domain';
import type { BackendId, ConversationId, MessageId } from '../ids';
import type { Preferences } from '../preferences';
import type { ModelToolRefusal, ToolChoice } from '../tool-choice';
import type { ToolServerView } from '../tools';
import type { Said } from '../words/define-words';
import type { output } from 'zod';
import type { requestSchemas } from './request-schemas';

/** Every request channel; each has its input schema in request-schemas.ts and its output in RequestOutputs. */
const requestChannelNames = [
  'app:info',
  'conversations:list',
  'conversations:summary',
  'conversations:rename',
  'conversations:pin',
  'conversations:restore',
  'search:messages',
  'conversations:get',
  'conversations:select-version',
  'conversations:answers',
  'conversations:continue-with',
  'conversations:settings',
  'conversations:save-settings',
  'presets:list',
  'presets:save',
  'presets:delete',
  'conversations:delete',
  'backends:list',
  'backends:save',
  'backends:delete',
  'backends:test',
  'models:list',
  'servers:discover',
  'generation:start',
  'generation:regenerate',
  'generation:edit',
  'generation:continue',
  'generation:compare',
  'generation:cancel',
  'context:status',
  'attachments:stage',
  'attachments:get',
  'links:open',
  'backends:check',
  'preferences:get',
  'preferences:set',
  'updates:check',
  'updates:download',
  'updates:install',
  'keys:move-plaintext',
  'tools:decide',
  'tools:servers',
  'conversations:tools',
  'conversations:save-tools',
  'tools:model-refusals',
  'tools:forget-refusal',
  'tools:save-server',
  'tools:delete-server',
  'tools:import',
  'export:conversation',
  'export:all',
  'data:info',
  'data:open-folder',
  'data:backup',
  'data:download-chunk',
  'data:download-release',
  'data:upload-begin',
  'data:upload-chunk',
  'data:upload-cancel',
  'import:run',
  'import:cancel',
  'data:restore',
] as const;

/** The user message and the answer a generation streams into, stored before the stream opens. */
export interface GenerationStarted {
  conversationId: ConversationId;
  userMessageId: MessageId;
  assistantMessageId: MessageId;
}

/** One answer of a comparison, as started. */
export interface ComparedAnswer {
  assistantMessageId: MessageId;
  backendId: BackendId;
  model: string;
}

/** A message answered by several models at once: sibling answers, the first one shown. */
export interface ComparisonStarted {
  conversationId: ConversationId;
  userMessageId: MessageId;
  /** The current model's answer first, then the others in the order asked. */
  answers: ComparedAnswer[];
}

/** Something main has to tell the user (shown as a banner until dismissed): a damaged database. */
export type AppNotice =
  | {
      /** At start: the file could not be used, was moved aside and a fresh one created. */
      kind: 'database-recovered';
      /** Where the damaged file now is (never deleted). */
      movedTo: string;
      /** What SQLite found, in its words. */
      detail: string;
    }
  | {
      /** While running: the background check found damage; the file is set aside at the next start. */
      kind: 'database-damaged';
      detail: string;
    }
  | {
      /** At start: an entry of the config file was left out (the rest applied). */
      kind: 'config-problem';
      /** The file, and the entry by its name or place; null when the whole file could not be used. */
      file: string;
      entry: string | null;
      /** What is wrong with it. */
      detail: string;
      /** The same in Runnel's words, for the UI's language (a schema's own words have none). */
      said?: Said;
    }
  | {
      /** At start (desktop): the web host left keys in a plaintext file in this data folder. */
      kind: 'plaintext-keys';
      count: number;
      /** The plaintext file. */
      detail: string;
    };

export interface RequestOutputs {
  'app:info': {
    version: string;
    dataDir: string;
    host: 'electron' | 'web';
    notices: AppNotice[];
    /** How API keys are kept on this machine (Settings names it). */
    keyProtection: KeyProtection;
    /** Whether this host can look for a newer release (a packaged desktop app). */
    canUpdate: boolean;
  };
  'conversations:list': ConversationPage;
  'conversations:summary': ConversationListItem | null;
  'conversations:rename': ConversationListItem;
  'conversations:pin': ConversationListItem;
  'conversations:restore': ConversationListItem;
  'search:messages': SearchPage;
  'conversations:get': ConversationDetail;
  /** The delete can be undone with `conversations:restore` for `undoMs`; then it is purged for good. */
  'conversations:delete': { undoMs: number };
  'backends:list': Backend[];
  'backends:save': Backend;
  'backends:delete': null;
  'backends:test': ConnectionTestResult;
  'models:list': string[];
  'servers:discover': DiscoveredServer[];
  'generation:start': GenerationStarted;
  'generation:regenerate': GenerationStarted;
  'context:status': ContextStatus;
  'generation:edit': GenerationStarted;
  'generation:continue': { conversationId: ConversationId; assistantMessageId: MessageId };
  'generation:compare': ComparisonStarted;
  'generation:cancel': null;
  'attachments:stage': { uploadId: string; attachment: AttachmentMeta | null };
  'attachments:get': AttachmentMeta & { data: string };
  'conversations:select-version': ConversationDetail;
  /** Every answer to a user message (its versions), oldest first. */
  'conversations:answers': Message[];
  'conversations:continue-with': ConversationDetail;
  'conversations:settings': ConversationSettings;
  'conversations:save-settings': ConversationSettings;
  'presets:list': Preset[];
  'presets:save': Preset;
  'presets:delete': null;
  /** `opened: false`: the link is allowed but this host cannot open it (the web host): the page does. */
  'links:open': { opened: boolean };
  'backends:check': BackendReachability;
  'preferences:get': Preferences;
  'preferences:set': Preferences;
  'updates:check': UpdateStatus;
  'updates:download': UpdateStatus;
  'updates:install': null;
  'keys:move-plaintext': { moved: number; kept: number };
  /** `applied: false` when the call no longer waits (answered in another window, stopped, or from before a restart). */
  'tools:decide': { applied: boolean };
  /** Settings → Tools: every MCP server with its status and tools. */
  'tools:servers': ToolServerView[];
  /** What the conversation chose (exceptions to "all tools"); [] for one that never chose. */
  'conversations:tools': ToolChoice;
  'conversations:save-tools': ToolChoice;
  'tools:model-refusals': ModelToolRefusal[];
  'tools:forget-refusal': null;
  'tools:save-server': ToolServerView;
  'tools:delete-server': null;
  /** A pasted `mcpServers` object: servers added or updated by name, and each entry left out with why. */
  'tools:import': { saved: number; problems: { entry: string | null; reason: string; said?: Said }[] };
  'export:conversation': DownloadTicket;
  'export:all': DownloadTicket;
  'data:info': DataInfo;
  'data:open-folder': { opened: boolean };
  'data:backup': DownloadTicket;
  /** `data` is base64; `done` once the file's last byte was sent. */
  'data:download-chunk': { data: string; next: number; done: boolean };
  'data:download-release': null;
  'data:upload-begin': { uploadId: string; chunkBytes: number };
  'data:upload-chunk': null;
  'data:upload-cancel': null;
  'import:run': ImportSummary;
  'import:cancel': null;
  'data:restore': RestoreResult;
}

export type RequestChannel = (typeof requestChannelNames)[number];
export const requestChannels: RequestChannel[] = [...requestChannelNames];
/** A request's input as its schema hands it to the handler. */
export type RequestInput<C extends RequestChannel> = output<(typeof requestSchemas)[C]>;
export type RequestOutput<C extends RequestChannel> = RequestOutputs[C];

export interface EventPayloads {
  'generation:event': GenerationEventPayload;
  /** `listOnly`: only its title or place in the list changed (rename, pin), not its messages. */
  'conversations:changed': { conversationId: ConversationId | null; listOnly?: boolean };
  'backends:changed': null;
  'presets:changed': null;
  /** Another window (or tab of the web host) changed the preferences. */
  'preferences:changed': Preferences;
  'import:progress': ImportProgress;
  /** A notice found after start (app:info lists those found before). */
  'app:notice': AppNotice;
  /**
   * An MCP server's status or tools changed, or the list of servers did, or a conversation's choice
   * of tools, or the models remembered to refuse tools.
   */
  'tools:changed': null;
}
export type EventChannel = keyof EventPayloads;

export const eventChannels: readonly EventChannel[] = [
  'generation:event',
  'conversations:changed',
  'backends:changed',
  'presets:changed',
  'preferences:changed',
  'import:progress',
  'app:notice',
  'tools:changed',
];

const requestChannelSet: ReadonlySet<string> = new Set(requestChannels);
export const isRequestChannel = (c: unknown): c is RequestChannel => typeof c === 'string' && requestChannelSet.has(c);
export const isEventChannel = (c: unknown): c is EventChannel =>
  typeof c === 'string' && (eventChannels as readonly string[]).includes(c);

/** Every request resolves to one of these over the wire, so errors keep their code across hosts. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ChatError };

/**
 * What the renderer sees as `window.api`, the same in Electron (from the preload) and in the web
 * host (from a WebSocket client). Requests resolve to an Envelope so an error keeps its code.
 */
export interface RunnelBridge {
  invoke<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<Envelope<RequestOutput<C>>>;
  on<E extends EventChannel>(channel: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** Messages of the local web host's WebSocket (`/api`), in each direction. */
export type WebClientMessage = { type: 'request'; id: number; channel: string; input: unknown };
export type WebServerMessage =
  | { type: 'response'; id: number; result: Envelope<unknown> }
  | { type: 'event'; channel: EventChannel; payload: unknown };

/** Main's handlers for some of the request channels: each domain module provides its own, the core joins them. */
export type RequestHandlers<C extends RequestChannel> = {
  [K in C]: (input: RequestInput<K>) => Promise<RequestOutput<K>>;
};
