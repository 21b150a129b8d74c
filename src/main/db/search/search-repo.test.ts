// Search against a real file: the trigram index and its triggers (CJK substrings, streaming rows
// indexed once when they end, edits, deletes), the index of characters and pairs for short terms
// (the same hits as LIKE, and LIKE windows for what an upgrade has not indexed yet), soft-deleted
// conversations left out, newest-first paging, and snippets as text plus offsets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MessageMetrics, MessageStatus, SearchHit } from '../../../shared/domain';
import { asConversationId, type ConversationId } from '../../../shared/ids';
import {
  createConversation,
  deleteConversation,
  restoreConversation,
  softDeleteConversation,
} from '../history/conversations-repo';
import { appendMessageText, finishMessage, insertMessage, markStreamingInterrupted } from '../history/messages-repo';
import type { Db } from '../db';
import { buildSearchQuery, likeContains } from './search-query';
import { searchMessages } from './search-repo';
import { backfillShortIndex, shortIndexFloor } from './short-index-backfill';
import { openTemp, storedBeforeShortIndex } from '../temp-database';

const noMetrics: MessageMetrics = {
  ttftMs: null,
  tokensPerSecond: null,
  promptTokens: null,
  completionTokens: null,
  finishReason: null,
};

function chat(db: Db, title = 'Chat', now = 1_000) {
  return createConversation(db, { title, backendId: null, model: null, now });
}

function say(db: Db, conversationId: ConversationId, content: string, now: number, status: MessageStatus = 'done') {
  const role = status === 'done' && content.startsWith('Q:') ? 'user' : 'assistant';
  return insertMessage(db, {
    conversationId,
    parentId: null,
    role,
    content,
    status,
    backendId: null,
    model: null,
    params: {},
    now,
  });
}

const texts = (hits: SearchHit[]): string[] => hits.map((h) => h.snippet.text);
const find = (db: Db, q: string) => searchMessages(db, q).hits;

/** FTS5's own checks: the trigram index holds exactly the text of the rows it points at, and both indexes are sound. */
function expectIndexIntact(db: Db): void {
  expect(() =>
    db.prepare("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)").run(),
  ).not.toThrow();
  expect(() => db.prepare("INSERT INTO message_grams (message_grams) VALUES ('integrity-check')").run()).not.toThrow();
}

/** How many rows the short-term index holds for a one- or two-character term. */
function shortIndexed(db: Db, term: string): number {
  const match = buildSearchQuery(term)!.grams!;
  return db
    .prepare<[string], { n: number }>('SELECT count(*) AS n FROM message_grams WHERE message_grams MATCH ?')
    .get(match)!.n;
}

function indexed(db: Db): number {
  return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM message_search_rows').get()?.n ?? -1;
}

