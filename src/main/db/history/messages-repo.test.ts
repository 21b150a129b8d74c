// Message rows against a real file: the tree and its active branch, streamed appends, the end of
// a reply with metrics and error, crash recovery, and defensive reading of stored JSON.
import { describe, expect, it } from 'vitest';
import { chatError } from '../../../shared/chat-error';
import type { MessageMetrics } from '../../../shared/domain';
import { asBackendId, asMessageId } from '../../../shared/ids';
import { createConversation, getConversation, setActiveLeaf } from './conversations-repo';
import {
  activeBranch,
  activeBranchTail,
  appendMessageText,
  finishMessage,
  getMessage,
  insertMessage,
  markStreamingInterrupted,
  type NewMessage,
} from './messages-repo';
import type { Db } from '../db';
import { openTemp } from '../temp-database';

const noMetrics: MessageMetrics = {
  ttftMs: null,
  tokensPerSecond: null,
  promptTokens: null,
  completionTokens: null,
  finishReason: null,
  reasoningMs: null,
};

function setup(db: Db) {
  const conversation = createConversation(db, { title: 'T', backendId: null, model: null, now: 1 });
  const base: Omit<NewMessage, 'parentId' | 'role' | 'content' | 'status'> = {
    conversationId: conversation.id,
    backendId: asBackendId('b-1'),
    model: 'qwen',
    params: { temperature: 0.7, maxTokens: 256 },
    now: 10,
  };
  return { conversation, base };
}

