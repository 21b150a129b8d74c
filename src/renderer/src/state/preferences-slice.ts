// How the app looks and speaks: the language and theme settings and the language they resolve to.
// The settings feature persists them; until then they follow the system.
import {
  languageSettings,
  resolveLanguage,
  systemLanguages,
  type Language,
  type LanguageSetting,
} from '../i18n/languages';
import type { SliceCreator } from './app-state';

export const themeSettings = ['system', 'light', 'dark'] as const;
export type ThemeSetting = (typeof themeSettings)[number];

export interface PreferencesSlice {
  languageSetting: LanguageSetting;
  /** The language the UI is shown in now. */
  language: Language;
  theme: ThemeSetting;
  setLanguageSetting(setting: LanguageSetting): void;
  setTheme(theme: ThemeSetting): void;
}

export const isLanguageSetting = (v: unknown): v is LanguageSetting =>
  typeof v === 'string' && (languageSettings as readonly string[]).includes(v);
export const isThemeSetting = (v: unknown): v is ThemeSetting =>
  typeof v === 'string' && (themeSettings as readonly string[]).includes(v);

export const createPreferencesSlice: SliceCreator<PreferencesSlice> = (set) => ({
  languageSetting: 'system',
  language: resolveLanguage('system', systemLanguages()),
  theme: 'system',
  setLanguageSetting(languageSetting) {
    set({ languageSetting, language: resolveLanguage(languageSetting, systemLanguages()) });
  },
  setTheme(theme) {
    set({ theme });
  },
});
