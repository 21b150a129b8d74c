// The sidebar's two lives. On a wide window it is a column beside the chat, shown or hidden as the
// user last left it (kept in localStorage). Below 900 px it is a drawer over the chat: closed at
// every start and whenever the window narrows, it takes the focus when it opens and gives it back
// to the toggle when it closes (Esc, the scrim, a conversation picked, the toggle).
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useMediaQuery } from './media-query';

/** Below this width the sidebar is a drawer. */
export const drawerQuery = '(max-width: 899.98px)';

const STORAGE_KEY = 'runnel.sidebar';

const storage = (): Storage | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
};

/** Whether the wide window's sidebar was left shown (the default) or hidden; never throws. */
export function readSidebarShown(store: Pick<Storage, 'getItem'> | null): boolean {
  try {
    return store?.getItem(STORAGE_KEY) !== 'hidden';
  } catch {
    return true;
  }
}

export function saveSidebarShown(store: Pick<Storage, 'setItem'> | null, shown: boolean): void {
  try {
    store?.setItem(STORAGE_KEY, shown ? 'shown' : 'hidden');
  } catch {
    // Full or disabled storage: the next start shows the sidebar, the default.
  }
}

const focusable =
  'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), a[href], [tabindex]:not([tabindex="-1"])';

/** Where the focus goes when the drawer closes: the toggle, or nowhere (the caller moves it). */
export type FocusAfterClose = 'toggle' | 'none';

export interface Sidebar {
  /** Below 900 px: a drawer over the chat rather than a column beside it. */
  drawer: boolean;
  shown: boolean;
  toggle(): void;
  /** Shows it if hidden (the search shortcut needs the search box). */
  reveal(): void;
  /** Closes the drawer; on a wide window the sidebar stays as it is. */
  closeDrawer(focus?: FocusAfterClose): void;
}

export function useSidebar(sidebar: RefObject<HTMLElement | null>, toggle: RefObject<HTMLElement | null>): Sidebar {
  const drawer = useMediaQuery(drawerQuery);
  const [besideShown, setBesideShown] = useState(() => readSidebarShown(storage()));
  const [drawerOpen, setDrawerOpen] = useState(false);
  // The drawer starts closed each time the window becomes narrow.
  const [drawerBefore, setDrawerBefore] = useState(drawer);
  if (drawerBefore !== drawer) {
    setDrawerBefore(drawer);
    setDrawerOpen(false);
  }
  const shown = drawer ? drawerOpen : besideShown;
  const focusAfterClose = useRef<FocusAfterClose>('toggle');

  const seen = useRef({ shown, drawer });
  useEffect(() => {
    const before = seen.current;
    seen.current = { shown, drawer };
    // A change of layout by resizing is not the user's doing: the focus stays where it is.
    if (before.drawer !== drawer || before.shown === shown) return;
    const aside = sidebar.current;
    if (shown) {
      if (drawer) aside?.querySelector<HTMLElement>(focusable)?.focus();
      return;
    }
    const target = focusAfterClose.current;
    focusAfterClose.current = 'toggle';
    const focus = document.activeElement;
    const lost = !focus || focus === document.body || (aside?.contains(focus) ?? false);
    if (target === 'toggle' && (drawer || lost)) toggle.current?.focus();
  }, [shown, drawer, sidebar, toggle]);

  const flip = useCallback(() => {
    if (drawer) {
      setDrawerOpen((open) => !open);
      return;
    }
    saveSidebarShown(storage(), !besideShown);
    setBesideShown(!besideShown);
  }, [drawer, besideShown]);

  const reveal = useCallback(() => {
    if (drawer) setDrawerOpen(true);
    else if (!besideShown) {
      saveSidebarShown(storage(), true);
      setBesideShown(true);
    }
  }, [drawer, besideShown]);

  const closeDrawer = useCallback(
    (focus: FocusAfterClose = 'toggle') => {
      if (!drawer || !drawerOpen) return;
      focusAfterClose.current = focus;
      setDrawerOpen(false);
    },
    [drawer, drawerOpen],
  );

  return { drawer, shown, toggle: flip, reveal, closeDrawer };
}