describe('messages repository', () => {
  it('inserts a message, makes it the active leaf and touches the conversation', () => {
    const db = openTemp();
    const { conversation, base } = setup(db);
    const m = insertMessage(db, { ...base, parentId: null, role: 'user', content: 'hello', status: 'done' });
    expect(m).toEqual({
      id: m.id,
      conversationId: conversation.id,
      parentId: null,
      role: 'user',
      content: 'hello',
      reasoning: '',
      status: 'done',
      error: null,
      backendId: 'b-1',
      model: 'qwen',
      params: { temperature: 0.7, maxTokens: 256 },
      metrics: noMetrics,
      createdAt: 10,
      updatedAt: 10,
    });
    expect(getMessage(db, m.id)).toEqual(m);
    expect(getMessage(db, asMessageId('missing'))).toBeNull();
    expect(getConversation(db, conversation.id)?.updatedAt).toBe(10);
    expect(activeBranch(db, conversation.id)).toEqual([{ ...m, versions: { index: 0, count: 1 } }]);
  });

  it('follows the active leaf when one parent has two children', () => {
    const db = openTemp();
    const { conversation, base } = setup(db);
    expect(activeBranch(db, conversation.id)).toEqual([]);
    const root = insertMessage(db, { ...base, parentId: null, role: 'system', content: 'sys', status: 'done' });
    const q = insertMessage(db, { ...base, parentId: root.id, role: 'user', content: 'q', status: 'done' });
    const first = insertMessage(db, { ...base, parentId: q.id, role: 'assistant', content: 'first', status: 'done' });
    const second = insertMessage(db, { ...base, parentId: q.id, role: 'assistant', content: 'second', status: 'done' });
    const followUp = insertMessage(db, { ...base, parentId: second.id, role: 'user', content: 'more', status: 'done' });

    expect(activeBranch(db, conversation.id).map((m) => m.content)).toEqual(['sys', 'q', 'second', 'more']);
    setActiveLeaf(db, conversation.id, first.id);
    expect(activeBranch(db, conversation.id).map((m) => m.id)).toEqual([root.id, q.id, first.id]);
    setActiveLeaf(db, conversation.id, followUp.id);
    expect(activeBranch(db, conversation.id).map((m) => m.content)).toEqual(['sys', 'q', 'second', 'more']);

    // The newest messages of the branch shown, and whether older ones come before them.
    const tail = (n: number) => {
      const t = activeBranchTail(db, conversation.id, n);
      return [t.messages.map((m) => m.content), t.earlier];
    };
    expect(tail(2)).toEqual([['second', 'more'], true]);
    expect(tail(3)).toEqual([['q', 'second', 'more'], true]);
    expect(tail(4)).toEqual([['sys', 'q', 'second', 'more'], false]);
    expect(tail(10)).toEqual([['sys', 'q', 'second', 'more'], false]);
    expect(activeBranchTail(db, conversation.id, 2).messages[0]?.versions).toEqual({ index: 1, count: 2 });
  });

  it('refuses a parent from another conversation', () => {
    const db = openTemp();
    const { base } = setup(db);
    const elsewhere = createConversation(db, { title: 'Other', backendId: null, model: null, now: 1 });
    const root = insertMessage(db, { ...base, parentId: null, role: 'user', content: 'x', status: 'done' });
    expect(() =>
      insertMessage(db, {
        ...base,
        conversationId: elsewhere.id,
        parentId: root.id,
        role: 'user',
        content: 'y',
        status: 'done',
      }),
    ).toThrow(/not in conversation/);
    expect(activeBranch(db, elsewhere.id)).toEqual([]);
  });

  it('appends streamed text and reasoning, multi-byte included', () => {
    const db = openTemp();
    const { base } = setup(db);
    const m = insertMessage(db, { ...base, parentId: null, role: 'assistant', content: '', status: 'streaming' });
    appendMessageText(db, m.id, { content: 'Hello, ', reasoning: 'thinking… ' }, 11);
    appendMessageText(db, m.id, { content: '世界', reasoning: '' }, 12);
    appendMessageText(db, m.id, { content: ' 👋🏽🇯🇵', reasoning: '考え中' }, 13);
    appendMessageText(db, m.id, { content: '', reasoning: '' }, 99);
    const stored = getMessage(db, m.id);
    expect(stored?.content).toBe('Hello, 世界 👋🏽🇯🇵');
    expect(stored?.reasoning).toBe('thinking… 考え中');
    expect(stored?.updatedAt).toBe(13);
    expect(stored?.status).toBe('streaming');
  });

  it('stores the end of a reply: status, metrics and error round-trip', () => {
    const db = openTemp();
    const { base } = setup(db);
    const ok = insertMessage(db, { ...base, parentId: null, role: 'assistant', content: '', status: 'streaming' });
    const metrics: MessageMetrics = {
      ttftMs: 123.5,
      tokensPerSecond: 42.25,
      promptTokens: 17,
      completionTokens: 99,
      finishReason: 'stop',
      reasoningMs: 2400,
    };
    finishMessage(db, ok.id, { status: 'done', error: null, metrics }, 20);
    expect(getMessage(db, ok.id)).toMatchObject({ status: 'done', error: null, metrics, updatedAt: 20 });

    const bad = insertMessage(db, {
      ...base,
      parentId: ok.id,
      role: 'assistant',
      content: 'part',
      status: 'streaming',
    });
    const error = chatError('rate_limited', 'Slow down', { status: 429, retryAfterMs: 2000 });
    finishMessage(db, bad.id, { status: 'error', error, metrics: { ...noMetrics, ttftMs: 5 } }, 21);
    const stored = getMessage(db, bad.id);
    expect(stored?.status).toBe('error');
    expect(stored?.error).toEqual(error);
    expect(stored?.metrics).toEqual({ ...noMetrics, ttftMs: 5 });
    expect(stored?.content).toBe('part');
  });

  it('marks rows left streaming by a crash as interrupted, keeping their text', () => {
    const db = openTemp();
    const { base } = setup(db);
    const done = insertMessage(db, { ...base, parentId: null, role: 'user', content: 'q', status: 'done' });
    const a = insertMessage(db, {
      ...base,
      parentId: done.id,
      role: 'assistant',
      content: 'half',
      status: 'streaming',
    });
    const b = insertMessage(db, { ...base, parentId: done.id, role: 'assistant', content: '', status: 'streaming' });
    expect(markStreamingInterrupted(db, 50)).toBe(2);
    expect(getMessage(db, a.id)).toMatchObject({ status: 'interrupted', content: 'half', updatedAt: 50 });
    expect(getMessage(db, b.id)?.status).toBe('interrupted');
    expect(getMessage(db, done.id)).toMatchObject({ status: 'done', updatedAt: 10 });
    expect(markStreamingInterrupted(db, 60)).toBe(0);
  });

  it('reads damaged error_json and params_json as null and {}', () => {
    const db = openTemp();
    const { base } = setup(db);
    const m = insertMessage(db, { ...base, parentId: null, role: 'assistant', content: '', status: 'error' });
    const corrupt = db.prepare<[string | null, string, string]>(
      'UPDATE messages SET error_json = ?, params_json = ? WHERE id = ?',
    );

    corrupt.run('{not json', 'nope', m.id);
    expect(getMessage(db, m.id)).toMatchObject({ error: null, params: {} });

    corrupt.run('{"code":"bogus","message":"x","retryable":false}', '[1,2]', m.id);
    expect(getMessage(db, m.id)).toMatchObject({ error: null, params: {} });

    corrupt.run('null', '{"temperature":"hot","seed":7,"extra":1}', m.id);
    expect(getMessage(db, m.id)).toMatchObject({ error: null, params: { seed: 7 } });
  });

  it('refuses a role or status outside the schema', () => {
    const db = openTemp();
    const { base } = setup(db);
    const insert = db.prepare<[string, string, string]>(
      "INSERT INTO messages (id, conversation_id, role, status, created_at, updated_at) VALUES ('x', ?, ?, ?, 1, 1)",
    );
    expect(() => insert.run(base.conversationId, 'tool', 'done')).toThrow(/CHECK/);
    expect(() => insert.run(base.conversationId, 'user', 'paused')).toThrow(/CHECK/);
  });
});
