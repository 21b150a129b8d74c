// Schema steps: applied once, in order, each atomically, never onto a newer database, and never
// onto a database that already has a schema without a backup first.
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, MigrationBackupError, latestVersion, migrate, userVersion } from './migrate';
import { keptBackups, listBackups } from './migration-backup';
import { migrations, type Migration } from './migrations';
import { tempFolder } from '../temp-database';

const opened: Database.Database[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.close()));

function rawDb(file = join(tempFolder(), 'raw.sqlite')): Database.Database {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  opened.push(db);
  return db;
}

function names(db: Database.Database, type: 'table' | 'index'): string[] {
  return db
    .prepare<[string], { name: string }>("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%'")
    .all(type)
    .map((r) => r.name)
    .sort();
}

describe('migrate', () => {
  it('numbers the shipped steps 1, 2, 3… without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('applies every step to an empty database, then nothing the second time', () => {
    const db = rawDb();
    expect(migrate(db)).toEqual(migrations.map((m) => m.version));
    expect(userVersion(db)).toBe(latestVersion());
    // Later steps add (and replace) tables and indexes, each checked by its own test.
    expect(names(db, 'table')).toEqual(expect.arrayContaining(['backends', 'conversations', 'messages']));
    expect(names(db, 'index')).toEqual(expect.arrayContaining(['messages_parent', 'messages_streaming']));
    const partial = db
      .prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'messages_streaming'")
      .get();
    expect(partial?.sql).toMatch(/WHERE status = 'streaming'/);

    expect(migrate(db)).toEqual([]);
    expect(userVersion(db)).toBe(latestVersion());
  });

  it('step 2 adds a trusted certificate column to existing backends, empty', () => {
    const db = rawDb();
    migrate(db, migrations.slice(0, 1));
    db.prepare(
      "INSERT INTO backends (id, name, kind, base_url, http, created_at, updated_at) VALUES ('b', 'old', 'openai-chat', 'http://x/v1', 'auto', 1, 1)",
    ).run();
    expect(migrate(db, migrations.slice(0, 2))).toEqual([2]);
    expect(db.prepare('SELECT name, tls_ca FROM backends').all()).toEqual([{ name: 'old', tls_ca: null }]);
  });

  it('step 3 adds empty kind-specific options to existing backends', () => {
    const db = rawDb();
    migrate(db, migrations.slice(0, 2));
    db.prepare(
      "INSERT INTO backends (id, name, kind, base_url, http, created_at, updated_at) VALUES ('b', 'old', 'ollama', 'http://x', 'auto', 1, 1)",
    ).run();
    expect(migrate(db, migrations.slice(0, 3))).toEqual([3]);
    expect(db.prepare('SELECT options_json FROM backends').get()).toEqual({ options_json: '{}' });
  });

  it('keeps API keys out of the schema', () => {
    const db = rawDb();
    migrate(db);
    const cols = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('backends')").all();
    expect(cols.map((c) => c.name).filter((n) => /key|secret|token/i.test(n))).toEqual([]);
  });

  it('rolls a failing step back whole and leaves the version at the last good step', () => {
    const db = rawDb();
    const broken: Migration = {
      version: latestVersion() + 1,
      name: 'broken',
      up: 'CREATE TABLE half (x); SELECT * FROM no_such_table;',
    };
    expect(() => migrate(db, [...migrations, broken])).toThrow(/no_such_table/);
    expect(userVersion(db)).toBe(latestVersion());
    expect(names(db, 'table')).not.toContain('half');
  });

  it('refuses a step list with a gap', () => {
    const db = rawDb();
    const gap: Migration = { version: latestVersion() + 2, name: 'gap', up: '' };
    expect(() => migrate(db, [...migrations, gap])).toThrow(new RegExp(`expected ${latestVersion() + 1}`));
    expect(userVersion(db)).toBe(0);
  });

  it('refuses a database newer than the steps it knows', () => {
    const db = rawDb();
    db.pragma('user_version = 99');
    expect(() => migrate(db)).toThrow(DatabaseTooNewError);
    expect(userVersion(db)).toBe(99);
  });
});

describe('the backup before a migration', () => {
  /** A database at schema step 3 holding one backend named `name`. */
  function atVersion3(file: string, name: string): Database.Database {
    const db = rawDb(file);
    migrate(db, migrations.slice(0, 3));
    db.prepare(
      "INSERT INTO backends (id, name, kind, base_url, http, created_at, updated_at) VALUES ('b', ?, 'ollama', 'http://x', 'auto', 1, 1)",
    ).run(name);
    return db;
  }

  function readBackup(file: string): { version: number; names: string[] } {
    const copy = new Database(file, { readonly: true });
    try {
      const names = copy.prepare<[], string>('SELECT name FROM backends').pluck().all();
      return { version: userVersion(copy), names };
    } finally {
      copy.close();
    }
  }

  it('copies a database that has a schema, named with the versions, before changing it', () => {
    const file = join(tempFolder(), 'runnel.sqlite');
    const db = atVersion3(file, 'my vLLM');
    expect(listBackups(file)).toEqual([]);

    migrate(db);

    const backups = listBackups(file);
    expect(backups).toHaveLength(1);
    expect(basename(backups[0]!)).toMatch(new RegExp(`^runnel\\.sqlite\\.backup-v3-to-v${latestVersion()}-\\d{4}-`));
    expect(dirname(backups[0]!)).toBe(dirname(file));
    expect(readBackup(backups[0]!)).toEqual({ version: 3, names: ['my vLLM'] });
    expect(userVersion(db)).toBe(latestVersion());
  });

  it('takes no backup of a new, empty database, nor when nothing is pending', () => {
    const file = join(tempFolder(), 'runnel.sqlite');
    const db = rawDb(file);
    migrate(db);
    migrate(db);
    expect(listBackups(file)).toEqual([]);
  });

  it(`keeps the newest ${keptBackups} backups only`, () => {
    const file = join(tempFolder(), 'runnel.sqlite');
    for (let i = 1; i <= keptBackups + 2; i++) {
      const db = atVersion3(file, `backend ${i}`);
      migrate(db);
      db.close();
      opened.splice(opened.indexOf(db), 1);
      rmSync(file);
    }
    const kept = listBackups(file).map((b) => readBackup(b).names[0]);
    expect(kept).toEqual(['backend 3', 'backend 4', 'backend 5']);
  });

  it('changes nothing when the backup cannot be written', () => {
    const folder = tempFolder();
    const db = atVersion3(join(folder, 'runnel.sqlite'), 'kept as it was');
    // The folder disappears under the open file: the copy has nowhere to go.
    rmSync(folder, { recursive: true });
    expect(() => migrate(db)).toThrow(MigrationBackupError);
    expect(() => migrate(db)).toThrow(/could not back up its database before upgrading it from schema version 3/);
    expect(userVersion(db)).toBe(3);
  });
});
