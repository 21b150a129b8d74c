// A Chromium trace of a page's main thread while something runs: each task's wall and CPU time,
// and for the long ones, where the time went (script, style, layout, paint...). CPU time is what a
// loaded machine does not stretch, so it separates the page's own cost from the machine's load.
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';

export interface TraceEvent {
  name: string;
  ph: string;
  tid: number;
  pid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface MainThreadTask {
  /** Wall-clock ms. */
  ms: number;
  /** CPU ms of the main thread. */
  cpuMs: number;
  /** CPU ms of the task's direct parts by kind (script, style, layout, paint, ...), long tasks only. */
  parts?: Record<string, number>;
}

/** Trace event names grouped into the kinds a long task is explained by. */
const kind: Record<string, string> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  EventDispatch: 'script',
  'v8.callFunction': 'script',
  RunMicrotasks: 'script',
  'V8.GC_MARK_COMPACTOR': 'gc',
  MajorGC: 'gc',
  MinorGC: 'gc',
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  'LocalFrameView::RunPostLifecycleSteps': 'paint',
  ResizeObserver: 'script',
  'ResizeObserverController::BroadcastObservations': 'resize-observer',
  IntersectionObserverController: 'script',
  ParseHTML: 'parse',
};

export interface RecordedTrace<T> {
  result: T;
  events: TraceEvent[];
  /** The renderer main threads, as `pid:tid`. */
  mainThreads: Set<string>;
}

/** Runs `run` under a Chromium trace of `page` (`BENCH_TRACE=<file>` keeps the raw trace). */
export async function recordTrace<T>(
  browser: Browser,
  page: Page,
  run: () => Promise<T>,
  extraCategories: string[] = [],
): Promise<RecordedTrace<T>> {
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', ...extraCategories],
  });
  const result = await run();
  const raw = (await browser.stopTracing()).toString('utf8');
  if (process.env.BENCH_TRACE) writeFileSync(process.env.BENCH_TRACE, raw);
  const events = (JSON.parse(raw) as { traceEvents: TraceEvent[] }).traceEvents;
  const mainThreads = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  return { result, events, mainThreads };
}

/** Runs `run` under a trace of `page`; returns its result and the page's main-thread tasks. */
export async function traceMainThread<T>(
  browser: Browser,
  page: Page,
  run: () => Promise<T>,
  longMs = 50,
): Promise<[T, MainThreadTask[]]> {
  const { result, events, mainThreads } = await recordTrace(browser, page, run);
  const onMain = events
    .filter((e) => e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tasks: MainThreadTask[] = [];
  for (let i = 0; i < onMain.length; i++) {
    const task = onMain[i]!;
    if (task.name !== 'RunTask') continue;
    const entry: MainThreadTask = { ms: (task.dur ?? 0) / 1000, cpuMs: (task.tdur ?? 0) / 1000 };
    if (entry.cpuMs > longMs || entry.ms > longMs) entry.parts = partsOf(onMain, i, task);
    tasks.push(entry);
  }
  return [result, tasks];
}

/** CPU ms by kind of the outermost known events inside the task at `at` (nested ones are inside them). */
function partsOf(events: TraceEvent[], at: number, task: TraceEvent): Record<string, number> {
  const end = task.ts + (task.dur ?? 0);
  const parts: Record<string, number> = {};
  let coveredUntil = task.ts;
  for (let j = at + 1; j < events.length && events[j]!.ts < end; j++) {
    const e = events[j]!;
    const k = kind[e.name];
    if (!k || e.ts < coveredUntil) continue;
    parts[k] = Math.round(((parts[k] ?? 0) + (e.tdur ?? 0) / 1000) * 10) / 10;
    coveredUntil = e.ts + (e.dur ?? 0);
  }
  return parts;
}
