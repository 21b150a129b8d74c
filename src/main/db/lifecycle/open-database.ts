// Opens (or creates) the SQLite file with the pragmas Runnel relies on and migrates it to the
// newest schema. A damaged file is moved aside and replaced by a fresh one, and the caller is
// told; a file from a newer Runnel is refused untouched.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Db } from '../db';
import {
  DatabaseCorruptError,
  isCorruption,
  moveAside,
  quickCheck,
  quickCheckSmallTables,
  takeDamageMark,
} from './integrity';
import { DatabaseTooNewError, migrate, refuseNewerDatabase } from '../schema/migrate';
import { applyWalPragmas } from './wal-checkpoints';

export { DatabaseTooNewError, MigrationBackupError } from '../schema/migrate';
export { DatabaseCorruptError, markDamaged, takeDamageMark } from './integrity';
export { closeDatabase, startIdleCheckpoints } from './wal-checkpoints';

const busyTimeoutMs = 5000;

/** What happened to a damaged database file: where it went and what SQLite said about it. */
export interface DatabaseRecovery {
  movedTo: string;
  detail: string;
}

export interface OpenDatabaseOptions {
  nativeBinding?: string;
  /** Called when a damaged file was moved aside and a fresh database created in its place. */
  onRecovered?: (recovery: DatabaseRecovery) => void;
  now?: () => Date;
  /**
   * Files up to this size get the full `quick_check` before use (default 32 MiB, about a quarter
   * second); a larger one gets it for all but its history tables, and `onPartialCheck` is called
   * so the caller can check the rest in the background.
   */
  fullCheckMaxBytes?: number;
  onPartialCheck?: () => void;
}

const defaultFullCheckMaxBytes = 32 * 2 ** 20;

export function openDatabase(file: string, opts: OpenDatabaseOptions = {}): Db {
  const inMemory = file === ':memory:' || file === '';
  if (inMemory) return openChecked(file, opts);
  mkdirSync(dirname(resolve(file)), { recursive: true });
  try {
    // Damage a background check found during an earlier run is acted on now, before any use.
    const marked = takeDamageMark(file);
    if (marked !== null && existsSync(file)) throw new DatabaseCorruptError(file, marked);
    let partial = false;
    if (existsSync(file)) partial = checkReadOnly(file, opts);
    const db = openChecked(file, opts);
    if (partial) opts.onPartialCheck?.();
    return db;
  } catch (err) {
    if (!(err instanceof DatabaseCorruptError)) throw err;
    const movedTo = moveAside(file, (opts.now ?? (() => new Date()))());
    const db = openChecked(file, opts);
    opts.onRecovered?.({ movedTo, detail: err.detail });
    return db;
  }
}

/**
 * Looks at an existing file without writing to it (a read-only connection neither switches the
 * journal mode nor checkpoints on close): refuses a newer schema, then runs `quick_check` (on a
 * large file, of its small tables only: returns true then). Failures that say nothing about the
 * file's bytes (permissions, locks) are left to the real open.
 */
function checkReadOnly(file: string, opts: OpenDatabaseOptions): boolean {
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: opts.nativeBinding });
  } catch (err) {
    if (isCorruption(err)) throw new DatabaseCorruptError(file, (err as Error).message);
    return false;
  }
  try {
    refuseNewerDatabase(db);
    const partial = statSync(file).size > (opts.fullCheckMaxBytes ?? defaultFullCheckMaxBytes);
    if (partial) quickCheckSmallTables(db, file);
    else quickCheck(db, file);
    return partial;
  } catch (err) {
    if (err instanceof DatabaseCorruptError || err instanceof DatabaseTooNewError) throw err;
    if (isCorruption(err)) throw new DatabaseCorruptError(file, (err as Error).message);
    return false;
  } finally {
    db.close();
  }
}

function openChecked(file: string, opts: OpenDatabaseOptions): Db {
  const db = new Database(file, { nativeBinding: opts.nativeBinding, timeout: busyTimeoutMs });
  try {
    // Before any pragma: switching to WAL rewrites the header, and a newer app's file must stay
    // exactly as it was.
    refuseNewerDatabase(db);
    db.pragma('journal_mode = WAL');
    // Must be set outside a transaction, and per connection: SQLite defaults it to off.
    db.pragma('foreign_keys = ON');
    // With WAL, NORMAL cannot corrupt the file; a power cut may only lose the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    applyWalPragmas(db);
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    if (isCorruption(err)) throw new DatabaseCorruptError(file, (err as Error).message);
    throw err;
  }
}
