// Step 8 on a real SQLite file: rows written before it read as "not measured", and a finished
// answer keeps how long its model reasoned.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asBackendId } from '../../../../shared/ids';
import { createConversation } from '../../history/conversations-repo';
import { finishMessage, getMessage, insertMessage } from '../../history/messages-repo';
import { migrate } from '../migrate';
import { openTemp, tempFolder } from '../../temp-database';
import { migrations } from './index';

describe('migration 008: reasoning time', () => {
  it('adds a nullable reasoning_ms column that old rows read as null', () => {
    const db = openTemp();
    const columns = db
      .prepare<[], { name: string; type: string; notnull: number }>('PRAGMA table_info(messages)')
      .all();
    expect(columns.find((c) => c.name === 'reasoning_ms')).toMatchObject({ type: 'REAL', notnull: 0 });
  });

  it('keeps rows written under step 7 and leaves their reasoning time unknown', () => {
    const db = new Database(join(tempFolder(), 'raw.sqlite'));
    try {
      migrate(db, migrations.slice(0, 7));
      db.exec(
        `INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'T', 1, 1);
         INSERT INTO messages (id, conversation_id, role, content, status, created_at, updated_at)
         VALUES ('m', 'c', 'assistant', 'old answer', 'done', 1, 1);`,
      );
      expect(migrate(db, migrations.slice(0, 8))).toEqual([8]);
      const row = db.prepare<[], { content: string; reasoning_ms: number | null }>(
        "SELECT content, reasoning_ms FROM messages WHERE id = 'm'",
      );
      expect(row.get()).toEqual({ content: 'old answer', reasoning_ms: null });
    } finally {
      db.close();
    }
  });

  it('round-trips the measured time through the repository', () => {
    const db = openTemp();
    const conversation = createConversation(db, { title: 'T', backendId: null, model: null, now: 1 });
    const answer = insertMessage(db, {
      conversationId: conversation.id,
      parentId: null,
      role: 'assistant',
      content: '',
      status: 'streaming',
      backendId: asBackendId('b'),
      model: 'm',
      params: {},
      now: 2,
    });
    expect(answer.metrics.reasoningMs).toBeNull();
    const metrics = {
      ttftMs: 80,
      tokensPerSecond: 30,
      promptTokens: 5,
      completionTokens: 9,
      finishReason: 'stop',
      reasoningMs: 12_345.6,
    };
    finishMessage(db, answer.id, { status: 'done', error: null, metrics }, 3);
    expect(getMessage(db, answer.id)?.metrics).toEqual(metrics);
  });
});
