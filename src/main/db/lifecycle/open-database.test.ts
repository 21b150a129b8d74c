// Opening a file: pragmas, migration, persistence, refusing a file from a newer Runnel, and
// moving a damaged file aside (never deleting it) for a fresh one.
import Database from 'better-sqlite3';
import { latestVersion } from '../schema/migrate';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationId } from '../../../shared/ids';
import { createConversation, getConversation, listConversations } from '../history/conversations-repo';
import { activeBranch, insertMessage } from '../history/messages-repo';
import type { Db } from '../db';
import { DatabaseTooNewError, openDatabase, type DatabaseRecovery } from './open-database';
import { damageTable, openTemp, tempFolder } from '../temp-database';
import { checkInBackground } from './background-check';
import { markDamaged, tablesCheckedBeforeUse } from './integrity';

const handles: Db[] = [];
afterEach(() => handles.splice(0).forEach((db) => db.open && db.close()));

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

describe('openDatabase with a damaged file', () => {
  const listing = (dir: string) => readdirSync(dir).sort();

  function storedConversation(file: string): ConversationId {
    const db = openDatabase(file);
    const c = createConversation(db, { title: 'Years of history', backendId: null, model: 'm', now: 1 });
    for (let i = 0; i < 50; i++) {
      const base = { conversationId: c.id, backendId: null, model: 'm', params: {}, now: 2 + i };
      insertMessage(db, { ...base, parentId: null, role: 'user', content: `message ${i} `.repeat(40), status: 'done' });
    }
    db.close();
    return c.id;
  }

  it('moves a file that is not a database aside with its -wal and -shm, and starts a fresh one', () => {
    const dir = tempFolder();
    const file = join(dir, 'runnel.sqlite');
    writeFileSync(file, 'this is not SQLite '.repeat(300));
    writeFileSync(`${file}-wal`, 'stale journal');
    writeFileSync(`${file}-shm`, 'stale index');
    const before = { main: sha(file), wal: sha(`${file}-wal`) };
    const recoveries: DatabaseRecovery[] = [];

    const db = openDatabase(file, {
      onRecovered: (r) => recoveries.push(r),
      now: () => new Date(Date.UTC(2025, 0, 31, 12)),
    });
    handles.push(db);

    expect(recoveries).toHaveLength(1);
    const moved = recoveries[0]!.movedTo;
    expect(moved).toBe(`${file}.corrupt-2025-01-31T12-00-00-000Z`);
    expect(recoveries[0]!.detail).toMatch(/not a database/);
    expect({ main: sha(moved), wal: sha(`${moved}-wal`) }).toEqual(before);
    // The -shm is only SQLite's index of the -wal, rebuilt from it whenever needed: it moves along
    // with it, but its bytes are SQLite's to rewrite.
    expect(existsSync(`${moved}-shm`)).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
    expect(listConversations(db)).toEqual([]);
    expect(listing(dir)).toEqual(
      expect.arrayContaining(['runnel.sqlite', basename(moved), `${basename(moved)}-wal`, `${basename(moved)}-shm`]),
    );
  });

  it('moves aside a database whose pages fail the quick check, keeping its bytes, and says what SQLite found', () => {
    const dir = tempFolder();
    const file = join(dir, 'runnel.sqlite');
    storedConversation(file);
    damageTable(file, 'messages');
    const damaged = sha(file);
    const recoveries: DatabaseRecovery[] = [];

    const db = openDatabase(file, { onRecovered: (r) => recoveries.push(r) });
    handles.push(db);

    expect(recoveries).toHaveLength(1);
    expect(recoveries[0]!.detail).toMatch(/corrupt|malformed/i);
    expect(sha(recoveries[0]!.movedTo)).toBe(damaged);
    expect(listConversations(db)).toEqual([]);
    // A second open finds the fresh file healthy: nothing more is moved.
    db.close();
    const again = openDatabase(file, { onRecovered: (r) => recoveries.push(r) });
    handles.push(again);
    expect(recoveries).toHaveLength(1);
  });

  it('checks a large file’s small tables before use and leaves its history tables to the background', async () => {
    const dir = tempFolder();
    const file = join(dir, 'runnel.sqlite');
    storedConversation(file);
    damageTable(file, 'messages');
    const damaged = sha(file);
    const recoveries: DatabaseRecovery[] = [];
    let partial = 0;
    // Every file counts as large here: the damaged messages table is not read before use.
    const large = {
      fullCheckMaxBytes: 0,
      onPartialCheck: () => partial++,
      onRecovered: (r: DatabaseRecovery) => recoveries.push(r),
    };

    const db = openDatabase(file, large);
    handles.push(db);
    expect([partial, recoveries.length]).toEqual([1, 0]);
    expect(listConversations(db).map((c) => c.title)).toEqual(['Years of history']);

    // The background check reads every page and finds it; the mark sets the file aside next time.
    const detail = await checkInBackground(file).result;
    expect(detail).toMatch(/corrupt|malformed|invalid|btreeInitPage/i);
    markDamaged(file, detail!);
    db.close();
    const fresh = openDatabase(file, large);
    handles.push(fresh);
    expect(recoveries).toEqual([{ movedTo: expect.stringContaining('.corrupt-'), detail }]);
    expect(sha(recoveries[0]!.movedTo)).toBe(damaged);
    expect(listConversations(fresh)).toEqual([]);
    expect(existsSync(`${file}.damaged`)).toBe(false);
  });

  it('checks before use only tables that stay the same size as history grows', () => {
    const db = openTemp();
    const c = createConversation(db, { title: 'Growing', backendId: null, model: null, now: 1 });
    const grow = (from: number) => {
      for (let i = from; i < from + 300; i++)
        insertMessage(db, {
          conversationId: c.id,
          parentId: null,
          role: 'user',
          content: `message ${i} 第${i}条 ${'x'.repeat(i % 97)}`,
          status: 'done',
          backendId: null,
          model: null,
          params: {},
          now: 10 + i,
        });
    };
    const sizes = () => {
      const bytes = db.prepare<{ t: string }, number>(
        `SELECT coalesce(sum(pgsize), 0) FROM dbstat
         WHERE name = @t OR name IN (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = @t)`,
      );
      return Object.fromEntries(tablesCheckedBeforeUse(db).map((t) => [t, bytes.pluck().get({ t })]));
    };
    grow(0);
    const before = sizes();
    grow(300);
    expect(sizes()).toEqual(before);
    // What it leaves out does grow: the check would otherwise take longer with every message.
    expect(tablesCheckedBeforeUse(db)).not.toContain('message_grams_data');
    expect(tablesCheckedBeforeUse(db)).toEqual(
      expect.arrayContaining(['conversations', 'backends', 'message_grams_progress']),
    );
  });

  it('moves a large file aside at once when one of its small tables is damaged', () => {
    const dir = tempFolder();
    const file = join(dir, 'runnel.sqlite');
    storedConversation(file);
    damageTable(file, 'conversations');
    const recoveries: DatabaseRecovery[] = [];
    const db = openDatabase(file, { fullCheckMaxBytes: 0, onRecovered: (r) => recoveries.push(r) });
    handles.push(db);
    expect(recoveries).toHaveLength(1);
    expect(listConversations(db)).toEqual([]);
  });

  it('finds nothing in the background on a healthy file', async () => {
    const dir = tempFolder();
    const file = join(dir, 'runnel.sqlite');
    storedConversation(file);
    expect(await checkInBackground(file).result).toBeNull();
  });

  it('keeps a healthy database that a killed process left with its -wal and -shm', () => {
    const dir = tempFolder();
    const file = join(dir, 'runnel.sqlite');
    const id = storedConversation(file);
    // Another process writes in WAL mode and is killed before it can checkpoint or clean up.
    const script = `
      const Database = require('better-sqlite3');
      const db = new Database(${JSON.stringify(file)});
      db.pragma('journal_mode = WAL');
      db.prepare("UPDATE conversations SET title = 'Written before the kill'").run();
      process.kill(process.pid, 'SIGKILL');`;
    spawnSync(process.execPath, ['-e', script], {
      cwd: process.cwd(),
      env: { ...process.env, NODE_PATH: join(process.cwd(), 'node_modules') },
    });
    expect(existsSync(`${file}-wal`)).toBe(true);
    const recoveries: DatabaseRecovery[] = [];

    const db = openDatabase(file, { onRecovered: (r) => recoveries.push(r) });
    handles.push(db);

    expect(recoveries).toEqual([]);
    expect(getConversation(db, id)?.title).toBe('Written before the kill');
    expect(listing(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it('does not recover :memory: or anything it cannot read for other reasons', () => {
    const dir = tempFolder();
    // A folder where the file should be: SQLite cannot open it, and it is not damage to move aside.
    const file = join(dir, 'runnel.sqlite');
    mkdirSync(file);
    expect(() => openDatabase(file)).toThrow();
    expect(listing(dir)).toEqual(['runnel.sqlite']);
  });
});

describe('the write-ahead log', () => {
  it('is checkpointed every 1000 pages and cut back to 4 MiB after each restart', () => {
    const db = openTemp();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(db.pragma('journal_size_limit', { simple: true })).toBe(4 * 1024 * 1024);
  });
});
