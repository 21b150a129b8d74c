// The core: database, backends, secrets and generations behind the request and event maps of the
// shared contract. Plain Node, no Electron: the Electron host and the local web host both serve
// this same object, and tests drive it directly. It only builds the parts and wires them: each
// domain's request handlers live beside the code they call (backends/backend-handlers.ts,
// generation/generation-handlers.ts, transfer/transfer-handlers.ts, and in core/ those that join
// several), and the database's life from open to close is db/lifecycle/database-lifecycle.ts.
import { join } from 'node:path';
import type { UpdateStatus } from '../../shared/domain';
import { resolveLanguage } from '../../shared/preferences';
import type { Envelope, RequestChannel, RequestHandlers } from '../../shared/ipc/contract';
import { backendHandlers } from '../backends/backend-handlers';
import { BackendStore } from '../backends/backend-store';
import type { ConfigProblem, RunnelConfig } from '../backends/runnel-config';
import type { Db } from '../db/db';
import { openDatabaseLifecycle } from '../db/lifecycle/database-lifecycle';
import { getPreferences } from '../db/settings/preferences-repo';
import { AttachmentStaging } from '../generation/attachment-staging';
import { ContextStep } from '../generation/context/context-step';
import { generationHandlers } from '../generation/generation-handlers';
import { Generations } from '../generation/generations';
import { createTools } from '../tools/create-tools';
import { adapters } from '../providers/registry';
import type { SecretStore } from '../secrets/secret-store';
import { createTransfers } from '../transfer/transfer-handlers';
import { closeHttpConnections } from '../transports/http-request';
import { openFrameBatches } from '../transports/open-stream';
import { defaultLimits, type TransportLimits } from '../transports/types';
import { appHandlers, offerPlaintextKeys } from './app-handlers';
import { conversationHandlers } from './conversation-handlers';
import { CoreEvents, type CoreListener } from './core-events';
import { dispatch } from './dispatch';
import { provisionConfig } from './provision-config';
import { NoticeBoard } from './notice-board';
import { settingsHandlers } from './settings-handlers';
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
  /**
   * The system's preferred languages (BCP 47 tags, best first), for what main writes itself in the
   * user's language when the preference is "system": the desktop's (Electron's list); by default
   * the locale of this process (the web host's machine).
   */
  systemLanguages?: () => readonly string[];
  /** Whether tool servers that are commands may start (default true; the web host on a non-loopback address says no). */
  allowStdioTools?: boolean;
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
  /** Rejects (in Runnel's words) when no check found a release to download. */
  download(): Promise<UpdateStatus>;
  install(): void;
}

export type { CoreListener };

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
  const events = new CoreEvents();
  const { emit, conversationsChanged, backendsChanged } = events;
  const notices = new NoticeBoard((notice) => emit('app:notice', notice));
  const database = openDatabaseLifecycle(databaseFile(options.dataDir), {
    ...options,
    onNotice: (notice, live) => notices.add(notice, live),
    onDamageCleared: () => notices.drop('database-damaged'),
  });
  const { db } = database;
  const systemLanguages = options.systemLanguages ?? (() => [Intl.DateTimeFormat().resolvedOptions().locale]);
  const limits: TransportLimits = { ...defaultLimits, ...options.limits };
  const backends = new BackendStore(db, options.secrets);
  const staging = new AttachmentStaging();
  const tools = createTools({
    db,
    secrets: options.secrets,
    version: options.version,
    allowStdio: options.allowStdioTools ?? true,
    changed: () => emit('tools:changed', null),
  });
  const context = new ContextStep({
    db,
    target: (backendId) => backends.target(backendId),
    tools: tools.host,
    now: Date.now,
  });
  const generations = new Generations({
    db,
    adapters,
    openFrameBatches,
    limits,
    emit: (payload) => emit('generation:event', payload),
    onConversationChanged: (conversationId) => conversationsChanged({ conversationId }),
    emitIntervalMs: options.emitIntervalMs,
    persistIntervalMs: options.persistIntervalMs,
    tools: tools.host,
    context,
  });
  const deletes = new UndoableDeletes(db, (messageId) => generations.cancel(messageId), options.undoWindowMs);
  deletes.purgeAll();
  offerPlaintextKeys(db, options.plaintextKeysFile, notices);

  const transfers = createTransfers({
    db,
    dataDir: options.dataDir,
    databaseFile: databaseFile(options.dataDir),
    appVersion: options.version,
    nativeBinding: options.nativeBinding,
    openPath: options.openPath,
    language: () => resolveLanguage(getPreferences(db).language, systemLanguages()),
    emitProgress: (progress) => emit('import:progress', progress),
    onConversationsChanged: () => conversationsChanged({ conversationId: null }),
    beforeRestore: async () => {
      await database.pause();
      await generations.close();
    },
    afterRestore: () => {
      database.resume();
      conversationsChanged({ conversationId: null });
      backendsChanged();
      events.presetsChanged();
      events.preferencesChanged(getPreferences(db));
    },
  });

  const handlers: RequestHandlers<RequestChannel> = {
    ...appHandlers({ db, options, notices, backendsChanged }),
    ...conversationHandlers({ db, generations, deletes, changed: conversationsChanged }),
    ...settingsHandlers({ db, ...events }),
    ...backendHandlers({
      backends,
      openFrameBatches,
      limits,
      changed: backendsChanged,
      refreshWindow: (id, model, target) => context.refresh(id, model, target),
    }),
    ...generationHandlers({ db, generations, backends, staging, approvals: tools.approvals, context }),
    ...tools.handlers,
    ...transfers.handlers,
  };

  return {
    dataDir: options.dataDir,
    db,
    invoke: (channel, input) => dispatch(handlers, channel, input),
    subscribe: (listener) => events.subscribe(listener),
    provision: (config) => provisionConfig(config, backends, tools, notices, backendsChanged),
    async close() {
      await database.pause();
      deletes.close();
      await generations.close();
      await Promise.all([transfers.close(), tools.close()]);
      events.clear();
      closeHttpConnections();
      await database.close();
    },
  };
}
