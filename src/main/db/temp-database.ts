// Test support: real database files in a fresh temporary folder, closed and removed after each
// test. Not imported by app code.
import Database from 'better-sqlite3';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { migrate } from './schema/migrate';
import { migrations } from './schema/migrations';
import type { Db } from './db';
import { openDatabase } from './lifecycle/open-database';

const folders: string[] = [];
const handles: Db[] = [];

afterEach(() => {
  for (const db of handles.splice(0)) if (db.open) db.close();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder, removed after the test. */
export function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runnel-db-'));
  folders.push(dir);
  return dir;
}

/** Opens (and later closes) a database at `file`, or at a new file in a fresh folder. */
export function openTemp(file = join(tempFolder(), 'runnel.sqlite')): Db {
  const db = openDatabase(file);
  handles.push(db);
  return db;
}

/** Damages a table of a closed file: its root page's first free-block pointer points past the page. */
export function damageTable(file: string, table: string): void {
  const probe = new Database(file, { readonly: true });
  const root = probe.prepare<[string], number>('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(table)!;
  const pageSize = probe.pragma('page_size', { simple: true }) as number;
  probe.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.from([0xff, 0xff]), 0, 2, (root - 1) * pageSize + 1);
  closeSync(fd);
}

/**
 * A database file at schema step 8, before the index for short search terms, holding `messages`
 * in one conversation ('c') in order: ids m0, m1…, a millisecond apart from 1,000.
 */
export function storedBeforeShortIndex(messages: readonly { content: string; status?: string }[]): string {
  const file = join(tempFolder(), 'step8.sqlite');
  const raw = new Database(file);
  migrate(raw, migrations.slice(0, 8));
  raw.prepare("INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'Old chat', 1, 1)").run();
  const add = raw.prepare(
    "INSERT INTO messages (id, conversation_id, role, content, status, created_at, updated_at) VALUES (?, 'c', 'user', ?, ?, ?, ?)",
  );
  raw.transaction(() =>
    messages.forEach(({ content, status = 'done' }, i) => add.run(`m${i}`, content, status, 1_000 + i, 1_000 + i)),
  )();
  raw.close();
  return file;
}
