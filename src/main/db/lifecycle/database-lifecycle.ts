// The database from open to close: the checks before use (a damaged file is set aside and a new
// one made), rows a crash left `streaming` marked interrupted, WAL checkpoints while idle, the
// full integrity check of a large file on a worker some seconds after start, and the background
// backfill of the short-term search index. A restore pauses and resumes the background work.
import type { AppNotice } from '../../../shared/ipc/contract';
import type { Db } from '../db';
import { markStreamingInterrupted } from '../history/messages-repo';
import { cancelUnfinishedToolCalls } from '../history/tool-calls-repo';
import { startShortIndexBackfill } from '../search/short-index-backfill';
import { checkInBackground, type BackgroundCheck } from './background-check';
import { closeDatabase, markDamaged, openDatabase, startIdleCheckpoints, takeDamageMark } from './open-database';

export interface LifecycleOptions {
  /** Electron's build of better-sqlite3, when running inside Electron. */
  nativeBinding?: string;
  /** Above this size the full integrity check runs in the background… */
  fullCheckMaxBytes?: number;
  /** …starting this long after open (default 10 s), so it does not compete with the window's first load. */
  integrityCheckDelayMs?: number;
  /** Messages from before the short-term search index are indexed from this long after open (default 2 s). */
  shortIndexDelayMs?: number;
  /** Damage found: at open (`live` false, the file was already replaced) or while running. */
  onNotice(notice: AppNotice, live: boolean): void;
  /** A restore replaced data that an earlier damage notice was about. */
  onDamageCleared(): void;
}

export interface DatabaseLifecycle {
  readonly db: Db;
  /** Before a restore replaces the data: stop the background work that reads or writes it. */
  pause(): Promise<void>;
  /** After a restore: start it again, and check the restored file where damage had been found. */
  resume(): void;
  close(): Promise<void>;
}

export function openDatabaseLifecycle(file: string, options: LifecycleOptions): DatabaseLifecycle {
  let checkRest = false;
  const db = openDatabase(file, {
    nativeBinding: options.nativeBinding,
    fullCheckMaxBytes: options.fullCheckMaxBytes,
    onPartialCheck: () => (checkRest = true),
    onRecovered: ({ movedTo, detail }) => {
      console.error(`[runnel] the database was damaged (${detail}); it was moved to ${movedTo} and a new one created`);
      options.onNotice({ kind: 'database-recovered', movedTo, detail }, false);
    },
  });
  const stopCheckpoints = startIdleCheckpoints(db);
  // Rows still `streaming` were cut off by a crash or a kill: keep their text, mark them. Tool
  // calls that waited for the user or ran then are not resumed: the turn is continued on request.
  markStreamingInterrupted(db, Date.now());
  cancelUnfinishedToolCalls(db, Date.now());

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
      options.onNotice({ kind: 'database-damaged', detail }, true);
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

  return {
    db,
    async pause() {
      stopBackfill();
      await stopIntegrityCheck();
    },
    resume() {
      stopBackfill = startShortIndexBackfill(db, { delayMs: options.shortIndexDelayMs });
      // Damage found before concerned the data now replaced: check the file again instead of
      // setting the restored history aside at the next start.
      if (takeDamageMark(file) !== null || checkRest) {
        options.onDamageCleared();
        startIntegrityCheck();
      }
    },
    async close() {
      stopBackfill();
      await stopIntegrityCheck();
      stopCheckpoints();
      closeDatabase(db);
    },
  };
}
