// Checks on what `electron-vite build` emits that only the built files can show: a CommonJS
// preload that requires nothing but electron (a sandboxed preload cannot load npm packages or an
// ES module), and a renderer whose CSP meta tag is the policy the hosts send.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { contentSecurityPolicy } from '../../src/shared/csp';

// The build under test: the default `out/`, or the one RUNNEL_E2E_OUT names (as the web host serves).
const outDir = process.env.RUNNEL_E2E_OUT ?? fileURLToPath(new URL('../../out/', import.meta.url));
const out = (p: string) => readFileSync(join(outDir, p), 'utf8');

test('the preload is CommonJS and requires only electron', () => {
  const preload = out('preload/index.cjs');
  const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
  expect(new Set(required)).toEqual(new Set(['electron']));
  expect(preload).not.toMatch(/^\s*(import|export)\s/m);
});

test('the renderer carries the same CSP as the hosts, and no inline script', () => {
  const html = out('renderer/index.html');
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1];
  expect(meta?.replace(/\s+/g, ' ').trim()).toBe(contentSecurityPolicy);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
});
