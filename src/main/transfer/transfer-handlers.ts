// The contract's export, import and data channels: exports and backups prepared as files and read
// back in chunks, uploads in chunks, imports with progress, restore, and the data folder. The core
// spreads these handlers into its own; everything here runs in plain Node.
import { randomUUID } from 'node:crypto';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataInfo, ImportProgress } from '../../shared/domain';
import type { UiLanguage } from '../../shared/preferences';
import { asConversationId, type ConversationId } from '../../shared/ids';
import type { RequestChannel, RequestInput, RequestOutput } from '../../shared/ipc/contract';
import { allConversationIds, getConversation } from '../db/history/conversations-repo';
import { activeBranch } from '../db/history/messages-repo';
import type { Db } from '../db/db';
import { backupDatabase } from './backup';
import { Downloads } from './downloads';
import { fileNameFor, stamp } from './file-names';
import { runImport } from './import-run';
import { conversationMarkdown, englishLabels } from './markdown-export';
import { checkBackup, replaceWithBackup, RestoreError } from './restore';
import { runnelHeader, writeRunnelFile } from './runnel-export';
import { createTransferFolder, removeTransferFolder } from './transfer-folder';
import { Uploads } from './uploads';
import { transferWords } from '../../shared/words/transfer-words';
import { failure } from './words-error';
import { conversationGone } from '../db/history/conversation-gone';

type TransferChannel = Extract<RequestChannel, `export:${string}` | `import:${string}` | `data:${string}`>;
export type TransferHandlers = { [C in TransferChannel]: (input: RequestInput<C>) => Promise<RequestOutput<C>> };

export interface TransferDeps {
  db: Db;
  dataDir: string;
  databaseFile: string;
  appVersion: string;
  /** Electron's build of better-sqlite3, to open a backup file inside Electron. */
  nativeBinding?: string;
  /** Opens a folder in the system's file manager; resolves to an error message, or '' (Electron's shell.openPath). */
  openPath?: (path: string) => Promise<string>;
  /** The user's language (the preference, else the system's), for Runnel's words in an exported document. */
  language: () => UiLanguage;
  emitProgress: (progress: ImportProgress) => void;
  /** Imported conversations were stored. */
  onConversationsChanged: () => void;
  /** Before a restore replaces the data: stop what writes to it (generations). */
  beforeRestore: () => Promise<void>;
  /** After a restore: tell every window to reload. */
  afterRestore: () => void;
}

export interface Transfers {
  handlers: TransferHandlers;
  close(): Promise<void>;
}

export function createTransfers(deps: TransferDeps): Transfers {
  const { db } = deps;
  const folder = createTransferFolder(deps.dataDir);
  const uploads = new Uploads(folder);
  const downloads = new Downloads();
  const imports = new Map<string, AbortController>();
  const running = new Set<Promise<unknown>>();
  let restoring = false;

  const scratch = (extension: string) => join(folder, `${randomUUID()}.${extension}`);

  const prepareRunnelFile = async (ids: readonly ConversationId[], fileName: string) => {
    const path = scratch('json');
    await writeRunnelFile(db, path, ids, runnelHeader(deps.appVersion));
    return downloads.add(path, fileName, 'application/json');
  };

  const handlers: TransferHandlers = {
    'export:conversation': async ({ id, format, labels }) => {
      const conversation = getConversation(db, asConversationId(id));
      if (!conversation) throw conversationGone();
      if (format === 'json') return prepareRunnelFile([conversation.id], fileNameFor(conversation.title, 'json'));
      const markdown = conversationMarkdown(
        conversation.title,
        activeBranch(db, conversation.id),
        labels ?? englishLabels,
        deps.language(),
      );
      const path = scratch('md');
      await writeFile(path, markdown, 'utf8');
      return downloads.add(path, fileNameFor(conversation.title, 'md'), 'text/markdown');
    },
    'export:all': async () => prepareRunnelFile(allConversationIds(db), `runnel-export-${stamp(new Date())}.json`),
    'data:info': async (): Promise<DataInfo> => {
      const sizes = await Promise.all(
        ['', '-wal'].map((suffix) =>
          stat(`${deps.databaseFile}${suffix}`).then(
            (s) => s.size,
            () => 0,
          ),
        ),
      );
      return {
        dataDir: deps.dataDir,
        databaseFile: deps.databaseFile,
        databaseBytes: sizes.reduce((a, b) => a + b, 0),
        canOpenFolder: deps.openPath !== undefined,
      };
    },
    'data:open-folder': async () => {
      if (!deps.openPath) return { opened: false };
      const problem = await deps.openPath(deps.dataDir);
      if (problem) throw failure(transferWords.say('folderNotOpened', { why: problem }), 'internal');
      return { opened: true };
    },
    'data:backup': async () => {
      const path = scratch('sqlite');
      await backupDatabase(db, path);
      return downloads.add(path, `runnel-backup-${stamp(new Date())}.sqlite`, 'application/vnd.sqlite3');
    },
    'data:download-chunk': async ({ id, offset }) => downloads.read(id, offset),
    'data:download-release': async ({ id }) => {
      await downloads.release(id);
      return null;
    },
    'data:upload-begin': async ({ purpose, files }) => uploads.begin(purpose, files),
    'data:upload-chunk': async ({ uploadId, file, offset, data }) => {
      await uploads.chunk(uploadId, file, offset, data);
      return null;
    },
    'data:upload-cancel': async ({ uploadId }) => {
      if (!imports.has(uploadId)) await uploads.discard(uploadId);
      return null;
    },
    'import:run': async ({ uploadId }) => {
      if (restoring) throw failure(transferWords.say('restoreBeforeImport'));
      const upload = await uploads.take(uploadId, 'import');
      const controller = new AbortController();
      imports.set(uploadId, controller);
      const run = runImport({
        db,
        files: upload.files.map((f) => ({ name: f.name, path: f.path })),
        signal: controller.signal,
        onProgress: (p) => deps.emitProgress({ uploadId, ...p }),
        onChanged: deps.onConversationsChanged,
      });
      running.add(run);
      try {
        return await run;
      } finally {
        running.delete(run);
        imports.delete(uploadId);
        await uploads.discard(uploadId);
      }
    },
    'import:cancel': async ({ uploadId }) => {
      const running = imports.get(uploadId);
      if (running) running.abort();
      else await uploads.discard(uploadId);
      return null;
    },
    'data:restore': async ({ uploadId }) => {
      if (imports.size > 0) throw failure(transferWords.say('importBeforeRestore'));
      if (restoring) throw failure(transferWords.say('restoreRunning'));
      restoring = true;
      try {
        const upload = await uploads.take(uploadId, 'restore');
        const file = upload.files[0];
        if (!file) throw failure(transferWords.say('noBackupSent'));
        const version = await checkBackup(file.path, deps.nativeBinding);
        await deps.beforeRestore();
        const result = replaceWithBackup(db, file.path, version);
        deps.afterRestore();
        return result;
      } catch (err) {
        if (err instanceof RestoreError) throw failure(err.said ? { text: err.message, said: err.said } : err.message);
        throw err;
      } finally {
        restoring = false;
        await uploads.discard(uploadId);
      }
    },
  };

  return {
    handlers,
    async close() {
      for (const controller of imports.values()) controller.abort();
      await Promise.allSettled([...running]);
      await Promise.all([uploads.close(), downloads.close()]);
      removeTransferFolder(folder);
    },
  };
}
