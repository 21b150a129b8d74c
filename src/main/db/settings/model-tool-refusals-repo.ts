// Models that refused tools (Ollama's "does not support tools"), per backend: their later turns go
// without tools until the user asks to try again. Gone with their backend.
import type { ModelToolRefusal } from '../../../shared/tool-choice';
import type { Db } from '../db';
import { perDatabase } from '../statement-cache';

interface Row {
  backend_id: string;
  model: string;
  message: string;
  refused_at: number;
}

const statements = perDatabase((db) => ({
  all: db.prepare<[], Row>('SELECT * FROM model_tool_refusals ORDER BY backend_id, model'),
  one: db.prepare<[string, string], { n: number }>(
    'SELECT count(*) AS n FROM model_tool_refusals WHERE backend_id = ? AND model = ?',
  ),
  // Only for a backend that exists (it may have been removed while the request ran).
  remember: db.prepare<{ backend: string; model: string; message: string; now: number }>(
    `INSERT OR REPLACE INTO model_tool_refusals (backend_id, model, message, refused_at)
     SELECT id, @model, @message, @now FROM backends WHERE id = @backend`,
  ),
  forget: db.prepare<[string, string]>('DELETE FROM model_tool_refusals WHERE backend_id = ? AND model = ?'),
}));

export function listToolRefusals(db: Db): ModelToolRefusal[] {
  return statements(db)
    .all.all()
    .map((r) => ({ backendId: r.backend_id, model: r.model, message: r.message, refusedAt: r.refused_at }));
}

export function refusesTools(db: Db, backendId: string, model: string): boolean {
  return statements(db).one.get(backendId, model)!.n > 0;
}

/** True when it was stored (the backend still exists). */
export function rememberToolRefusal(db: Db, backendId: string, model: string, message: string, now: number): boolean {
  return statements(db).remember.run({ backend: backendId, model, message, now }).changes > 0;
}

/** True when there was such a refusal. */
export function forgetToolRefusal(db: Db, backendId: string, model: string): boolean {
  return statements(db).forget.run(backendId, model).changes > 0;
}
