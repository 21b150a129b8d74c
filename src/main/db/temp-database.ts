// Test support: real database files in a fresh temporary folder, closed and removed after each
// test. Not imported by app code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type Db } from './open-database';

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
