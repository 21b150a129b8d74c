// Backup and restore on real SQLite files: a restore brings back exactly the backed-up rows (and
// a search index that agrees with them), migrates an older backup, and refuses anything else
// while leaving the live data untouched, even when it fails halfway through the swap.
import Database from 'better-sqlite3';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestVersion, migrate } from '../db/schema/migrate';
import { migrations } from '../db/schema/migrations';
import type { Db } from '../db/db';
import { searchMessages } from '../db/search/search-repo';
import { openTemp, tempFolder } from '../db/temp-database';
import { backupDatabase } from './backup';
import { checkBackup, replaceWithBackup, RestoreError } from './restore';

function fill(db: Db, tag: string): void {
  db.prepare(
    `INSERT INTO backends (id, name, kind, base_url, created_at, updated_at) VALUES (?, ?, 'ollama', 'http://x', 1, 1)`,
  ).run(`b-${tag}`, `Backend ${tag}`);
  db.prepare(`INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, 1, 1)`).run(
    `c-${tag}`,
    `Chat ${tag}`,
  );
  const insert = db.prepare(
    `INSERT INTO messages (id, conversation_id, parent_id, role, content, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'done', ?, ?)`,
  );
  insert.run(`m1-${tag}`, `c-${tag}`, null, 'user', `question about ${tag}words`, 10, 10);
  insert.run(`m2-${tag}`, `c-${tag}`, `m1-${tag}`, 'assistant', `answer mentioning ${tag}words`, 11, 11);
  db.prepare(`UPDATE conversations SET active_leaf_id = ? WHERE id = ?`).run(`m2-${tag}`, `c-${tag}`);
  db.prepare(
    `INSERT INTO attachments (id, message_id, position, kind, name, mime, size, data, created_at)
     VALUES (?, ?, 0, 'text', 'notes.txt', 'text/plain', 2, X'6869', 1)`,
  ).run(`a-${tag}`, `m1-${tag}`);
  db.prepare(`INSERT OR REPLACE INTO preferences (key, value, updated_at) VALUES ('language', ?, 1)`).run(
    JSON.stringify(tag === 'old' ? 'zh' : 'en'),
  );
}

const tables = ['conversations', 'messages', 'backends', 'attachments', 'preferences', 'presets'];
const snapshot = (db: Db) =>
  Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]));
const hits = (db: Db, word: string) =>
  (
    db.prepare('SELECT count(*) AS n FROM message_search WHERE message_search MATCH ?').get(`"${word}"`) as {
      n: number;
    }
  ).n;

async function backupOf(db: Db): Promise<string> {
  const file = join(tempFolder(), 'backup.sqlite');
  await backupDatabase(db, file);
  return file;
}

/** Checks and applies a backup the way the restore handler does. */
async function restore(db: Db, file: string) {
  const version = await checkBackup(file);
  return replaceWithBackup(db, file, version);
}

