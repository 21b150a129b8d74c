// Indexing, for short search terms, the messages stored before that index existed: in the
// background until done, newest first, without doubling what triggers indexed meanwhile, and
// picking up again after another process held the write lock.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { searchMessages } from './search-repo';
import { shortIndexFloor, startShortIndexBackfill } from './short-index-backfill';
import { openTemp, storedBeforeShortIndex } from '../temp-database';

const olderDatabase = (count: number): string =>
  storedBeforeShortIndex(
    Array.from({ length: count }, (_, i) => ({ content: `message ${i} 鱼`, status: i === 3 ? 'streaming' : 'done' })),
  );

const grams = (db: Database.Database): number =>
  db.prepare<[], number>(`SELECT count(*) FROM message_grams WHERE message_grams MATCH '"9c7c"'`).pluck().get()!;

const finished = (db: Database.Database, opts: Parameters<typeof startShortIndexBackfill>[1] = {}) =>
  new Promise<void>((resolve) => startShortIndexBackfill(db, { delayMs: 0, pauseMs: 1, ...opts, onDone: resolve }));

describe('short-term index backfill', () => {
  it('indexes every stored message in the background, once, leaving a streaming one to its trigger', async () => {
    const db = openTemp(olderDatabase(1_000));
    expect(shortIndexFloor(db)).not.toBeNull();
    expect(grams(db)).toBe(0);
    // Edited before the backfill reaches it: the trigger indexes it, and the backfill replaces that.
    db.prepare("UPDATE messages SET content = 'edited 鱼' WHERE id = 'm5'").run();
    expect(grams(db)).toBe(1);
    await finished(db, { sliceMs: 1 });
    expect(shortIndexFloor(db)).toBeNull();
    expect(grams(db)).toBe(999);
    expect(searchMessages(db, '鱼', { limit: 200, scanWindow: 1 }).hits).toHaveLength(200);
    db.prepare("UPDATE messages SET status = 'done' WHERE id = 'm3'").run();
    expect(grams(db)).toBe(1_000);
    db.close();
  });

  it('says it is done at once when nothing is waiting', async () => {
    const db = openTemp();
    expect(shortIndexFloor(db)).toBeNull();
    await finished(db);
    db.close();
  });

  it('waits and goes on when another connection holds the write lock', async () => {
    const file = olderDatabase(50);
    const db = openTemp(file);
    db.pragma('busy_timeout = 10');
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const errors: unknown[] = [];
    const log = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const done = finished(db, { retryMs: 50 });
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(shortIndexFloor(db)).not.toBeNull();
      other.exec('COMMIT');
      await done;
    } finally {
      console.error = log;
      other.close();
    }
    expect(errors.join('\n')).toMatch(/short search terms paused: database is locked/);
    expect(shortIndexFloor(db)).toBeNull();
    expect(grams(db)).toBe(49);
    db.close();
  });
});
