// App preferences as key/value rows. Reads fall back to the default for a missing or unknown value
// (a hand-edited file, a value a newer Runnel wrote), so a bad row never breaks the window.
import { defaultPreferences, isAppearanceSetting, isLanguageSetting, type Preferences } from '../../shared/preferences';
import type { Db } from './open-database';
import { perDatabase } from './statement-cache';

const statements = perDatabase((db) => ({
  all: db.prepare<[], { key: string; value: string }>('SELECT key, value FROM preferences'),
  put: db.prepare<{ key: string; value: string; now: number }>(
    `INSERT INTO preferences (key, value, updated_at) VALUES (@key, @value, @now)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ),
}));

export function getPreferences(db: Db): Preferences {
  const rows = new Map(
    statements(db)
      .all.all()
      .map((r) => [r.key, r.value]),
  );
  const language = rows.get('language');
  const appearance = rows.get('appearance');
  return {
    language: isLanguageSetting(language) ? language : defaultPreferences.language,
    appearance: isAppearanceSetting(appearance) ? appearance : defaultPreferences.appearance,
  };
}

/** Writes the fields given (already validated by the contract) in one transaction; returns the result. */
export function setPreferences(db: Db, changes: Partial<Preferences>, now: number): Preferences {
  const { put } = statements(db);
  db.transaction(() => {
    for (const [key, value] of Object.entries(changes)) {
      if (value !== undefined) put.run({ key, value, now });
    }
  })();
  return getPreferences(db);
}
