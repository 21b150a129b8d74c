// What a user's data folder survives at the core level: a damaged database is moved aside (never
// deleted) for a fresh one and app:info says so; a database from a newer Runnel stops the start
// with a message that says what to do, leaving the file as it was.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, databaseFile, type Core } from '../../src/main/core/create-core';
import { FileSecretStore } from '../../src/main/secrets/secret-store';
import type { RequestOutput } from '../../src/shared/ipc/contract';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dataFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runnel-recovery-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function start(dataDir: string): Core {
  const core = createCore({
    dataDir,
    host: 'web',
    version: 'test',
    secrets: new FileSecretStore(join(dataDir, 'secrets.plaintext.json')),
  });
  cleanups.push(() => core.close());
  return core;
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('a data folder after trouble', () => {
  it('starts on a fresh database when the file is damaged, keeps the damaged one, and says so in app:info', async () => {
    const dataDir = dataFolder();
    const file = databaseFile(dataDir);
    writeFileSync(file, Buffer.alloc(64 * 1024, 0xa5));
    const damaged = sha(file);

    const core = start(dataDir);

    const info = await core.invoke('app:info', {});
    expect(info.ok).toBe(true);
    const { notices } = (info as { value: RequestOutput<'app:info'> }).value;
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'database-recovered', detail: expect.stringMatching(/not a database/) });
    expect(notices[0]!.movedTo.startsWith(`${file}.corrupt-`)).toBe(true);
    expect(sha(notices[0]!.movedTo)).toBe(damaged);
    const list = await core.invoke('conversations:list', {});
    expect(list).toMatchObject({ ok: true, value: { items: [] } });
  });

  it('says nothing when the database was fine', async () => {
    const core = start(dataFolder());
    const info = await core.invoke('app:info', {});
    expect(info).toMatchObject({ ok: true, value: { notices: [] } });
  });

  it('refuses to start on a database from a newer Runnel, saying what to do, and leaves it untouched', () => {
    const dataDir = dataFolder();
    const file = databaseFile(dataDir);
    const future = new Database(file);
    future.exec('CREATE TABLE from_the_future (x)');
    future.pragma('user_version = 999');
    future.close();
    const before = sha(file);

    expect(() => start(dataDir)).toThrow(/written by a newer Runnel: update Runnel to open it/);
    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});
