// How the app looks and speaks: the language and theme settings, the language they resolve to, and
// their persistence. Main's database is the record (so every window and tab agrees); a copy in
// localStorage lets the next start paint in the right theme and language before main answers.
import {
  appearanceSettings,
  defaultPreferences,
  isAppearanceSetting,
  isLanguageSetting,
  type AppearanceSetting,
  type Preferences,
} from '../../../shared/preferences';
import { request } from '../api/api';
import { resolveLanguage, systemLanguages, type Language, type LanguageSetting } from '../i18n/languages';
import type { SliceCreator } from './app-state';
import { errorText } from '../i18n/error-text';

export const themeSettings = appearanceSettings;
export type ThemeSetting = AppearanceSetting;
export { isLanguageSetting, isAppearanceSetting as isThemeSetting };

export interface PreferencesSlice {
  languageSetting: LanguageSetting;
  /** The language the UI is shown in now. */
  language: Language;
  theme: ThemeSetting;
  /** Desktop switches, off until turned on (shared/preferences.ts). */
  spellcheck: boolean;
  checkUpdates: boolean;
  /** Why the last load or save of the preferences failed; null when it worked. */
  preferencesError: string | null;
  loadPreferences(): Promise<void>;
  /** Preferences from main (a load, or another window's change): shown, not saved again. */
  receivePreferences(preferences: Preferences): void;
  setLanguageSetting(setting: LanguageSetting): Promise<void>;
  setTheme(theme: ThemeSetting): Promise<void>;
  setSwitch(changes: Partial<Pick<Preferences, 'spellcheck' | 'checkUpdates'>>): Promise<void>;
}

const CACHE_KEY = 'runnel.preferences';

const storage = (): Storage | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
};

/** The copy the last session left, or the defaults; never throws on junk. */
export function readCachedPreferences(store: Pick<Storage, 'getItem'> | null): Preferences {
  try {
    const value: unknown = JSON.parse(store?.getItem(CACHE_KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return defaultPreferences;
    const o = value as Record<string, unknown>;
    return {
      language: isLanguageSetting(o.language) ? o.language : defaultPreferences.language,
      appearance: isAppearanceSetting(o.appearance) ? o.appearance : defaultPreferences.appearance,
      spellcheck: typeof o.spellcheck === 'boolean' ? o.spellcheck : defaultPreferences.spellcheck,
      checkUpdates: typeof o.checkUpdates === 'boolean' ? o.checkUpdates : defaultPreferences.checkUpdates,
    };
  } catch {
    return defaultPreferences;
  }
}

function cache(preferences: Preferences): void {
  try {
    storage()?.setItem(CACHE_KEY, JSON.stringify(preferences));
  } catch {
    // Full or disabled storage only costs the early paint of the next start.
  }
}

export const createPreferencesSlice: SliceCreator<PreferencesSlice> = (set, get) => {
  const initial = readCachedPreferences(storage());
  const current = (): Preferences => ({
    language: get().languageSetting,
    appearance: get().theme,
    spellcheck: get().spellcheck,
    checkUpdates: get().checkUpdates,
  });
  // Only the newest save may report; an older one finishing late must not undo a newer choice.
  let saveSeq = 0;

  const show = (p: Preferences): void => {
    cache(p);
    set({
      languageSetting: p.language,
      language: resolveLanguage(p.language, systemLanguages()),
      theme: p.appearance,
      spellcheck: p.spellcheck,
      checkUpdates: p.checkUpdates,
    });
  };

  const save = async (changes: Partial<Preferences>): Promise<void> => {
    const mine = ++saveSeq;
    show({ ...current(), ...changes });
    try {
      const saved = await request('preferences:set', changes);
      if (mine === saveSeq) {
        show(saved);
        set({ preferencesError: null });
      }
    } catch (err) {
      if (mine === saveSeq) set({ preferencesError: errorText(err) });
    }
  };

  return {
    languageSetting: initial.language,
    language: resolveLanguage(initial.language, systemLanguages()),
    theme: initial.appearance,
    spellcheck: initial.spellcheck,
    checkUpdates: initial.checkUpdates,
    preferencesError: null,

    async loadPreferences() {
      const mine = saveSeq;
      try {
        const loaded = await request('preferences:get', {});
        // A choice made while loading wins over what was stored before it.
        if (mine === saveSeq) show(loaded);
        set({ preferencesError: null });
      } catch (err) {
        set({ preferencesError: errorText(err) });
      }
    },

    receivePreferences(preferences) {
      show(preferences);
    },

    setLanguageSetting(language) {
      return save({ language });
    },

    setTheme(appearance) {
      return save({ appearance });
    },

    setSwitch(changes) {
      return save(changes);
    },
  };
};
