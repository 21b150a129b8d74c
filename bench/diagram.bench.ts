// A page of twenty Mermaid diagrams (bench/diagram-sources.ts) in Chromium, under the app's CSP:
// Runnel's MarkdownView draws them one at a time, cleaning each; the longest main-thread task must
// stay under 100 ms. First with Mermaid not yet loaded (its chunk loads with the first diagram),
// then again with new labels. Baseline in the same run: mermaid.render on all twenty in a row.
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build, preview } from 'vite';
import { mermaidConfigCopy } from '../scripts/vite-mermaid-config';
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
  /**
   * The longest task in the page's main thread counted in CPU time (Chromium's trace), which a busy
   * machine does not stretch as it stretches wall-clock long tasks.
   */
  longestTaskCpuMs: number;
  tasksOver100MsCpu: number;
  longestStep: DrawResult['longestStep'];
  /** Each diagram's draw step in page order (flowchart, sequence, class, state, ER, gantt, pie, …), ms. */
  draws: number[];
}

export interface DiagramBenchResult {
  diagrams: number;
  cold: DiagramFigures;
  warm: DiagramFigures;
  baseline: DiagramFigures;
}

interface TraceEvent {
  name: string;
  ph: string;
  tid: number;
  pid: number;
  tdur?: number;
  args?: { name?: string };
}

/** Runs `run` under a Chromium trace; returns its result and the main thread's task CPU times (ms). */
async function traced<T>(browser: Browser, page: Page, run: () => Promise<T>): Promise<[T, number[]]> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const result = await run();
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  const main = trace.traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mainThreads = new Set(main.map((e) => `${e.pid}:${e.tid}`));
  const tasks = trace.traceEvents
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`))
    .map((e) => (e.tdur ?? 0) / 1000);
  return [result, tasks];
}

function figures([r, cpu]: [DrawResult, number[]], count: number): DiagramFigures {
  return {
    longestTaskCpuMs: Math.max(0, ...cpu),
    tasksOver100MsCpu: cpu.filter((ms) => ms > 100).length,
    totalMs: r.totalMs,
    perDiagramMs: r.totalMs / count,
    drawn: r.drawn,
    failed: r.failed,
    longTasks: r.longTasks.filter((d) => d > 100).length,
    longestTaskMs: Math.max(0, ...r.longTasks),
    longestStep: r.longestStep,
    draws: r.draws.map((ms) => Math.round(ms)),
  };
}

export async function runDiagramBench(count = 20): Promise<DiagramBenchResult> {
  const root = fileURLToPath(new URL('./diagram-page/', import.meta.url));
  const outDir = `${cacheDir}diagram-page`;
  await build({
    root,
    logLevel: 'silent',
    plugins: [react(), mermaidConfigCopy()],
    build: { outDir, emptyOutDir: true },
  });
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
    const cold = await traced(browser, page, () =>
      page.evaluate((s) => window.runDiagrams(s), diagramSources(1, count)),
    );
    const warm = await traced(browser, page, () =>
      page.evaluate((s) => window.runDiagrams(s), diagramSources(2, count)),
    );
    const baseline = await traced(browser, page, () =>
      page.evaluate((s) => window.runDiagramBaseline(s), diagramSources(3, count)),
    );
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
