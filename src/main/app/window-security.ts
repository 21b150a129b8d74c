// Hardening for every web contents: the CSP as a response header, no navigation away from the
// app, no new windows, no permission grants (camera, notifications, ...), no webviews. The
// window's own webPreferences are written out where it is created (src/main/index.ts).
import { session, type WebContents } from 'electron';
import { contentSecurityPolicy } from '../../shared/csp';

/** `cspHeader` is off only for `electron-vite dev`, whose dev server needs inline scripts. */
export function hardenSession(cspHeader: boolean): void {
  const ses = session.defaultSession;
  if (cspHeader) {
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
    });
  }
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

export function hardenContents(contents: WebContents, isTrustedUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