describe('message search', () => {
  it('finds English substrings case-insensitively, and every word of several', () => {
    const db = openTemp();
    const c = chat(db);
    say(db, c.id, 'The Quick brown fox jumps over the lazy dog', 1);
    say(db, c.id, 'A quick answer about kubernetes', 2);
    expect(find(db, 'quick').length).toBe(2);
    expect(find(db, 'QUICK FOX').map((h) => h.snippet.text)).toEqual(['The Quick brown fox jumps over the lazy dog']);
    expect(find(db, 'ernet')).toHaveLength(1);
    expect(find(db, 'quick zebra')).toEqual([]);
    expect(find(db, '   ')).toEqual([]);
    expectIndexIntact(db);
  });

  it('finds Chinese, Japanese and Korean substrings, with 1–2 characters through LIKE', () => {
    const db = openTemp();
    const c = chat(db);
    say(db, c.id, '我们明天去北京天安门广场看升旗仪式', 1);
    say(db, c.id, '東京タワーの近くで寿司を食べました', 2);
    say(db, c.id, '서울에서 맛있는 비빔밥을 먹었어요', 3);
    say(db, c.id, '上海的天气很好', 4);
    expect(texts(find(db, '天安门广'))).toEqual(['我们明天去北京天安门广场看升旗仪式']);
    expect(texts(find(db, 'タワー'))).toEqual(['東京タワーの近くで寿司を食べました']);
    expect(texts(find(db, '비빔밥'))).toEqual(['서울에서 맛있는 비빔밥을 먹었어요']);
    // Two and one characters: below a trigram, found by LIKE.
    expect(texts(find(db, '北京'))).toEqual(['我们明天去北京天安门广场看升旗仪式']);
    expect(texts(find(db, '寿司'))).toEqual(['東京タワーの近くで寿司を食べました']);
    expect(find(db, '天').map((h) => h.snippet.text)).toEqual(['上海的天气很好', '我们明天去北京天安门广场看升旗仪式']);
    // Both kinds of term in one query: all must match.
    expect(texts(find(db, '天安门 北京'))).toEqual(['我们明天去北京天安门广场看升旗仪式']);
    expect(find(db, '天安门 上海')).toEqual([]);
  });

  it('marks matches with offsets into plain text, for both paths', () => {
    const db = openTemp();
    const c = chat(db);
    say(db, c.id, 'Intro. Then the needle appears, and the Needle again.', 1);
    say(db, c.id, '前面的文字。我们去北京吧。', 2);
    const [hit] = find(db, 'needle');
    expect(hit).toBeDefined();
    const { text, highlights } = hit!.snippet;
    expect(highlights.length).toBeGreaterThanOrEqual(2);
    for (const [s, e] of highlights) expect(text.slice(s, e).toLowerCase()).toBe('needle');
    expect(text).not.toMatch(/[\uFDD0\uFDD1<>]/);

    const [cjk] = find(db, '北京');
    expect(cjk!.snippet.highlights.map(([s, e]) => cjk!.snippet.text.slice(s, e))).toEqual(['北京']);
    const [mixed] = find(db, 'needle an');
    const marked = mixed!.snippet.highlights.map(([s, e]) => mixed!.snippet.text.slice(s, e).toLowerCase());
    expect(marked).toContain('needle');
    expect(marked.some((m) => m.includes('an'))).toBe(true);
  });

  it('cuts a long message around the first short-term match, without splitting a character', () => {
    const db = openTemp();
    const c = chat(db);
    const long = `${'😀'.repeat(200)}找到北京了${'文'.repeat(300)}`;
    say(db, c.id, long, 1);
    const [hit] = find(db, '北京');
    const { text, highlights } = hit!.snippet;
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text.length).toBeLessThan(200);
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(highlights.map(([s, e]) => text.slice(s, e))).toEqual(['北京']);
  });

  it('shows a long markdown answer as plain text around the match, cut between words, on both paths', () => {
    const db = openTemp();
    const c = chat(db);
    const filler = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ');
    say(
      db,
      c.id,
      `# Heading\n\n${filler(40, 'alpha')} **the \`haystack\` needle** [in a link](https://x.y) ${filler(40, 'omega')}`,
      1,
    );
    // Long term (trigram index) and short term (the character index).
    for (const q of ['needle', 'ne']) {
      const [hit] = find(db, q);
      const { text, highlights } = hit!.snippet;
      expect(text).not.toMatch(/[*`#[\]()]/);
      expect(text.startsWith('…')).toBe(true);
      expect(text.endsWith('…')).toBe(true);
      for (const w of text.slice(1, -1).split(' '))
        expect(w).toMatch(/^(alpha\d+|omega\d+|the|haystack|needle|in|a|link)$/);
      expect(text.slice(highlights[0]![0], highlights[0]![1]).toLowerCase()).toBe(q);
      // The match sits near the middle, not at an edge.
      const at = highlights[0]![0];
      expect(at).toBeGreaterThan(text.length / 5);
      expect(at).toBeLessThan((text.length * 4) / 5);
    }
  });

  it('takes LIKE wildcards literally', () => {
    const db = openTemp();
    const c = chat(db);
    say(db, c.id, 'growth was 5% this year', 1);
    say(db, c.id, 'growth was 55 this year', 2);
    say(db, c.id, 'call snake_case here', 3);
    say(db, c.id, 'call snakeXcase here', 4);
    expect(texts(find(db, '5%'))).toEqual(['growth was 5% this year']);
    expect(texts(find(db, '_'))).toEqual(['call snake_case here']);
    expect(texts(find(db, 'e_c'))).toEqual(['call snake_case here']);
  });

  it('indexes a streaming answer once, when it ends, whatever the ending', () => {
    const db = openTemp();
    const c = chat(db);
    const endings: Exclude<MessageStatus, 'streaming' | 'interrupted'>[] = ['done', 'cancelled', 'error'];
    const ids = endings.map((status, i) => {
      const answer = say(db, c.id, '', 10 + i, 'streaming');
      for (let batch = 0; batch < 5; batch++)
        appendMessageText(db, answer.id, { content: `${status}-part${batch} `, reasoning: '' }, 20 + batch);
      return { status, id: answer.id };
    });
    const crashed = say(db, c.id, '', 30, 'streaming');
    appendMessageText(db, crashed.id, { content: 'cut off by a crash 断电了', reasoning: '' }, 31);

    // Nothing is in the index while text is still arriving.
    expect(indexed(db)).toBe(0);
    expect(find(db, 'part3')).toEqual([]);
    expectIndexIntact(db);

    for (const { status, id } of ids) {
      finishMessage(db, id, { status, error: null, metrics: noMetrics }, 40);
      expect(texts(find(db, `${status}-part4`))).toHaveLength(1);
    }
    expect(markStreamingInterrupted(db, 50)).toBe(1);
    expect(find(db, 'crash 断电')).toHaveLength(1);
    expect(find(db, '断电')).toHaveLength(1);
    expect(indexed(db)).toBe(4);
    expectIndexIntact(db);
  });

  it('drops a resumed answer from the index while it streams again, then indexes its whole text', () => {
    const db = openTemp();
    const c = chat(db);
    const answer = say(db, c.id, '', 1, 'streaming');
    appendMessageText(db, answer.id, { content: 'first half', reasoning: '' }, 2);
    finishMessage(db, answer.id, { status: 'cancelled', error: null, metrics: noMetrics }, 3);
    expect(find(db, 'first half')).toHaveLength(1);

    // What Continue does to a cut answer: it streams again into the same row.
    db.prepare("UPDATE messages SET status = 'streaming' WHERE id = ?").run(answer.id);
    appendMessageText(db, answer.id, { content: ' and second half', reasoning: '' }, 5);
    expect(find(db, 'first half')).toEqual([]);
    expectIndexIntact(db);
    finishMessage(db, answer.id, { status: 'done', error: null, metrics: noMetrics }, 6);
    expect(texts(find(db, 'second half'))).toEqual(['first half and second half']);
    expectIndexIntact(db);
  });

  it('follows edits and deletes of stored messages', () => {
    const db = openTemp();
    const c = chat(db);
    const m = say(db, c.id, 'original wording', 1);
    db.prepare('UPDATE messages SET content = ? WHERE id = ?').run('revised wording', m.id);
    expect(find(db, 'original')).toEqual([]);
    expect(find(db, 'revised')).toHaveLength(1);
    // Unrelated updates (metrics, reasoning) leave the index alone.
    db.prepare("UPDATE messages SET reasoning = 'thoughts', ttft_ms = 5 WHERE id = ?").run(m.id);
    expect(find(db, 'revised')).toHaveLength(1);
    db.prepare('DELETE FROM messages WHERE id = ?').run(m.id);
    expect(find(db, 'revised')).toEqual([]);
    expect(indexed(db)).toBe(0);
    expectIndexIntact(db);
  });

  it('leaves out soft-deleted conversations, brings them back on restore, and forgets them on purge', () => {
    const db = openTemp();
    const kept = chat(db, 'Kept');
    const gone = chat(db, 'Gone');
    say(db, kept.id, 'shared phrase in kept', 1);
    say(db, gone.id, 'shared phrase in gone', 2);
    expect(find(db, 'shared phrase').map((h) => h.conversationTitle)).toEqual(['Gone', 'Kept']);
    softDeleteConversation(db, gone.id, 10);
    expect(find(db, 'shared phrase').map((h) => h.conversationTitle)).toEqual(['Kept']);
    expect(find(db, 'in').map((h) => h.conversationTitle)).toEqual(['Kept']);
    restoreConversation(db, gone.id);
    expect(find(db, 'shared phrase').map((h) => h.conversationTitle)).toEqual(['Gone', 'Kept']);
    softDeleteConversation(db, gone.id, 20);
    deleteConversation(db, gone.id);
    expect(indexed(db)).toBe(1);
    expectIndexIntact(db);
  });

  it('returns hits newest first by message time, a page at a time, even when inserted out of order', () => {
    const db = openTemp();
    const c = chat(db);
    // Same millisecond, and an import of older messages after newer ones.
    const times = [5_000, 5_000, 5_000, 9_000, 1_000, 7_000, 3_000, 3_000];
    times.forEach((t, i) => say(db, c.id, `common word #${i}`, t));
    // Within one millisecond, the later insert is the newer.
    const order = [3, 5, 2, 1, 0, 7, 6, 4].map((i) => `common word #${i}`);

    for (const q of ['common', 'co']) {
      const seen: SearchHit[] = [];
      let before: number | null = null;
      let pages = 0;
      do {
        const page = searchMessages(db, q, { before, limit: 3 });
        seen.push(...page.hits);
        before = page.next;
        pages++;
      } while (before !== null);
      expect(pages).toBe(3);
      expect(texts(seen)).toEqual(order);
    }
    const first = find(db, 'common')[0]!;
    expect(first).toMatchObject({ conversationId: c.id, conversationTitle: 'Chat', createdAt: 9_000 });
  });

  it('after an upgrade, reads the messages the short-term index does not hold yet a window at a time', () => {
    const file = storedBeforeShortIndex(
      Array.from({ length: 10 }, (_, i) => ({
        content: i === 1 || i === 7 || i === 8 ? `hit 北京 ${i}` : `miss ${i}`,
      })),
    );
    const db = openTemp(file);
    // The three newest are indexed, then a new message arrives (indexed by its trigger).
    expect(backfillShortIndex(db, 3)).toBe(false);
    say(db, asConversationId('c'), 'hit 北京 new', 5_000);
    const pages: { hits: string[]; next: boolean }[] = [];
    let before: number | null = null;
    do {
      const page = searchMessages(db, '北京', { before, limit: 5, scanWindow: 3 });
      pages.push({ hits: texts(page.hits), next: page.next !== null });
      before = page.next;
    } while (before !== null);
    // The indexed part [new 9 8 7], then windows of 3 older messages: [6 5 4], [3 2 1], [0].
    expect(pages).toEqual([
      { hits: ['hit 北京 new', 'hit 北京 8', 'hit 北京 7'], next: true },
      { hits: ['hit 北京 1'], next: true },
      { hits: [], next: false },
    ]);
    // A full page from the index goes on from its last hit.
    const first = searchMessages(db, '北京', { limit: 1, scanWindow: 50 });
    expect(texts(first.hits)).toEqual(['hit 北京 new']);
    expect(texts(searchMessages(db, '北京', { before: first.next, limit: 5, scanWindow: 50 }).hits)).toEqual([
      'hit 北京 8',
      'hit 北京 7',
      'hit 北京 1',
    ]);

    while (!backfillShortIndex(db, 4));
    expect(shortIndexFloor(db)).toBeNull();
    const all = searchMessages(db, '北京', { limit: 5, scanWindow: 1 });
    expect(all).toMatchObject({ next: null });
    expect(texts(all.hits)).toEqual(['hit 北京 new', 'hit 北京 8', 'hit 北京 7', 'hit 北京 1']);
    expect(shortIndexed(db, '北京')).toBe(4);
    expectIndexIntact(db);
  });

  it('keeps the short-term index right as answers stream, resume, change and go', () => {
    const db = openTemp();
    const c = chat(db);
    const answer = say(db, c.id, '', 1, 'streaming');
    appendMessageText(db, answer.id, { content: '上海 and zq', reasoning: '' }, 2);
    expect(find(db, 'zq')).toEqual([]);
    finishMessage(db, answer.id, { status: 'cancelled', error: null, metrics: noMetrics }, 3);
    expect(texts(find(db, 'ZQ 上海'))).toEqual(['上海 and zq']);

    db.prepare("UPDATE messages SET status = 'streaming' WHERE id = ?").run(answer.id);
    expect(find(db, 'zq')).toEqual([]);
    finishMessage(db, answer.id, { status: 'done', error: null, metrics: noMetrics }, 4);
    expect(shortIndexed(db, 'zq')).toBe(1);

    db.prepare('UPDATE messages SET content = ? WHERE id = ?').run('北京 only', answer.id);
    expect(find(db, 'zq')).toEqual([]);
    expect(find(db, '上海')).toEqual([]);
    expect(texts(find(db, '京'))).toEqual(['北京 only']);
    softDeleteConversation(db, c.id, 5);
    expect(find(db, '京')).toEqual([]);
    restoreConversation(db, c.id);
    expect(find(db, '京')).toHaveLength(1);
    db.prepare('DELETE FROM messages WHERE id = ?').run(answer.id);
    expect(find(db, '京')).toEqual([]);
    expect(shortIndexed(db, '京')).toBe(0);
    expectIndexIntact(db);
  });

  it('finds with the short-term index exactly what LIKE finds', () => {
    const db = openTemp();
    const c = chat(db);
    const alphabet = ['a', 'A', 'b', 'é', 'É', '北', '京', '😀', ' ', '\n', '%', '_', 'e\u0301'];
    const docs = fc.sample(fc.array(fc.constantFrom(...alphabet), { maxLength: 8 }), { numRuns: 300, seed: 7 });
    docs.forEach((parts, i) => say(db, c.id, parts.join(''), 10 + i));
    const visible = alphabet.filter((ch) => ch.trim() !== '');
    const like = db
      .prepare<[string], string>("SELECT id FROM messages WHERE content LIKE ? ESCAPE '\\' ORDER BY created_at DESC")
      .pluck();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...visible), { minLength: 1, maxLength: 2 }), (chars) => {
        const term = chars.join('');
        if ([...term].length > 2) return;
        const found = searchMessages(db, term, { limit: 200 });
        expect(found.next).toBeNull();
        expect(found.hits.map((h) => h.messageId)).toEqual(like.all(likeContains(term)));
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('indexes existing messages when the step is applied to an older database', async () => {
    const { migrations } = await import('../schema/migrations');
    const { migrate } = await import('../schema/migrate');
    const Database = (await import('better-sqlite3')).default;
    const { join } = await import('node:path');
    const { tempFolder } = await import('../temp-database');
    const file = join(tempFolder(), 'old.sqlite');
    const raw = new Database(file);
    migrate(raw, migrations.slice(0, 4));
    raw.exec(`
      INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'Old chat', 1, 1);
      INSERT INTO messages (id, conversation_id, role, content, status, created_at, updated_at) VALUES
        ('m1', 'c', 'user', '旧的消息里有北京天安门', 'done', 100, 100),
        ('m2', 'c', 'assistant', 'an older answer about databases', 'done', 100, 100),
        ('m3', 'c', 'assistant', 'still streaming when it crashed', 'streaming', 200, 200);
    `);
    raw.close();
    const db = openTemp(file);
    expect(texts(find(db, '天安门'))).toEqual(['旧的消息里有北京天安门']);
    expect(texts(find(db, 'databases'))).toEqual(['an older answer about databases']);
    expect(find(db, 'crashed')).toEqual([]);
    markStreamingInterrupted(db, 300);
    expect(texts(find(db, 'crashed'))).toEqual(['still streaming when it crashed']);
    expectIndexIntact(db);
  });
});
