// Presets: a named system prompt plus parameters that a new conversation starts from. Names are
// unique regardless of case, so two presets can never look the same in the picker.
import { randomUUID } from 'node:crypto';
import { ChatFailure, chatError } from '../../../shared/chat-error';
import type { GenerationParams, Preset, PresetId } from '../../../shared/domain';
import type { Db } from '../db';
import { perDatabase } from '../statement-cache';
import { readParams, writeParams } from '../stored-json';
import { appWords } from '../../../shared/words/app-words';

interface PresetRow {
  id: string;
  name: string;
  system_prompt: string;
  params_json: string;
  created_at: number;
  updated_at: number;
}

export interface PresetDraft {
  name: string;
  systemPrompt: string;
  params: GenerationParams;
}

const columns = 'id, name, system_prompt, params_json, created_at, updated_at';

const statements = perDatabase((db) => ({
  list: db.prepare<[], PresetRow>(`SELECT ${columns} FROM presets ORDER BY name COLLATE NOCASE, created_at`),
  get: db.prepare<[string], PresetRow>(`SELECT ${columns} FROM presets WHERE id = ?`),
  sameName: db.prepare<[string, string], { id: string }>('SELECT id FROM presets WHERE name = ? AND id <> ?'),
  insert: db.prepare<PresetRow>(
    `INSERT INTO presets (${columns}) VALUES (@id, @name, @system_prompt, @params_json, @created_at, @updated_at)`,
  ),
  update: db.prepare<Omit<PresetRow, 'created_at'>>(
    `UPDATE presets SET name = @name, system_prompt = @system_prompt, params_json = @params_json,
       updated_at = @updated_at WHERE id = @id`,
  ),
  delete: db.prepare<[string]>('DELETE FROM presets WHERE id = ?'),
}));

function toPreset(row: PresetRow): Preset {
  return {
    id: row.id as PresetId,
    name: row.name,
    systemPrompt: row.system_prompt,
    params: readParams(row.params_json),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** By name, case-insensitively. */
export function listPresets(db: Db): Preset[] {
  return statements(db).list.all().map(toPreset);
}

export function getPreset(db: Db, id: string): Preset | null {
  const row = statements(db).get.get(id);
  return row ? toPreset(row) : null;
}

const saveTransaction = perDatabase((db) => {
  const s = statements(db);
  return db.transaction((id: string | undefined, draft: PresetDraft, now: number): Preset => {
    const name = draft.name.trim();
    if (!name) throw new ChatFailure(chatError('invalid_input', appWords.say('presetNameNeeded')));
    if (s.sameName.get(name, id ?? '')) {
      throw new ChatFailure(chatError('invalid_input', appWords.say('presetExists', { name })));
    }
    const fields = { name, system_prompt: draft.systemPrompt, params_json: writeParams(draft.params) };
    if (id === undefined) {
      const row: PresetRow = { id: randomUUID(), ...fields, created_at: now, updated_at: now };
      s.insert.run(row);
      return toPreset(row);
    }
    if (s.update.run({ id, ...fields, updated_at: now }).changes === 0) {
      throw new ChatFailure(chatError('not_found', appWords.say('presetGone')));
    }
    const row = s.get.get(id);
    if (!row) throw new ChatFailure(chatError('not_found', appWords.say('presetGone')));
    return toPreset(row);
  });
});

/** Creates a preset, or updates (renames) the one with `id`. Names are trimmed and must be unique. */
export function savePreset(db: Db, id: string | undefined, draft: PresetDraft, now: number): Preset {
  return saveTransaction(db)(id, draft, now);
}

/** False when there was no such preset. */
export function deletePreset(db: Db, id: string): boolean {
  return statements(db).delete.run(id).changes > 0;
}
