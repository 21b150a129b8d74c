// History and search through the real core on a real SQLite file: paging, rename and pin with
// their change events, delete with undo, purge after the window (cancelling a generation the fake
// server then sees end) and at startup, search over answers that streamed, and input validation.
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationListItem, ConversationPage, GenerationEvent, SearchPage } from '../../src/shared/domain';
import { createCore } from '../../src/main/core/create-core';
import { FileSecretStore } from '../../src/main/secrets/secret-store';
import { startOpenAiChatServer, type FakeOpenAiServer } from '../servers/openai-chat-server';
import { createHarness, type Harness } from '../support/core-harness';
import { join } from 'node:path';

let h: Harness | null = null;
let fake: FakeOpenAiServer | null = null;
afterEach(async () => {
  await h?.dispose();
  await fake?.close();
  h = null;
  fake = null;
});

const changes = (harness: Harness) => {
  const seen: unknown[] = [];
  harness.core.subscribe((channel, payload) => {
    if (channel === 'conversations:changed') seen.push(payload);
  });
  return seen;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(probe: () => Promise<T | null | undefined>, what: string, limitMs = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() - start > limitMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe('history through the core', () => {
  it('pages, renames and pins, announcing each change with the conversation id', async () => {
    h = await createHarness();
    fake = await startOpenAiChatServer({ tokenDelayMs: 0 });
    const backend = await h.addBackend(fake.baseUrl);
    const ids: string[] = [];
    for (const text of ['first chat', 'second chat', 'third chat']) {
      const run = await h.generate(backend.id, 'fake-chat', text);
      await run.ended;
      ids.push(run.ids.conversationId);
    }
    const seen = changes(h);

    const first = await h.call<ConversationPage>('conversations:list', { limit: 2 });
    expect(first.items.map((c) => c.title)).toEqual(['third chat', 'second chat']);
    const rest = await h.call<ConversationPage>('conversations:list', { after: first.next, limit: 2 });
    expect(rest.items.map((c) => c.title)).toEqual(['first chat']);
    expect(rest.next).toBeNull();

    const renamed = await h.call<ConversationListItem>('conversations:rename', {
      id: ids[0],
      title: '  Plans\n for  May ',
    });
    expect(renamed.title).toBe('Plans for May');
    const pinned = await h.call<ConversationListItem>('conversations:pin', { id: ids[0], pinned: true });
    expect(pinned.pinned).toBe(true);
    const page = await h.call<ConversationPage>('conversations:list', {});
    expect(page.items.map((c) => c.title)).toEqual(['Plans for May', 'third chat', 'second chat']);
    expect(await h.call('conversations:summary', { id: ids[0] })).toEqual(pinned);
    // Only the list changed: windows showing it need not reload its messages.
    expect(seen).toEqual([
      { conversationId: ids[0], listOnly: true },
      { conversationId: ids[0], listOnly: true },
    ]);

    await expect(h.call('conversations:rename', { id: ids[1], title: ' \n ' })).rejects.toThrow(/cannot be empty/);
    await expect(h.call('conversations:rename', { id: 'nope', title: 'x' })).rejects.toThrow(/no longer exists/);
    await expect(h.call('conversations:pin', { id: ids[1], pinned: 'yes' })).rejects.toThrow(/boolean/);
    await expect(h.call('conversations:list', { after: { pinned: false, updatedAt: 1 } })).rejects.toThrow(/id/);
  });

  it('deletes with undo: restored inside the window, purged for good after it', async () => {
    h = await createHarness({ undoWindowMs: 300 });
    fake = await startOpenAiChatServer({ tokenDelayMs: 0 });
    const backend = await h.addBackend(fake.baseUrl);
    const kept = await h.generate(backend.id, 'fake-chat', 'keep me around');
    const gone = await h.generate(backend.id, 'fake-chat', 'delete me for good');
    await Promise.all([kept.ended, gone.ended]);
    const seen = changes(h);

    expect(await h.call('conversations:delete', { id: kept.ids.conversationId })).toEqual({ undoMs: 300 });
    expect(await h.call('conversations:summary', { id: kept.ids.conversationId })).toBeNull();
    expect((await h.call<SearchPage>('search:messages', { query: 'keep me' })).hits).toEqual([]);
    await expect(h.call('conversations:get', { id: kept.ids.conversationId })).rejects.toThrow(/no longer exists/);
    const restored = await h.call<ConversationListItem>('conversations:restore', { id: kept.ids.conversationId });
    expect(restored.title).toBe('keep me around');

    await h.call('conversations:delete', { id: gone.ids.conversationId });
    expect(seen).toEqual([
      { conversationId: kept.ids.conversationId },
      { conversationId: kept.ids.conversationId },
      { conversationId: gone.ids.conversationId },
    ]);
    const count = (id: string) =>
      h!.core.db
        .prepare<[string], { n: number }>('SELECT count(*) AS n FROM messages WHERE conversation_id = ?')
        .get(id)?.n;
    expect(count(gone.ids.conversationId)).toBe(2);
    await until(async () => (count(gone.ids.conversationId) === 0 ? true : null), 'the purge');
    await expect(h.call('conversations:restore', { id: gone.ids.conversationId })).rejects.toThrow(/for good/);
    // The restored one outlived its old window.
    expect(count(kept.ids.conversationId)).toBe(2);
    const titles = (await h.call<ConversationPage>('conversations:list', {})).items.map((c) => c.title);
    expect(titles).toEqual(['keep me around']);
  });

  it('cancels a generation still running in a conversation when it is purged', async () => {
    h = await createHarness({ undoWindowMs: 400 });
    fake = await startOpenAiChatServer();
    const backend = await h.addBackend(fake.baseUrl);
    const run = await h.generate(backend.id, 'fake-endless', 'never ends');
    await until(async () => (run.text().length > 0 ? true : null), 'the first tokens');
    const aborted = fake.nextClientAbort();
    await h.call('conversations:delete', { id: run.ids.conversationId });
    // Still running inside the undo window: an undo would find it streaming on.
    await sleep(150);
    expect(fake.clientAborts).toBe(0);
    const end: GenerationEvent = await run.ended;
    expect(end).toMatchObject({ type: 'done', status: 'cancelled' });
    expect((await aborted).model).toBe('fake-endless');
    expect(
      h.core.db.prepare('SELECT count(*) AS n FROM conversations WHERE id = ?').get(run.ids.conversationId),
    ).toEqual({ n: 0 });
  });

  it('purges at startup what an earlier run deleted', async () => {
    h = await createHarness({ undoWindowMs: 60_000 });
    fake = await startOpenAiChatServer({ tokenDelayMs: 0 });
    const backend = await h.addBackend(fake.baseUrl);
    const run = await h.generate(backend.id, 'fake-chat', 'left behind at quit');
    await run.ended;
    await h.call('conversations:delete', { id: run.ids.conversationId });
    await h.core.close();

    const again = createCore({
      dataDir: h.dataDir,
      host: 'web',
      version: 'test',
      secrets: new FileSecretStore(join(h.dataDir, 'secrets.plaintext.json')),
    });
    try {
      expect(again.db.prepare('SELECT count(*) AS n FROM conversations').get()).toEqual({ n: 0 });
      expect(again.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
      expect(again.db.prepare('SELECT count(*) AS n FROM message_search_rows').get()).toEqual({ n: 0 });
    } finally {
      await again.close();
    }
    // dispose() closes the first core a second time, which is harmless, and removes the folder.
  });
});

describe('search through the core', () => {
  it('finds what the user wrote and what the model streamed, newest first, and validates input', async () => {
    h = await createHarness();
    fake = await startOpenAiChatServer({ tokenDelayMs: 0 });
    const backend = await h.addBackend(fake.baseUrl);
    const older = await h.generate(backend.id, 'fake-chat', '我想去北京天安门看看');
    await older.ended;
    const newer = await h.generate(backend.id, 'fake-chat', 'tell me about 北京 food');
    await newer.ended;

    const long = await h.call<SearchPage>('search:messages', { query: '北京天安门' });
    // The user's message and the answer that echoed it.
    expect(new Set(long.hits.map((x) => x.role))).toEqual(new Set(['user', 'assistant']));
    expect(long.hits.every((x) => x.conversationId === older.ids.conversationId)).toBe(true);

    const short = await h.call<SearchPage>('search:messages', { query: '北京', limit: 2 });
    expect(short.hits.map((x) => x.conversationId)).toEqual([newer.ids.conversationId, newer.ids.conversationId]);
    expect(short.next).not.toBeNull();
    const more = await h.call<SearchPage>('search:messages', { query: '北京', before: short.next });
    expect(more.hits.map((x) => x.conversationId)).toEqual([older.ids.conversationId, older.ids.conversationId]);
    for (const hit of [...short.hits, ...more.hits]) {
      expect(hit.snippet.highlights.map(([s, e]) => hit.snippet.text.slice(s, e))).toContain('北京');
    }

    await expect(h.call('search:messages', { query: 'x'.repeat(1001) })).rejects.toThrow(/1000/);
    await expect(h.call('search:messages', { query: 'x', limit: 0 })).rejects.toThrow(/limit/);
    expect((await h.call<SearchPage>('search:messages', { query: 'NEAR(" OR *' })).hits).toEqual([]);
  });
});
