// Export, import, backup and restore through the real core, as a host drives it: files go up in
// base64 chunks and come back down in chunks, imports report progress on `import:progress`, and a
// restore tells every window to reload.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  Conversation,
  ConversationPage,
  DataInfo,
  DownloadTicket,
  ImportProgress,
  ImportSummary,
} from '../../src/shared/domain';
import { createHarness, type Harness } from '../support/core-harness';
import { bigChatGptExport, download, upload } from '../support/transfer-client';
import { refusedOrigin } from '../support/refused-port';

const fixtures = fileURLToPath(new URL('../fixtures/imports/', import.meta.url));
const harnesses: Harness[] = [];

afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.dispose();
});

async function harness(options: Parameters<typeof createHarness>[0] = {}): Promise<Harness> {
  const h = await createHarness(options);
  harnesses.push(h);
  return h;
}

const titles = async (h: Harness) =>
  (await h.call<ConversationPage>('conversations:list', { limit: 1000 })).items
    .map((c: Conversation) => c.title)
    .sort();

function events(h: Harness) {
  const seen: { channel: string; payload: unknown }[] = [];
  h.core.subscribe((channel, payload) => seen.push({ channel, payload }));
  return seen;
}

describe('import through the core', () => {
  it('imports thousands of conversations in batches, with progress, letting the event loop run between batches', async () => {
    const h = await harness();
    const seen = events(h);
    const bytes = bigChatGptExport(2000);
    expect(bytes.length).toBeGreaterThan(1024 * 1024); // several upload chunks
    const uploadId = await upload(h, 'import', [{ name: 'conversations.json', bytes }]);

    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const summary = await h.call<ImportSummary>('import:run', { uploadId });
    clearInterval(ticker);

    expect(summary).toMatchObject({ total: 2000, added: 2000, failed: 0, messages: 4000 });
    const progress = seen.filter((e) => e.channel === 'import:progress').map((e) => e.payload as ImportProgress);
    const importing = progress.filter((p) => p.phase === 'importing' && p.done > 0);
    expect(importing.length).toBeGreaterThan(10);
    expect(importing.every((p) => p.uploadId === uploadId && p.total === 2000)).toBe(true);
    expect(importing.map((p) => p.done)).toEqual([...importing.map((p) => p.done)].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ phase: 'done', done: 2000, total: 2000 });
    // The loop ran other work between batches (a timer fired at least once per batch).
    expect(turns).toBeGreaterThanOrEqual(importing.length - 1);
    expect(seen.some((e) => e.channel === 'conversations:changed')).toBe(true);
    expect((await h.call<ConversationPage>('conversations:list', { limit: 5 })).items[0]?.title).toBe(
      'Conversation 1999',
    );

    // The upload is gone once used: running it again is refused.
    await expect(h.call('import:run', { uploadId })).rejects.toThrow(/unknown or expired/);
  }, 60_000);

  it('imports a split ChatGPT export sent as several files, and adds nothing the second time', async () => {
    const h = await harness();
    const parts = ['conversations-000.json', 'conversations-001.json'].map((name) => ({
      name,
      bytes: readFileSync(join(fixtures, 'chatgpt-split', name)),
    }));
    const first = await h.call<ImportSummary>('import:run', { uploadId: await upload(h, 'import', parts) });
    expect(first).toMatchObject({ files: 2, total: 3, added: 3 });
    const again = await h.call<ImportSummary>('import:run', { uploadId: await upload(h, 'import', parts) });
    expect(again).toMatchObject({ added: 0, unchanged: 3, messages: 0 });
    expect(await titles(h)).toEqual(['Split export: first', 'Split export: second', 'Split export: third']);
  });

  it('refuses uploads that break the rules', async () => {
    const h = await harness();
    await expect(
      h.call('data:upload-begin', {
        purpose: 'restore',
        files: [
          { name: 'a', size: 1 },
          { name: 'b', size: 1 },
        ],
      }),
    ).rejects.toThrow(/one backup file/);
    await expect(
      h.call('data:upload-begin', { purpose: 'import', files: [{ name: 'huge.json', size: 3 * 1024 ** 3 }] }),
    ).rejects.toThrow(/larger than 2 GB/);
    await expect(
      h.call('data:upload-begin', { purpose: 'import', files: [{ name: 'x', size: 1 }], extra: 1 }),
    ).rejects.toThrow(/no such field/);
    const { uploadId } = await h.call<{ uploadId: string }>('data:upload-begin', {
      purpose: 'import',
      files: [{ name: 'a.json', size: 4 }],
    });
    await expect(h.call('data:upload-chunk', { uploadId, file: 0, offset: 2, data: 'AAAA' })).rejects.toThrow(/byte 0/);
    await expect(h.call('data:upload-chunk', { uploadId, file: 0, offset: 0, data: 'not base64!' })).rejects.toThrow(
      /base64/,
    );
    await expect(h.call('data:upload-chunk', { uploadId, file: 0, offset: 0, data: 'AAAAAAAA' })).rejects.toThrow(
      /larger than announced/,
    );
    await expect(h.call('data:upload-chunk', { uploadId, file: 3, offset: 0, data: 'AAAA' })).rejects.toThrow(
      /No such file/,
    );
    await h.call('data:upload-chunk', { uploadId, file: 0, offset: 0, data: Buffer.from('[]').toString('base64') });
    await expect(h.call('import:run', { uploadId })).rejects.toThrow(/did not arrive completely \(2 of 4 bytes\)/);
    await expect(h.call('data:restore', { uploadId })).rejects.toThrow(/announced for something else/);
  });
});

