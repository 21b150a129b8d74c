// What the desktop shell does with the app's preferences, at start and whenever they change in
// any window: the menus' language, and whether Chromium's spellchecker runs (off unless the user
// turned it on: when it runs, Chromium downloads dictionaries from Google's servers on Windows
// and Linux, which a local-first app must not do silently). Electron's parts are passed in.
import { resolveLanguage, type Preferences, type UiLanguage } from '../../shared/preferences';

/** The language of main's menus and dialogs: the user's choice, else the system's (the renderer's rule). */
export const uiLanguageOf = (preferences: Pick<Preferences, 'language'>, systemLocale: string): UiLanguage =>
  resolveLanguage(preferences.language, [systemLocale]);

/**
 * The language of a box shown at start: the user's choice once the preferences are read, before
 * that (the database not open yet, or failing to open) the system's preferred languages, as the
 * renderer picks its default.
 */
export const startLanguage = (
  preferences: Pick<Preferences, 'language'> | null,
  systemLanguages: readonly string[],
): UiLanguage => resolveLanguage(preferences?.language ?? 'system', systemLanguages);

export interface DesktopShell {
  setSpellCheckerEnabled(enabled: boolean): void;
  setMenuLanguage(language: UiLanguage): void;
}

/** Applies only what changed since `previous` (null at start, when everything is applied). */
export function applyDesktopPreferences(
  next: Preferences,
  previous: Preferences | null,
  systemLocale: string,
  shell: DesktopShell,
): void {
  if (previous === null || previous.spellcheck !== next.spellcheck) shell.setSpellCheckerEnabled(next.spellcheck);
  const language = uiLanguageOf(next, systemLocale);
  if (previous === null || uiLanguageOf(previous, systemLocale) !== language) shell.setMenuLanguage(language);
}
