// The history seeder tests and benchmarks build on: spelled-out conversations land in listing order
// with their flags, and a generated history is complete, deterministic, fully searchable (needles
// counted exactly), with the per-row index trigger back in place afterwards.
import { describe, expect, it } from 'vitest';
import { listConversationPage, listConversations } from '../../src/main/db/history/conversations-repo';
import { activeBranch, insertMessage } from '../../src/main/db/history/messages-repo';
import type { Db } from '../../src/main/db/db';
import { searchMessages } from '../../src/main/db/search/search-repo';
import { openTemp } from '../../src/main/db/temp-database';
import { asConversationId } from '../../src/shared/ids';
import { generateHistory, seedConversations } from '../support/seed-history';

const count = (db: Db, table: string): number =>
  db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? -1;

function allHits(db: Db, query: string): number {
  let total = 0;
  let before: number | null = null;
  do {
    const page = searchMessages(db, query, { before, limit: 200 });
    total += page.hits.length;
    before = page.next;
  } while (before !== null);
  return total;
}

describe('seedConversations', () => {
  it('writes conversations as chains with their times, pins and deletes', () => {
    const db = openTemp();
    const now = Date.UTC(2026, 9, 20, 12);
    const [a, b, gone] = seedConversations(
      db,
      [
        { title: 'Older', messages: ['hello there', 'general kenobi'], updatedAt: now - 86_400_000 },
        { title: 'Pinned one', messages: ['北京天安门'], updatedAt: now - 10 * 86_400_000, pinned: true },
        { title: 'Gone', messages: ['bye'], deletedAt: now },
      ],
      now,
    );
    expect(listConversations(db).map((c) => [c.title, c.pinned])).toEqual([
      ['Pinned one', true],
      ['Older', false],
    ]);
    const branch = activeBranch(db, asConversationId(a!.id));
    expect(branch.map((m) => [m.role, m.content])).toEqual([
      ['user', 'hello there'],
      ['assistant', 'general kenobi'],
    ]);
    expect(branch[1]!.createdAt - branch[0]!.createdAt).toBe(60_000);
    expect(searchMessages(db, '天安门').hits.map((h) => h.conversationId)).toEqual([b!.id]);
    expect(searchMessages(db, 'bye').hits).toEqual([]);
    expect(gone!.messageIds).toHaveLength(1);
  });
});

describe('generateHistory', () => {
  it('generates a complete, searchable history and leaves the index trigger in place', () => {
    const db = openTemp();
    const now = Date.UTC(2026, 9, 20, 12);
    const result = generateHistory(db, {
      conversations: 120,
      messagesPerConversation: 12,
      now,
      seed: 7,
      needle: { text: 'zebra-needle 斑马针', every: 37 },
    });
    expect(result.conversations).toBe(120);
    expect(count(db, 'conversations')).toBe(120);
    expect(count(db, 'messages')).toBe(result.messages);
    expect(count(db, 'message_search_rows')).toBe(result.messages);
    expect(result.needles).toBe(Math.floor(result.messages / 37));
    db.prepare("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)").run();

    expect(allHits(db, 'zebra-needle')).toBe(result.needles);
    expect(allHits(db, '斑马针')).toBe(result.needles);
    expect(allHits(db, '斑马')).toBe(result.needles);

    // Both languages, titles from the first message, all within the span and newest at now.
    const page = listConversationPage(db, { limit: 120 });
    expect(page.items.some((c) => /[\u4e00-\u9fff]/.test(c.title))).toBe(true);
    expect(page.items.some((c) => /^[A-Z][a-z]/.test(c.title))).toBe(true);
    expect(page.items[0]!.updatedAt).toBeLessThanOrEqual(now + 86_400_000);
    expect(page.items.at(-1)!.updatedAt).toBeGreaterThan(now - 366 * 86_400_000);

    // New messages are still indexed one by one.
    const c = page.items[0]!;
    insertMessage(db, {
      conversationId: c.id,
      parentId: null,
      role: 'user',
      content: 'a brand new okapi question',
      status: 'done',
      backendId: null,
      model: null,
      params: {},
      now: now + 1,
    });
    expect(searchMessages(db, 'okapi').hits).toHaveLength(1);
  });

  it('writes the same text for the same seed', () => {
    const texts = [1, 2].map(() => {
      const db = openTemp();
      generateHistory(db, { conversations: 5, messagesPerConversation: 4, now: 1e12, seed: 3 });
      return db.prepare<[], { content: string }>('SELECT content FROM messages ORDER BY created_at, rowid').all();
    });
    expect(texts[0]).toEqual(texts[1]);
  });
});
