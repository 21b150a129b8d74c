// Export, import, backup and restore as the user sees them: the task running, an import's progress
// (main's `import:progress`) and the outcome; in the store, so an import outlives the settings dialog.
import type { DataInfo, ImportSummary, RestoreResult } from '../../../shared/domain';
import { request, subscribe } from '../api/api';
import { saveDownload, UploadCancelled, uploadFiles } from '../api/transfer-client';
import type { SliceCreator } from './app-state';
import { failureNotice } from './chat-notice';
import { errorText } from '../i18n/error-text';

export type TransferNotice =
  | { kind: 'exported'; fileName: string }
  | { kind: 'backed-up'; fileName: string }
  | { kind: 'restored'; result: RestoreResult }
  | { kind: 'open-failed'; message: string }
  | { kind: 'failed'; message: string };

export interface ImportRun {
  phase: 'sending' | 'reading' | 'importing' | 'done' | 'cancelled' | 'failed';
  sentBytes: number;
  totalBytes: number;
  done: number;
  total: number;
  summary: ImportSummary | null;
  error: string | null;
}

export interface MarkdownLabels {
  user: string;
  assistant: string;
  system: string;
  reasoning: string;
}

export interface TransferSlice {
  dataInfo: DataInfo | null;
  /** The one export, backup or restore running (they share the disk and the database). */
  transferTask: 'export' | 'backup' | 'restore' | null;
  transferNotice: TransferNotice | null;
  importRun: ImportRun | null;
  loadDataInfo(): Promise<void>;
  openDataFolder(): Promise<void>;
  exportAll(): Promise<void>;
  /** Errors show in the chat's notice, next to where the user asked. */
  exportConversation(id: string, format: 'markdown' | 'json', labels: MarkdownLabels): Promise<void>;
  backUpDatabase(): Promise<void>;
  importFiles(files: readonly File[]): Promise<void>;
  cancelImport(): Promise<void>;
  restoreDatabase(file: File): Promise<void>;
  clearTransferNotice(): void;
}

export const createTransferSlice: SliceCreator<TransferSlice> = (set, get) => {
  let importing: { uploadId: string | null; cancelled: boolean } | null = null;

  const runTask = async (task: 'export' | 'backup' | 'restore', work: () => Promise<TransferNotice>): Promise<void> => {
    if (get().transferTask) return;
    set({ transferTask: task, transferNotice: null });
    let notice: TransferNotice;
    try {
      notice = await work();
    } catch (err) {
      notice = { kind: 'failed', message: errorText(err) };
    }
    set({ transferTask: null, transferNotice: notice });
    void get().loadDataInfo();
  };

  const updateRun = (change: Partial<ImportRun>): void =>
    set((state) => (state.importRun ? { importRun: { ...state.importRun, ...change } } : {}));

  return {
    dataInfo: null,
    transferTask: null,
    transferNotice: null,
    importRun: null,

    async loadDataInfo() {
      try {
        set({ dataInfo: await request('data:info', {}) });
      } catch (err) {
        set({ transferNotice: { kind: 'failed', message: errorText(err) } });
      }
    },

    async openDataFolder() {
      try {
        await request('data:open-folder', {});
      } catch (err) {
        set({ transferNotice: { kind: 'open-failed', message: errorText(err) } });
      }
    },

    exportAll: () =>
      runTask('export', async () => {
        const ticket = await request('export:all', {});
        await saveDownload(ticket);
        return { kind: 'exported', fileName: ticket.fileName };
      }),

    async exportConversation(id, format, labels) {
      try {
        await saveDownload(await request('export:conversation', { id, format, labels }));
      } catch (err) {
        get().setNotice(failureNotice(err));
      }
    },

    backUpDatabase: () =>
      runTask('backup', async () => {
        const ticket = await request('data:backup', {});
        await saveDownload(ticket);
        return { kind: 'backed-up', fileName: ticket.fileName };
      }),

    async importFiles(files) {
      if (importing || files.length === 0) return;
      const mine = { uploadId: null as string | null, cancelled: false };
      importing = mine;
      const totalBytes = files.reduce((n, f) => n + f.size, 0);
      set({
        importRun: { phase: 'sending', sentBytes: 0, totalBytes, done: 0, total: 0, summary: null, error: null },
      });
      let off = (): void => {};
      try {
        const uploadId = await uploadFiles(
          'import',
          files,
          (sentBytes) => updateRun({ sentBytes }),
          () => mine.cancelled,
        );
        mine.uploadId = uploadId;
        off = subscribe('import:progress', (p) => {
          if (p.uploadId !== uploadId) return;
          updateRun({ phase: p.phase === 'done' ? 'importing' : p.phase, done: p.done, total: p.total });
        });
        updateRun({ phase: 'reading' });
        const summary = await request('import:run', { uploadId });
        updateRun({
          phase: summary.cancelled ? 'cancelled' : 'done',
          summary,
          done: summary.total,
          total: summary.total,
        });
      } catch (err) {
        if (err instanceof UploadCancelled) updateRun({ phase: 'cancelled' });
        else updateRun({ phase: 'failed', error: errorText(err) });
      } finally {
        off();
        importing = null;
        void get().loadDataInfo();
      }
    },

    async cancelImport() {
      if (!importing) return;
      importing.cancelled = true;
      if (importing.uploadId) await request('import:cancel', { uploadId: importing.uploadId }).catch(() => {});
    },

    restoreDatabase: (file) =>
      runTask('restore', async () => {
        const uploadId = await uploadFiles('restore', [file], () => {});
        const result = await request('data:restore', { uploadId });
        // The conversation on screen may not exist in the restored data.
        get().newChat();
        return { kind: 'restored', result };
      }),

    clearTransferNotice() {
      set({ transferNotice: null });
    },
  };
};
