// Conversation rows against a real file: create, list order, updates, active leaf, cascade delete.
import { describe, expect, it } from 'vitest';
import { asBackendId, asConversationId, asMessageId } from '../../shared/ids';
import {
  createConversation,
  deleteConversation,
  getConversation,
  listConversations,
  setActiveLeaf,
  setConversationModel,
  setConversationTitle,
  touchConversation,
} from './conversations-repo';
import { getMessage, insertMessage } from './messages-repo';
import type { Db } from './open-database';
import { openTemp } from './temp-database';

const backend = asBackendId('b-1');

function conversation(db: Db, title: string, now: number) {
  return createConversation(db, { title, backendId: backend, model: 'llama', now });
}

function countMessages(db: Db): number {
  return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM messages').get()?.n ?? -1;
}

describe('conversations repository', () => {
  it('creates, gets and lists newest-updated first', () => {
    const db = openTemp();
    const a = conversation(db, 'A', 100);
    const b = conversation(db, 'B', 200);
    const c = conversation(db, 'C', 300);
    expect(a).toEqual({ id: a.id, title: 'A', backendId: backend, model: 'llama', createdAt: 100, updatedAt: 100 });
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(getConversation(db, a.id)).toEqual(a);
    expect(getConversation(db, asConversationId('missing'))).toBeNull();

    touchConversation(db, a.id, 400);
    expect(listConversations(db).map((x) => x.title)).toEqual(['A', 'C', 'B']);
    expect(listConversations(db, { limit: 2 }).map((x) => x.id)).toEqual([a.id, c.id]);
    expect(b.backendId).toBe(backend);
  });

  it('renames and re-points a conversation', () => {
    const db = openTemp();
    const a = conversation(db, 'Old', 1);
    setConversationTitle(db, a.id, 'New', 2);
    setConversationModel(db, a.id, null, null, 3);
    expect(getConversation(db, a.id)).toMatchObject({ title: 'New', backendId: null, model: null, updatedAt: 3 });
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
