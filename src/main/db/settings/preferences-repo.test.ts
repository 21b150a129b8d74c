// Preferences against a real database file: defaults, partial writes, persistence across a reopen,
// and rows a user or a newer Runnel left behind.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPreferences } from '../../../shared/preferences';
import { getPreferences, setPreferences } from './preferences-repo';
import { openTemp, tempFolder } from '../temp-database';

describe('preferences repository', () => {
  it('starts from the system defaults', () => {
    expect(getPreferences(openTemp())).toEqual({
      language: 'system',
      appearance: 'system',
      spellcheck: false,
      checkUpdates: false,
    });
    expect(defaultPreferences).toEqual({
      language: 'system',
      appearance: 'system',
      spellcheck: false,
      checkUpdates: false,
    });
  });

  it('changes only the fields given and keeps them across a reopen', () => {
    const file = join(tempFolder(), 'runnel.sqlite');
    const db = openTemp(file);
    expect(setPreferences(db, { language: 'zh' }, 1)).toEqual({
      language: 'zh',
      appearance: 'system',
      spellcheck: false,
      checkUpdates: false,
    });
    expect(setPreferences(db, { appearance: 'dark' }, 2)).toEqual({
      language: 'zh',
      appearance: 'dark',
      spellcheck: false,
      checkUpdates: false,
    });
    expect(setPreferences(db, { language: 'system', appearance: undefined }, 3)).toEqual({
      language: 'system',
      appearance: 'dark',
      spellcheck: false,
      checkUpdates: false,
    });
    db.close();
    expect(getPreferences(openTemp(file))).toEqual({
      language: 'system',
      appearance: 'dark',
      spellcheck: false,
      checkUpdates: false,
    });
  });

  it('keeps the desktop switches, off by default, as true or false', () => {
    const db = openTemp();
    expect(setPreferences(db, { spellcheck: true }, 1)).toMatchObject({ spellcheck: true, checkUpdates: false });
    expect(setPreferences(db, { checkUpdates: true, spellcheck: false }, 2)).toMatchObject({
      spellcheck: false,
      checkUpdates: true,
    });
    db.prepare("UPDATE preferences SET value = 'maybe' WHERE key = 'checkUpdates'").run();
    expect(getPreferences(db).checkUpdates).toBe(false);
  });

  it('records when each value changed', () => {
    const db = openTemp();
    setPreferences(db, { appearance: 'light' }, 10);
    setPreferences(db, { appearance: 'dark' }, 20);
    expect(db.prepare('SELECT key, value, updated_at FROM preferences').all()).toEqual([
      { key: 'appearance', value: 'dark', updated_at: 20 },
    ]);
  });

  it('reads unknown values as the default instead of failing', () => {
    const db = openTemp();
    db.prepare("INSERT INTO preferences (key, value, updated_at) VALUES ('language', 'klingon', 1)").run();
    db.prepare("INSERT INTO preferences (key, value, updated_at) VALUES ('appearance', 'sepia', 1)").run();
    db.prepare("INSERT INTO preferences (key, value, updated_at) VALUES ('future', 'x', 1)").run();
    expect(getPreferences(db)).toEqual({
      language: 'system',
      appearance: 'system',
      spellcheck: false,
      checkUpdates: false,
    });
  });
});
