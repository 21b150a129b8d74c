// Context windows per backend and model (schema step 13): what the server reported and where, a
// window read from a refusal, and the user's own figure, which wins over both.
import type { BackendId } from '../../../shared/ids';
import type { Db } from '../db';
import { perDatabase } from '../statement-cache';

export interface StoredWindow {
  reported: number | null;
  source: string | null;
  trained: number | null;
  tokenizer: string | null;
  corrected: number | null;
  userWindow: number | null;
  checkedAt: number | null;
}

interface Row {
  reported: number | null;
  source: string | null;
  trained: number | null;
  tokenizer: string | null;
  corrected: number | null;
  user_window: number | null;
  checked_at: number | null;
}

const statements = perDatabase((db) => ({
  get: db.prepare<[string, string], Row>(
    'SELECT reported, source, trained, tokenizer, corrected, user_window, checked_at FROM model_windows WHERE backend_id = ? AND model = ?',
  ),
  reported: db.prepare<{
    backend: string;
    model: string;
    reported: number | null;
    source: string | null;
    trained: number | null;
    tokenizer: string | null;
    now: number;
  }>(
    `INSERT INTO model_windows (backend_id, model, reported, source, trained, tokenizer, checked_at)
     VALUES (@backend, @model, @reported, @source, @trained, @tokenizer, @now)
     ON CONFLICT (backend_id, model) DO UPDATE SET reported = @reported, source = @source, trained = @trained,
       tokenizer = @tokenizer, corrected = NULL, checked_at = @now`,
  ),
  corrected: db.prepare<{ backend: string; model: string; corrected: number }>(
    `INSERT INTO model_windows (backend_id, model, corrected) VALUES (@backend, @model, @corrected)
     ON CONFLICT (backend_id, model) DO UPDATE SET corrected = @corrected`,
  ),
  user: db.prepare<{ backend: string; model: string; window: number | null }>(
    `INSERT INTO model_windows (backend_id, model, user_window) VALUES (@backend, @model, @window)
     ON CONFLICT (backend_id, model) DO UPDATE SET user_window = @window`,
  ),
  clearUser: db.prepare<[string]>('UPDATE model_windows SET user_window = NULL WHERE backend_id = ?'),
  userWindows: db.prepare<[string], { model: string; user_window: number }>(
    'SELECT model, user_window FROM model_windows WHERE backend_id = ? AND user_window IS NOT NULL ORDER BY model',
  ),
}));

export function getModelWindow(db: Db, backendId: BackendId, model: string): StoredWindow | null {
  const row = statements(db).get.get(backendId, model);
  if (!row) return null;
  return {
    reported: row.reported,
    source: row.source,
    trained: row.trained,
    tokenizer: row.tokenizer,
    corrected: row.corrected,
    userWindow: row.user_window,
    checkedAt: row.checked_at,
  };
}

/** What the server said now (a learned correction is dropped: the server was asked again). */
export function setReportedWindow(
  db: Db,
  backendId: BackendId,
  model: string,
  found: { reported: number | null; source: string | null; trained: number | null; tokenizer: string | null },
  now: number,
): void {
  statements(db).reported.run({ backend: backendId, model, ...found, now });
}

export function setCorrectedWindow(db: Db, backendId: BackendId, model: string, corrected: number): void {
  statements(db).corrected.run({ backend: backendId, model, corrected });
}

/** The user's figure for one model; null removes it. */
export function setUserWindow(db: Db, backendId: BackendId, model: string, window: number | null): void {
  statements(db).user.run({ backend: backendId, model, window });
}

/** Replaces every user-set window of a backend (the settings form and the config file send the whole list). */
export function replaceUserWindows(db: Db, backendId: BackendId, windows: Record<string, number>): void {
  db.transaction(() => {
    statements(db).clearUser.run(backendId);
    for (const [model, window] of Object.entries(windows)) setUserWindow(db, backendId, model, window);
  })();
}

export function userWindowsOf(db: Db, backendId: BackendId): Record<string, number> {
  return Object.fromEntries(
    statements(db)
      .userWindows.all(backendId)
      .map((r) => [r.model, r.user_window]),
  );
}
