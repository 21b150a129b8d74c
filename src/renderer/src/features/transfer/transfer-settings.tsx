// The Data section of settings: the data folder (Open where the host can), export all history, import
// Runnel or ChatGPT exports (files or a folder), back up the database and restore it once confirmed.
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { useMessages } from '../../i18n/use-messages';
import { useAppStore } from '../../state/store';
import type { TransferNotice } from '../../state/transfer-slice';
import { transferMessages, readableSize } from './transfer-messages';
import { ImportReport } from './import-report';
import { conversationFilesOf } from './chatgpt-export-files';
import './transfer.css';

export function TransferSettings() {
  const m = useMessages(transferMessages);
  const id = useId();
  const info = useAppStore((s) => s.dataInfo);
  const task = useAppStore((s) => s.transferTask);
  const notice = useAppStore((s) => s.transferNotice);
  const run = useAppStore((s) => s.importRun);
  const loadDataInfo = useAppStore((s) => s.loadDataInfo);
  const openDataFolder = useAppStore((s) => s.openDataFolder);
  const exportAll = useAppStore((s) => s.exportAll);
  const backUpDatabase = useAppStore((s) => s.backUpDatabase);
  const importFiles = useAppStore((s) => s.importFiles);
  const cancelImport = useAppStore((s) => s.cancelImport);
  const restoreDatabase = useAppStore((s) => s.restoreDatabase);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const restoreInput = useRef<HTMLInputElement>(null);
  const [pendingRestore, setPendingRestore] = useState<File | null>(null);
  const [emptyFolder, setEmptyFolder] = useState(false);

  useEffect(() => {
    void loadDataInfo();
  }, [loadDataInfo]);

  const importing = run !== null && (run.phase === 'sending' || run.phase === 'reading' || run.phase === 'importing');

  /** Takes the chosen files and clears the input, so choosing the same file again fires again. */
  const take = (event: ChangeEvent<HTMLInputElement>): File[] => {
    const files = Array.from(event.target.files ?? []);
    event.target.value = '';
    return files;
  };

  const onFiles = (event: ChangeEvent<HTMLInputElement>): void => {
    setEmptyFolder(false);
    void importFiles(take(event));
  };
  const onFolder = (event: ChangeEvent<HTMLInputElement>): void => {
    const files = conversationFilesOf(take(event));
    setEmptyFolder(files.length === 0);
    if (files.length > 0) void importFiles(files);
  };
  const onRestoreFile = (event: ChangeEvent<HTMLInputElement>): void => {
    const [file] = take(event);
    if (file) setPendingRestore(file);
  };

  return (
    <div className="transfer-settings">
      <section className="settings-section" aria-label={m.folder}>
        <h3>{m.folder}</h3>
        <div className="data-folder">
          <code className="data-path" title={info?.dataDir}>
            {info?.dataDir ?? '…'}
          </code>
          <button
            type="button"
            disabled={!info?.canOpenFolder}
            aria-describedby={info && !info.canOpenFolder ? `${id}-open-note` : undefined}
            onClick={() => void openDataFolder()}
          >
            {m.open}
          </button>
        </div>
        {info && !info.canOpenFolder && (
          <p id={`${id}-open-note`} className="form-note">
            {m.openUnavailable}
          </p>
        )}
        {info && (
          <p className="form-note">
            {m.database}: <span className="data-path">{info.databaseFile}</span> · {m.databaseSize(info.databaseBytes)}
          </p>
        )}
        {notice?.kind === 'open-failed' && (
          <p role="alert" className="form-error">
            {m.openFailed(notice.message)}
          </p>
        )}
      </section>

      <section className="settings-section" aria-label={m.history}>
        <h3>{m.history}</h3>
        <p className="form-note">{m.historyNote}</p>
        <div className="form-actions">
          <button type="button" disabled={task !== null} onClick={() => void exportAll()}>
            {m.exportAll}
          </button>
          <button type="button" disabled={importing || task === 'restore'} onClick={() => filesInput.current?.click()}>
            {m.import}
          </button>
          <button type="button" disabled={importing || task === 'restore'} onClick={() => folderInput.current?.click()}>
            {m.importFolder}
          </button>
        </div>
        <input
          ref={filesInput}
          type="file"
          multiple
          accept=".json,application/json"
          hidden
          aria-label={m.importFiles}
          onChange={onFiles}
        />
        <input
          ref={(el) => {
            folderInput.current = el;
            // Not in React's props: lets the picker choose a folder (an unzipped ChatGPT export).
            if (el) el.webkitdirectory = true;
          }}
          type="file"
          hidden
          aria-label={m.importFolderInput}
          onChange={onFolder}
        />
        {emptyFolder && (
          <p role="alert" className="form-error">
            {m.noConversationFiles}
          </p>
        )}
        <ImportReport run={run} onCancel={() => void cancelImport()} />
      </section>

      <section className="settings-section" aria-label={m.backup}>
        <h3>{m.backup}</h3>
        <p className="form-note">{m.backupNote}</p>
        <div className="form-actions">
          <button type="button" disabled={task !== null} onClick={() => void backUpDatabase()}>
            {m.backUp}
          </button>
          <button
            type="button"
            disabled={task !== null || importing}
            onClick={() => {
              setPendingRestore(null);
              restoreInput.current?.click();
            }}
          >
            {m.restore}
          </button>
        </div>
        <input
          ref={restoreInput}
          type="file"
          accept=".sqlite,.sqlite3,.db,application/vnd.sqlite3,application/x-sqlite3"
          hidden
          aria-label={m.restoreFile}
          onChange={onRestoreFile}
        />
        {pendingRestore && (
          <div className="transfer-confirm" role="group" aria-labelledby={`${id}-confirm`}>
            <p id={`${id}-confirm`}>{m.confirmRestore(pendingRestore.name, readableSize(pendingRestore.size))}</p>
            <div className="form-actions">
              <button
                type="button"
                className="danger"
                onClick={() => {
                  const file = pendingRestore;
                  setPendingRestore(null);
                  void restoreDatabase(file);
                }}
              >
                {m.confirmRestoreButton}
              </button>
              <button type="button" onClick={() => setPendingRestore(null)}>
                {m.cancel}
              </button>
            </div>
          </div>
        )}
        <TaskStatus task={task} notice={notice} />
      </section>
    </div>
  );
}

function TaskStatus({ task, notice }: { task: 'export' | 'backup' | 'restore' | null; notice: TransferNotice | null }) {
  const m = useMessages(transferMessages);
  if (notice?.kind === 'failed') {
    return (
      <p role="alert" className="form-error">
        {m.failed(notice.message)}
      </p>
    );
  }
  const text =
    task === 'restore'
      ? m.restoring
      : task
        ? m.working
        : notice?.kind === 'exported'
          ? m.exported(notice.fileName)
          : notice?.kind === 'backed-up'
            ? m.backedUp(notice.fileName)
            : notice?.kind === 'restored'
              ? [
                  m.restored(notice.result.conversations, notice.result.backends),
                  notice.result.migratedFrom !== null ? m.migrated(notice.result.migratedFrom) : '',
                ]
                  .filter(Boolean)
                  .join(' ')
              : '';
  return (
    <p role="status" className="form-note transfer-status">
      {text}
    </p>
  );
}
