// App-wide preferences kept in main's database: the UI language and the appearance. `system`
// follows the operating system (its language list, its light or dark setting).
export const uiLanguages = ['en', 'zh'] as const;
export type UiLanguage = (typeof uiLanguages)[number];

export const languageSettings = ['system', ...uiLanguages] as const;
export type LanguageSetting = (typeof languageSettings)[number];

export const appearanceSettings = ['system', 'light', 'dark'] as const;
export type AppearanceSetting = (typeof appearanceSettings)[number];

export interface Preferences {
  language: LanguageSetting;
  appearance: AppearanceSetting;
}

export const defaultPreferences: Preferences = { language: 'system', appearance: 'system' };

export const isLanguageSetting = (v: unknown): v is LanguageSetting =>
  typeof v === 'string' && (languageSettings as readonly string[]).includes(v);
export const isAppearanceSetting = (v: unknown): v is AppearanceSetting =>
  typeof v === 'string' && (appearanceSettings as readonly string[]).includes(v);
