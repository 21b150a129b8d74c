// The core: database, backends, secrets and generations behind the request and event maps of the
// shared contract. Plain Node, no Electron: the Electron host and the local web host both serve
// this same object, and tests drive it directly.
import { join } from 'node:path';
import { ChatFailure, chatError, toChatError } from '../../shared/chat-error';
import { SchemaError } from '../../shared/validate';
import {
  requestSchemas,
  isRequestChannel,
  type AppNotice,
  type Envelope,
  type EventChannel,
  type EventPayloads,
  type RequestChannel,
  type RequestInput,
  type RequestOutput,
} from '../../shared/ipc/contract';
import { asBackendId, asConversationId, asMessageId } from '../../shared/ids';
import { BackendStore, setParams } from '../backends/backend-store';
import { checkReachability } from '../backends/reachability';
import { discoverServers } from '../backends/discover-servers';
import { listModels } from '../backends/list-models';
import type { ConfigProblem, RunnelConfig } from '../backends/runnel-config';
import type { UpdateStatus } from '../../shared/domain';
import { movePlaintextKeys, readPlaintextKeys } from '../secrets/plaintext-keys';
import { testConnection } from '../backends/test-connection';
import {
  getConversation,
  listConversationPage,
  renameConversation,
  setConversationPinned,
} from '../db/history/conversations-repo';
import { searchMessages } from '../db/search/search-repo';
import { startShortIndexBackfill } from '../db/search/short-index-backfill';
import { activeBranch, activeBranchTail, getMessage, markStreamingInterrupted } from '../db/history/messages-repo';
import { getAppFlag, getPreferences, setAppFlag, setPreferences } from '../db/settings/preferences-repo';
import { checkInBackground, type BackgroundCheck } from '../db/lifecycle/background-check';
import {
  closeDatabase,
  markDamaged,
  openDatabase,
  startIdleCheckpoints,
  takeDamageMark,
} from '../db/lifecycle/open-database';
import type { Db } from '../db/db';
import { Generations } from '../generation/generations';
import { showBranchOf, stepVersion } from '../generation/versions';
import { getConversationSettings, setConversationSettings } from '../db/history/conversation-settings-repo';
import { deletePreset, listPresets, savePreset } from '../db/settings/presets-repo';
import { getBackend } from '../db/settings/backends-repo';
import { getAttachment } from '../db/history/attachments-repo';
import { AttachmentStaging } from '../generation/attachment-staging';
import { refuseImagesBefore } from '../generation/attachment-turns';
import { adapters } from '../providers/registry';
import type { SecretStore } from '../secrets/secret-store';
import { closeHttpConnections } from '../transports/http-request';
import { openFrameBatches } from '../transports/open-stream';
import { defaultLimits, type TransportLimits } from '../transports/types';
import { createTransfers } from '../transfer/transfer-handlers';
import { externalLink } from './link-policy';
import { UndoableDeletes } from './undoable-deletes';

export interface CoreOptions {
  dataDir: string;
  secrets: SecretStore;
  host: 'electron' | 'web';
  version: string;
  /** Electron's build of better-sqlite3, when running inside Electron. */
  nativeBinding?: string;
  /** Opens a checked link outside the app; absent in the web host, where the browser does it. */
  openExternal?: (url: URL) => Promise<void>;
  /** Opens a folder in the file manager, resolving to an error message or '' (Electron's shell.openPath); absent in the web host. */
  openPath?: (path: string) => Promise<string>;
  /** The update check of a packaged desktop app; absent elsewhere. */
  updates?: UpdateChecks;
  /** Keys the web host left in this data folder, offered once for the keychain (desktop only). */
  plaintextKeysFile?: string;
  limits?: Partial<TransportLimits>;
  emitIntervalMs?: number;
  persistIntervalMs?: number;
  /** How long a deleted conversation can be restored before it is purged for good. */
  undoWindowMs?: number;
  /** Above this size the database's full integrity check runs in the background (open-database.ts)… */
  fullCheckMaxBytes?: number;
  /** …starting this long after open (default 10 s), so it does not compete with the window's first load. */
  integrityCheckDelayMs?: number;
  /** Messages from before the short-term search index are indexed from this long after open (default 2 s). */
  shortIndexDelayMs?: number;
}

