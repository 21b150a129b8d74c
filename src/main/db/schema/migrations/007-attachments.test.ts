// Schema step 7 on a database that already has messages: the table appears empty, refuses rows
// that break its rules, and its rows go with their message.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { tempFolder } from '../../temp-database';
import { migrations } from './index';

const opened: Database.Database[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.close()));

function databaseBeforeStep7(): Database.Database {
  const db = new Database(join(tempFolder(), 'step7.sqlite'));
  db.pragma('foreign_keys = ON');
  opened.push(db);
  migrate(db, migrations.slice(0, 6));
  db.exec(`
    INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'old chat', 1, 1);
    INSERT INTO messages (id, conversation_id, role, content, status, created_at, updated_at)
      VALUES ('m', 'c', 'user', 'hello', 'done', 1, 1);
  `);
  return db;
}

const insert = (db: Database.Database, over: Record<string, unknown> = {}) =>
  db
    .prepare(
      `INSERT INTO attachments (id, message_id, position, kind, name, mime, size, data, created_at)
       VALUES (@id, @message_id, @position, @kind, @name, @mime, @size, @data, 1)`,
    )
    .run({
      id: 'a',
      message_id: 'm',
      position: 0,
      kind: 'image',
      name: 'a.png',
      mime: 'image/png',
      size: 3,
      data: Buffer.from([1, 2, 3]),
      ...over,
    });

describe('step 7: attachments', () => {
  it('adds an empty attachments table to a database with history, which stays as it was', () => {
    const db = databaseBeforeStep7();
    expect(migrate(db, migrations.slice(0, 7))).toEqual([7]);
    expect(db.prepare('SELECT count(*) AS n FROM attachments').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT content FROM messages').get()).toEqual({ content: 'hello' });
    const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('attachments')").all();
    expect(columns.map((c) => c.name)).toEqual([
      'id',
      'message_id',
      'position',
      'kind',
      'name',
      'mime',
      'size',
      'data',
      'created_at',
    ]);
  });

  it('keeps bytes as a BLOB, and refuses unknown kinds, missing messages and a taken position', () => {
    const db = databaseBeforeStep7();
    migrate(db, migrations.slice(0, 7));
    insert(db);
    expect(db.prepare('SELECT typeof(data) AS t, data FROM attachments').get()).toEqual({
      t: 'blob',
      data: Buffer.from([1, 2, 3]),
    });
    expect(() => insert(db, { id: 'b', position: 1, kind: 'video' })).toThrow(/CHECK/);
    expect(() => insert(db, { id: 'c', position: 1, message_id: 'nope' })).toThrow(/FOREIGN KEY/);
    expect(() => insert(db, { id: 'd', position: 0 })).toThrow(/UNIQUE/);
  });

  it('deletes a message’s files with the message', () => {
    const db = databaseBeforeStep7();
    migrate(db, migrations.slice(0, 7));
    insert(db);
    db.prepare("DELETE FROM messages WHERE id = 'm'").run();
    expect(db.prepare('SELECT count(*) AS n FROM attachments').get()).toEqual({ n: 0 });
  });
});
