// Schema step 4 on a database that already has backends: the preferences table appears empty and
// every backend gets unset timeouts and no default parameters; no secret-looking column is added.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { tempFolder } from '../../temp-database';
import { migrations } from './index';

const opened: Database.Database[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.close()));

describe('migration 4 (preferences)', () => {
  it('adds the preferences table and backend timeouts and defaults, leaving existing rows intact', () => {
    const db = new Database(join(tempFolder(), 'old.sqlite'));
    opened.push(db);
    migrate(db, migrations.slice(0, 3));
    db.prepare(
      "INSERT INTO backends (id, name, kind, base_url, http, created_at, updated_at) VALUES ('b', 'old', 'ollama', 'http://x', 'auto', 1, 1)",
    ).run();

    expect(migrate(db, migrations.slice(0, 4))).toEqual([4]);
    expect(db.prepare('SELECT * FROM preferences').all()).toEqual([]);
    expect(
      db.prepare('SELECT name, connect_timeout_ms, idle_timeout_ms, default_params_json FROM backends').get(),
    ).toEqual({ name: 'old', connect_timeout_ms: null, idle_timeout_ms: null, default_params_json: '{}' });
    const cols = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('backends')").all();
    expect(cols.map((c) => c.name).filter((n) => /header|key|secret|token/i.test(n))).toEqual([]);
  });

  it('keeps one row per preference', () => {
    const db = new Database(join(tempFolder(), 'new.sqlite'));
    opened.push(db);
    migrate(db, migrations.slice(0, 4));
    db.prepare("INSERT INTO preferences (key, value, updated_at) VALUES ('language', 'zh', 1)").run();
    expect(() =>
      db.prepare("INSERT INTO preferences (key, value, updated_at) VALUES ('language', 'en', 2)").run(),
    ).toThrow(/UNIQUE/);
  });
});
