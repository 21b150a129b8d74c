// The token moves from the URL to sessionStorage, leaving the address bar clean.
import { describe, expect, it } from 'vitest';
import { socketUrl, takeToken } from './web-host-address';

function fakes(href: string, stored: Record<string, string> = {}) {
  const store = new Map(Object.entries(stored));
  const replaced: string[] = [];
  const location = { href } as Location;
  const history = {
    state: null,
    replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url),
  } as unknown as History;
  const storage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
  } as Storage;
  return { location, history, storage, store, replaced };
}

describe('takeToken', () => {
  it('takes the token from the URL, stores it and strips it, keeping other parts', () => {
    const f = fakes('http://127.0.0.1:5173/?token=abc123&x=1#top');
    expect(takeToken(f.location, f.history, f.storage)).toBe('abc123');
    expect(f.store.get('runnel.token')).toBe('abc123');
    expect(f.replaced).toEqual(['/?x=1#top']);
  });

  it('finds the stored token after a reload', () => {
    const f = fakes('http://127.0.0.1:5173/', { 'runnel.token': 'kept' });
    expect(takeToken(f.location, f.history, f.storage)).toBe('kept');
    expect(f.replaced).toEqual([]);
  });
});

describe('socketUrl', () => {
  it('follows the page scheme and encodes the token', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:5000' }, 'a b')).toBe('ws://127.0.0.1:5000/api?token=a%20b');
    expect(socketUrl({ protocol: 'https:', host: 'box:443' }, 't')).toBe('wss://box:443/api?token=t');
  });
});
