// The cached copy of the preferences that lets a start paint in the right theme and language.
import { describe, expect, it } from 'vitest';
import { readCachedPreferences } from './preferences-slice';

const storageWith = (value: string | null) => ({ getItem: () => value });

describe('readCachedPreferences', () => {
  it('reads what the last session saved', () => {
    expect(readCachedPreferences(storageWith('{"language":"zh","appearance":"dark"}'))).toEqual({
      language: 'zh',
      appearance: 'dark',
      spellcheck: false,
      checkUpdates: false,
    });
  });

  it('falls back to the system defaults, field by field, on junk or nothing', () => {
    expect(readCachedPreferences(null)).toEqual({
      language: 'system',
      appearance: 'system',
      spellcheck: false,
      checkUpdates: false,
    });
    expect(readCachedPreferences(storageWith(null))).toEqual({
      language: 'system',
      appearance: 'system',
      spellcheck: false,
      checkUpdates: false,
    });
    expect(readCachedPreferences(storageWith('{not json'))).toEqual({
      language: 'system',
      appearance: 'system',
      spellcheck: false,
      checkUpdates: false,
    });
    expect(readCachedPreferences(storageWith('{"language":"fr","appearance":"light"}'))).toEqual({
      language: 'system',
      appearance: 'light',
      spellcheck: false,
      checkUpdates: false,
    });
  });
});
