// Bench 11: streaming in the whole app, measured from outside. A local OpenAI-compatible server
// streams a 100 KB markdown answer fast (small chunks, no pauses); the full window (list, store,
// message view, metrics) shows it through the real web host in Chromium. The page is left alone
// while it is measured: observers installed before the app loads record long tasks and the moment
// the answer's article turns `done`, and the driver reads them once at the end (no polling).
// Figures: long tasks during the stream, and how long after the server's last byte the answer was
// finished on screen. Baseline in the same run: the same conversation opened from history (one
// paint of the finished answer), which shows what a single render of 100 KB costs here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBurstServer } from '../tests/servers/burst-server';
import { openSession } from './browser-session';
import { traceMainThread } from './main-thread-trace';
import { markdownAnswer } from '../tests/servers/markdown-answer';

export interface AppStreamResult {
  bytes: number;
  chunks: number;
  serverMs: number;
  /** Wall-clock ms from the server's last byte to the answer's article marked done. */
  finishLagMs: number;
  longTasksOver50: number;
  longestTaskMs: number;
  /** The same run's main-thread tasks counted in CPU time (Chromium's trace): a loaded machine
   *  stretches wall-clock tasks, not these. */
  longestTaskCpuMs: number;
  tasksOver50MsCpu: number;
  /** Where the longest task's CPU time went (script, style, layout, paint, ...). */
  longestTaskParts: Record<string, number>;
  /** Opening the finished conversation from history. */
  baseline: { longestTaskMs: number; paintMs: number };
}

/** Installed before the app's own scripts: long tasks and the moment an answer turns done. A
 *  string, not a function: tsx's name helpers do not exist in the page. */
const observers = `
  (() => {
    let resolveDone = () => {};
    const bench = {
      longTasks: [],
      doneAt: Promise.resolve(0),
      reset() {
        bench.longTasks = [];
        bench.doneAt = new Promise((r) => (resolveDone = r));
      },
    };
    bench.reset();
    window.__bench = bench;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
    // Done on screen: the answer is marked done and its text is no longer being revealed.
    new MutationObserver(() => {
      const answers = document.querySelectorAll('article[data-role="assistant"]');
      const a = answers[answers.length - 1];
      if (a && a.dataset.status === 'done' && !a.querySelector('[aria-busy="true"]'))
        resolveDone(performance.timeOrigin + performance.now());
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-status', 'aria-busy'] });
  })();
`;

export async function runAppStreamBench(bytes = 100_000, chunkSize = 24): Promise<AppStreamResult> {
  const text = markdownAnswer(bytes);
  const streaming = await startBurstServer(text, chunkSize, 'app');
  const dir = mkdtempSync(join(tmpdir(), 'runnel-bench-app-'));
  const session = await openSession(dir, [
    { name: 'Streaming server', kind: 'openai-chat', baseUrl: streaming.baseUrl, defaultModel: 'app' },
  ]);
  try {
    const { page } = session;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.addInitScript({ content: observers });
    await page.goto(session.serve.openUrl);
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.waitFor();
    await page.getByRole('combobox', { name: 'Model' }).waitFor();

    const measureOne = async (): Promise<{ longTasks: number[]; doneAt: number }> => {
      await page.evaluate(() => (window as unknown as { __bench: { reset(): void } }).__bench.reset());
      await composer.fill('Write the long answer.');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      // One call that waits inside the page for the observer's promise: no polling of the text.
      const doneAt = await page.evaluate(
        () => (window as unknown as { __bench: { doneAt: Promise<number> } }).__bench.doneAt,
      );
      // Long-task entries reach observers a little after the task: let them arrive.
      const longTasks = await page.evaluate(async () => {
        await new Promise((r) => setTimeout(r, 300));
        return (window as unknown as { __bench: { longTasks: number[] } }).__bench.longTasks;
      });
      return { longTasks, doneAt };
    };

    await measureOne(); // warm-up: first use of the code paths, the chunks' compile
    await page.getByRole('button', { name: 'New chat' }).click();
    const cdp = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    // Wall-clock figures untraced (a trace of the timeline slows the page it records), then the
    // same stream again under the trace for each task's CPU time and what it was made of.
    const run = await measureOne();
    const finishLagMs = run.doneAt - streaming.last.endedAt;
    await page.getByRole('button', { name: 'New chat' }).click();
    const [, tasks] = await traceMainThread(session.browser, page, measureOne);
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      (await import('node:fs')).writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(profile));
    }
    const longestCpu = tasks.reduce((a, b) => (b.cpuMs > a.cpuMs ? b : a), { ms: 0, cpuMs: 0 });

    // Baseline: reload and open the finished conversation from history.
    await page.reload();
    await composer.waitFor();
    await page.evaluate(() => (window as unknown as { __bench: { reset(): void } }).__bench.reset());
    const started = Date.now();
    await page
      .getByRole('navigation', { name: 'Conversations' })
      .getByRole('button', { name: /long answer/ })
      .first()
      .click();
    await page.locator('article[data-role="assistant"][data-status="done"] table').first().waitFor();
    const opened = Date.now() - started;
    const baselineTasks = await page.evaluate(async () => {
      await new Promise((r) => setTimeout(r, 300));
      return (window as unknown as { __bench: { longTasks: number[] } }).__bench.longTasks;
    });
    return {
      bytes: text.length,
      chunks: Math.ceil(text.length / chunkSize),
      serverMs: streaming.last.ms,
      finishLagMs,
      longTasksOver50: run.longTasks.filter((d) => d > 50).length,
      longestTaskMs: Math.max(0, ...run.longTasks),
      longestTaskCpuMs: longestCpu.cpuMs,
      tasksOver50MsCpu: tasks.filter((t) => t.cpuMs > 50).length,
      longestTaskParts: longestCpu.parts ?? {},
      baseline: { longestTaskMs: Math.max(0, ...baselineTasks), paintMs: opened },
    };
  } finally {
    await session.close();
    await streaming.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
