// Step 16 marks answers written without tools: rows from before read as sent with tools, a marked
// answer reads back as marked, and a value Runnel never writes is refused.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asMessageId } from '../../../../shared/ids';
import { markSentWithoutTools, sentWithoutTools } from '../../history/messages-repo';
import { migrate } from '../migrate';
import { migrations } from './index';

function stepFifteenFile(): Database.Database {
  const raw = new Database(join(mkdtempSync(join(tmpdir(), 'runnel-016-')), 'runnel.sqlite'));
  migrate(raw, migrations.slice(0, 15));
  raw.exec(`INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'Old', 1, 1);
    INSERT INTO messages (id, conversation_id, parent_id, role, content, status, params_json, created_at, updated_at)
      VALUES ('a', 'c', NULL, 'assistant', 'old answer', 'done', '{}', 1, 1),
             ('b', 'c', NULL, 'assistant', 'other answer', 'done', '{}', 1, 1);`);
  return raw;
}

describe('migration 016: answers without tools', () => {
  it('upgrades a step-15 file: old answers were sent with tools, a marked one reads back marked', () => {
    const db = stepFifteenFile();
    expect(migrate(db, migrations.slice(0, 16))).toEqual([16]);
    expect(sentWithoutTools(db, asMessageId('a'))).toBe(false);
    markSentWithoutTools(db, asMessageId('a'));
    expect(sentWithoutTools(db, asMessageId('a'))).toBe(true);
    expect(sentWithoutTools(db, asMessageId('b'))).toBe(false);
    expect(sentWithoutTools(db, asMessageId('gone'))).toBe(false);
    expect(() => db.exec(`UPDATE messages SET without_tools = 2 WHERE id = 'b'`)).toThrow(/CHECK/);
    db.close();
  });
});
