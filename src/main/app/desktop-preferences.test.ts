// Spellcheck stays off until the user turns it on; menus follow the chosen language.
import { describe, expect, it } from 'vitest';
import { defaultPreferences, type Preferences } from '../../shared/preferences';
import { applyDesktopPreferences, uiLanguageOf } from './desktop-preferences';

const record = () => {
  const calls: string[] = [];
  return {
    calls,
    shell: {
      setSpellCheckerEnabled: (on: boolean) => calls.push(`spellcheck ${on}`),
      setMenuLanguage: (language: string) => calls.push(`menu ${language}`),
    },
  };
};

describe('the desktop preferences', () => {
  it('start with the spellchecker off, so no dictionary is fetched unasked', () => {
    expect(defaultPreferences.spellcheck).toBe(false);
    const { calls, shell } = record();
    applyDesktopPreferences(defaultPreferences, null, 'en-US', shell);
    expect(calls).toEqual(['spellcheck false', 'menu en']);
  });

  it('apply only what changed', () => {
    const { calls, shell } = record();
    const on: Preferences = { ...defaultPreferences, spellcheck: true };
    applyDesktopPreferences(on, defaultPreferences, 'en-US', shell);
    applyDesktopPreferences({ ...on, appearance: 'dark' }, on, 'en-US', shell);
    applyDesktopPreferences({ ...on, language: 'zh' }, on, 'en-US', shell);
    expect(calls).toEqual(['spellcheck true', 'menu zh']);
  });

  it('read the system language when the choice is "system"', () => {
    expect(uiLanguageOf({ language: 'system' }, 'zh-CN')).toBe('zh');
    expect(uiLanguageOf({ language: 'system' }, 'de-DE')).toBe('en');
    expect(uiLanguageOf({ language: 'en' }, 'zh-CN')).toBe('en');
  });
});
