// Presets and per-conversation settings on a real file: saved, renamed, deleted, names unique
// whatever their case, parameters read back defensively; and schema step 6 on an older database.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getConversationSettings, setConversationSettings } from '../history/conversation-settings-repo';
import { createConversation, getConversation } from '../history/conversations-repo';
import { migrate } from '../schema/migrate';
import { migrations } from '../schema/migrations';
import { deletePreset, getPreset, listPresets, savePreset } from './presets-repo';
import { asConversationId } from '../../../shared/ids';
import { openTemp, tempFolder } from '../temp-database';

describe('presets repository', () => {
  it('creates, lists by name, renames, updates and deletes', () => {
    const db = openTemp();
    const terse = savePreset(
      db,
      undefined,
      { name: '  Terse ', systemPrompt: 'Be brief.', params: { temperature: 0.2 } },
      5,
    );
    expect(terse).toMatchObject({
      name: 'Terse',
      systemPrompt: 'Be brief.',
      params: { temperature: 0.2 },
      createdAt: 5,
    });
    savePreset(db, undefined, { name: 'coder', systemPrompt: 'Write code.', params: { maxTokens: 2048, seed: 7 } }, 6);
    expect(listPresets(db).map((p) => p.name)).toEqual(['coder', 'Terse']);

    const renamed = savePreset(
      db,
      terse.id,
      { name: 'Short answers', systemPrompt: 'Be brief!', params: { topP: 0.9 } },
      9,
    );
    expect(renamed).toEqual({
      id: terse.id,
      name: 'Short answers',
      systemPrompt: 'Be brief!',
      params: { topP: 0.9 },
      createdAt: 5,
      updatedAt: 9,
    });
    expect(getPreset(db, terse.id)).toEqual(renamed);

    expect(deletePreset(db, terse.id)).toBe(true);
    expect(deletePreset(db, terse.id)).toBe(false);
    expect(listPresets(db).map((p) => p.name)).toEqual(['coder']);
  });

  it('refuses an empty name, a duplicate name in any case, and a preset that is gone', () => {
    const db = openTemp();
    const a = savePreset(db, undefined, { name: 'Alpha', systemPrompt: '', params: {} }, 1);
    expect(() => savePreset(db, undefined, { name: '   ', systemPrompt: '', params: {} }, 2)).toThrow(/needs a name/);
    expect(() => savePreset(db, undefined, { name: 'ALPHA', systemPrompt: '', params: {} }, 2)).toThrow(
      /already exists/,
    );
    // Renaming a preset to its own name in another case is fine.
    expect(savePreset(db, a.id, { name: 'alpha', systemPrompt: '', params: {} }, 3).name).toBe('alpha');
    expect(() => savePreset(db, 'missing', { name: 'Beta', systemPrompt: '', params: {} }, 4)).toThrow(
      /no longer exists/,
    );
    expect(listPresets(db)).toHaveLength(1);
  });

  it('keeps only known parameters, and reads damaged ones as none', () => {
    const db = openTemp();
    const params = { temperature: 1.1, extra: 3 } as unknown as { temperature: number };
    const p = savePreset(db, undefined, { name: 'P', systemPrompt: '', params }, 1);
    expect(p.params).toEqual({ temperature: 1.1 });
    db.prepare("UPDATE presets SET params_json = '{oops' WHERE id = ?").run(p.id);
    expect(getPreset(db, p.id)?.params).toEqual({});
  });
});

describe('conversation settings', () => {
  it('round-trip without reordering the conversation list', () => {
    const db = openTemp();
    const c = createConversation(db, { title: 'T', backendId: null, model: null, now: 3 });
    expect(getConversationSettings(db, c.id)).toEqual({ systemPrompt: '', params: {}, contextOverflow: 'drop-oldest' });
    expect(
      setConversationSettings(db, c.id, { systemPrompt: 'You are a pirate.', params: { temperature: 0, seed: -1 } }),
    ).toBe(true);
    expect(getConversationSettings(db, c.id)).toEqual({
      systemPrompt: 'You are a pirate.',
      params: { temperature: 0, seed: -1 },
      contextOverflow: 'drop-oldest',
    });
    expect(getConversation(db, c.id)?.updatedAt).toBe(3);
    expect(setConversationSettings(db, asConversationId('nope'), { systemPrompt: '', params: {} })).toBe(false);
    expect(getConversationSettings(db, asConversationId('nope'))).toBeNull();
  });

  it('step 6 gives existing conversations empty settings and existing messages no shown time', () => {
    const raw = new Database(join(tempFolder(), 'old.sqlite'));
    try {
      migrate(raw, migrations.slice(0, 5));
      raw.exec(`
        INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'old', 1, 1);
        INSERT INTO messages (id, conversation_id, role, content, status, created_at, updated_at)
          VALUES ('m', 'c', 'user', 'hi', 'done', 1, 1);
      `);
      expect(migrate(raw, migrations.slice(0, 6))).toEqual([6]);
      expect(raw.prepare('SELECT system_prompt, params_json FROM conversations').get()).toEqual({
        system_prompt: '',
        params_json: '{}',
      });
      expect(raw.prepare('SELECT active_at FROM messages').get()).toEqual({ active_at: null });
      expect(raw.prepare('SELECT count(*) AS n FROM presets').get()).toEqual({ n: 0 });
      const plan = raw
        .prepare<[], { detail: string }>(
          "EXPLAIN QUERY PLAN SELECT id FROM messages WHERE conversation_id = 'c' AND parent_id IS NULL ORDER BY created_at",
        )
        .all()
        .map((r) => r.detail)
        .join(' ');
      expect(plan).toMatch(/messages_siblings/);
    } finally {
      raw.close();
    }
  });
});
