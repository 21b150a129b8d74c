// Hardening for the session and every web contents: the CSP as a response header, no
// navigation away from the app, no new windows, no webviews, and no permission but the
// clipboard write that Copy needs (permission-policy.ts). The window's own webPreferences are
// written out where it is created (src/main/index.ts). Electron's objects are passed in, so
// this runs in plain Node under test.
import type { Session, WebContents } from 'electron';
import { contentSecurityPolicy } from '../../shared/csp';
import { permissionAllowed } from './permission-policy';

export interface SessionHardening {
  /** Off only for `electron-vite dev`, whose dev server needs inline scripts. */
  cspHeader: boolean;
  /** The renderer's origin (`app://runnel`, or the dev server's). */
  appOrigin: string;
}

type HardenedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

export function hardenSession(ses: HardenedSession, { cspHeader, appOrigin }: SessionHardening): void {
  if (cspHeader) {
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
    });
  }
  // A request names the page that asks; a check names the origin (and, for frames, the URL).
  ses.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(permissionAllowed(permission, details.requestingUrl, appOrigin)),
  );
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    permissionAllowed(permission, requestingOrigin, appOrigin),
  );
}

type HardenedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;
const hardened = new WeakSet<object>();

/** Applied to every web contents when it is created; a second call on the same one does nothing. */
export function hardenContents(contents: HardenedContents, isTrustedUrl: (url: string) => boolean): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
