// The window's keyboard shortcuts: Ctrl/Cmd+N starts a new chat, Ctrl/Cmd+, opens settings,
// Ctrl/Cmd+K focuses the conversation search, Ctrl/Cmd+B hides or shows the sidebar. Cmd on macOS, Ctrl elsewhere, never both, and none
// while a modal dialog is open (the page behind it is inert) or an input method is composing.
// Enter, Shift+Enter and Esc belong to the composer and the chat, which handle them where they are.
import { useEffect, useRef } from 'react';
import { modalOpen } from '../components/modal-open';

export type Shortcut = 'new-chat' | 'settings' | 'search' | 'sidebar';

export interface ShortcutKeys {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  isComposing: boolean;
}

const byKey: Record<string, Shortcut> = { n: 'new-chat', ',': 'settings', k: 'search', b: 'sidebar' };
// For layouts whose letters are not Latin (Cyrillic, Greek…): the key at the same place.
const byCode: Record<string, Shortcut> = { KeyN: 'new-chat', Comma: 'settings', KeyK: 'search', KeyB: 'sidebar' };

export function shortcutOf(e: ShortcutKeys, mac: boolean): Shortcut | null {
  if (e.isComposing || e.altKey || e.shiftKey) return null;
  const command = mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (!command) return null;
  const key = e.key.toLowerCase();
  return byKey[key] ?? (/^[\x20-\x7e]$/.test(key) ? null : (byCode[e.code] ?? null));
}

export const isMacPlatform = (): boolean =>
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad|iPod/i.test(navigator.platform);

/** The element H2's sidebar search box carries. */
export const conversationSearchId = 'conversation-search';

export interface ShortcutActions {
  newChat(): void;
  openSettings(): void;
  toggleSidebar(): void;
  /** Shows a hidden sidebar, so its search box can take the focus. */
  revealSidebar(): void;
}

export function useShortcuts(actions: ShortcutActions): void {
  // The latest actions without re-adding the listener on every render.
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });

  useEffect(() => {
    const mac = isMacPlatform();
    const onKeyDown = (event: KeyboardEvent): void => {
      const shortcut = shortcutOf(event, mac);
      if (!shortcut || event.defaultPrevented) return;
      if (document.querySelector(modalOpen)) return;
      event.preventDefault();
      switch (shortcut) {
        case 'new-chat':
          latest.current.newChat();
          return;
        case 'settings':
          latest.current.openSettings();
          return;
        case 'sidebar':
          latest.current.toggleSidebar();
          return;
        case 'search': {
          latest.current.revealSidebar();
          // After the sidebar has been drawn, if it was hidden (a hidden one cannot take the focus).
          requestAnimationFrame(() => {
            const search = document.getElementById(conversationSearchId);
            if (search instanceof HTMLInputElement || search instanceof HTMLTextAreaElement) search.select();
            search?.focus();
          });
          return;
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
