// The single contract between renderer and main: every request channel with its input schema and
// output type, and every event channel with its payload. Hosts (Electron IPC, the local web host)
// and the preload are generated from these maps; nothing else names a channel.
import type { ChatError } from '../chat-error';
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
  SearchPage,
  UpdateStatus,
} from '../domain';
import { backendKinds, httpModes } from '../domain';
import type { ConversationId, MessageId } from '../ids';
import { attachmentLimits, uploadChunkChars } from '../attachment-rules';
import type { Schema } from '../validate';
import { array, boolean, empty, id, literal, nullable, number, object, optional, string, stringMap } from '../validate';
import { maxCustomHeaders, maxHeaderNameLength, maxHeaderValueLength } from '../custom-headers';
import { appearanceSettings, languageSettings, type Preferences } from '../preferences';

const url = string({ min: 1, max: 2048 });

const params = object({
  temperature: optional(number({ min: 0, max: 5 })),
  topP: optional(number({ min: 0, max: 1 })),
  maxTokens: optional(number({ min: 1, max: 10_000_000, integer: true })),
  seed: optional(number({ integer: true })),
});

/** Custom headers, checked further in main (custom-headers.ts); a missing value keeps the stored one. */
const headers = array(
  object({
    name: string({ min: 1, max: maxHeaderNameLength }),
    value: optional(string({ max: maxHeaderValueLength })),
  }),
  { max: maxCustomHeaders },
);

const conversationSettings = object({ systemPrompt: string({ max: 200_000 }), params });

const backendDraft = object({
  name: string({ min: 1, max: 200 }),
  kind: literal(backendKinds),
  baseUrl: url,
  /** undefined keeps the stored key, null removes it, a string replaces it. */
  apiKey: optional(nullable(string({ max: 4096 }))),
  defaultModel: optional(nullable(string({ max: 500 }))),
  http: optional(literal(httpModes)),
  tlsCa: optional(nullable(string({ max: 64 * 1024 }))),
  options: optional(stringMap()),
  /** undefined keeps the stored headers; a list replaces them (see HeaderDraft). */
  headers: optional(headers),
  /** null uses the app's default. */
  connectTimeoutMs: optional(nullable(number({ min: 1_000, max: 600_000, integer: true }))),
  idleTimeoutMs: optional(nullable(number({ min: 1_000, max: 3_600_000, integer: true }))),
  defaultParams: optional(params),
});

