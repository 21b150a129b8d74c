// App-wide preferences kept in main's database: the UI language and the appearance (`system`
// follows the operating system: its language list, its light or dark setting), and two desktop
// switches that are off until the user turns them on, because each makes the app reach the
// network: spellcheck (Chromium fetches dictionaries) and the update check at start.
export const uiLanguages = ['en', 'zh'] as const;
export type UiLanguage = (typeof uiLanguages)[number];

export const languageSettings = ['system', ...uiLanguages] as const;
export type LanguageSetting = (typeof languageSettings)[number];

/** The first system language we have, by its primary subtag (`zh-CN`, `zh-Hans-SG` → `zh`); else English. */
export function pickLanguage(preferred: readonly string[]): UiLanguage {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    const match = uiLanguages.find((l) => l === primary);
    if (match) return match;
  }
  return 'en';
}

/** The language the UI is shown in: the one chosen, else the first of the system's we have. */
export function resolveLanguage(setting: LanguageSetting, preferred: readonly string[]): UiLanguage {
  return setting === 'system' ? pickLanguage(preferred) : setting;
}

export const appearanceSettings = ['system', 'light', 'dark'] as const;
export type AppearanceSetting = (typeof appearanceSettings)[number];

export interface Preferences {
  language: LanguageSetting;
  appearance: AppearanceSetting;
  /** Check spelling in text fields (desktop app). */
  spellcheck: boolean;
  /** Look for a newer release at start (desktop app). */
  checkUpdates: boolean;
}

export const defaultPreferences: Preferences = {
  language: 'system',
  appearance: 'system',
  spellcheck: false,
  checkUpdates: false,
};

export const isLanguageSetting = (v: unknown): v is LanguageSetting =>
  typeof v === 'string' && (languageSettings as readonly string[]).includes(v);
export const isAppearanceSetting = (v: unknown): v is AppearanceSetting =>
  typeof v === 'string' && (appearanceSettings as readonly string[]).includes(v);
