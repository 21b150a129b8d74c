// The input schema of every request channel (zod), checked by the core before a handler runs: the
// renderer is untrusted. Main only: the preload and the renderer import contract.ts, never this.
import * as z from 'zod';
import { backendKinds, httpModes } from '../domain';
import { attachmentLimits, uploadChunkChars } from '../attachment-rules';
import { contextOverflowModes } from '../context-window';
import { maxCustomHeaders, maxHeaderNameLength, maxHeaderValueLength } from '../custom-headers';
import { appearanceSettings, languageSettings } from '../preferences';
import { toolDecisions } from '../tools';
import type { RequestChannel } from './contract';
import { ownError } from './invalid-input';
import { inputWords } from '../words/input-words';

const text = (min: number, max: number) => z.string().min(min).max(max);
const int = (min?: number, max?: number) => {
  const n = z.int();
  return min === undefined ? n : max === undefined ? n.min(min) : n.min(min).max(max);
};
/** An id as the core makes them (UUID-like, no path or SQL characters). */
const id = () => z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'expected an id' });
/** Requests that take no input accept nothing, null or an empty object. */
const empty = () => z.strictObject({}).nullish();

const url = text(1, 2048);

/** Generation parameters, each optional (over the backend's defaults). */
const params = z.strictObject({
  temperature: z.number().min(0).max(5).optional(),
  topP: z.number().min(0).max(1).optional(),
  maxTokens: int(1, 10_000_000).optional(),
  seed: int().optional(),
});

/** Custom headers, checked further in main (custom-headers.ts); a missing value keeps the stored one. */
const headers = z
  .array(
    z.strictObject({
      name: text(1, maxHeaderNameLength),
      value: text(0, maxHeaderValueLength).optional(),
    }),
  )
  .max(maxCustomHeaders);

/** A backend's kind-specific options: a plain object of at most 50 strings under plain names. */
const options = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, { error: 'expected a plain name' }), text(0, 64 * 1024))
  .refine((o) => Object.keys(o).length <= 50, ownError(inputWords.say('tooManyEntries', { max: 50 })));

const conversationSettings = z.strictObject({
  systemPrompt: text(0, 200_000),
  params,
  contextOverflow: z.enum(contextOverflowModes).optional(),
});

/** A conversation's choice of tools (shared/tool-choice.ts): exceptions to "all tools on". */
const toolChoice = z
  .array(z.strictObject({ serverId: id(), tool: text(1, 1000).nullable(), on: z.boolean() }))
  .max(10_000);

/** "Send without tools": this turn offers the model no tools (after a server refused them). */
const withoutTools = z.boolean().optional();

/** A backend as the settings form sends it (the config file's entries extend it: backends/runnel-config.ts). */
export const backendDraft = z.strictObject({
  name: text(1, 200),
  kind: z.enum(backendKinds),
  baseUrl: url,
  /** undefined keeps the stored key, null removes it, a string replaces it. */
  apiKey: text(0, 4096).nullish(),
  defaultModel: text(0, 500).nullish(),
  http: z.enum(httpModes).optional(),
  tlsCa: text(0, 64 * 1024).nullish(),
  options: options.optional(),
  /** undefined keeps the stored headers; a list replaces them (see HeaderDraft). */
  headers: headers.optional(),
  /** null uses the app's default. */
  connectTimeoutMs: int(1_000, 600_000).nullish(),
  idleTimeoutMs: int(1_000, 3_600_000).nullish(),
  defaultParams: params.optional(),
  /** Context windows the user sets per model name (tokens); they win over what the server reports. */
  contextWindows: z
    .record(text(1, 500), int(256, 100_000_000))
    .refine((w) => Object.keys(w).length <= 1000, ownError(inputWords.say('tooManyModels', { max: 1000 })))
    .optional(),
});

