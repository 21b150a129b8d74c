// The desktop window's scheme serves the renderer's folder and nothing else, always with the CSP.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../shared/csp';
import { isRendererUrl, rendererEntry, rendererResponse } from './renderer-response';

let base: string;
let root: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'runnel-renderer-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Runnel</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'do not serve');
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'linked.js'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the renderer scheme', () => {
  it('serves the entry page and its assets with their types, the CSP and nosniff', async () => {
    const page = await rendererResponse(root, rendererEntry, 'GET');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Runnel</title>');
    const script = await rendererResponse(root, 'app://runnel/assets/index-abc.js', 'GET');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    'app://runnel/../secret.txt',
    'app://runnel/%2e%2e/secret.txt',
    'app://runnel/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://runnel/assets/..%5c..%5csecret.txt',
    'app://runnel/assets/linked.js',
    'app://runnel/assets',
    'app://runnel/nope.js',
    'app://runnel.evil/index.html',
    'app://runnel@evil/index.html',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('serves nothing outside the renderer folder or off its origin: %s', async (url) => {
    const res = await rendererResponse(root, url, 'GET');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('do not serve');
  });

  it('answers only GET and HEAD', async () => {
    expect((await rendererResponse(root, rendererEntry, 'POST')).status).toBe(405);
    const head = await rendererResponse(root, rendererEntry, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('trusts only its own origin', () => {
    expect(isRendererUrl('app://runnel/index.html')).toBe(true);
    expect(isRendererUrl('app://runnel.evil/index.html')).toBe(false);
    expect(isRendererUrl('app://runnel@evil/')).toBe(false);
    expect(isRendererUrl('file:///tmp/renderer/index.html')).toBe(false);
    expect(isRendererUrl('http://127.0.0.1/')).toBe(false);
  });
});
