// What a user's data folder survives at the core level: a damaged database is moved aside (never
// deleted) for a fresh one and app:info says so; a database from a newer Runnel stops the start
// with a message that says what to do, leaving the file as it was.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, databaseFile, type Core, type CoreOptions } from '../../src/main/core/create-core';
import { createConversation } from '../../src/main/db/history/conversations-repo';
import { insertMessage } from '../../src/main/db/history/messages-repo';
import { damageTable } from '../../src/main/db/temp-database';
import { markDamaged } from '../../src/main/db/lifecycle/integrity';
import { upload } from '../support/transfer-client';
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

function start(dataDir: string, options: Partial<CoreOptions> = {}): Core {
  const core = createCore({
    dataDir,
    host: 'web',
    version: 'test',
    secrets: new FileSecretStore(join(dataDir, 'secrets.plaintext.json')),
    ...options,
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
    const notice = notices[0]!;
    if (notice.kind !== 'database-recovered') throw new Error(`unexpected notice ${notice.kind}`);
    expect(notice.movedTo.startsWith(`${file}.corrupt-`)).toBe(true);
    expect(sha(notice.movedTo)).toBe(damaged);
    const list = await core.invoke('conversations:list', {});
    expect(list).toMatchObject({ ok: true, value: { items: [] } });
  });

  it('checks a large history in the background: damage found is announced at once and set aside at the next start', async () => {
    const dataDir = dataFolder();
    const file = databaseFile(dataDir);
    const first = start(dataDir);
    const c = createConversation(first.db, { title: 'Kept until the next start', backendId: null, model: 'm', now: 1 });
    for (let i = 0; i < 50; i++) {
      const base = { conversationId: c.id, backendId: null, model: 'm', params: {}, now: 2 + i };
      insertMessage(first.db, {
        ...base,
        parentId: null,
        role: 'user',
        content: `message ${i} `.repeat(40),
        status: 'done',
      });
    }
    await first.close();
    damageTable(file, 'messages');
    const damaged = sha(file);

    // Every file counts as large here, so only the background check reads the messages table.
    const running = start(dataDir, { fullCheckMaxBytes: 0, integrityCheckDelayMs: 0 });
    const announced = new Promise((resolve) =>
      running.subscribe((channel, payload) => channel === 'app:notice' && resolve(payload)),
    );
    expect(await announced).toEqual({ kind: 'database-damaged', detail: expect.stringMatching(/corrupt|malformed/i) });
    const info = await running.invoke('app:info', {});
    expect(info).toMatchObject({ ok: true, value: { notices: [{ kind: 'database-damaged' }] } });
    // The data stays usable meanwhile (the damage is in messages, not in the list).
    const list = await running.invoke('conversations:list', {});
    expect(list).toMatchObject({ ok: true, value: { items: [{ title: 'Kept until the next start' }] } });
    await running.close();
    expect(existsSync(`${file}.damaged`)).toBe(true);

    const next = start(dataDir, { fullCheckMaxBytes: 0 });
    const after = await next.invoke('app:info', {});
    const { notices } = (after as { value: RequestOutput<'app:info'> }).value;
    expect(notices).toMatchObject([
      { kind: 'database-recovered', detail: expect.stringMatching(/corrupt|malformed/i) },
    ]);
    const notice = notices[0]!;
    if (notice.kind !== 'database-recovered') throw new Error(`unexpected notice ${notice.kind}`);
    expect(sha(notice.movedTo)).toBe(damaged);
    expect(existsSync(`${file}.damaged`)).toBe(false);
  });

  it('a restore replaces data that was found damaged: the finding is dropped and the file checked again', async () => {
    const dataDir = dataFolder();
    const file = databaseFile(dataDir);
    const first = start(dataDir);
    createConversation(first.db, { title: 'Backed up', backendId: null, model: 'm', now: 1 });
    await first.close();
    const backup = readFileSync(file);

    const running = start(dataDir, { fullCheckMaxBytes: 0, integrityCheckDelayMs: 60_000 });
    // As if the background check had found damage in what is about to be replaced.
    markDamaged(file, 'database disk image is malformed');
    const call = async <T>(channel: string, input?: unknown): Promise<T> => {
      const r = await running.invoke(channel, input);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as T;
    };
    const uploadId = await upload({ call }, 'restore', [{ name: 'backup.sqlite', bytes: backup }]);
    await call('data:restore', { uploadId });
    expect(existsSync(`${file}.damaged`)).toBe(false);
    await running.close();

    // The next start keeps the restored history instead of setting it aside.
    const next = start(dataDir);
    expect(await next.invoke('app:info', {})).toMatchObject({ ok: true, value: { notices: [] } });
    expect(await next.invoke('conversations:list', {})).toMatchObject({
      ok: true,
      value: { items: [{ title: 'Backed up' }] },
    });
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
