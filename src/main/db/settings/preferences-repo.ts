// App preferences as key/value rows. Reads fall back to the default for a missing or unknown value
// (a hand-edited file, a value a newer Runnel wrote), so a bad row never breaks the window.
import {
  defaultPreferences,
  isAppearanceSetting,
  isLanguageSetting,
  type Preferences,
} from '../../../shared/preferences';
import type { Db } from '../db';
import { perDatabase } from '../statement-cache';

const statements = perDatabase((db) => ({
  all: db.prepare<[], { key: string; value: string }>('SELECT key, value FROM preferences'),
  get: db.prepare<{ key: string }, { value: string }>('SELECT value FROM preferences WHERE key = @key'),
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
  const flag = (key: 'spellcheck' | 'checkUpdates') => {
    const value = rows.get(key);
    return value === 'true' ? true : value === 'false' ? false : defaultPreferences[key];
  };
  return {
    language: isLanguageSetting(language) ? language : defaultPreferences.language,
    appearance: isAppearanceSetting(appearance) ? appearance : defaultPreferences.appearance,
    spellcheck: flag('spellcheck'),
    checkUpdates: flag('checkUpdates'),
  };
}

/** A value main keeps for itself (not a preference the renderer sees), such as an offer already made. */
export function getAppFlag(db: Db, key: string): string | null {
  return statements(db).get.get({ key })?.value ?? null;
}

export function setAppFlag(db: Db, key: string, value: string, now: number): void {
  statements(db).put.run({ key, value, now });
}

/** Writes the fields given (already validated by the contract) in one transaction; returns the result. */
export function setPreferences(db: Db, changes: Partial<Preferences>, now: number): Preferences {
  const { put } = statements(db);
  db.transaction(() => {
    for (const [key, value] of Object.entries(changes)) {
      if (value !== undefined) put.run({ key, value: String(value), now });
    }
  })();
  return getPreferences(db);
}
