// The UI languages and how the default is picked from the operating system's preferences. The
// lists themselves are shared with main, which stores the user's choice.
import { languageSettings, uiLanguages, type LanguageSetting, type UiLanguage } from '../../../shared/preferences';

export const languages = uiLanguages;
export type Language = UiLanguage;
export { languageSettings, type LanguageSetting };

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

/** The document's `lang`: it picks fonts (Simplified Chinese glyphs for zh) and tells screen readers how to speak. */
export const htmlLang = (language: Language): string => (language === 'zh' ? 'zh-Hans' : 'en');
