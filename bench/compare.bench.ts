// Benchmark 13: Compare in Chromium through the real web host: four answers streaming side by side (fake-long
// from four backends of one fake server), against one answer streamed the usual way in the same
// run. Figures: long tasks over 50 ms while the four stream, and main-thread time per flush (the
// renderer’s task time over the paints that changed the conversation) for each case.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startOpenAiChatServer } from '../tests/servers/openai-chat-server';
import { ChatPage } from '../tests/e2e/support/chat-page';
import { openSession } from './browser-session';

export interface StreamCost {
  answers: number;
  flushes: number;
  taskMs: number;
  perFlushMs: number;
  longTasks: number;
  longestTaskMs: number;
}

export interface CompareBenchResult {
  one: StreamCost;
  four: StreamCost;
  /** Per-flush cost of four answers over that of one. */
  ratio: number;
}

const names = ['A', 'B', 'C', 'D'].map((n) => `Bench ${n}`);

/** Counts flushes (paints that changed the conversation) and long tasks from now on. */
async function watchPage(page: Page): Promise<void> {
  // A string, so the bundler's helpers for named functions do not travel into the page.
  await page.evaluate(`(() => {
    const w = window;
    w.benchFlushes = 0;
    w.benchLong = [];
    if (w.benchWatching) return;
    w.benchWatching = true;
    // A flush is a paint that changed the page: the store takes generation events once per animation
    // frame, so every commit of one frame counts once. The whole page is watched, since the message
    // list itself is only there once the chat has a message.
    let dirty = false;
    new MutationObserver(() => { dirty = true; }).observe(document.getElementById('root'), {
      subtree: true, childList: true, characterData: true, attributes: true,
    });
    const frame = () => {
      if (dirty) w.benchFlushes += 1;
      dirty = false;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.benchLong.push(e.duration)))
      .observe({ type: 'longtask', buffered: false });
  })()`);
}

async function measure(page: Page, answers: number, send: () => Promise<void>, settled: () => Promise<void>) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskSeconds = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  await watchPage(page);
  const before = await taskSeconds();
  await send();
  await settled();
  const taskMs = ((await taskSeconds()) - before) * 1000;
  const { flushes, long } = (await page.evaluate('({ flushes: window.benchFlushes, long: window.benchLong })')) as {
    flushes: number;
    long: number[];
  };
  await cdp.detach();
  return {
    answers,
    flushes,
    taskMs,
    perFlushMs: taskMs / Math.max(1, flushes),
    longTasks: long.filter((d) => d > 50).length,
    longestTaskMs: Math.max(0, ...long),
  } satisfies StreamCost;
}

async function pick(page: Page, backend: string): Promise<void> {
  await new ChatPage(page).pickModel('fake-long', backend);
}

async function typeAndSend(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

const idle = (page: Page) =>
  page.waitForFunction(() => !document.querySelector('[aria-busy="true"], [data-status="streaming"]'), null, {
    timeout: 60_000,
  });

export async function runCompareBench(): Promise<CompareBenchResult> {
  const fake = await startOpenAiChatServer({ tokenDelayMs: 8 });
  const dataDir = mkdtempSync(join(tmpdir(), 'runnel-bench-compare-'));
  const session = await openSession(
    dataDir,
    names.map((name) => ({ name, kind: 'openai-chat' as const, baseUrl: fake.baseUrl, defaultModel: 'fake-long' })),
  );
  try {
    const { page } = session;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(session.serve.openUrl);
    await pick(page, names[0]!);
    // Warm-up: the code highlighter and the rest load with the first answer, not during a measure.
    await typeAndSend(page, 'Warm up');
    await idle(page);

    await page.getByRole('button', { name: 'New chat' }).click();
    const one = await measure(
      page,
      1,
      () => typeAndSend(page, 'One answer'),
      async () => {
        await page.locator('article[data-role="assistant"][data-status="done"]').waitFor({ timeout: 60_000 });
        await idle(page);
      },
    );

    await page.getByRole('button', { name: 'New chat' }).click();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Compare with' });
    for (const name of names.slice(1)) await dialog.getByRole('checkbox', { name: `fake-long — ${name}` }).check();
    await dialog.getByRole('button', { name: 'Done' }).click();
    const region = page.getByRole('region', { name: 'Comparison' });
    const four = await measure(
      page,
      4,
      () => typeAndSend(page, 'Four answers'),
      async () => {
        await region.locator('article[data-status="done"]').nth(3).waitFor({ timeout: 60_000 });
        await idle(page);
      },
    );
    return { one, four, ratio: four.perFlushMs / one.perFlushMs };
  } finally {
    await session.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