describe('export through the core', () => {
  it('exports all history and a fresh data folder imports it back whole', async () => {
    const source = await harness();
    const sample = readFileSync(join(fixtures, 'runnel-sample.json'));
    const chatgpt = readFileSync(join(fixtures, 'chatgpt-conversations.json'));
    await source.call('import:run', {
      uploadId: await upload(source, 'import', [
        { name: 'runnel-sample.json', bytes: sample },
        { name: 'conversations.json', bytes: chatgpt },
      ]),
    });
    const ticket = await source.call<DownloadTicket>('export:all', {});
    expect(ticket).toMatchObject({
      mimeType: 'application/json',
      fileName: expect.stringMatching(/^runnel-export-\d{4}-\d\d-\d\d-\d{4}\.json$/),
    });
    const file = await download(source, ticket);
    expect(file.length).toBe(ticket.size);
    await expect(source.call('data:download-chunk', { id: ticket.id, offset: 0 })).rejects.toThrow(
      /unknown or expired/,
    );

    const exported = JSON.parse(file.toString('utf8')) as { format: string; version: number; conversations: unknown[] };
    expect(exported).toMatchObject({ format: 'runnel.conversations', version: 1 });
    expect(exported.conversations).toHaveLength(5);

    const target = await harness();
    const summary = await target.call<ImportSummary>('import:run', {
      uploadId: await upload(target, 'import', [{ name: ticket.fileName, bytes: file }]),
    });
    expect(summary).toMatchObject({ total: 5, added: 5, failed: 0 });
    expect(await titles(target)).toEqual(await titles(source));
    const again = await download(target, await target.call<DownloadTicket>('export:all', {}));
    const reexported = JSON.parse(again.toString('utf8')) as { conversations: unknown[] };
    expect(reexported.conversations).toEqual(exported.conversations);
  });

  it('exports one conversation as Markdown in the labels asked for, or as Runnel JSON', async () => {
    const h = await harness();
    await h.call('import:run', {
      uploadId: await upload(h, 'import', [
        { name: 's.json', bytes: readFileSync(join(fixtures, 'runnel-sample.json')) },
      ]),
    });
    const id = '5f0c0000-0000-4000-8000-000000000001';
    const md = await h.call<DownloadTicket>('export:conversation', {
      id,
      format: 'markdown',
      labels: { user: '用户', assistant: '助手', system: '系统', reasoning: '推理' },
    });
    expect(md).toMatchObject({ fileName: 'Hash maps in Go.md', mimeType: 'text/markdown' });
    const text = (await download(h, md)).toString('utf8');
    expect(text).toBe(
      '# Hash maps in Go\n\n## 用户\n\nHow do I iterate a map in Go in key order?\n\n## 助手 · qwen3:8b\n\nSince Go 1.21: `slices.Sorted(maps.Keys(m))`.\n',
    );
    const json = await h.call<DownloadTicket>('export:conversation', { id, format: 'json' });
    const one = JSON.parse((await download(h, json)).toString('utf8')) as { conversations: { messages: unknown[] }[] };
    expect(one.conversations).toHaveLength(1);
    expect(one.conversations[0]?.messages).toHaveLength(3);
    await expect(h.call('export:conversation', { id: 'missing', format: 'json' })).rejects.toThrow(/no longer exists/);
  });

  it("writes an answer's error in the user's language: the preference, else the system's", async () => {
    const h = await harness({ systemLanguages: () => ['zh-CN', 'en-US'] });
    const backend = await h.addBackend(refusedOrigin);
    const run = await h.generate(backend.id, 'any-model', 'Hi');
    const end = await run.ended;
    expect(end.type).toBe('error');
    const english = end.type === 'error' ? end.error.message : '';
    expect(english).toContain('Nothing is listening at 127.0.0.1:1');
    const id = run.ids.conversationId;
    const exported = async () =>
      (await download(h, await h.call<DownloadTicket>('export:conversation', { id, format: 'markdown' }))).toString(
        'utf8',
      );
    const errorLine = (markdown: string) => markdown.split('\n').find((line) => line.startsWith('> ⚠️'));

    // "system" (the default): the system's first language Runnel has.
    expect(errorLine(await exported())).toBe(`> ⚠️ 127.0.0.1:1 上没有服务在监听（连接被拒绝）。服务器在运行吗？`);
    await h.call('preferences:set', { language: 'en' });
    expect(errorLine(await exported())).toBe(`> ⚠️ ${english}`);
    await h.call('preferences:set', { language: 'zh' });
    expect(errorLine(await exported())).toContain('没有服务在监听');
  });
});

