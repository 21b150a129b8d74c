// The UI languages and how the default is picked from the operating system's preferences. The
// lists themselves are shared with main, which stores the user's choice.
import {
  languageSettings,
  pickLanguage,
  resolveLanguage,
  uiLanguages,
  type LanguageSetting,
  type UiLanguage,
} from '../../../shared/preferences';

export const languages = uiLanguages;
export type Language = UiLanguage;
export { languageSettings, pickLanguage, resolveLanguage, type LanguageSetting };

export const systemLanguages = (): readonly string[] =>
  typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];

/** The document's `lang`: it picks fonts (Simplified Chinese glyphs for zh) and tells screen readers how to speak. */
export const htmlLang = (language: Language): string => (language === 'zh' ? 'zh-Hans' : 'en');
