// Puts the language and theme on the document: `lang` on <html> (fonts, screen readers) and
// `data-theme` with the theme in effect, which base.css turns into a color-scheme and so a palette.
// With the `system` setting the theme follows the operating system live, through matchMedia.
import { useLayoutEffect } from 'react';
import { htmlLang, type Language } from '../i18n/languages';
import type { ThemeSetting } from '../state/preferences-slice';
import { useAppStore } from '../state/store';
import { mediaMatches, useMediaQuery } from './media-query';

export type Theme = 'light' | 'dark';

const darkQuery = '(prefers-color-scheme: dark)';

export function resolveTheme(setting: ThemeSetting, systemDark: boolean): Theme {
  return setting === 'system' ? (systemDark ? 'dark' : 'light') : setting;
}

export function applyToDocument(root: HTMLElement, language: Language, theme: Theme): void {
  root.lang = htmlLang(language);
  root.dataset.theme = theme;
}

/** Applies what the store holds now, before React's first render (so the first paint is right). */
export function applyStoredPreferences(): void {
  const { language, theme } = useAppStore.getState();
  applyToDocument(document.documentElement, language, resolveTheme(theme, mediaMatches(darkQuery)));
}

/** Keeps the document in step with the store and, for `system`, with the operating system. */
export function useDocumentPreferences(): void {
  const language = useAppStore((s) => s.language);
  const setting = useAppStore((s) => s.theme);
  const dark = useMediaQuery(darkQuery);
  const theme = resolveTheme(setting, dark);
  useLayoutEffect(() => applyToDocument(document.documentElement, language, theme), [language, theme]);
}
