// Indexes, for one- and two-character search terms, the messages stored before that index existed
// (schema step 9): newest first, a batch per transaction, in short slices of the main thread so a
// large history is done within minutes of the upgrade without ever holding up the app.
import type { Db } from '../db';
import { perDatabase } from '../statement-cache';
import { gramsOf } from './short-grams';

interface PendingRow {
  rowid: number;
  content: string;
  status: string;
}

const statements = perDatabase((db: Db) => ({
  floor: db.prepare<[], number>('SELECT floor FROM message_grams_progress WHERE id = 1').pluck(),
  below: db.prepare<{ floor: number; batch: number }, PendingRow>(`
    SELECT s.rowid, m.content || s.tools AS content, m.status
    FROM message_search_rows s JOIN messages m ON m.id = s.message_id
    WHERE s.rowid < @floor
    ORDER BY s.rowid DESC
    LIMIT @batch`),
  forget: db.prepare<[number]>('DELETE FROM message_grams WHERE rowid = ?'),
  add: db.prepare<[number, string]>('INSERT INTO message_grams (rowid, grams) VALUES (?, ?)'),
  lower: db.prepare<[number]>('UPDATE message_grams_progress SET floor = ? WHERE id = 1'),
}));

/**
 * Search rows at or above this are in the short-term index; rows below it still have to be read
 * to be searched. Null when none are left below it.
 */
export function shortIndexFloor(db: Db): number | null {
  const s = statements(db);
  const floor = s.floor.get() ?? 0;
  return s.below.get({ floor, batch: 1 }) ? floor : null;
}

/** Indexes up to `batch` of the newest messages not yet indexed; true when none remain. */
export function backfillShortIndex(db: Db, batch = 200): boolean {
  const s = statements(db);
  // IMMEDIATE: the floor is read under the write lock, so two processes on one file (the app and
  // `npm run serve`) take turns instead of one failing on a stale read.
  return db
    .transaction(() => {
      const rows = s.below.all({ floor: s.floor.get() ?? 0, batch });
      for (const row of rows) {
        // A trigger may have indexed it already (an edit, an import); the row is replaced, never doubled.
        s.forget.run(row.rowid);
        // A streaming answer is indexed by the trigger when it ends.
        if (row.status !== 'streaming') s.add.run(row.rowid, gramsOf(row.content));
      }
      if (rows.length > 0) s.lower.run(rows.at(-1)!.rowid);
      return rows.length < batch;
    })
    .immediate();
}

export interface BackfillOptions {
  /** Before the first slice, so the window's first load has the thread to itself. */
  delayMs?: number;
  /** Longest run of batches before giving the event loop back… */
  sliceMs?: number;
  /** …for this long. */
  pauseMs?: number;
  /** After a batch failed (another process held the write lock past the busy timeout). */
  retryMs?: number;
  onDone?: () => void;
}

/** Runs the backfill in the background until it is done; returns a function that stops it. */
export function startShortIndexBackfill(db: Db, opts: BackfillOptions = {}): () => void {
  const { delayMs = 2_000, sliceMs = 15, pauseMs = 15, retryMs = 30_000 } = opts;
  let timer: NodeJS.Timeout | null = null;
  const slice = (): void => {
    timer = null;
    if (!db.open) return;
    const until = performance.now() + sliceMs;
    let done = false;
    try {
      while (!done && performance.now() < until) done = backfillShortIndex(db);
    } catch (err) {
      // Another process holding the write lock past the busy timeout: nothing was half-written
      // (one transaction per batch), so try again a while later.
      console.error(`[runnel] indexing older messages for short search terms paused: ${(err as Error).message}`);
      schedule(retryMs);
      return;
    }
    if (done) opts.onDone?.();
    else schedule(pauseMs);
  };
  const schedule = (ms: number): void => {
    timer = setTimeout(slice, ms);
    timer.unref();
  };
  if (shortIndexFloor(db) === null) opts.onDone?.();
  else schedule(delayMs);
  return () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
}
