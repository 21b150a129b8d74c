// A page of twenty Mermaid diagrams (bench/diagram-sources.ts) in Chromium, under the app's CSP:
// Runnel's MarkdownView draws them one at a time, cleaning each; the longest main-thread task must
// stay under 100 ms. First with Mermaid not yet loaded (its chunk loads with the first diagram),
// then again with new labels. Baseline in the same run: mermaid.render on all twenty in a row, with
// Mermaid as published (Runnel's build changes a few of its steps: scripts/vite-mermaid-patches.ts).
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build, preview } from 'vite';
import { mermaidPatches } from '../scripts/vite-mermaid-patches';
import { chromiumArgs, findChromium } from '../tests/e2e/support/find-chromium';
import { cacheDir } from './browser-session';
import type { DrawResult } from './diagram-page/diagram-result';
import { diagramKind, diagramSources } from './diagram-sources';
import { recordTrace } from './main-thread-trace';

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
  /**
   * Per kind of diagram, the longest main-thread task (CPU ms) while one of that kind was drawn and
   * cleaned (from its `draw` measure's start to its `clean` measure's end, Runnel's page only).
   */
  longestTaskCpuByKind: Record<string, number>;
}

export interface DiagramBenchResult {
  diagrams: number;
  /**
   * Mermaid as Runnel builds it draws the same SVG as Mermaid as published (fourteen diagrams of the
   * seven kinds, each on a fresh page; rough.js's random curves set aside).
   */
  sameSvgAsPublished: boolean;
  cold: DiagramFigures;
  warm: DiagramFigures;
  baseline: DiagramFigures;
}

interface Traced<T> {
  result: T;
  /** The main thread's tasks: CPU ms, and when they ran (trace µs). */
  tasks: { cpuMs: number; start: number; end: number }[];
  /** Each diagram's drawing, from its `draw` measure's start to its `clean` measure's end (trace µs). */
  drawings: { id: number; start: number; end: number }[];
}

/** Runs `run` under a Chromium trace; returns its result, the main thread's tasks and the drawings. */
async function traced<T>(browser: Browser, page: Page, run: () => Promise<T>): Promise<Traced<T>> {
  const { result, events, mainThreads } = await recordTrace(browser, page, run, ['blink.user_timing']);
  const tasks = events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ cpuMs: (e.tdur ?? 0) / 1000, start: e.ts, end: e.ts + (e.dur ?? 0) }));
  // performance.measure() shows as an async pair of events: 'b' at its start, 'e' at its end.
  const spans = new Map<number, { start: number; end: number }>();
  for (const e of events) {
    const m = /^runnel-diagram-(\d+) (draw|clean)$/.exec(e.name);
    if (!m || (e.ph !== 'b' && e.ph !== 'e')) continue;
    const id = Number(m[1]);
    const span = spans.get(id) ?? { start: Infinity, end: -Infinity };
    if (e.ph === 'b') span.start = Math.min(span.start, e.ts);
    else span.end = Math.max(span.end, e.ts);
    spans.set(id, span);
  }
  const drawings = [...spans].map(([id, s]) => ({ id, ...s })).sort((a, b) => a.id - b.id);
  return { result, tasks, drawings };
}

/** The longest task (CPU ms) that ran during each kind of diagram's drawings. */
function longestByKind({ tasks, drawings }: Traced<unknown>): Record<string, number> {
  const byKind: Record<string, number> = {};
  drawings.forEach((d, i) => {
    const during = tasks.filter((t) => t.end > d.start && t.start < d.end).map((t) => t.cpuMs);
    const kind = diagramKind(i);
    byKind[kind] = Math.max(byKind[kind] ?? 0, ...during);
  });
  return byKind;
}

function figures(t: Traced<DrawResult>, count: number): DiagramFigures {
  const r = t.result;
  const cpu = t.tasks.map((task) => task.cpuMs);
  return {
    longestTaskCpuByKind: longestByKind(t),
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

/** Builds the benchmark page into `outDir` and serves it; Mermaid as Runnel builds it, or as published. */
async function servePage(outDir: string, patched: boolean): Promise<{ url: string; close: () => Promise<void> }> {
  const root = fileURLToPath(new URL('./diagram-page/', import.meta.url));
  await build({
    root,
    logLevel: 'silent',
    plugins: patched ? [react(), mermaidPatches()] : [react()],
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
  return { url, close: () => new Promise<void>((resolve) => server.httpServer.close(() => resolve())) };
}

/** The SVG `mermaid.render` gives for some diagrams on a fresh page of `url`, random curves set aside. */
async function drawnSvg(browser: Browser, url: string): Promise<string> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  try {
    await page.goto(url);
    await page.evaluate((s) => window.runDiagramBaseline(s), diagramSources(5, 14));
    const svg = await page.evaluate(() => document.getElementById('baseline')!.innerHTML);
    return svg.replace(/ d="[^"]*C[^"]*"/g, ' d="…"');
  } finally {
    await page.close();
  }
}

export async function runDiagramBench(count = 20): Promise<DiagramBenchResult> {
  // Runnel's page with Mermaid as the app builds it (scripts/vite-mermaid-patches.ts); the baseline
  // with Mermaid as published, so the naive client is measured as it would run.
  const runnelPage = await servePage(`${cacheDir}diagram-page`, true);
  const plainPage = await servePage(`${cacheDir}diagram-page-plain`, false);
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(runnelPage.url);
    const cold = await traced(browser, page, () =>
      page.evaluate((s) => window.runDiagrams(s), diagramSources(1, count)),
    );
    const warm = await traced(browser, page, () =>
      page.evaluate((s) => window.runDiagrams(s), diagramSources(2, count)),
    );
    // The baseline on its own page, once untimed first (Mermaid loaded and warm, as it is by then
    // on Runnel's page).
    await page.close();
    const plain = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    plain.on('pageerror', (e) => errors.push(e.message));
    await plain.goto(plainPage.url);
    await plain.evaluate((s) => window.runDiagramBaseline(s), diagramSources(4, count));
    const baseline = await traced(browser, plain, () =>
      plain.evaluate((s) => window.runDiagramBaseline(s), diagramSources(3, count)),
    );
    if (errors.length) throw new Error(`the diagram benchmark page failed: ${errors.join('; ')}`);
    return {
      diagrams: count,
      sameSvgAsPublished: (await drawnSvg(browser, runnelPage.url)) === (await drawnSvg(browser, plainPage.url)),
      cold: figures(cold, count),
      warm: figures(warm, count),
      baseline: figures(baseline, count),
    };
  } finally {
    await browser.close();
    await runnelPage.close();
    await plainPage.close();
  }
}
