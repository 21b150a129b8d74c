// Builds main (ESM), preload (CommonJS: a sandboxed preload cannot be an ES module) and the
// renderer. Main's npm dependencies stay external and load from node_modules at run time.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { mermaidPatches } from './scripts/vite-mermaid-patches';

// The dev server injects an inline React-refresh script and <style> tags that the strict CSP
// forbids; relax the meta tag for `electron-vite dev` only. Builds keep the strict policy.
const devCsp: Plugin = {
  name: 'runnel-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html
      .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
      .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
      .replace("connect-src 'self'", "connect-src 'self' ws://localhost:*"),
};

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve('src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves builds unminified; the page's script is half the size minified, and
      // parsing it is most of a cold start (and of every end-to-end test's page load).
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
      // The CSP takes fonts only from 'self': a small one (KaTeX's) must stay a file, not a data: URL.
      assetsInlineLimit: (file: string) => (/\.(?:woff2?|ttf|otf)$/.test(file) ? false : undefined),
    },
    plugins: [react(), devCsp, mermaidPatches()],
  },
});
