// Replaces all data with a backup's, without restarting: the backup is checked (a SQLite file, a
// Runnel schema no newer than this app's, intact), migrated on its own copy if older, attached to
// the live connection, and every table's rows are swapped in one transaction. Anything wrong
// rolls the whole transaction back: the live data is then exactly as it was.
import Database from 'better-sqlite3';
import { open } from 'node:fs/promises';
import type { RestoreResult } from '../../shared/domain';
import { latestVersion, migrate, userVersion } from '../db/schema/migrate';
import type { Db } from '../db/db';
import { tableColumns } from './table-columns';
import { transferWords } from '../../shared/words/transfer-words';
import { WordsError } from './words-error';
import type { Spoken } from '../../shared/words/define-words';

export class RestoreError extends WordsError {
  constructor(words: Spoken) {
    super(words);
    this.name = 'RestoreError';
  }
}

const sqliteMagic = 'SQLite format 3\u0000';
const requiredTables = ['conversations', 'messages', 'backends'];
const alias = 'runnel_restore';

/**
 * Checks a backup file (a copy of the user's upload, changed in place) and brings it to this app's
 * schema; returns the schema version it had. Throws RestoreError with a sentence for the user.
 */
export async function checkBackup(file: string, nativeBinding?: string): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(16);
    await handle.read(head, 0, 16, 0);
    if (head.toString('latin1') !== sqliteMagic) throw new RestoreError(transferWords.say('notSqlite'));
  } finally {
    await handle.close();
  }
  let candidate: Db;
  try {
    candidate = new Database(file, { nativeBinding, fileMustExist: true });
  } catch (err) {
    throw new RestoreError(
      transferWords.say('backupUnopenable', { why: err instanceof Error ? err.message : String(err) }),
    );
  }
  try {
    // The file is untrusted: its schema must not run functions with side effects.
    candidate.pragma('trusted_schema = OFF');
    const found = userVersion(candidate);
    const supported = latestVersion();
    if (found > supported) {
      throw new RestoreError(transferWords.say('backupTooNew', { found, supported }));
    }
    const tables = new Set(
      (candidate.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    if (found < 1 || requiredTables.some((t) => !tables.has(t))) {
      throw new RestoreError(transferWords.say('notRunnelDatabase'));
    }
    const integrity = candidate.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      throw new RestoreError(transferWords.say('backupDamaged', { detail: String(integrity).slice(0, 200) }));
    // One self-contained file to attach: no write-ahead log beside it.
    candidate.pragma('journal_mode = DELETE');
    if (found < supported) migrate(candidate);
    if ((candidate.pragma('foreign_key_check') as unknown[]).length > 0) {
      throw new RestoreError(transferWords.say('backupInconsistent'));
    }
    return found;
  } catch (err) {
    if (err instanceof RestoreError) throw err;
    throw new RestoreError(
      transferWords.say('backupUnreadable', { why: err instanceof Error ? err.message : String(err) }),
    );
  } finally {
    candidate.close();
  }
}

interface TablePlan {
  name: string;
  columns: string[];
}

/**
 * The tables whose rows are copied: not SQLite's own, not full-text indexes and their shadow
 * tables, and not tables that triggers fill (the search index's row table), which the triggers
 * rebuild as the messages go in.
 */
function tablesToCopy(db: Db): TablePlan[] {
  const schema = db
    .prepare("SELECT type, name, sql FROM main.sqlite_master WHERE type IN ('table', 'trigger')")
    .all() as {
    type: string;
    name: string;
    sql: string | null;
  }[];
  const virtual = schema
    .filter((r) => r.type === 'table' && /^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(r.sql ?? ''))
    .map((r) => r.name);
  const triggerSql = schema.filter((r) => r.type === 'trigger').map((r) => r.sql ?? '');
  const filledByTriggers = (name: string): boolean => {
    const target = new RegExp(
      `\\b(?:INSERT(?:\\s+OR\\s+\\w+)?\\s+INTO|DELETE\\s+FROM|UPDATE(?:\\s+OR\\s+\\w+)?)\\s+["\`\\[]?${name}\\b`,
      'i',
    );
    return triggerSql.some((sql) => target.test(sql));
  };
  return schema
    .filter((r) => r.type === 'table')
    .map((r) => r.name)
    .filter((name) => !name.startsWith('sqlite_'))
    .filter((name) => !virtual.includes(name) && !virtual.some((v) => name.startsWith(`${v}_`)))
    .filter((name) => !filledByTriggers(name))
    .map((name) => ({ name, columns: [...tableColumns(db, name)] }));
}

const quoteName = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Swaps every table's rows for the checked backup's, all or nothing. Synchronous: nothing writes meanwhile. */
export function replaceWithBackup(db: Db, file: string, foundVersion: number): RestoreResult {
  if (db.inTransaction) throw new RestoreError(transferWords.say('databaseBusy'));
  db.prepare(`ATTACH DATABASE ? AS ${alias}`).run(file);
  // Rows go in table by table, so references are checked once at the end, not row by row.
  db.pragma('foreign_keys = OFF');
  try {
    const plan = tablesToCopy(db);
    for (const table of plan) {
      const theirs = tableColumns(db, table.name, alias);
      const missing = table.columns.filter((c) => !theirs.has(c));
      if (theirs.size === 0 || missing.length > 0) {
        throw new RestoreError(
          missing.length > 0
            ? transferWords.say('tableMismatch', { table: table.name, columns: missing.join(', ') })
            : transferWords.say('tableMissing', { table: table.name }),
        );
      }
    }
    db.transaction(() => {
      for (const table of plan) db.prepare(`DELETE FROM main.${quoteName(table.name)}`).run();
      for (const table of plan) {
        const cols = table.columns.map(quoteName).join(', ');
        db.prepare(
          `INSERT INTO main.${quoteName(table.name)} (${cols}) SELECT ${cols} FROM ${alias}.${quoteName(table.name)}`,
        ).run();
      }
      if ((db.pragma('main.foreign_key_check') as unknown[]).length > 0) {
        throw new RestoreError(transferWords.say('backupInconsistent'));
      }
    })();
  } finally {
    db.pragma('foreign_keys = ON');
    db.prepare(`DETACH DATABASE ${alias}`).run();
  }
  const count = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    conversations: count('conversations'),
    backends: count('backends'),
    migratedFrom: foundVersion < latestVersion() ? foundVersion : null,
  };
}
