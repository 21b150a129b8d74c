// Schema step 5 on a database that already has history: conversations become unpinned and live,
// every stored message (not one still streaming) is indexed oldest first, and the listing index
// serves the sidebar's keyset query.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { tempFolder } from '../../temp-database';
import { migrations } from '.';

const opened: Database.Database[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.close()));

function atStep4(): Database.Database {
  const db = new Database(join(tempFolder(), 'step4.sqlite'));
  db.pragma('foreign_keys = ON');
  opened.push(db);
  migrate(db, migrations.slice(0, 4));
  db.exec(`
    INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('a', 'A', 1, 10), ('b', 'B', 2, 20);
    INSERT INTO messages (id, conversation_id, role, content, status, created_at, updated_at) VALUES
      ('m1', 'a', 'user', 'first question', 'done', 100, 100),
      ('m2', 'a', 'assistant', 'first answer', 'done', 100, 100),
      ('m3', 'b', 'user', 'second question', 'done', 50, 50),
      ('m4', 'b', 'assistant', 'half an answer', 'streaming', 60, 60),
      ('m5', 'b', 'assistant', 'from before the epoch', 'error', -5, -5);
  `);
  return db;
}

describe('migration 5: history and search', () => {
  it('adds pinned and deleted_at with live, unpinned defaults', () => {
    const db = atStep4();
    expect(migrate(db, migrations.slice(0, 5))).toEqual([5]);
    expect(db.prepare('SELECT id, pinned, deleted_at FROM conversations ORDER BY id').all()).toEqual([
      { id: 'a', pinned: 0, deleted_at: null },
      { id: 'b', pinned: 0, deleted_at: null },
    ]);
    expect(() => db.prepare("UPDATE conversations SET pinned = 2 WHERE id = 'a'").run()).toThrow(/CHECK/);
  });

  it('indexes stored messages in time order, leaving a streaming one for when it ends', () => {
    const db = atStep4();
    migrate(db, migrations.slice(0, 5));
    const rows = db
      .prepare<[], { rowid: number; message_id: string }>(
        'SELECT rowid, message_id FROM message_search_rows ORDER BY rowid',
      )
      .all();
    // m5 has a time out of range: it is placed after every other row.
    expect(rows.map((r) => r.message_id)).toEqual(['m3', 'm1', 'm2', 'm5']);
    expect(rows[0]?.rowid).toBe(50 * 1024);
    expect(rows[2]?.rowid).toBe(100 * 1024 + 1);
    const match = db
      .prepare<[string], { message_id: string }>(
        `SELECT s.message_id FROM message_search f JOIN message_search_rows s ON s.rowid = f.rowid
         WHERE message_search MATCH ? ORDER BY f.rowid`,
      )
      .all('"question"');
    expect(match.map((r) => r.message_id)).toEqual(['m3', 'm1']);
    db.prepare("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)").run();
  });

  it('serves the sidebar query from the listing index, without a sort', () => {
    const db = atStep4();
    migrate(db, migrations.slice(0, 5));
    const plan = db
      .prepare<[], { detail: string }>(
        `EXPLAIN QUERY PLAN SELECT id FROM conversations
         WHERE deleted_at IS NULL AND (pinned, updated_at, id) < (1, 5, 'x')
         ORDER BY pinned DESC, updated_at DESC, id DESC LIMIT 10`,
      )
      .all()
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/USING INDEX conversations_listing/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});
