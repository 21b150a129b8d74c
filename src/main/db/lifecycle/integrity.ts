// Recognizes a damaged database file and moves it (with its -wal and -shm) aside under a dated
// name, so a fresh database can be created without ever deleting what the user had.
import type { Db } from '../db';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/** The file is not a readable SQLite database, or its pages fail `PRAGMA quick_check`. */
export class DatabaseCorruptError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`The database ${file} is damaged: ${detail}`);
    this.name = 'DatabaseCorruptError';
  }
}

// SQLITE_CORRUPT and its extended codes (_VTAB, _SEQUENCE, _INDEX), and SQLITE_NOTADB: what
// SQLite says about the bytes of the file, as opposed to locks, permissions or a full disk.
const corruptionCodes = /^SQLITE_(CORRUPT(_\w+)?|NOTADB)$/;

export function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && corruptionCodes.test(code);
}

/**
 * Throws DatabaseCorruptError when quick_check finds damage (it reads every page of the file, or
 * of one table and its indexes; it writes nothing).
 */
export function quickCheck(db: Db, file: string, table?: string): void {
  let rows: { quick_check: string }[];
  try {
    rows = db.pragma(table ? `quick_check("${table.replace(/"/g, '""')}")` : 'quick_check(5)') as {
      quick_check: string;
    }[];
  } catch (err) {
    if (isCorruption(err)) throw new DatabaseCorruptError(file, (err as Error).message);
    throw err;
  }
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  if (problems.length) throw new DatabaseCorruptError(file, problems.join('; '));
}

/**
 * The tables that do not grow with history: all but messages, attachments and the two search
 * indexes (their rows and shadow tables), checked before use in milliseconds whatever the
 * history's size. The rest is checked in the background (background-check.ts).
 */
export function tablesCheckedBeforeUse(db: Db): string[] {
  return db
    .prepare<[], string>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
         AND name NOT IN ('messages', 'attachments') AND name NOT LIKE 'message_search%'
         AND (name NOT LIKE 'message_grams%' OR name = 'message_grams_progress')`,
    )
    .pluck()
    .all();
}

/** `quick_check` of the tables (and their indexes) that do not grow with history. */
export function quickCheckSmallTables(db: Db, file: string): void {
  for (const table of tablesCheckedBeforeUse(db)) quickCheck(db, file, table);
}

/** A file damaged where only the full check looks: set aside at the next start (`takeDamageMark`). */
export const damageMark = (file: string): string => `${file}.damaged`;

export function markDamaged(file: string, detail: string): void {
  writeFileSync(damageMark(file), detail);
}

/** The detail of a damage found by an earlier run, removing the mark; null when there is none. */
export function takeDamageMark(file: string): string | null {
  const mark = damageMark(file);
  if (!existsSync(mark)) return null;
  const detail = readFileSync(mark, 'utf8');
  rmSync(mark, { force: true });
  return detail || 'found by the integrity check of an earlier run';
}

/** `2025-01-31T12-00-00-123Z`: sortable, and valid in a file name on every platform. */
export const fileStamp = (date: Date): string => date.toISOString().replace(/[:.]/g, '-');

/**
 * Renames `file` to `file.corrupt-<stamp>` and its -wal and -shm beside it (so SQLite, opening
 * the moved file, still finds its journal). Returns the new name of the main file.
 */
export function moveAside(file: string, now: Date): string {
  let target = `${file}.corrupt-${fileStamp(now)}`;
  for (let n = 2; [target, `${target}-wal`, `${target}-shm`].some((f) => existsSync(f)); n++) {
    target = `${file}.corrupt-${fileStamp(now)}-${n}`;
  }
  // The journal first: a -wal left behind would be replayed into the fresh database.
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  if (existsSync(file)) renameSync(file, target);
  return target;
}
