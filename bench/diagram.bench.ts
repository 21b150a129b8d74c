// A page of twenty Mermaid diagrams (bench/diagram-sources.ts) in Chromium, under the app's CSP:
// Runnel's MarkdownView draws them one at a time, cleaning each; the longest main-thread task must
// stay under 100 ms. First with Mermaid not yet loaded (its chunk loads with the first diagram),
// then again with new labels. Baseline in the same run: mermaid.render on all twenty in a row.
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build, preview } from 'vite';
import { chromiumArgs, findChromium } from '../tests/e2e/support/find-chromium';
import { cacheDir } from './browser-session';
import type { DrawResult } from './diagram-page/diagram-result';
import { diagramSources } from './diagram-sources';

export interface DiagramFigures {
  totalMs: number;
  perDiagramMs: number;
  drawn: number;
  failed: number;
  longTasks: number;
  longestTaskMs: number;
  longestStep: DrawResult['longestStep'];
}

export interface DiagramBenchResult {
  diagrams: number;
  cold: DiagramFigures;
  warm: DiagramFigures;
  baseline: DiagramFigures;
}

function figures(r: DrawResult, count: number): DiagramFigures {
  return {
    totalMs: r.totalMs,
    perDiagramMs: r.totalMs / count,
    drawn: r.drawn,
    failed: r.failed,
    longTasks: r.longTasks.filter((d) => d > 100).length,
    longestTaskMs: Math.max(0, ...r.longTasks),
    longestStep: r.longestStep,
  };
}

export async function runDiagramBench(count = 20): Promise<DiagramBenchResult> {
  const root = fileURLToPath(new URL('./diagram-page/', import.meta.url));
  const outDir = `${cacheDir}diagram-page`;
  await build({ root, logLevel: 'silent', plugins: [react()], build: { outDir, emptyOutDir: true } });
  const server = await preview({
    root,
    logLevel: 'silent',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1' },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the diagram benchmark page did not start');
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    const cold = await page.evaluate((s) => window.runDiagrams(s), diagramSources(1, count));
    const warm = await page.evaluate((s) => window.runDiagrams(s), diagramSources(2, count));
    const baseline = await page.evaluate((s) => window.runDiagramBaseline(s), diagramSources(3, count));
    if (errors.length) throw new Error(`the diagram benchmark page failed: ${errors.join('; ')}`);
    return {
      diagrams: count,
      cold: figures(cold, count),
      warm: figures(warm, count),
      baseline: figures(baseline, count),
    };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}
