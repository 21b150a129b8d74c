// A conversation's own settings: the system prompt sent first and the sampling parameters of every
// answer in it. Kept beside conversations-repo.ts, which owns the rest of the row.
import type { ConversationSettings } from '../../../shared/domain';
import type { ConversationId } from '../../../shared/ids';
import type { Db } from '../db';
import { perDatabase } from '../statement-cache';
import { readParams, writeParams } from '../stored-json';

const statements = perDatabase((db) => ({
  get: db.prepare<[string], { system_prompt: string; params_json: string }>(
    'SELECT system_prompt, params_json FROM conversations WHERE id = ?',
  ),
  // Settings are not activity: the conversation keeps its place in the list.
  set: db.prepare<{ id: string; system_prompt: string; params_json: string }>(
    'UPDATE conversations SET system_prompt = @system_prompt, params_json = @params_json WHERE id = @id',
  ),
}));

/** Null when there is no such conversation. */
export function getConversationSettings(db: Db, id: ConversationId): ConversationSettings | null {
  const row = statements(db).get.get(id);
  return row ? { systemPrompt: row.system_prompt, params: readParams(row.params_json) } : null;
}

/** False when there is no such conversation. */
export function setConversationSettings(db: Db, id: ConversationId, settings: ConversationSettings): boolean {
  const { changes } = statements(db).set.run({
    id,
    system_prompt: settings.systemPrompt,
    params_json: writeParams(settings.params),
  });
  return changes > 0;
}
