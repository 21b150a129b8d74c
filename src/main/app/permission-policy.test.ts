// Copy must work in the desktop app (the clipboard write permission) and nothing else may be granted.
import { describe, expect, it } from 'vitest';
import { originOf, permissionAllowed } from './permission-policy';

const app = 'app://runnel';

describe('the permission policy', () => {
  it('lets the app write to the clipboard, as a check (origin) or a request (URL)', () => {
    expect(permissionAllowed('clipboard-sanitized-write', 'app://runnel', app)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'app://runnel/', app)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'app://runnel/index.html#/c/1', app)).toBe(true);
  });

  it.each(['clipboard-read', 'notifications', 'media', 'geolocation', 'openExternal', 'fullscreen', 'unknown', ''])(
    'refuses %s even to the app',
    (permission) => {
      expect(permissionAllowed(permission, 'app://runnel/index.html', app)).toBe(false);
    },
  );

  it.each([
    'app://runnel.evil/index.html',
    'app://evil/',
    'https://runnel/',
    'http://127.0.0.1:5173/',
    'file:///tmp/index.html',
    'null',
    '',
    undefined,
  ])('refuses the clipboard to %s', (origin) => {
    expect(permissionAllowed('clipboard-sanitized-write', origin, app)).toBe(false);
  });

  it('follows the dev server origin under electron-vite dev', () => {
    expect(permissionAllowed('clipboard-sanitized-write', 'http://localhost:5173', 'http://localhost:5173/')).toBe(
      true,
    );
    expect(permissionAllowed('clipboard-sanitized-write', 'http://localhost:5174', 'http://localhost:5173/')).toBe(
      false,
    );
  });

  it('reads origins of custom schemes, which URL reports as null', () => {
    expect(originOf('app://runnel/index.html')).toBe('app://runnel');
    expect(originOf('APP://Runnel')).toBe('app://runnel');
    expect(originOf('not a url')).toBeNull();
  });
});
