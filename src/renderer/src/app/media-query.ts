// A CSS media query read from script, once or kept in step in a component (the system's dark
// mode, the window narrow enough for the sidebar's drawer).
import { useCallback, useSyncExternalStore } from 'react';

export const mediaMatches = (query: string): boolean => typeof matchMedia === 'function' && matchMedia(query).matches;

export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (typeof matchMedia !== 'function') return () => {};
      const list = matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => mediaMatches(query));
}
