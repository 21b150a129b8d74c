// Opening a file: pragmas, migration, persistence, and refusing a file from a newer Runnel.
import Database from 'better-sqlite3';
import { latestVersion } from './migrate';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConversation, getConversation } from './conversations-repo';
import { activeBranch, insertMessage } from './messages-repo';
import { DatabaseTooNewError, openDatabase } from './open-database';
import { openTemp, tempFolder } from './temp-database';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('openDatabase', () => {
  it('creates the parent folder and sets WAL, foreign keys, synchronous and busy timeout', () => {
    const file = join(tempFolder(), 'nested', 'deeper', 'runnel.sqlite');
    const db = openTemp(file);
    expect(existsSync(file)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
  });

  it('opens :memory:', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a database from a newer Runnel and leaves the file unchanged', () => {
    const file = join(tempFolder(), 'future.sqlite');
    const future = new Database(file);
    future.exec('CREATE TABLE from_the_future (x)');
    future.pragma('user_version = 42');
    future.close();
    const before = sha(file);

    let thrown: unknown;
    try {
      openDatabase(file);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(DatabaseTooNewError);
    expect((thrown as Error).message).toMatch(/42/);
    expect((thrown as Error).message).toMatch(new RegExp(`version ${latestVersion()}\\b`));
    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);

    const check = new Database(file, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(check.pragma('user_version', { simple: true })).toBe(42);
    check.close();
  });

  it('keeps data across closing and reopening the file', () => {
    const file = join(tempFolder(), 'runnel.sqlite');
    const first = openDatabase(file);
    const c = createConversation(first, { title: 'Kept', backendId: null, model: 'm', now: 1 });
    const base = { conversationId: c.id, backendId: null, model: 'm', params: { temperature: 0.5 }, now: 2 };
    const u = insertMessage(first, { ...base, parentId: null, role: 'user', content: '你好 👋', status: 'done' });
    insertMessage(first, { ...base, parentId: u.id, role: 'assistant', content: 'hi', status: 'done' });
    first.close();

    const second = openTemp(file);
    expect(getConversation(second, c.id)?.title).toBe('Kept');
    expect(activeBranch(second, c.id).map((m) => m.content)).toEqual(['你好 👋', 'hi']);
    expect(activeBranch(second, c.id)[0]?.params).toEqual({ temperature: 0.5 });
  });
});
