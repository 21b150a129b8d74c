// Conversation rows against a real file: create, keyset paging in listing order, rename and pin,
// soft delete / restore / purge, active leaf, cascade delete.
import { describe, expect, it } from 'vitest';
import type { ConversationListItem } from '../../../shared/domain';
import { asBackendId, asConversationId, asMessageId } from '../../../shared/ids';
import {
  createConversation,
  cursorOf,
  deleteConversation,
  deletedConversations,
  getConversation,
  isConversationDeleted,
  listConversationPage,
  listConversations,
  renameConversation,
  restoreConversation,
  setActiveLeaf,
  setConversationModel,
  setConversationPinned,
  softDeleteConversation,
  streamingMessageIds,
  touchConversation,
} from './conversations-repo';
import { getMessage, insertMessage } from './messages-repo';
import type { Db } from '../db';
import { openTemp } from '../temp-database';

const backend = asBackendId('b-1');

function conversation(db: Db, title: string, now: number) {
  return createConversation(db, { title, backendId: backend, model: 'llama', now });
}

function countMessages(db: Db): number {
  return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM messages').get()?.n ?? -1;
}

/** Every page, following `next` until it is null. */
function allPages(db: Db, limit: number): ConversationListItem[][] {
  const pages: ConversationListItem[][] = [];
  let after = null;
  for (;;) {
    const page = listConversationPage(db, { after, limit });
    pages.push(page.items);
    if (!page.next) return pages;
    after = page.next;
  }
}

