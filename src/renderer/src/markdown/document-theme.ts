// The theme in effect, read from the document: the app puts it on <html data-theme> (and, before it
// has, the system's preference decides). Diagrams are drawn in a theme's colours, so they watch it.
import { useSyncExternalStore } from 'react';
import type { DiagramTheme } from './diagram-limits';

function currentTheme(): DiagramTheme {
  const set = document.documentElement.dataset.theme;
  if (set === 'dark' || set === 'light') return set;
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  media?.addEventListener('change', onChange);
  return () => {
    observer.disconnect();
    media?.removeEventListener('change', onChange);
  };
}

export const useDocumentTheme = (): DiagramTheme => useSyncExternalStore(subscribe, currentTheme);
