// Step 13 on a real SQLite file: conversations written before it leave out the oldest turns when
// they outgrow a window (the default); windows are kept per backend and model, go with a deleted
// backend, and the user's figure survives a fresh report from the server.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asConversationId } from '../../../../shared/ids';
import { getContextOverflow } from '../../history/conversation-settings-repo';
import { deleteBackend, insertBackend } from '../../settings/backends-repo';
import {
  getModelWindow,
  replaceUserWindows,
  setCorrectedWindow,
  setReportedWindow,
  userWindowsOf,
} from '../../settings/model-windows-repo';
import { migrate } from '../migrate';
import { openTemp, tempFolder } from '../../temp-database';
import { migrations } from './index';

const step = migrations.findIndex((m) => m.version === 13) + 1;

describe('migration 013: context windows', () => {
  it('gives conversations written before it "leave out oldest"', () => {
    const db = new Database(join(tempFolder(), 'raw.sqlite'));
    try {
      migrate(db, migrations.slice(0, step - 1));
      db.exec(`INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'T', 1, 1);`);
      expect(migrate(db, migrations.slice(0, step))).toEqual([13]);
      expect(getContextOverflow(db, asConversationId('c'))).toBe('drop-oldest');
      expect(() => db.exec("UPDATE conversations SET context_overflow = 'sometimes'")).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });

  it('keeps the server’s report, a correction and the user’s figure apart, per backend and model', () => {
    const db = openTemp();
    const backend = insertBackend(db, {
      name: 'b',
      kind: 'openai-chat',
      baseUrl: 'http://x/v1',
      defaultModel: null,
      http: 'auto',
      now: 1,
    });
    setReportedWindow(
      db,
      backend.id,
      'm',
      { reported: 4096, source: 'llama.cpp /props n_ctx', trained: null, tokenizer: 'llama.cpp' },
      5,
    );
    setCorrectedWindow(db, backend.id, 'm', 512);
    replaceUserWindows(db, backend.id, { m: 2048, other: 1000 });
    expect(getModelWindow(db, backend.id, 'm')).toEqual({
      reported: 4096,
      source: 'llama.cpp /props n_ctx',
      trained: null,
      tokenizer: 'llama.cpp',
      corrected: 512,
      userWindow: 2048,
      checkedAt: 5,
    });
    // Asking the server again drops the correction, not the user's figure.
    setReportedWindow(db, backend.id, 'm', { reported: 8192, source: 's', trained: null, tokenizer: null }, 9);
    expect(getModelWindow(db, backend.id, 'm')).toMatchObject({ reported: 8192, corrected: null, userWindow: 2048 });
    replaceUserWindows(db, backend.id, { other: 1000 });
    expect(userWindowsOf(db, backend.id)).toEqual({ other: 1000 });
    deleteBackend(db, backend.id);
    expect(getModelWindow(db, backend.id, 'other')).toBeNull();
  });
});