describe('backup and restore', () => {
  it('brings back exactly what was backed up, with a search index to match', async () => {
    const db = openTemp();
    fill(db, 'old');
    const before = snapshot(db);
    const file = await backupOf(db);

    fill(db, 'new');
    db.prepare(`DELETE FROM messages WHERE id = 'm2-old'`).run();
    db.prepare(`UPDATE conversations SET title = 'Renamed' WHERE id = 'c-old'`).run();
    expect(snapshot(db)).not.toEqual(before);

    const result = await restore(db, file);
    expect(result).toEqual({ conversations: 1, backends: 1, migratedFrom: null });
    expect(snapshot(db)).toEqual(before);
    expect(hits(db, 'oldwords')).toBe(2);
    expect(hits(db, 'newwords')).toBe(0);
    // FTS5's own check: the index matches the text it was built from.
    db.prepare(`INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)`).run();
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect((db.pragma('database_list') as unknown[]).length).toBe(1);
  });

  it('brings back tool calls, with their results searchable again', async () => {
    const db = openTemp();
    fill(db, 'old');
    const addCall = db.prepare(
      `INSERT INTO tool_calls (id, message_id, round, position, call_index, wire_id, wire_name, server_name, tool_name,
         arguments, status, result, created_at)
       VALUES (?, ?, 0, 0, ?, ?, 'w__get', 'w', 'get', '{}', 'done', ?, 1)`,
    );
    addCall.run('t1', 'm2-old', 0, 'c1', 'oldresult from the tool');
    addCall.run('t2', 'm2-old', 1, 'c2', 'second oldresult');
    const calls = () => db.prepare('SELECT * FROM tool_calls ORDER BY id').all();
    const before = calls();
    const file = await backupOf(db);

    fill(db, 'new');
    addCall.run('t3', 'm2-new', 0, 'c3', 'newresult');
    db.prepare(`DELETE FROM messages WHERE id = 'm2-old'`).run();
    expect(calls()).toHaveLength(1);

    await restore(db, file);
    expect(calls()).toEqual(before);
    expect(searchMessages(db, 'oldresult').hits.map((h) => h.messageId)).toEqual(['m2-old']);
    expect(searchMessages(db, 'newresult').hits).toEqual([]);
    db.prepare(`INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)`).run();
    db.prepare(`INSERT INTO message_grams (message_grams) VALUES ('integrity-check')`).run();
  });

  it('migrates a backup from an older Runnel', async () => {
    const file = join(tempFolder(), 'old.sqlite');
    const old = new Database(file);
    migrate(old, migrations.slice(0, 3));
    old.prepare(`INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c-v3', 'From v3', 1, 1)`).run();
    old
      .prepare(
        `INSERT INTO messages (id, conversation_id, role, content, status, created_at, updated_at)
       VALUES ('m-v3', 'c-v3', 'user', 'schema three text', 'done', 5, 5)`,
      )
      .run();
    old.close();

    const db = openTemp();
    fill(db, 'live');
    const result = await restore(db, file);
    expect(result.migratedFrom).toBe(3);
    expect(db.prepare('SELECT id, title FROM conversations').all()).toEqual([{ id: 'c-v3', title: 'From v3' }]);
    expect(hits(db, 'three')).toBe(1);
    // The index for short terms is filled as the rows go in, whatever the backup's age.
    expect(searchMessages(db, 'ee', { scanWindow: 1 }).hits.map((h) => h.messageId)).toEqual(['m-v3']);
  });

  it('refuses a backup from a newer Runnel, and leaves everything as it was', async () => {
    const db = openTemp();
    fill(db, 'live');
    const file = await backupOf(db);
    const newer = new Database(file);
    newer.pragma(`user_version = ${latestVersion() + 1}`);
    newer.close();
    fill(db, 'later');
    const before = snapshot(db);
    await expect(checkBackup(file)).rejects.toThrow(/newer Runnel \(schema version \d+; this Runnel knows up to \d+\)/);
    expect(snapshot(db)).toEqual(before);
  });

  it('refuses files that are not Runnel databases', async () => {
    const folder = tempFolder();
    const text = join(folder, 'notes.sqlite');
    writeFileSync(text, 'just some text, long enough to have a header');
    await expect(checkBackup(text)).rejects.toThrow(/not a SQLite file/);

    const other = join(folder, 'other.sqlite');
    const foreign = new Database(other);
    foreign.exec('CREATE TABLE recipes (name TEXT)');
    foreign.close();
    await expect(checkBackup(other)).rejects.toThrow(/not a Runnel one/);

    const db = openTemp();
    const damaged = join(folder, 'damaged.sqlite');
    copyFileSync(await backupOf(db), damaged);
    const bytes = Buffer.alloc(4096, 0xff);
    const handle = new Database(damaged);
    const pageSize = handle.pragma('page_size', { simple: true }) as number;
    handle.close();
    // Scribble over the second page (a table's b-tree).
    const fd = await import('node:fs/promises').then((fs) => fs.open(damaged, 'r+'));
    await fd.write(bytes, 0, Math.min(bytes.length, pageSize), pageSize);
    await fd.close();
    await expect(checkBackup(damaged)).rejects.toBeInstanceOf(RestoreError);
  });

  it('refuses a backup whose rows point at rows that are not there', async () => {
    const db = openTemp();
    fill(db, 'live');
    const file = await backupOf(db);
    const broken = new Database(file);
    broken.pragma('foreign_keys = OFF');
    broken.prepare(`DELETE FROM conversations`).run();
    broken.close();
    await expect(checkBackup(file)).rejects.toThrow(/inconsistent/);
  });

  it('rolls the whole swap back when a row is refused halfway, so nothing is half restored', async () => {
    const db = openTemp();
    fill(db, 'live');
    const before = snapshot(db);
    // A hand-made file with the right tables and columns but none of the constraints, holding a
    // message role the real schema refuses: it passes the checks and fails inside the swap.
    const file = join(tempFolder(), 'loose.sqlite');
    db.prepare('ATTACH DATABASE ? AS loose').run(file);
    for (const { name } of db
      .prepare(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'message_search_%' AND name NOT LIKE 'message_grams_%'",
      )
      .all() as { name: string }[]) {
      db.exec(`CREATE TABLE loose.${name} AS SELECT * FROM main.${name}`);
    }
    db.exec(`UPDATE loose.messages SET role = 'tool' WHERE id = 'm2-live'`);
    db.prepare('DETACH DATABASE loose').run();
    const loose = new Database(file);
    loose.pragma(`user_version = ${latestVersion()}`);
    loose.close();

    const version = await checkBackup(file);
    expect(() => replaceWithBackup(db, file, version)).toThrow(/CHECK constraint/);
    expect(snapshot(db)).toEqual(before);
    expect(hits(db, 'livewords')).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect((db.pragma('database_list') as unknown[]).length).toBe(1);
  });
});
