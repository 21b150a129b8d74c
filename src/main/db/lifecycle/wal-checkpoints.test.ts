// The write-ahead log stays bounded under the writes a long session makes (a streamed answer
// appended batch by batch) while another connection reads the same file, shrinks back once a
// reader that held it up lets go, and is emptied when the app is idle and when it closes.
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationId, MessageId } from '../../../shared/ids';
import { createConversation } from '../history/conversations-repo';
import { appendMessageText, insertMessage } from '../history/messages-repo';
import type { Db } from '../db';
import { closeDatabase, openDatabase, startIdleCheckpoints } from './open-database';
import { tempFolder } from '../temp-database';
import { journalSizeLimitBytes, walAutocheckpointPages } from './wal-checkpoints';

const opened: Database.Database[] = [];
const stops: (() => void)[] = [];
afterEach(() => {
  stops.splice(0).forEach((stop) => stop());
  opened.splice(0).forEach((db) => db.open && db.close());
});

const walSize = (file: string): number => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);

function setup(): { file: string; db: Db; reader: Database.Database; conversation: ConversationId } {
  const file = join(tempFolder(), 'runnel.sqlite');
  const db = openDatabase(file);
  // Another window or `npm run serve` on the same folder: a second connection reading the file.
  const reader = new Database(file, { readonly: true });
  opened.push(reader, db);
  const conversation = createConversation(db, { title: 'Long session', backendId: null, model: 'm', now: 1 }).id;
  return { file, db, reader, conversation };
}

/**
 * Streams `answers` answers of `batches` batches each (the batched writer's one UPDATE per
 * interval); the reader looks at the conversation after every batch. Returns the largest -wal seen.
 */
function stream(
  db: Db,
  file: string,
  conversation: ConversationId,
  reader: Database.Database,
  answers: number,
  batches = 40,
): number {
  const peek = reader.prepare<[string], number>('SELECT count(*) FROM messages WHERE conversation_id = ?').pluck();
  const batch = 'token '.repeat(100);
  let largest = 0;
  for (let a = 0; a < answers; a++) {
    const base = { conversationId: conversation, backendId: null, model: 'm', params: {}, now: a };
    const id: MessageId = insertMessage(db, {
      ...base,
      parentId: null,
      role: 'assistant',
      content: '',
      status: 'streaming',
    }).id;
    for (let b = 0; b < batches; b++) {
      appendMessageText(db, id, { content: batch, reasoning: '' }, a);
      peek.get(conversation);
      largest = Math.max(largest, walSize(file));
    }
  }
  return largest;
}

describe('the write-ahead log', () => {
  it('stays bounded through many batched writes while another connection reads', () => {
    const { file, db, reader, conversation } = setup();
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const bound = walAutocheckpointPages * pageSize * 1.5;

    const largest = stream(db, file, conversation, reader, 50);

    expect(largest).toBeLessThan(bound);
    // The same session with checkpoints off: what the log would have grown to.
    const control = setup();
    control.db.pragma('wal_autocheckpoint = 0');
    stream(control.db, control.file, control.conversation, control.reader, 50);
    expect(walSize(control.file)).toBeGreaterThan(4 * bound);
  });

  it('shrinks back to its limit once a reader that held a snapshot lets go', () => {
    const { file, db, reader, conversation } = setup();
    // A long read (an export, a search) keeps the log from being reused while it runs.
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM messages').get();
    const held = stream(db, file, conversation, reader, 60);
    reader.exec('COMMIT');
    expect(held).toBeGreaterThan(journalSizeLimitBytes);

    stream(db, file, conversation, reader, 40);

    expect(walSize(file)).toBeLessThanOrEqual(journalSizeLimitBytes);
  });

  it('is emptied once the app has been idle, even with another connection open', async () => {
    const { file, db, reader, conversation } = setup();
    stream(db, file, conversation, reader, 10);
    expect(walSize(file)).toBeGreaterThan(0);

    stops.push(startIdleCheckpoints(db, 25));

    await expect.poll(() => walSize(file), { timeout: 5000, interval: 25 }).toBe(0);
    expect(reader.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 10 });
  });

  it('is emptied when the database closes, even with another connection open', () => {
    const { file, db, reader, conversation } = setup();
    stream(db, file, conversation, reader, 10);
    expect(walSize(file)).toBeGreaterThan(0);

    closeDatabase(db);

    expect(db.open).toBe(false);
    expect(walSize(file)).toBe(0);
    expect(reader.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 10 });
  });
});
