// Step 11 on real SQLite files: search finds the text of tool results and opens on the answer that
// made the calls, for answers stored under step 10 and from now on, in both indexes, kept right by
// the triggers through streaming, result changes, edits, Continue, deletes and the short-term
// backfill; FTS5's own checks pass after each.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MessageStatus } from '../../../../shared/domain';
import type { MessageId } from '../../../../shared/ids';
import { deleteConversation } from '../../history/conversations-repo';
import { appendMessageText, finishMessage, resumeMessage } from '../../history/messages-repo';
import { updateToolCall, type StoredToolCall } from '../../history/tool-calls-repo';
import type { Db } from '../../db';
import { searchMessages } from '../../search/search-repo';
import { backfillShortIndex } from '../../search/short-index-backfill';
import { openTemp, tempFolder } from '../../temp-database';
import { questionAndAnswer, storeCall } from '../../tool-call-fixtures';
import { migrate } from '../migrate';
import { migrations } from './index';

const noMetrics = {
  ttftMs: null,
  tokensPerSecond: null,
  promptTokens: null,
  completionTokens: null,
  finishReason: null,
};

/** The ids of the messages a query finds, newest first. */
const found = (db: Db, query: string): string[] => searchMessages(db, query).hits.map((h) => h.messageId);

function expectIndexIntact(db: Db): void {
  db.prepare("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)").run();
  db.prepare("INSERT INTO message_grams (message_grams) VALUES ('integrity-check')").run();
}

const call = (db: Db, messageId: MessageId, index: number): StoredToolCall =>
  storeCall(db, messageId, { round: 0, index, status: 'running' });

const finish = (db: Db, id: MessageId, status: Exclude<MessageStatus, 'streaming'> = 'done') =>
  finishMessage(db, id, { status, error: null, metrics: noMetrics }, 9);

/** Rows written as an older schema holds them: a conversation 'c' with `messages`, then the calls of answer 'a'. */
const oldRows = (messages: string) => `
  INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'T', 1, 1);
  INSERT INTO messages (id, conversation_id, role, content, status, created_at, updated_at) VALUES ${messages};`;
const oldCalls = (calls: [index: number, status: string, result: string][]) => `
  INSERT INTO tool_calls (id, message_id, round, position, call_index, wire_id, wire_name, server_name, tool_name,
    arguments, status, result, created_at)
  VALUES ${calls.map(([i, status, result]) => `('t${i}', 'a', 0, 0, ${i}, 'c${i}', 'w__get', 'w', 'get', '{}', '${status}', '${result}', 2)`).join(', ')};`;

describe('migration 011: tool results are searched', () => {
  it('indexes the results of answers stored under step 10, with their content, in both indexes', () => {
    const file = join(tempFolder(), 'step10.sqlite');
    const raw = new Database(file);
    migrate(raw, migrations.slice(0, 10));
    raw.exec(
      oldRows("('q', 'c', 'user', 'weather?', 'done', 1, 1), ('a', 'c', 'assistant', 'It is mild.', 'done', 2, 2)"),
    );
    raw.exec(
      oldCalls([
        [0, 'done', 'Reykjavík: 7 °C, drizzle'],
        [1, 'denied', 'The user denied this tool call.'],
      ]),
    );
    expect(migrate(raw, migrations.slice(0, 11))).toEqual([11]);
    expect(found(raw, 'drizzle')).toEqual(['a']);
    expect(found(raw, 'drizzle mild')).toEqual(['a']);
    // Short terms: from the index of characters and pairs.
    expect(found(raw, '°C')).toEqual(['a']);
    // What Runnel itself said of a call is not a tool's result.
    expect(found(raw, 'denied')).toEqual([]);
    // The snippet reads as plain text: the answer and the tool's result joined, blank lines folded.
    expect(searchMessages(raw, 'drizzle').hits[0]?.snippet.text).toContain('It is mild. Reykjavík: 7 °C, drizzle');
    expectIndexIntact(raw);
    raw.close();
  });

  it('indexes an answer with its results when it stops streaming, and follows later changes', () => {
    const db = openTemp();
    const { conversationId, answer } = questionAndAnswer(db, 'weather?', 10);
    const first = call(db, answer.id, 0);
    updateToolCall(db, first, { status: 'done', result: 'Reykjavík: 7 °C, drizzle', endedAt: 3 });
    const second = updateToolCall(db, call(db, answer.id, 1), { status: 'error', result: 'station offline' });
    appendMessageText(db, answer.id, { content: 'Mild and wet.', reasoning: '' }, 4);
    expect(found(db, 'drizzle')).toEqual([]);
    finish(db, answer.id);
    expect(found(db, 'drizzle')).toEqual([answer.id]);
    expect(found(db, 'offline wet')).toEqual([answer.id]);
    expect(found(db, '°C')).toEqual([answer.id]);
    expectIndexIntact(db);

    // A result written after the answer ended replaces the old one in both indexes.
    updateToolCall(db, second, { status: 'done', result: 'station back: sleet' });
    expect(found(db, 'offline')).toEqual([]);
    expect(found(db, 'sleet')).toEqual([answer.id]);
    expectIndexIntact(db);

    // Continue: out of the index while it streams again, back with the new text and the results.
    expect(resumeMessage(db, answer.id, 20)).toBe(true);
    expect(found(db, 'drizzle')).toEqual([]);
    appendMessageText(db, answer.id, { content: ' Take a coat.', reasoning: '' }, 21);
    finish(db, answer.id, 'cancelled');
    expect(found(db, 'coat drizzle')).toEqual([answer.id]);
    expectIndexIntact(db);

    deleteConversation(db, conversationId);
    expect(found(db, 'drizzle')).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM message_search_rows').get()).toEqual({ n: 0 });
    expectIndexIntact(db);
  });

  it('finds results by a short term beside a long one, and opens on the answer, not the question', () => {
    const db = openTemp();
    const { answer } = questionAndAnswer(db, 'weather?', 10);
    updateToolCall(db, call(db, answer.id, 0), { status: 'done', result: 'km 42 north' });
    finish(db, answer.id);
    expect(searchMessages(db, 'north 42').hits.map((h) => [h.messageId, h.role])).toEqual([[answer.id, 'assistant']]);
    expect(found(db, 'north xy')).toEqual([]);
  });

  it('the short-term backfill indexes the results of messages stored before that index', () => {
    const file = join(tempFolder(), 'step8.sqlite');
    const raw = new Database(file);
    migrate(raw, migrations.slice(0, 8));
    raw.exec(oldRows("('a', 'c', 'assistant', 'See the tool.', 'done', 2, 2)"));
    migrate(raw, migrations.slice(0, 10));
    raw.exec(oldCalls([[0, 'done', 'ζ']]));
    raw.close();
    const db = openTemp(file);
    while (!backfillShortIndex(db, 1));
    expect(found(db, 'ζ')).toEqual(['a']);
    expectIndexIntact(db);
  });
});
