// The session's permission handlers and the per-contents guards, driven through stand-ins for
// Electron's objects that record what was registered and call it as Electron would.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../shared/csp';
import { hardenContents, hardenSession } from './window-security';

type Handler = (...args: never[]) => unknown;

function fakeSession() {
  const got: { request?: Handler; check?: Handler; headers?: Handler } = {};
  const ses = {
    setPermissionRequestHandler: (h: Handler) => (got.request = h),
    setPermissionCheckHandler: (h: Handler) => (got.check = h),
    webRequest: { onHeadersReceived: (h: Handler) => (got.headers = h) },
  };
  return { ses: ses as unknown as Parameters<typeof hardenSession>[0], got };
}

const request = (h: Handler | undefined, permission: string, requestingUrl: string) =>
  new Promise<boolean>((resolve) =>
    (h as unknown as (...a: unknown[]) => void)(null, permission, resolve, { requestingUrl, isMainFrame: true }),
  );
const check = (h: Handler | undefined, permission: string, origin: string) =>
  (h as unknown as (...a: unknown[]) => boolean)(null, permission, origin, { isMainFrame: true });

describe('the session', () => {
  it('grants the clipboard write to the app in both handlers, and nothing else to anyone', async () => {
    const { ses, got } = fakeSession();
    hardenSession(ses, { cspHeader: true, appOrigin: 'app://runnel' });
    expect(await request(got.request, 'clipboard-sanitized-write', 'app://runnel/index.html')).toBe(true);
    expect(check(got.check, 'clipboard-sanitized-write', 'app://runnel')).toBe(true);
    expect(await request(got.request, 'clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(check(got.check, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(await request(got.request, 'media', 'app://runnel/index.html')).toBe(false);
    expect(check(got.check, 'notifications', 'app://runnel')).toBe(false);
  });

  it('sets the CSP header on responses, except for the dev server', () => {
    const { ses, got } = fakeSession();
    hardenSession(ses, { cspHeader: true, appOrigin: 'app://runnel' });
    let headers: Record<string, string[]> = {};
    (got.headers as unknown as (d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void)(
      { responseHeaders: { 'X-Other': ['1'] } },
      (r) => (headers = r.responseHeaders),
    );
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [contentSecurityPolicy] });
    const dev = fakeSession();
    hardenSession(dev.ses, { cspHeader: false, appOrigin: 'http://localhost:5173' });
    expect(dev.got.headers).toBeUndefined();
  });
});

describe('every web contents', () => {
  function fakeContents() {
    const contents = Object.assign(new EventEmitter(), { openHandler: undefined as undefined | (() => unknown) });
    (contents as unknown as { setWindowOpenHandler: (h: () => unknown) => void }).setWindowOpenHandler = (h) =>
      (contents.openHandler = h);
    return contents;
  }
  const trusted = (url: string) => url.startsWith('app://runnel/');
  const navigate = (contents: EventEmitter, event: string, url: string) => {
    let prevented = 0;
    contents.emit(event, { preventDefault: () => prevented++ }, url);
    return prevented;
  };

  it('stays on the app, opens no window and attaches no webview', () => {
    const contents = fakeContents();
    hardenContents(contents as never, trusted);
    expect(navigate(contents, 'will-navigate', 'https://evil.example/')).toBe(1);
    expect(navigate(contents, 'will-redirect', 'file:///etc/passwd')).toBe(1);
    expect(navigate(contents, 'will-navigate', 'app://runnel/index.html')).toBe(0);
    expect(contents.openHandler?.()).toEqual({ action: 'deny' });
    expect(navigate(contents, 'will-attach-webview', '')).toBe(1);
  });

  it('is hardened once, however many times it is handed over', () => {
    const contents = fakeContents();
    hardenContents(contents as never, trusted);
    hardenContents(contents as never, trusted);
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
  });
});
