// The strings of a catalog in the language the app shows now. The app's root passes that language in
// through LanguageContext, so i18n does not know the store; components re-render when it changes.
import { createContext, useContext } from 'react';
import type { Catalog, Messages } from './define-messages';
import type { Language } from './languages';

/** The language the UI is shown in; the app's root provides it from the preferences. */
export const LanguageContext = createContext<Language>('en');

export function useMessages<T extends Messages>(catalog: Catalog<T>): T {
  return catalog[useContext(LanguageContext)];
}
