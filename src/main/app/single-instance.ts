// One Runnel per data folder. A second start (a double click, a desktop shortcut) must not open
// the same database a second time: it would mark the first instance's live answers interrupted,
// purge its pending deletes and rewrite its secret file from a stale copy. Instead it hands over
// to the first, whose window comes to the front. Electron's lock is per userData folder, so the
// data folder must be settled (data-folder.ts) before this runs.
import type { App, BrowserWindow } from 'electron';

type FocusableWindow = Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'isVisible' | 'show' | 'focus'>;

export function focusWindow(window: FocusableWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}

/** False when another instance holds the lock: this one quits without touching the data. */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'on' | 'quit'>,
  currentWindow: () => FocusableWindow | null,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => focusWindow(currentWindow()));
  return true;
}