export const requestSchemas = {
  'app:info': empty(),
  /** A page of the sidebar list, after the cursor the previous page returned. */
  'conversations:list': z.strictObject({
    after: z.strictObject({ pinned: z.boolean(), updatedAt: int(), id: id() }).optional(),
    limit: int(1, 1000).optional(),
  }),
  /** One conversation as listed, or null when it no longer exists or is deleted (keeps loaded pages right). */
  'conversations:summary': z.strictObject({ id: id() }),
  'conversations:rename': z.strictObject({ id: id(), title: text(1, 500) }),
  'conversations:pin': z.strictObject({ id: id(), pinned: z.boolean() }),
  /** Undoes `conversations:delete` within its undo window. */
  'conversations:restore': z.strictObject({ id: id() }),
  /** Messages of every conversation matching the words of `query`, newest first, older than `before`. */
  'search:messages': z.strictObject({
    query: text(0, 1000),
    before: int().optional(),
    limit: int(1, 200).optional(),
  }),
  /** `tail`: only the branch's newest messages (`earlier` says whether older ones exist); `through` shows that message's branch first. */
  'conversations:get': z.strictObject({
    id: id(),
    through: id().optional(),
    tail: int(1, 10_000).optional(),
  }),
  /** Shows the previous or next version of a message; the rest of the conversation follows that branch. */
  'conversations:select-version': z.strictObject({
    id: id(),
    messageId: id(),
    direction: z.enum(['previous', 'next']),
  }),
  /** The answers to the user message `messageId` (its versions), for a comparison shown again. */
  'conversations:answers': z.strictObject({ id: id(), messageId: id() }),
  /** Shows the branch through the answer `messageId` and makes its model the conversation's. */
  'conversations:continue-with': z.strictObject({ id: id(), messageId: id() }),
  'conversations:settings': z.strictObject({ id: id() }),
  'conversations:save-settings': z.strictObject({ id: id(), settings: conversationSettings }),
  'presets:list': empty(),
  /** Creates a preset, or with `id` renames/updates it. */
  'presets:save': z.strictObject({
    id: id().optional(),
    name: text(1, 200),
    systemPrompt: text(0, 200_000),
    params,
  }),
  'presets:delete': z.strictObject({ id: id() }),
  'conversations:delete': z.strictObject({ id: id() }),
  'backends:list': empty(),
  'backends:save': z.strictObject({ id: id().optional(), backend: backendDraft }),
  'backends:delete': z.strictObject({ id: id() }),
  /** Test a saved backend (id) or a draft from the settings form (backend), or both: the draft wins, the saved key fills in. */
  'backends:test': z.strictObject({ id: id().optional(), backend: backendDraft.optional() }),
  'models:list': z.strictObject({ backendId: id() }),
  /** Probes the usual local ports for model servers not configured yet. */
  'servers:discover': empty(),
  'generation:start': z.strictObject({
    conversationId: id().nullable(),
    backendId: id(),
    model: text(1, 500),
    /** May be empty when files are attached. */
    content: text(0, 1_000_000),
    params: params.optional(),
    /** Files staged with `attachments:stage`, in the order shown; main checks them again. */
    attachments: z.array(id()).max(attachmentLimits.perMessage).optional(),
    /** For a new conversation (`conversationId: null`): its settings (from a preset or the settings panel). */
    settings: conversationSettings.optional(),
    /** For a new conversation: the tools it offers (the composer's Tools popover); none given: all. */
    tools: toolChoice.optional(),
    withoutTools,
  }),
  /** A new version of an answer, under the same user message. */
  'generation:regenerate': z.strictObject({
    messageId: id(),
    backendId: id(),
    model: text(1, 500),
    params: params.optional(),
    withoutTools,
    /** "Trim and retry": leave out more of the oldest turns than the count says, even in a conversation set to ask. */
    trim: z.boolean().optional(),
  }),
  /** What the next request of the conversation (null: a new one) would send to this model, against its window. */
  'context:status': z.strictObject({
    conversationId: id().nullable(),
    backendId: id(),
    model: text(1, 500),
    /** A new conversation's settings and tools as they will go with its first message (ignored for an existing one). */
    settings: conversationSettings.optional(),
    tools: toolChoice.optional(),
  }),
  /** A new version of a user message with this text (a new branch), and a new answer to it. */
  'generation:edit': z.strictObject({
    messageId: id(),
    content: text(1, 1_000_000),
    backendId: id(),
    model: text(1, 500),
    params: params.optional(),
    withoutTools,
  }),
  /** Resumes a cut answer from its text, with the backend and model that wrote it, into the same message. */
  'generation:continue': z.strictObject({ messageId: id() }),
  /** A new message answered by the chosen model and each of `others` at once (at most four in all). */
  'generation:compare': z.strictObject({
    conversationId: id().nullable(),
    backendId: id(),
    model: text(1, 500),
    content: text(0, 1_000_000),
    attachments: z.array(id()).max(attachmentLimits.perMessage).optional(),
    settings: conversationSettings.optional(),
    others: z
      .array(z.strictObject({ backendId: id(), model: text(1, 500) }))
      .min(1)
      .max(3),
  }),
  'generation:cancel': z.strictObject({ messageId: id() }),
  /**
   * One piece of a file to attach (base64 of at most `uploadChunkBytes` bytes); the first piece
   * has no `uploadId` and gets one. The last piece answers what the file is, or why it is refused.
   */
  'attachments:stage': z.strictObject({
    uploadId: id().optional(),
    name: text(1, attachmentLimits.nameLength),
    chunk: text(0, uploadChunkChars),
    last: z.boolean(),
  }),
  /** A stored attachment's bytes (base64), to show it. */
  'attachments:get': z.strictObject({ id: id() }),
  'links:open': z.strictObject({ url }),
  /** Whether the backend's host and port accept a connection now (the composer's offline notice). */
  'backends:check': z.strictObject({ id: id() }),
  'preferences:get': empty(),
  /** Changes only the fields given. */
  'preferences:set': z.strictObject({
    language: z.enum(languageSettings).optional(),
    appearance: z.enum(appearanceSettings).optional(),
    spellcheck: z.boolean().optional(),
    checkUpdates: z.boolean().optional(),
  }),
  /** Settings → About: looks for a newer release (desktop only; only when the user asks). */
  'updates:check': empty(),
  /** Downloads the release the last check found; it installs when the app restarts or quits. */
  'updates:download': empty(),
  /** Restarts into the downloaded release. */
  'updates:install': empty(),
  /** The offer to move the web host's plaintext keys into the keychain: taken, or declined for good. */
  'keys:move-plaintext': z.strictObject({ move: z.boolean() }),
  /** The user's answer to a tool call that waits for approval. */
  'tools:decide': z.strictObject({ callId: id(), decision: z.enum(toolDecisions) }),
  'tools:servers': empty(),
  /** The tools a conversation offers its model (the composer's Tools popover). */
  'conversations:tools': z.strictObject({ id: id() }),
  'conversations:save-tools': z.strictObject({ id: id(), choice: toolChoice }),
  /** The models remembered to refuse tools (Ollama's "does not support tools"). */
  'tools:model-refusals': empty(),
  /** "Try tools again": forgets that this model refused tools. */
  'tools:forget-refusal': z.strictObject({ backendId: id(), model: text(1, 500) }),
  /** A server as Settings → Tools sends it; a missing env or header value keeps the stored one. */
  'tools:save-server': z.strictObject({
    id: id().optional(),
    server: z.strictObject({
      name: text(1, 200),
      enabled: z.boolean(),
      transport: z.enum(['stdio', 'http']),
      command: text(0, 4096).nullish(),
      args: z
        .array(text(0, 32 * 1024))
        .max(500)
        .optional(),
      cwd: text(0, 4096).nullish(),
      url: text(0, 2048).nullish(),
      env: z
        .array(z.strictObject({ name: text(1, 256), value: text(0, 32 * 1024).optional() }))
        .max(200)
        .optional(),
      headers: z
        .array(z.strictObject({ name: text(1, maxHeaderNameLength), value: text(0, maxHeaderValueLength).optional() }))
        .max(maxCustomHeaders)
        .optional(),
      callTimeoutMs: int(1_000, 24 * 3_600_000).nullish(),
      approval: z.enum(['ask', 'allow-all']).optional(),
    }),
  }),
  'tools:delete-server': z.strictObject({ id: id() }),
  /** The text pasted in Settings → Tools: `{"mcpServers": {…}}` as other apps write it. */
  'tools:import': z.strictObject({ text: text(1, 1_000_000) }),
  /** Prepares one conversation for saving: its active branch as Markdown, or its whole tree as Runnel JSON. */
  'export:conversation': z.strictObject({
    id: id(),
    format: z.enum(['markdown', 'json']),
    /** Role and section names in the user's language for the Markdown file. */
    labels: z
      .strictObject({
        user: text(1, 100),
        assistant: text(1, 100),
        system: text(1, 100),
        reasoning: text(1, 100),
      })
      .optional(),
  }),
  /** Prepares every conversation as one Runnel JSON file. */
  'export:all': empty(),
  'data:info': empty(),
  /** Opens the data folder in the system's file manager (desktop only). */
  'data:open-folder': empty(),
  /** A consistent copy of the database, prepared for saving. */
  'data:backup': empty(),
  /** Reads a prepared file from `offset`; the renderer assembles the chunks into a download. */
  'data:download-chunk': z.strictObject({ id: id(), offset: int(0) }),
  'data:download-release': z.strictObject({ id: id() }),
  /** Announces files to send in chunks, for an import or a restore; limits are checked here. */
  'data:upload-begin': z.strictObject({
    purpose: z.enum(['import', 'restore']),
    files: z.array(z.strictObject({ name: text(1, 1000), size: int(0, 2 ** 40) })).max(2000),
  }),
  /** One base64 chunk of one announced file, in order (`offset` = bytes already sent for that file). */
  'data:upload-chunk': z.strictObject({
    uploadId: id(),
    file: int(0, 1999),
    offset: int(0),
    data: text(1, 1_500_000),
  }),
  'data:upload-cancel': z.strictObject({ uploadId: id() }),
  /** Imports the uploaded files (Runnel JSON or a ChatGPT export, found out per file); progress on `import:progress`. */
  'import:run': z.strictObject({ uploadId: id() }),
  /** Stops a running import after the batch in hand; what was imported stays. */
  'import:cancel': z.strictObject({ uploadId: id() }),
  /** Replaces all data with the uploaded backup, after checking it, in one transaction. */
  'data:restore': z.strictObject({ uploadId: id() }),
} satisfies Record<RequestChannel, z.ZodType>;
