// Load: twenty answers stream at once into twenty conversations while searches run without pause
// and a ChatGPT export of a thousand conversations is imported. Every answer must end done and be
// stored exactly as streamed; every search and the import must succeed; afterwards the search
// index holds every answer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationDetail, ConversationPage, ImportSummary, SearchPage } from '../../src/shared/domain';
import { expectedText, startOpenAiChatServer, type FakeOpenAiServer } from '../servers/openai-chat-server';
import { createHarness, type Harness } from '../support/core-harness';
import { bigChatGptExport, upload } from '../support/transfer-client';

const STREAMS = 20;
const IMPORTED = 1000;

let fake: FakeOpenAiServer;
let h: Harness;

beforeEach(async () => {
  fake = await startOpenAiChatServer({ tokenDelayMs: 2 });
  h = await createHarness();
});

afterEach(async () => {
  await h.dispose();
  await fake.close();
});

/** A word no other conversation contains, so a search for it finds exactly one answer. */
const marker = (i: number) => `loadmark${String.fromCharCode(97 + i)}${String.fromCharCode(122 - i)}`;

describe('load', () => {
  it('twenty concurrent answers, searches and an import all complete, and every answer is stored exactly', async () => {
    const backend = await h.addBackend(fake.baseUrl);
    const exportBytes = bigChatGptExport(IMPORTED);
    const uploadId = await upload(h, 'import', [{ name: 'conversations.json', bytes: exportBytes }]);

    const runs = await Promise.all(
      Array.from({ length: STREAMS }, (_, i) => h.generate(backend.id, 'fake-long', `Stream ${i} ${marker(i)}`)),
    );
    let streaming = true;
    const ended = Promise.all(runs.map((run) => run.ended)).finally(() => (streaming = false));

    // Searches keep running until the last answer ends: trigram (3+ characters), the short-term
    // scan (1 and 2 characters), and CJK; each must answer, not fail or wait for the streams.
    const queries = ['Stream', 'answer', 'Question 4', 'an', 'e', '的', 'loadmark'];
    let searches = 0;
    // A real window's request is a round trip through IPC or a socket; here each one waits a turn
    // of the event loop, as that does (core.invoke may answer in microtasks alone).
    const searching = (async () => {
      while (streaming) {
        for (const query of queries) {
          await new Promise((resolve) => setImmediate(resolve));
          const page = await h.call<SearchPage>('search:messages', { query });
          expect(Array.isArray(page.hits)).toBe(true);
          searches++;
        }
      }
    })();
    const importing = h.call<ImportSummary>('import:run', { uploadId });

    const [ends, summary] = await Promise.all([ended, importing, searching]);
    expect(ends.map((e) => e.type)).toEqual(Array(STREAMS).fill('done'));
    expect(summary).toMatchObject({ total: IMPORTED, added: IMPORTED, failed: 0, messages: IMPORTED * 2 });
    expect(searches).toBeGreaterThan(queries.length);

    for (const [i, run] of runs.entries()) {
      const expected = expectedText('fake-long', `Stream ${i} ${marker(i)}`);
      expect(run.text()).toBe(expected);
      const detail = await h.call<ConversationDetail>('conversations:get', { id: run.ids.conversationId });
      expect(detail.messages.map((m) => [m.role, m.status])).toEqual([
        ['user', 'done'],
        ['assistant', 'done'],
      ]);
      expect(detail.messages[1]!.content).toBe(expected);
    }

    // The index caught up with every answer: each marker finds its own two messages (the question
    // holds it, and the answer echoes the question).
    for (const [i, run] of runs.entries()) {
      const page = await h.call<SearchPage>('search:messages', { query: marker(i) });
      expect(page.hits.map((hit) => hit.conversationId)).toEqual([run.ids.conversationId, run.ids.conversationId]);
      expect(page.hits.map((hit) => hit.role).sort()).toEqual(['assistant', 'user']);
    }
    const listed = await h.call<ConversationPage>('conversations:list', { limit: 200 });
    expect(listed.items.length).toBe(200);
    expect(fake.requests.filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(STREAMS);
  });
});
