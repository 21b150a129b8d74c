// The tree behind versions, on a real file: each message's place among its siblings, the leaf a
// branch through a message ends at (as the user last saw it), paths to a message, and resuming a
// cut answer without touching its text.
import { describe, expect, it } from 'vitest';
import { asBackendId, type MessageId } from '../../../shared/ids';
import { createConversation, getConversation } from './conversations-repo';
import {
  activeBranch,
  appendMessageText,
  finishMessage,
  getMessage,
  hasReplies,
  insertMessage,
  leafBelow,
  pathTo,
  resumeMessage,
  showBranchThrough,
  versionsOf,
  type NewMessage,
} from './messages-repo';
import type { Db } from '../db';
import { openTemp } from '../temp-database';

function tree(db: Db) {
  const conversation = createConversation(db, { title: 'T', backendId: null, model: null, now: 1 });
  let clock = 10;
  const add = (parentId: MessageId | null, role: NewMessage['role'], content: string, now = ++clock) =>
    insertMessage(db, {
      conversationId: conversation.id,
      parentId,
      role,
      content,
      status: 'done',
      backendId: asBackendId('b'),
      model: 'm',
      params: {},
      now,
    });
  return { conversation, add, tick: () => ++clock };
}

const shown = (db: Db, id: Parameters<typeof activeBranch>[1]) => activeBranch(db, id).map((m) => m.content);
const places = (db: Db, id: Parameters<typeof activeBranch>[1]) =>
  activeBranch(db, id).map(
    (m) => `${m.content} ${m.versions ? m.versions.index + 1 : '?'}/${m.versions?.count ?? '?'}`,
  );

describe('versions in the message tree', () => {
  it('gives every message of the shown branch its place among its siblings', () => {
    const db = openTemp();
    const { conversation, add } = tree(db);
    const q1 = add(null, 'user', 'q1');
    add(q1.id, 'assistant', 'a1');
    const a1b = add(q1.id, 'assistant', 'a1b');
    const q2 = add(a1b.id, 'user', 'q2');
    add(q2.id, 'assistant', 'a2');
    expect(places(db, conversation.id)).toEqual(['q1 1/1', 'a1b 2/2', 'q2 1/1', 'a2 1/1']);

    // A second root (the first question edited) counts as a version of the first.
    const q1b = add(null, 'user', 'q1 edited');
    add(q1b.id, 'assistant', 'a for edited');
    expect(places(db, conversation.id)).toEqual(['q1 edited 2/2', 'a for edited 1/1']);
  });

  it('orders versions by creation, insertion order breaking a tie of the same millisecond', () => {
    const db = openTemp();
    const { conversation, add } = tree(db);
    const q = add(null, 'user', 'q', 50);
    const a = add(q.id, 'assistant', 'a', 50);
    const b = add(q.id, 'assistant', 'b', 50);
    const c = add(q.id, 'assistant', 'c', 50);
    expect(versionsOf(db, a)).toEqual([a.id, b.id, c.id]);
    expect(places(db, conversation.id)).toEqual(['q 1/1', 'c 3/3']);
    showBranchThrough(db, conversation.id, b.id, 60);
    expect(places(db, conversation.id)).toEqual(['q 1/1', 'b 2/3']);
  });

  it('a branch through a version ends where the user last was below it', () => {
    const db = openTemp();
    const { conversation, add, tick } = tree(db);
    const q1 = add(null, 'user', 'q1');
    const a1 = add(q1.id, 'assistant', 'a1');
    const q2 = add(a1.id, 'user', 'q2');
    const a2 = add(q2.id, 'assistant', 'a2');
    const a2b = add(q2.id, 'assistant', 'a2b'); // regenerated: the newest
    expect(shown(db, conversation.id)).toEqual(['q1', 'a1', 'q2', 'a2b']);

    // Back to the first answer of q2, then away to another version of a1 (a regeneration).
    expect(showBranchThrough(db, conversation.id, a2.id, tick())).toBe(a2.id);
    const a1b = add(q1.id, 'assistant', 'a1b');
    expect(shown(db, conversation.id)).toEqual(['q1', 'a1b']);

    // Returning to a1 shows a2, which the user was looking at, though a2b is newer.
    expect(showBranchThrough(db, conversation.id, a1.id, tick())).toBe(a2.id);
    expect(shown(db, conversation.id)).toEqual(['q1', 'a1', 'q2', 'a2']);
    expect(leafBelow(db, a1b.id)).toBe(a1b.id);
    expect(leafBelow(db, q1.id)).toBe(a2.id);
    expect(leafBelow(db, a2b.id)).toBe(a2b.id);
  });

  it('below a message never shown, follows the answer written last', () => {
    const db = openTemp();
    const { conversation, add, tick } = tree(db);
    const q = add(null, 'user', 'q');
    const a = add(q.id, 'assistant', 'a');
    const f1 = add(a.id, 'user', 'follow 1');
    const f1a = add(f1.id, 'assistant', 'follow 1 answer');
    const b = add(q.id, 'assistant', 'b');
    expect(shown(db, conversation.id)).toEqual(['q', 'b']);
    // A streamed answer's updated_at moves with every batch: the newest writing wins.
    appendMessageText(db, f1a.id, { content: ' more', reasoning: '' }, tick());
    expect(showBranchThrough(db, conversation.id, a.id, tick())).toBe(f1a.id);
    expect(shown(db, conversation.id)).toEqual(['q', 'a', 'follow 1', 'follow 1 answer more']);
    expect(getMessage(db, b.id)?.content).toBe('b');
  });

  it('showing another branch does not reorder the conversation list, and refuses a foreign message', () => {
    const db = openTemp();
    const { conversation, add } = tree(db);
    const q = add(null, 'user', 'q');
    const a = add(q.id, 'assistant', 'a');
    add(q.id, 'assistant', 'b');
    const before = getConversation(db, conversation.id)?.updatedAt;
    showBranchThrough(db, conversation.id, a.id, 9_999);
    expect(getConversation(db, conversation.id)?.updatedAt).toBe(before);

    const other = tree(db);
    const elsewhere = other.add(null, 'user', 'elsewhere');
    expect(() => showBranchThrough(db, conversation.id, elsewhere.id, 10_000)).toThrow(/not in conversation/);
    expect(shown(db, conversation.id)).toEqual(['q', 'a']);
  });

  it('paths to a message, replies, and a cut answer resumed with its text kept', () => {
    const db = openTemp();
    const { add } = tree(db);
    const q = add(null, 'user', 'q');
    const a = add(q.id, 'assistant', 'partial');
    expect(pathTo(db, a.id).map((m) => m.content)).toEqual(['q', 'partial']);
    expect(pathTo(db, q.id).map((m) => m.content)).toEqual(['q']);
    expect(hasReplies(db, q.id)).toBe(true);
    expect(hasReplies(db, a.id)).toBe(false);

    finishMessage(
      db,
      a.id,
      {
        status: 'error',
        error: { code: 'server', message: 'boom', retryable: true },
        metrics: { ttftMs: 5, tokensPerSecond: 1, promptTokens: 2, completionTokens: 3, finishReason: null },
      },
      40,
    );
    expect(resumeMessage(db, a.id, 41)).toBe(true);
    expect(getMessage(db, a.id)).toMatchObject({ status: 'streaming', error: null, content: 'partial', updatedAt: 41 });
    // Already streaming, or not an answer: nothing changes.
    expect(resumeMessage(db, a.id, 42)).toBe(false);
    expect(resumeMessage(db, q.id, 42)).toBe(false);
    expect(getMessage(db, q.id)?.status).toBe('done');
  });
});