describe('data folder, backup and restore through the core', () => {
  it('shows the data folder and opens it only where the host can', async () => {
    const web = await harness();
    const info = await web.call<DataInfo>('data:info', {});
    expect(info).toMatchObject({
      dataDir: web.dataDir,
      databaseFile: join(web.dataDir, 'runnel.sqlite'),
      canOpenFolder: false,
    });
    expect(info.databaseBytes).toBeGreaterThan(0);
    expect(await web.call('data:open-folder', {})).toEqual({ opened: false });

    const opened: string[] = [];
    const desktop = await harness({ host: 'electron', openPath: async (path) => (opened.push(path), '') });
    expect((await desktop.call<DataInfo>('data:info', {})).canOpenFolder).toBe(true);
    expect(await desktop.call('data:open-folder', {})).toEqual({ opened: true });
    expect(opened).toEqual([desktop.dataDir]);
    const failing = await harness({ openPath: async () => 'No application is registered' });
    await expect(failing.call('data:open-folder', {})).rejects.toThrow(/No application is registered/);
  });

  it('backs up, and a restore brings the backup back and tells every window to reload', async () => {
    const h = await harness();
    await h.addBackend('http://127.0.0.1:9/v1');
    await h.call('import:run', {
      uploadId: await upload(h, 'import', [
        { name: 's.json', bytes: readFileSync(join(fixtures, 'runnel-sample.json')) },
      ]),
    });
    const ticket = await h.call<DownloadTicket>('data:backup', {});
    expect(ticket.fileName).toMatch(/^runnel-backup-.*\.sqlite$/);
    const backup = await download(h, ticket);
    expect(backup.subarray(0, 15).toString()).toBe('SQLite format 3');
    // API keys are not in the backup: they live in the secret store, never in SQLite.
    await h.addBackend('http://127.0.0.1:10/v1', { apiKey: 'sk-secret-in-the-store-only' });
    const withKey = await download(h, await h.call<DownloadTicket>('data:backup', {}));
    expect(withKey.includes(Buffer.from('sk-secret-in-the-store-only'))).toBe(false);

    await h.call('import:run', {
      uploadId: await upload(h, 'import', [
        { name: 'c.json', bytes: readFileSync(join(fixtures, 'chatgpt-conversations.json')) },
      ]),
    });
    expect(await titles(h)).toHaveLength(5);

    const seen = events(h);
    const result = await h.call('data:restore', {
      uploadId: await upload(h, 'restore', [{ name: 'b.sqlite', bytes: backup }]),
    });
    expect(result).toEqual({ conversations: 2, backends: 1, migratedFrom: null });
    expect(await titles(h)).toEqual(['Cut off answer', 'Hash maps in Go']);
    expect((await h.call<unknown[]>('backends:list', {})).length).toBe(1);
    expect(seen.map((e) => e.channel)).toEqual(expect.arrayContaining(['conversations:changed', 'backends:changed']));
  });

  it('refuses a backup from a newer Runnel or a file that is not one, changing nothing', async () => {
    const h = await harness();
    await h.call('import:run', {
      uploadId: await upload(h, 'import', [
        { name: 's.json', bytes: readFileSync(join(fixtures, 'runnel-sample.json')) },
      ]),
    });
    const backup = await download(h, await h.call<DownloadTicket>('data:backup', {}));
    // user_version lives at byte 60 of the header, big-endian.
    backup.writeUInt32BE(999, 60);
    await expect(
      h.call('data:restore', { uploadId: await upload(h, 'restore', [{ name: 'b.sqlite', bytes: backup }]) }),
    ).rejects.toThrow(/newer Runnel \(schema version 999/);
    const notes = join(h.dataDir, 'notes.txt');
    writeFileSync(notes, 'hello');
    await expect(
      h.call('data:restore', {
        uploadId: await upload(h, 'restore', [{ name: 'notes.txt', bytes: readFileSync(notes) }]),
      }),
    ).rejects.toThrow(/not a SQLite file/);
    expect(await titles(h)).toEqual(['Cut off answer', 'Hash maps in Go']);
  });
});
