// A conversation's own settings: the system prompt sent first and the sampling parameters of every
// answer in it. Kept beside conversations-repo.ts, which owns the rest of the row.
import { overflowModeOf, type ContextOverflowMode } from '../../../shared/context-window';
import type { ConversationSettings } from '../../../shared/domain';
import type { ConversationId } from '../../../shared/ids';
import type { Db } from '../db';
import { perDatabase } from '../statement-cache';
import { readParams, writeParams } from '../stored-json';

const statements = perDatabase((db) => ({
  get: db.prepare<[string], { system_prompt: string; params_json: string; context_overflow: string }>(
    'SELECT system_prompt, params_json, context_overflow FROM conversations WHERE id = ?',
  ),
  overflow: db.prepare<[string], { context_overflow: string }>(
    'SELECT context_overflow FROM conversations WHERE id = ?',
  ),
  setOverflow: db.prepare<{ id: string; overflow: string }>(
    'UPDATE conversations SET context_overflow = @overflow WHERE id = @id',
  ),
  // Settings are not activity: the conversation keeps its place in the list.
  set: db.prepare<{ id: string; system_prompt: string; params_json: string }>(
    'UPDATE conversations SET system_prompt = @system_prompt, params_json = @params_json WHERE id = @id',
  ),
}));

/** Null when there is no such conversation. */
export function getConversationSettings(db: Db, id: ConversationId): ConversationSettings | null {
  const row = statements(db).get.get(id);
  return row
    ? {
        systemPrompt: row.system_prompt,
        params: readParams(row.params_json),
        contextOverflow: overflowModeOf(row.context_overflow),
      }
    : null;
}

/** What the conversation does when its history no longer fits; the default for a missing one. */
export function getContextOverflow(db: Db, id: ConversationId): ContextOverflowMode {
  return overflowModeOf(statements(db).overflow.get(id)?.context_overflow);
}

/** False when there is no such conversation. */
export function setConversationSettings(db: Db, id: ConversationId, settings: ConversationSettings): boolean {
  const { changes } = statements(db).set.run({
    id,
    system_prompt: settings.systemPrompt,
    params_json: writeParams(settings.params),
  });
  // Settings saved without it (a preset applied, an older window) keep the conversation's choice.
  if (changes > 0 && settings.contextOverflow)
    statements(db).setOverflow.run({ id, overflow: settings.contextOverflow });
  return changes > 0;
}