export const requestSchemas = {
  'app:info': empty(),
  /** A page of the sidebar list, after the cursor the previous page returned. */
  'conversations:list': object({
    after: optional(object({ pinned: boolean(), updatedAt: number({ integer: true }), id: id() })),
    limit: optional(number({ min: 1, max: 1000, integer: true })),
  }),
  /** One conversation as listed, or null when it no longer exists or is deleted (keeps loaded pages right). */
  'conversations:summary': object({ id: id() }),
  'conversations:rename': object({ id: id(), title: string({ min: 1, max: 500 }) }),
  'conversations:pin': object({ id: id(), pinned: boolean() }),
  /** Undoes `conversations:delete` within its undo window. */
  'conversations:restore': object({ id: id() }),
  /** Messages of every conversation matching the words of `query`, newest first, older than `before`. */
  'search:messages': object({
    query: string({ max: 1000 }),
    before: optional(number({ integer: true })),
    limit: optional(number({ min: 1, max: 200, integer: true })),
  }),
  /** With `through`, the branch passing through that message becomes the active one and is returned. */
  /** `tail`: only the branch's newest messages (`earlier` says whether older ones exist); `through` shows that message's branch first. */
  'conversations:get': object({
    id: id(),
    through: optional(id()),
    tail: optional(number({ min: 1, max: 10_000, integer: true })),
  }),
  /** Shows the previous or next version of a message; the rest of the conversation follows that branch. */
  'conversations:select-version': object({
    id: id(),
    messageId: id(),
    direction: literal(['previous', 'next']),
  }),
  'conversations:settings': object({ id: id() }),
  'conversations:save-settings': object({ id: id(), settings: conversationSettings }),
  'presets:list': empty(),
  /** Creates a preset, or with `id` renames/updates it. */
  'presets:save': object({
    id: optional(id()),
    name: string({ min: 1, max: 200 }),
    systemPrompt: string({ max: 200_000 }),
    params,
  }),
  'presets:delete': object({ id: id() }),
  'conversations:delete': object({ id: id() }),
  'backends:list': empty(),
  'backends:save': object({ id: optional(id()), backend: backendDraft }),
  'backends:delete': object({ id: id() }),
  /** Test a saved backend (id) or a draft from the settings form (backend), or both: the draft wins, the saved key fills in. */
  'backends:test': object({ id: optional(id()), backend: optional(backendDraft) }),
  'models:list': object({ backendId: id() }),
  /** Probes the usual local ports for model servers not configured yet. */
  'servers:discover': empty(),
  'generation:start': object({
    conversationId: nullable(id()),
    backendId: id(),
    model: string({ min: 1, max: 500 }),
    /** May be empty when files are attached. */
    content: string({ min: 0, max: 1_000_000 }),
    params: optional(params),
    /** Files staged with `attachments:stage`, in the order shown; main checks them again. */
    attachments: optional(array(id(), { max: attachmentLimits.perMessage })),
    /** For a new conversation (`conversationId: null`): its settings (from a preset or the settings panel). */
    settings: optional(conversationSettings),
  }),
  /** A new version of an answer, under the same user message. */
  'generation:regenerate': object({
    messageId: id(),
    backendId: id(),
    model: string({ min: 1, max: 500 }),
    params: optional(params),
  }),
  /** A new version of a user message with this text (a new branch), and a new answer to it. */
  'generation:edit': object({
    messageId: id(),
    content: string({ min: 1, max: 1_000_000 }),
    backendId: id(),
    model: string({ min: 1, max: 500 }),
    params: optional(params),
  }),
  /** Resumes a cut answer from its text, with the backend and model that wrote it, into the same message. */
  'generation:continue': object({ messageId: id() }),
  'generation:cancel': object({ messageId: id() }),
  /**
   * One piece of a file to attach (base64 of at most `uploadChunkBytes` bytes); the first piece
   * has no `uploadId` and gets one. The last piece answers what the file is, or why it is refused.
   */
  'attachments:stage': object({
    uploadId: optional(id()),
    name: string({ min: 1, max: attachmentLimits.nameLength }),
    chunk: string({ min: 0, max: uploadChunkChars }),
    last: boolean(),
  }),
  /** A stored attachment's bytes (base64), to show it. */
  'attachments:get': object({ id: id() }),
  'links:open': object({ url }),
  /** Whether the backend's host and port accept a connection now (the composer's offline notice). */
  'backends:check': object({ id: id() }),
  'preferences:get': empty(),
  /** Changes only the fields given. */
  'preferences:set': object({
    language: optional(literal(languageSettings)),
    appearance: optional(literal(appearanceSettings)),
    spellcheck: optional(boolean()),
    checkUpdates: optional(boolean()),
  }),
  /** Settings → About: looks for a newer release (desktop only; only when the user asks). */
  'updates:check': empty(),
  /** Downloads the release the last check found; it installs when the app restarts or quits. */
  'updates:download': empty(),
  /** Restarts into the downloaded release. */
  'updates:install': empty(),
  /** The offer to move the web host's plaintext keys into the keychain: taken, or declined for good. */
  'keys:move-plaintext': object({ move: boolean() }),
  /** Prepares one conversation for saving: its active branch as Markdown, or its whole tree as Runnel JSON. */
  'export:conversation': object({
    id: id(),
    format: literal(['markdown', 'json']),
    /** Role and section names in the user's language for the Markdown file. */
    labels: optional(
      object({
        user: string({ min: 1, max: 100 }),
        assistant: string({ min: 1, max: 100 }),
        system: string({ min: 1, max: 100 }),
        reasoning: string({ min: 1, max: 100 }),
      }),
    ),
  }),
  /** Prepares every conversation as one Runnel JSON file. */
  'export:all': empty(),
  'data:info': empty(),
  /** Opens the data folder in the system's file manager (desktop only). */
  'data:open-folder': empty(),
  /** A consistent copy of the database, prepared for saving. */
  'data:backup': empty(),
  /** Reads a prepared file from `offset`; the renderer assembles the chunks into a download. */
  'data:download-chunk': object({ id: id(), offset: number({ min: 0, integer: true }) }),
  'data:download-release': object({ id: id() }),
  /** Announces files to send in chunks, for an import or a restore; limits are checked here. */
  'data:upload-begin': object({
    purpose: literal(['import', 'restore']),
    files: array(
      object({ name: string({ min: 1, max: 1000 }), size: number({ min: 0, max: 2 ** 40, integer: true }) }),
      { max: 2000 },
    ),
  }),
  /** One base64 chunk of one announced file, in order (`offset` = bytes already sent for that file). */
  'data:upload-chunk': object({
    uploadId: id(),
    file: number({ min: 0, max: 1999, integer: true }),
    offset: number({ min: 0, integer: true }),
    data: string({ min: 1, max: 1_500_000 }),
  }),
  'data:upload-cancel': object({ uploadId: id() }),
  /** Imports the uploaded files (Runnel JSON or a ChatGPT export, found out per file); progress on `import:progress`. */
  'import:run': object({ uploadId: id() }),
  /** Stops a running import after the batch in hand; what was imported stays. */
  'import:cancel': object({ uploadId: id() }),
  /** Replaces all data with the uploaded backup, after checking it, in one transaction. */
  'data:restore': object({ uploadId: id() }),
} satisfies Record<string, Schema<unknown>>;

/** The user message and the answer a generation streams into, stored before the stream opens. */
export interface GenerationStarted {
  conversationId: ConversationId;
  userMessageId: MessageId;
  assistantMessageId: MessageId;
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
  'generation:edit': GenerationStarted;
  'generation:continue': { conversationId: ConversationId; assistantMessageId: MessageId };
  'generation:cancel': null;
  'attachments:stage': { uploadId: string; attachment: AttachmentMeta | null };
  'attachments:get': AttachmentMeta & { data: string };
  'conversations:select-version': ConversationDetail;
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

export type RequestChannel = keyof typeof requestSchemas;
export type RequestInput<C extends RequestChannel> = ReturnType<(typeof requestSchemas)[C]>;
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
}
export type EventChannel = keyof EventPayloads;

export const requestChannels = Object.keys(requestSchemas) as RequestChannel[];
export const eventChannels: readonly EventChannel[] = [
  'generation:event',
  'conversations:changed',
  'backends:changed',
  'presets:changed',
  'preferences:changed',
  'import:progress',
  'app:notice',
];

export const isRequestChannel = (c: unknown): c is RequestChannel =>
  typeof c === 'string' && Object.hasOwn(requestSchemas, c);
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