export interface UpdateChecks {
  check(): Promise<UpdateStatus>;
  download(): Promise<UpdateStatus>;
  install(): void;
}

type Handlers = { [C in RequestChannel]: (input: RequestInput<C>) => Promise<RequestOutput<C>> };
export type CoreListener = <E extends EventChannel>(channel: E, payload: EventPayloads[E]) => void;

export interface Core {
  readonly dataDir: string;
  readonly db: Db;
  /** Validates the input against the channel's schema and runs it; never throws. */
  invoke(channel: unknown, input: unknown): Promise<Envelope<unknown>>;
  subscribe(listener: CoreListener): () => void;
  /** Applies the config file's backends; each problem (the file's or an entry's) is returned and shown as a notice. */
  provision(config: RunnelConfig): Promise<ConfigProblem[]>;
  close(): Promise<void>;
}

export const databaseFile = (dataDir: string): string => join(dataDir, 'runnel.sqlite');

export function createCore(options: CoreOptions): Core {
  const notices: AppNotice[] = [];
  const file = databaseFile(options.dataDir);
  let checkRest = false;
  const db = openDatabase(file, {
    nativeBinding: options.nativeBinding,
    fullCheckMaxBytes: options.fullCheckMaxBytes,
    onPartialCheck: () => (checkRest = true),
    onRecovered: ({ movedTo, detail }) => {
      console.error(`[runnel] the database was damaged (${detail}); it was moved to ${movedTo} and a new one created`);
      notices.push({ kind: 'database-recovered', movedTo, detail });
    },
  });
  const stopCheckpoints = startIdleCheckpoints(db);
  // Rows still `streaming` were cut off by a crash or a kill: keep their text, mark them.
  markStreamingInterrupted(db, Date.now());

  const limits: TransportLimits = { ...defaultLimits, ...options.limits };
  const listeners = new Set<CoreListener>();
  const emit: CoreListener = (channel, payload) => {
    for (const listener of listeners) listener(channel, payload);
  };
  // The history tables of a large file are checked while the app runs; damage found there is
  // shown at once and the file set aside at the next start, before anything reads it.
  let integrity: BackgroundCheck | null = null;
  const startIntegrityCheck = () => {
    const check = checkInBackground(file, options.nativeBinding);
    integrity = check;
    void check.result.then((detail) => {
      if (detail === null || integrity !== check) return;
      console.error(`[runnel] the database is damaged (${detail}); it will be set aside at the next start`);
      markDamaged(file, detail);
      const notice: AppNotice = { kind: 'database-damaged', detail };
      notices.push(notice);
      emit('app:notice', notice);
    });
  };
  const integrityTimer = checkRest ? setTimeout(startIntegrityCheck, options.integrityCheckDelayMs ?? 10_000) : null;
  integrityTimer?.unref();
  const stopIntegrityCheck = async () => {
    if (integrityTimer) clearTimeout(integrityTimer);
    const running = integrity;
    integrity = null;
    await running?.stop();
  };
  // After an upgrade, older messages join the index for one- and two-character terms in the
  // background; until then search reads them the slow way (search-repo.ts).
  let stopBackfill = startShortIndexBackfill(db, { delayMs: options.shortIndexDelayMs });
  const backends = new BackendStore(db, options.secrets);
  const staging = new AttachmentStaging();
  const generations = new Generations({
    db,
    adapters,
    openFrameBatches,
    limits,
    emit: (payload) => emit('generation:event', payload),
    onConversationChanged: (conversationId) => emit('conversations:changed', { conversationId }),
    emitIntervalMs: options.emitIntervalMs,
    persistIntervalMs: options.persistIntervalMs,
  });
  // Offered once: the choice (moved or declined) is remembered, and a file that is gone needs no offer.
  const plaintextOffer = 'plaintext-keys-offer';
  const plaintextFile = options.plaintextKeysFile;
  if (plaintextFile && getAppFlag(db, plaintextOffer) === null) {
    const count = readPlaintextKeys(plaintextFile).size;
    if (count > 0) notices.push({ kind: 'plaintext-keys', count, detail: plaintextFile });
  }
  const dropNotice = (kind: AppNotice['kind']) =>
    notices.splice(0, notices.length, ...notices.filter((n) => n.kind !== kind));
  const deletes = new UndoableDeletes(db, (messageId) => generations.cancel(messageId), options.undoWindowMs);
  deletes.purgeAll();
  const listed = (id: string) => {
    const conversation = getConversation(db, asConversationId(id));
    if (!conversation) throw new ChatFailure(chatError('not_found', 'That conversation no longer exists'));
    return conversation;
  };

  const transfers = createTransfers({
    db,
    dataDir: options.dataDir,
    databaseFile: databaseFile(options.dataDir),
    appVersion: options.version,
    nativeBinding: options.nativeBinding,
    openPath: options.openPath,
    emitProgress: (progress) => emit('import:progress', progress),
    onConversationsChanged: () => emit('conversations:changed', { conversationId: null }),
    beforeRestore: async () => {
      stopBackfill();
      await stopIntegrityCheck();
      await generations.close();
    },
    afterRestore: () => {
      stopBackfill = startShortIndexBackfill(db, { delayMs: options.shortIndexDelayMs });
      // Damage found before concerned the data now replaced: check the file again instead of
      // setting the restored history aside at the next start.
      if (takeDamageMark(file) !== null || checkRest) {
        notices.splice(0, notices.length, ...notices.filter((n) => n.kind !== 'database-damaged'));
        startIntegrityCheck();
      }
      emit('conversations:changed', { conversationId: null });
      emit('backends:changed', null);
      emit('presets:changed', null);
      emit('preferences:changed', getPreferences(db));
    },
  });

  const handlers: Handlers = {
    'app:info': async () => ({
      version: options.version,
      dataDir: options.dataDir,
      host: options.host,
      notices,
      keyProtection: await options.secrets.protection(),
      canUpdate: options.updates !== undefined,
    }),
    'updates:check': async () => (options.updates ? options.updates.check() : { state: 'unsupported' }),
    'updates:download': async () => (options.updates ? options.updates.download() : { state: 'unsupported' }),
    'updates:install': async () => {
      options.updates?.install();
      return null;
    },
    'keys:move-plaintext': async ({ move }) => {
      if (!plaintextFile)
        throw new ChatFailure(chatError('invalid_input', 'There are no plaintext keys to move here.'));
      const result = move ? await movePlaintextKeys(plaintextFile, options.secrets) : { moved: 0, kept: 0 };
      setAppFlag(db, plaintextOffer, move ? 'moved' : 'declined', Date.now());
      dropNotice('plaintext-keys');
      if (result.moved > 0) emit('backends:changed', null);
      return result;
    },
    'conversations:list': async ({ after, limit }) =>
      listConversationPage(db, { after: after && { ...after, id: asConversationId(after.id) }, limit }),
    'conversations:summary': async ({ id }) => getConversation(db, asConversationId(id)),
    'conversations:rename': async ({ id, title }) => {
      const clean = title.replace(/\s+/g, ' ').trim();
      if (!clean) throw new ChatFailure(chatError('invalid_input', 'A title cannot be empty.'));
      if (!renameConversation(db, asConversationId(id), clean)) listed(id);
      emit('conversations:changed', { conversationId: asConversationId(id), listOnly: true });
      return listed(id);
    },
    'conversations:pin': async ({ id, pinned }) => {
      if (!setConversationPinned(db, asConversationId(id), pinned)) listed(id);
      emit('conversations:changed', { conversationId: asConversationId(id), listOnly: true });
      return listed(id);
    },
    'conversations:restore': async ({ id }) => {
      if (!deletes.restore(asConversationId(id))) {
        throw new ChatFailure(chatError('not_found', 'That conversation was deleted for good and cannot be restored.'));
      }
      emit('conversations:changed', { conversationId: asConversationId(id) });
      return listed(id);
    },
    'search:messages': async ({ query, before, limit }) => searchMessages(db, query, { before, limit }),
    'conversations:get': async ({ id, through, tail }) => {
      const conversation = getConversation(db, asConversationId(id));
      if (!conversation) throw new ChatFailure(chatError('not_found', 'That conversation no longer exists'));
      if (through) showBranchOf(db, conversation.id, asMessageId(through), Date.now());
      const read = () =>
        tail === undefined
          ? { messages: activeBranch(db, conversation.id), earlier: false }
          : activeBranchTail(db, conversation.id, tail);
      const branch = read();
      // A streaming answer (the branch's last message, so in any tail) writes what it has sent;
      // the branch is read again only then.
      const synced = generations.sync(branch.messages.map((m) => m.id));
      return { conversation, ...(synced ? read() : branch) };
    },
    'conversations:select-version': async ({ id, messageId, direction }) => {
      stepVersion(db, listed(id).id, asMessageId(messageId), direction, Date.now());
      return handlers['conversations:get']({ id });
    },
    'conversations:settings': async ({ id }) => {
      const settings = getConversationSettings(db, asConversationId(id));
      if (!settings) throw new ChatFailure(chatError('not_found', 'That conversation no longer exists'));
      return settings;
    },
    'conversations:save-settings': async ({ id, settings }) => {
      if (!setConversationSettings(db, asConversationId(id), { ...settings, params: setParams(settings.params) })) {
        throw new ChatFailure(chatError('not_found', 'That conversation no longer exists'));
      }
      return getConversationSettings(db, asConversationId(id)) ?? settings;
    },
    'presets:list': async () => listPresets(db),
    'presets:save': async ({ id, ...draft }) => {
      const preset = savePreset(db, id, { ...draft, params: setParams(draft.params) }, Date.now());
      emit('presets:changed', null);
      return preset;
    },
    'presets:delete': async ({ id }) => {
      if (deletePreset(db, id)) emit('presets:changed', null);
      return null;
    },
    // Undoable for a while; a generation still running in it goes on until the purge cancels it.
    'conversations:delete': async ({ id }) => {
      if (deletes.delete(asConversationId(id), Date.now()))
        emit('conversations:changed', { conversationId: asConversationId(id) });
      return { undoMs: deletes.undoMs };
    },
    'backends:list': () => backends.list(),
    'backends:save': async ({ id, backend }) => {
      const saved = await backends.save(id, backend);
      emit('backends:changed', null);
      return saved;
    },
    'backends:delete': async ({ id }) => {
      await backends.remove(id);
      emit('backends:changed', null);
      return null;
    },
    'backends:test': async ({ id, backend }) => {
      const target = await backends.target(id, backend);
      const model = backend ? (backend.defaultModel ?? null) : id ? backends.stored(id).defaultModel : null;
      return testConnection(adapters[target.kind], target, model, openFrameBatches, limits);
    },
    'servers:discover': async () => {
      const known = new Set((await backends.list()).map((b) => b.baseUrl));
      return (await discoverServers()).filter((s) => !known.has(s.baseUrl));
    },
    'models:list': async ({ backendId }) => {
      const target = await backends.target(backendId);
      return listModels(adapters[target.kind], target, limits);
    },
    'generation:start': async (input) => {
      const backend = backends.stored(input.backendId);
      const target = await backends.target(backend.id);
      if (input.conversationId && !getConversation(db, asConversationId(input.conversationId))) {
        throw new ChatFailure(chatError('not_found', 'That conversation no longer exists'));
      }
      if (input.content === '' && !input.attachments?.length) {
        throw new ChatFailure(chatError('invalid_input', 'A message needs some text or an attached file.'));
      }
      const attachments = staging.take(input.attachments ?? []);
      const conversationId = input.conversationId ? asConversationId(input.conversationId) : null;
      refuseImagesBefore(db, target.kind, conversationId, attachments);
      return generations.start({
        conversationId,
        backendId: asBackendId(backend.id),
        target,
        model: input.model,
        content: input.content,
        // What the conversation sets wins; the backend's defaults fill in the rest.
        params: setParams(input.params),
        backendParams: backend.defaultParams,
        attachments,
        settings: input.settings && { ...input.settings, params: setParams(input.settings.params) },
      });
    },
    'generation:regenerate': async (input) => {
      const backend = backends.stored(input.backendId);
      const target = await backends.target(backend.id);
      return generations.regenerate({
        answerId: asMessageId(input.messageId),
        backendId: asBackendId(backend.id),
        target,
        model: input.model,
        params: setParams(input.params),
        backendParams: backend.defaultParams,
      });
    },
    'generation:edit': async (input) => {
      const backend = backends.stored(input.backendId);
      const target = await backends.target(backend.id);
      return generations.edit({
        messageId: asMessageId(input.messageId),
        content: input.content,
        backendId: asBackendId(backend.id),
        target,
        model: input.model,
        params: setParams(input.params),
        backendParams: backend.defaultParams,
      });
    },
    // The model that wrote the answer goes on with it.
    'generation:continue': async ({ messageId }) => {
      const answer = getMessage(db, asMessageId(messageId));
      if (!answer) throw new ChatFailure(chatError('not_found', 'That answer no longer exists'));
      const backendId = answer.backendId;
      if (!backendId || !answer.model || !getBackend(db, backendId)) {
        throw new ChatFailure(
          chatError('not_found', 'The backend that wrote this answer no longer exists; use Regenerate instead'),
        );
      }
      const backend = backends.stored(backendId);
      return generations.continueAnswer({
        answerId: answer.id,
        backendId,
        target: await backends.target(backend.id),
        model: answer.model,
        params: {},
        backendParams: backend.defaultParams,
      });
    },
    'attachments:stage': async (piece) => staging.put(piece),
    'attachments:get': async ({ id }) => {
      const file = getAttachment(db, id);
      if (!file) throw new ChatFailure(chatError('not_found', 'That attachment no longer exists'));
      const { messageId: _messageId, data, ...meta } = file;
      return { ...meta, data: data.toString('base64') };
    },
    'generation:cancel': async ({ messageId }) => {
      generations.cancel(asMessageId(messageId));
      return null;
    },
    'backends:check': async ({ id }) => {
      const target = await backends.target(id);
      // Short: the notice should appear soon, and a server that takes longer to accept is in trouble anyway.
      return checkReachability(target.baseUrl, Math.min(target.connectTimeoutMs ?? limits.connectTimeoutMs, 5_000));
    },
    'preferences:get': async () => getPreferences(db),
    'preferences:set': async (changes) => {
      const saved = setPreferences(db, changes, Date.now());
      emit('preferences:changed', saved);
      return saved;
    },
    'links:open': async ({ url }) => {
      const link = externalLink(url);
      if (!link)
        throw new ChatFailure(chatError('invalid_input', `Links of this kind are not opened: ${url.slice(0, 100)}`));
      if (!options.openExternal) return { opened: false };
      await options.openExternal(link);
      return { opened: true };
    },
    ...transfers.handlers,
  };

  return {
    dataDir: options.dataDir,
    db,
    async invoke(channel, input) {
      if (!isRequestChannel(channel)) {
        return { ok: false, error: chatError('invalid_input', `Unknown request: ${String(channel).slice(0, 60)}`) };
      }
      try {
        const parsed = requestSchemas[channel](input) as RequestInput<typeof channel>;
        const handler = handlers[channel] as (i: typeof parsed) => Promise<unknown>;
        return { ok: true, value: await handler(parsed) };
      } catch (err) {
        if (err instanceof SchemaError)
          return { ok: false, error: chatError('invalid_input', `${channel}: ${err.message}`) };
        const error = toChatError(err);
        if (error.code === 'internal') console.error(`[runnel] ${channel} failed:`, err);
        return { ok: false, error };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async provision(config) {
      const problems = [...(config.problems ?? []), ...(await backends.provision(config.backends ?? [], config.file))];
      if (config.backends?.length) emit('backends:changed', null);
      for (const p of problems) {
        console.error(`[runnel] ${p.file}${p.entry ? `, ${p.entry}` : ''}: ${p.reason}`);
        const notice: AppNotice = { kind: 'config-problem', file: p.file, entry: p.entry, detail: p.reason };
        notices.push(notice);
        emit('app:notice', notice);
      }
      return problems;
    },
    async close() {
      stopBackfill();
      await stopIntegrityCheck();
      deletes.close();
      await generations.close();
      await transfers.close();
      listeners.clear();
      closeHttpConnections();
      stopCheckpoints();
      closeDatabase(db);
    },
  };
}
