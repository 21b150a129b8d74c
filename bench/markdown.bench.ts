// Benchmark 3: the renderer, in Chromium. A 100 KB markdown answer (code, tables, math) streamed
// at 200 flushes per second into the app's MarkdownView; main-thread time per flush when the
// answer is about 1 KB and about 100 KB long, and long tasks. Baseline in the same run: marked
// re-rendering the whole message on every flush.
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build, preview } from 'vite';
import { chromiumArgs, findChromium } from '../tests/e2e/support/find-chromium';
import { cacheDir, percentile } from './browser-session';
import { markdownAnswer } from '../tests/servers/markdown-answer';
import type { StreamResult } from './markdown-page/stream-result';

export interface StreamFigures {
  /** Mean main-thread ms per flush while the answer is 0.5–1.5 KB, and in its last 5 KB. */
  at1kMs: number;
  at100kMs: number;
  growth: number;
  p95Ms: number;
  longTasks: number;
  longestTaskMs: number;
}

export interface MarkdownResult {
  bytes: number;
  flushesPerSecond: number;
  runnel: StreamFigures;
  baseline: StreamFigures;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

function figures(r: StreamResult, bytes: number): StreamFigures {
  const at1k = mean(r.flushes.filter((f) => f.at > 500 && f.at <= 1500).map((f) => f.ms));
  const at100k = mean(r.flushes.filter((f) => f.at > bytes - 5000).map((f) => f.ms));
  return {
    at1kMs: at1k,
    at100kMs: at100k,
    growth: at100k / at1k,
    p95Ms: percentile(
      r.flushes.map((f) => f.ms),
      95,
    ),
    longTasks: r.longTasks.filter((d) => d > 50).length,
    longestTaskMs: Math.max(0, ...r.longTasks),
  };
}

export async function runMarkdownBench(bytes = 100_000, flushesPerSecond = 200): Promise<MarkdownResult> {
  const root = fileURLToPath(new URL('./markdown-page/', import.meta.url));
  const outDir = `${cacheDir}markdown-page`;
  await build({ root, logLevel: 'silent', plugins: [react()], build: { outDir, emptyOutDir: true } });
  const server = await preview({
    root,
    logLevel: 'silent',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1' },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the markdown benchmark page did not start');
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await page.goto(url);
    const text = markdownAnswer(bytes);
    const step = Math.ceil(bytes / (flushesPerSecond * 5)); // about five seconds of streaming
    const interval = 1000 / flushesPerSecond;
    await page.evaluate(([t, s, i]) => window.runRunnel(t, s, i), [text, step, interval] as const); // warm-up
    const runnel = await page.evaluate(([t, s, i]) => window.runRunnel(t, s, i), [text, step, interval] as const);
    const baseline = await page.evaluate(([t, s, i]) => window.runBaseline(t, s, i), [text, step, interval] as const);
    return { bytes, flushesPerSecond, runnel: figures(runnel, bytes), baseline: figures(baseline, bytes) };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}
