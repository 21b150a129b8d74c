// Keeps the write-ahead log small. SQLite checkpoints on its own every `walAutocheckpointPages`,
// but a passive checkpoint only reuses the -wal file and never shrinks it, and cannot finish
// while another connection (a second window, `npm run serve` on the same folder) holds a
// snapshot. So the log is capped after each reset, truncated when the app has been idle, and
// truncated when the database closes.
import type { Db } from '../db';

export const walAutocheckpointPages = 1000;
/** The -wal file is cut back to this size whenever SQLite restarts the log. */
export const journalSizeLimitBytes = 4 * 1024 * 1024;
export const idleCheckpointMs = 30_000;

export interface CheckpointResult {
  /** 1 when another connection kept the checkpoint from completing. */
  busy: number;
  log: number;
  checkpointed: number;
}

export function applyWalPragmas(db: Db): void {
  db.pragma(`wal_autocheckpoint = ${walAutocheckpointPages}`);
  db.pragma(`journal_size_limit = ${journalSizeLimitBytes}`);
}

/**
 * Copies the log into the database and truncates it to zero bytes, without waiting: a checkpoint
 * that would have to wait for another connection reports `busy` and is tried again later, so the
 * main process never blocks on it.
 */
export function truncateWal(db: Db): CheckpointResult {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as CheckpointResult[];
    return result ?? { busy: 1, log: -1, checkpointed: -1 };
  } catch {
    // SQLITE_BUSY or SQLITE_LOCKED from a writer in another process: the next idle turn retries.
    return { busy: 1, log: -1, checkpointed: -1 };
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

/**
 * Every `intervalMs`, truncates the log if nothing was written on this connection since the last
 * look (a streaming answer writes every few hundred ms, so this never runs mid-stream). Returns a
 * function that stops it.
 */
export function startIdleCheckpoints(db: Db, intervalMs = idleCheckpointMs): () => void {
  const changes = db.prepare<[], number>('SELECT total_changes()').pluck();
  let seen = -1;
  let clean = true;
  const timer = setInterval(() => {
    if (!db.open) return;
    const now = changes.get() ?? 0;
    if (now !== seen) {
      seen = now;
      clean = false;
      return;
    }
    if (clean) return;
    clean = truncateWal(db).busy === 0;
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Truncates the log, then closes, so a -wal another connection keeps open is left empty. */
export function closeDatabase(db: Db): void {
  if (!db.open) return;
  truncateWal(db);
  db.close();
}
