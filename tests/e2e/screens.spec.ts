// Screenshot comparisons of the main screens: the empty window, a finished answer with code, a
// table and math, an answer that failed, Settings on each tab, and search results; at 1280×800 and
// 800×700, light and dark, English and Chinese. What changes from run to run is masked: the
// figures line (times and speeds), the fake server's address (a new port each run), a search
// hit's date, the data folder's path and size.
// The baselines were made on Linux with Debian's Chromium and fonts (fonts-noto-cjk for Chinese,
// Inter and JetBrains Mono bundled); elsewhere the pixels differ, so the test says so and skips.
import type { Locator, Page } from '@playwright/test';
import { ChatPage, chatNames } from './support/chat-page';
import { findChromium } from './support/find-chromium';
import { expect, test } from './support/fixtures';

test.describe.configure({ timeout: 180_000 });
const browser = findChromium();
test.skip(
  process.platform !== 'linux' || browser !== '/usr/bin/chromium',
  `the screenshot baselines were made with Debian's Chromium (/usr/bin/chromium) on Linux; this run uses ${browser} on ${process.platform}`,
);

const answer = [
  'Here is **the summary**, with $E = mc^2$ inline:',
  '',
  '| server | framing | HTTP |',
  '|---|---|---|',
  '| vLLM | SSE | 1.1 |',
  '| Ollama | NDJSON | 1.1 |',
  '',
  '```python',
  'def area(r: float) -> float:',
  '    return 3.14159 * r ** 2',
  '```',
  '',
  '$$\\int_0^1 x^2 \\, dx = \\frac{1}{3}$$',
].join('\n');

const sizes = [
  { width: 1280, height: 800 },
  { width: 800, height: 700 },
] as const;

/** The parts that differ between runs of the same screen. */
const masked = (page: Page, dialogOpen: boolean): Locator[] => [
  // Behind an open dialog the figures are hidden anyway; a mask would be drawn over the dialog.
  // The figures' whole row: the action icons after them move with the figures' width.
  ...(dialogOpen ? [] : [page.locator('[data-part="metrics"]').locator('xpath=..')]),
  page.locator('.backend-detail'),
  // A hit's date (today's, so it changes with the day the test runs).
  page.locator('.search-hit-meta'),
  // The data folder and database file (a new temporary folder each run), and the database's size.
  page.locator('.transfer-settings .data-path'),
  page.locator('.transfer-settings .data-path').locator('xpath=..'),
];

async function shot(page: Page, name: string, dialogOpen = false): Promise<void> {
  // Fonts in, nothing moving, no pointer hovering anything.
  await page.evaluate(() => document.fonts.ready);
  await page.mouse.move(0, 0);
  await expect(page).toHaveScreenshot(`${name}.png`, {
    animations: 'disabled',
    caret: 'hide',
    mask: masked(page, dialogOpen),
    maxDiffPixels: 50,
  });
}

for (const locale of ['en-US', 'zh-CN'] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    for (const size of sizes) {
      const tag = `${size.width}-${scheme}-${locale === 'en-US' ? 'en' : 'zh'}`;
      test.describe(tag, () => {
        test.use({ locale, colorScheme: scheme, viewport: size, reducedMotion: 'reduce' });

        test(`the main screens look as they did (${size.width}×${size.height}, ${scheme}, ${locale})`, async ({
          page,
          serve,
        }) => {
          const chat = new ChatPage(page, locale === 'en-US' ? chatNames.en : chatNames.zh);
          await chat.open(serve.openUrl);
          await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
          await chat.pickModel('fake-chat', 'Fake vLLM');
          await shot(page, `${tag}-empty`);

          await chat.send(answer);
          await chat.expectAnswerStatus('done');
          await expect(chat.lastAnswer.locator('.katex').first()).toBeVisible();
          await chat.composer.blur();
          await shot(page, `${tag}-answer`);

          await chat.pickModel('fake-error-500', 'Fake vLLM');
          await chat.send('This one fails');
          await chat.expectAnswerStatus('error');
          await expect(chat.lastAnswer.getByRole('alert')).toBeVisible();
          await chat.composer.blur();
          await shot(page, `${tag}-error`);

          await page.keyboard.press('Control+,');
          const dialog = page.getByRole('dialog').filter({ has: page.getByRole('tablist') });
          await expect(dialog).toBeVisible();
          const tabs = dialog.getByRole('tab');
          const count = await tabs.count();
          for (let i = 0; i < count; i++) {
            await tabs.nth(i).click();
            await expect(tabs.nth(i)).toHaveAttribute('aria-selected', 'true');
            await shot(page, `${tag}-settings-${i + 1}`, true);
          }
          await page.keyboard.press('Escape');
          await expect(dialog).toBeHidden();

          await page.keyboard.press('Control+k');
          // The shortcut focuses the box a frame later (after showing a hidden sidebar).
          const box = page.getByRole('searchbox');
          await expect(box).toBeFocused();
          await box.fill('area');
          // The last keystroke's results, not an earlier prefix's: every hit marks "area".
          const marks = page.locator('.search-hit-snippet mark');
          await expect(marks.first()).toBeVisible();
          await expect(async () => {
            const texts = await marks.allTextContents();
            expect(texts.length).toBeGreaterThan(0);
            expect(texts.every((t) => t.toLowerCase() === 'area')).toBe(true);
          }).toPass();
          await expect(page.locator('.search-results .sidebar-more')).toHaveCount(0);
          await shot(page, `${tag}-search`);
        });
      });
    }
  }
}
