// The strings of a catalog in the language the app shows now; components re-render when it changes.
import { useAppStore } from '../state/store';
import type { Catalog, Messages } from './define-messages';

export function useMessages<T extends Messages>(catalog: Catalog<T>): T {
  const language = useAppStore((s) => s.language);
  return catalog[language];
}
