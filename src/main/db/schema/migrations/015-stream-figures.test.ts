// Step 15 keeps an answer's total time, transport and HTTP version: rows from before read as not
// measured, a finished answer reads back what was measured, and a value Runnel never writes (a
// hand-edited file) is left out rather than shown.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asMessageId } from '../../../../shared/ids';
import { finishMessage, getMessage } from '../../history/messages-repo';
import { migrate } from '../migrate';
import { migrations } from './index';

function stepFourteenFile(): Database.Database {
  const raw = new Database(join(mkdtempSync(join(tmpdir(), 'runnel-015-')), 'runnel.sqlite'));
  migrate(raw, migrations.slice(0, 14));
  raw.exec(`INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'Old', 1, 1);
    INSERT INTO messages (id, conversation_id, parent_id, role, content, status, params_json, created_at, updated_at)
      VALUES ('a', 'c', NULL, 'assistant', 'old answer', 'done', '{}', 1, 1);`);
  return raw;
}

describe('migration 015: stream figures', () => {
  it('upgrades a step-14 file: old answers have no figures, new ends keep them', () => {
    const db = stepFourteenFile();
    expect(migrate(db, migrations.slice(0, 15))).toEqual([15]);
    migrate(db, migrations); // the repository reads and writes the current rows
    const old = getMessage(db, asMessageId('a'))!;
    expect(old.metrics).not.toHaveProperty('totalMs');
    expect(old.metrics).not.toHaveProperty('transport');
    const metrics = {
      ...old.metrics,
      totalMs: 812,
      transport: 'sse' as const,
      httpVersion: '2' as const,
    };
    finishMessage(db, asMessageId('a'), { status: 'done', error: null, metrics }, 2);
    expect(getMessage(db, asMessageId('a'))!.metrics).toEqual(metrics);
    db.close();
  });

  it('leaves out a transport or HTTP version it does not know', () => {
    const db = stepFourteenFile();
    migrate(db, migrations);
    db.exec(`UPDATE messages SET transport = 'carrier-pigeon', http_version = '3', total_ms = 5 WHERE id = 'a'`);
    const metrics = getMessage(db, asMessageId('a'))!.metrics;
    expect(metrics.totalMs).toBe(5);
    expect(metrics).not.toHaveProperty('transport');
    expect(metrics).not.toHaveProperty('httpVersion');
    db.close();
  });
});
