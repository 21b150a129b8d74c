// The UI languages and how the default is picked from the operating system's preferences.
export const languages = ['en', 'zh'] as const;
export type Language = (typeof languages)[number];

/** What the user chose in settings: a language, or whatever the system prefers. */
export const languageSettings = ['system', ...languages] as const;
export type LanguageSetting = (typeof languageSettings)[number];

/** The first system language we have, by its primary subtag (`zh-CN`, `zh-Hans-SG` → `zh`); else English. */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    const match = languages.find((l) => l === primary);
    if (match) return match;
  }
  return 'en';
}

export function resolveLanguage(setting: LanguageSetting, preferred: readonly string[]): Language {
  return setting === 'system' ? pickLanguage(preferred) : setting;
}

export const systemLanguages = (): readonly string[] =>
  typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
