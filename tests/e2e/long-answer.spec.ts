// A long markdown answer: one that arrives whole in a burst is revealed to its end (formulas
// typeset, nothing left busy) with the parts off screen skipped by the browser; opened again from
// history, scrolling up through parts never drawn before keeps what the reader sees still.
import type { Locator, Page } from '@playwright/test';
import { startBurstServer, type BurstServer } from '../servers/burst-server';
import { markdownAnswer } from '../servers/markdown-answer';
import { startServe, type ServeProcess } from './support/serve-process';
import { expect, test } from './support/fixtures';

test.describe.configure({ timeout: 120_000 });

const QUESTION = 'Write the long answer.';
const TEXT = markdownAnswer(100_000);

let burst: BurstServer;
let serve: ServeProcess;

test.beforeEach(async ({ dataDir }) => {
  burst = await startBurstServer(TEXT, 24);
  serve = await startServe(dataDir, [
    { name: 'Burst server', kind: 'openai-chat', baseUrl: burst.baseUrl, defaultModel: 'burst' },
  ]);
});

test.afterEach(async () => {
  await serve.stop();
  await burst.close();
});

/** Whether the browser is skipping the element's rendering (inside a content-visibility: auto part off screen). */
const skipped = (element: Locator): Promise<boolean> =>
  element.evaluate((el) => !el.checkVisibility({ contentVisibilityAuto: true }));

test('an answer that arrives in one burst is revealed to its end, with the parts off screen skipped', async ({
  chat,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await chat.open(serve.openUrl);
  await chat.send(QUESTION);
  await chat.expectAnswerStatus('done');
  const content = chat.lastAnswer.locator('[data-part="content"]');
  await expect(content.locator('[aria-busy="true"]')).toHaveCount(0);

  // All of it is there: every table and heading of the source, every formula typeset.
  const tables = TEXT.split('\n| model |').length - 1;
  const headings = TEXT.match(/^## /gm)?.length ?? 0;
  expect(tables).toBeGreaterThan(50);
  await expect(content.locator('table')).toHaveCount(tables);
  await expect(content.locator('h2')).toHaveCount(headings);
  const formulas = await content.locator('.md-math').count();
  expect(formulas).toBeGreaterThan(50);
  await expect(content.locator('.md-math > .katex, .md-math > .katex-display')).toHaveCount(formulas);

  // The view followed it to its end; the parts far above were never drawn.
  await expect(content.locator('h2').last()).toBeInViewport();
  const groups = content.locator('.md-group');
  expect(await groups.count()).toBeGreaterThan(10);
  expect(await skipped(groups.nth(2).locator(':scope > *').first())).toBe(true);
  expect(await skipped(groups.last().locator(':scope > *').last())).toBe(false);
});

test('scrolling up through parts of an answer never drawn before keeps the view still', async ({ chat, page }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  await chat.open(serve.openUrl);
  await chat.send(QUESTION);
  await chat.expectAnswerStatus('done');
  // Opened again from history: it renders whole, at its end, and the parts above are guesses.
  await page.reload();
  await chat.openConversation(QUESTION);
  await chat.expectAnswerStatus('done');
  const content = chat.lastAnswer.locator('[data-part="content"]');
  await expect(content.locator('h2').last()).toBeInViewport();
  const groups = content.locator('.md-group');
  expect(await skipped(groups.nth(3).locator(':scope > *').first())).toBe(true);

  const heights: number[] = [];
  let moves = 0;
  for (let step = 0; step < 60; step++) {
    const seen = await scrollUpAndWatch(page, 350);
    if (seen === null) break; // at the top
    heights.push(seen.scrollHeight);
    // The block that was in the middle of the view moved down by exactly the distance scrolled.
    expect(seen.moved).toBeCloseTo(350, 0);
    moves++;
  }
  expect(moves).toBeGreaterThan(20);
  // Parts were drawn for the first time on the way up and their heights differed from the guesses,
  // so the steps above did meet what they test.
  expect(new Set(heights).size).toBeGreaterThan(1);
});

/**
 * Scrolls the message list up by `px` and lets three frames pass (parts near the view are drawn,
 * and their heights settle). Returns how far the block at the middle of the view moved, or null
 * when the list is too near its top to scroll that far.
 */
async function scrollUpAndWatch(page: Page, px: number): Promise<{ moved: number; scrollHeight: number } | null> {
  return page.evaluate(async (by) => {
    const scroller = document.querySelector<HTMLElement>('.message-scroller')!;
    if (scroller.scrollTop < by + 10) return null;
    const box = scroller.getBoundingClientRect();
    // The markdown block nearest the middle (the point itself may fall in a gap between blocks).
    let block: HTMLElement | null = null;
    for (let dy = 0; !block && dy < box.height / 3; dy += 8)
      block =
        document
          .elementFromPoint(box.left + box.width / 2, box.top + box.height / 2 + dy)
          ?.closest<HTMLElement>('.md-group > *') ?? null;
    if (!block) throw new Error('no markdown block in the middle of the view');
    const before = block.getBoundingClientRect().top;
    scroller.scrollTop -= by;
    for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
    return { moved: block.getBoundingClientRect().top - before, scrollHeight: scroller.scrollHeight };
  }, px);
}
