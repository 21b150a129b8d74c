// Opens (or creates) the SQLite file with the pragmas Runnel relies on and migrates it to the
// newest schema. The handle type every repository takes lives here.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { migrate, refuseNewerDatabase } from './migrate';

export type Db = Database.Database;

export { DatabaseTooNewError } from './migrate';

const busyTimeoutMs = 5000;

export function openDatabase(file: string, opts: { nativeBinding?: string } = {}): Db {
  const inMemory = file === ':memory:' || file === '';
  if (!inMemory) mkdirSync(dirname(resolve(file)), { recursive: true });
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
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