describe('conversations repository', () => {
  it('creates, gets and lists newest-updated first', () => {
    const db = openTemp();
    const a = conversation(db, 'A', 100);
    const b = conversation(db, 'B', 200);
    const c = conversation(db, 'C', 300);
    expect(a).toEqual({
      id: a.id,
      title: 'A',
      backendId: backend,
      model: 'llama',
      pinned: false,
      createdAt: 100,
      updatedAt: 100,
    });
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(getConversation(db, a.id)).toEqual(a);
    expect(getConversation(db, asConversationId('missing'))).toBeNull();

    touchConversation(db, a.id, 400);
    expect(listConversations(db).map((x) => x.title)).toEqual(['A', 'C', 'B']);
    expect(listConversations(db, { limit: 2 }).map((x) => x.id)).toEqual([a.id, c.id]);
    expect(b.backendId).toBe(backend);
  });

  it('pages with a keyset cursor: pinned first, then newest, ties by id, nothing skipped or repeated', () => {
    const db = openTemp();
    const made: ConversationListItem[] = [];
    // Many rows share an updated_at, so only the id tie-break keeps the order total.
    for (let i = 0; i < 57; i++) made.push(conversation(db, `c${i}`, 1000 + (i % 5)));
    for (const i of [3, 20, 41]) setConversationPinned(db, made[i]!.id, true);

    const pages = allPages(db, 10);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 10, 10, 10, 7]);
    const flat = pages.flat();
    expect(new Set(flat.map((c) => c.id)).size).toBe(57);
    const key = (c: ConversationListItem) => [c.pinned ? 1 : 0, c.updatedAt, c.id] as const;
    const expected = [...flat].sort((x, y) => {
      const [a, b] = [key(x), key(y)];
      return b[0] - a[0] || b[1] - a[1] || (a[2] < b[2] ? 1 : a[2] > b[2] ? -1 : 0);
    });
    expect(flat.map((c) => c.id)).toEqual(expected.map((c) => c.id));
    expect(flat.slice(0, 3).every((c) => c.pinned)).toBe(true);
    expect(flat.slice(3).some((c) => c.pinned)).toBe(false);
  });

  it('continues a page from where the cursor was, even after rows around it moved', () => {
    const db = openTemp();
    const rows = Array.from({ length: 6 }, (_, i) => conversation(db, `c${i}`, 100 + i));
    const first = listConversationPage(db, { limit: 3 });
    expect(first.items.map((c) => c.title)).toEqual(['c5', 'c4', 'c3']);
    expect(first.next).toEqual(cursorOf(first.items[2]!));
    // c0 gets new activity: it now sorts first, before the cursor, so the next page leaves it out.
    touchConversation(db, rows[0]!.id, 999);
    const second = listConversationPage(db, { after: first.next, limit: 3 });
    expect(second.items.map((c) => c.title)).toEqual(['c2', 'c1']);
    expect(second.next).toBeNull();
    expect(listConversationPage(db, { limit: 1 }).items[0]?.title).toBe('c0');
  });

  it('renames without moving the conversation, and pins and unpins it', () => {
    const db = openTemp();
    const a = conversation(db, 'Old', 1);
    conversation(db, 'Newer', 2);
    expect(renameConversation(db, a.id, 'New')).toBe(true);
    expect(getConversation(db, a.id)).toMatchObject({ title: 'New', updatedAt: 1 });
    expect(listConversations(db).map((c) => c.title)).toEqual(['Newer', 'New']);

    expect(setConversationPinned(db, a.id, true)).toBe(true);
    expect(listConversations(db).map((c) => [c.title, c.pinned])).toEqual([
      ['New', true],
      ['Newer', false],
    ]);
    setConversationPinned(db, a.id, false);
    expect(listConversations(db).map((c) => c.title)).toEqual(['Newer', 'New']);
    expect(renameConversation(db, asConversationId('missing'), 'x')).toBe(false);

    setConversationModel(db, a.id, null, null, 3);
    expect(getConversation(db, a.id)).toMatchObject({ backendId: null, model: null, updatedAt: 3 });
  });

  it('soft-deletes: hidden from listing and get, restorable, not renamable or pinnable meanwhile', () => {
    const db = openTemp();
    const a = conversation(db, 'A', 1);
    const b = conversation(db, 'B', 2);
    expect(softDeleteConversation(db, a.id, 50)).toBe(true);
    expect(softDeleteConversation(db, a.id, 60)).toBe(false);
    expect(isConversationDeleted(db, a.id)).toBe(true);
    expect(getConversation(db, a.id)).toBeNull();
    expect(listConversations(db).map((c) => c.id)).toEqual([b.id]);
    expect(renameConversation(db, a.id, 'x')).toBe(false);
    expect(setConversationPinned(db, a.id, true)).toBe(false);
    expect(deletedConversations(db, 49)).toEqual([]);
    expect(deletedConversations(db, 50)).toEqual([a.id]);
    expect(deletedConversations(db, Number.POSITIVE_INFINITY)).toEqual([a.id]);

    expect(restoreConversation(db, a.id)).toBe(true);
    expect(restoreConversation(db, a.id)).toBe(false);
    expect(getConversation(db, a.id)).toMatchObject({ title: 'A', updatedAt: 1 });
    expect(listConversations(db).map((c) => c.title)).toEqual(['B', 'A']);
  });

  it('purges a deleted conversation with its messages; then it cannot be restored', () => {
    const db = openTemp();
    const a = conversation(db, 'A', 1);
    const base = { backendId: null, model: null, params: {}, now: 2, conversationId: a.id };
    const q = insertMessage(db, { ...base, parentId: null, role: 'user', content: 'q', status: 'done' });
    const answer = insertMessage(db, { ...base, parentId: q.id, role: 'assistant', content: '', status: 'streaming' });
    expect(streamingMessageIds(db, a.id)).toEqual([answer.id]);
    softDeleteConversation(db, a.id, 5);
    expect(countMessages(db)).toBe(2);
    expect(deleteConversation(db, a.id)).toBe(true);
    expect(countMessages(db)).toBe(0);
    expect(restoreConversation(db, a.id)).toBe(false);
    expect(deletedConversations(db, Number.POSITIVE_INFINITY)).toEqual([]);
  });

  it('deletes a conversation with all its messages, even a chain deeper than SQLite trigger depth', () => {
    const db = openTemp();
    const a = conversation(db, 'A', 1);
    const other = conversation(db, 'Other', 1);
    const base = { backendId: null, model: null, params: {}, status: 'done' as const, now: 2 };
    insertMessage(db, { ...base, conversationId: other.id, parentId: null, role: 'user', content: 'stay' });
    let parent = null;
    for (let i = 0; i < 1200; i++) {
      const role = i % 2 ? ('assistant' as const) : ('user' as const);
      parent = insertMessage(db, { ...base, conversationId: a.id, parentId: parent, role, content: `${i}` }).id;
    }
    expect(countMessages(db)).toBe(1201);

    expect(deleteConversation(db, a.id)).toBe(true);
    expect(getConversation(db, a.id)).toBeNull();
    expect(countMessages(db)).toBe(1);
    expect(deleteConversation(db, a.id)).toBe(false);
  });

  it('sets the active leaf only to a message of the same conversation', () => {
    const db = openTemp();
    const a = conversation(db, 'A', 1);
    const b = conversation(db, 'B', 1);
    const base = { backendId: null, model: null, params: {}, status: 'done' as const, now: 2, parentId: null };
    const inA = insertMessage(db, { ...base, conversationId: a.id, role: 'user', content: 'a' });
    const inB = insertMessage(db, { ...base, conversationId: b.id, role: 'user', content: 'b' });
    expect(() => setActiveLeaf(db, a.id, inA.id)).not.toThrow();
    expect(() => setActiveLeaf(db, a.id, inB.id)).toThrow(/not in conversation/);
    expect(() => setActiveLeaf(db, a.id, asMessageId('nope'))).toThrow(/not in conversation/);
    expect(getMessage(db, inB.id)?.conversationId).toBe(b.id);
  });
});
