// The window's layout at a desktop size (1280×800) and a small one (800×700): the preference
// selects wide enough to show their value inside the Settings panel, and nothing scrolling
// sideways: not the empty screen, not a conversation with a long code line and a wide table, not
// Settings, with the top bar's controls all inside the window even when a backend's long note
// (its server is down) widens the model picker.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectInside, expectNoSidewaysScrolling, expectTextUncut, selectFit } from './support/layout-checks';
import { selectButton } from './support/select-field';
import { SidebarPage } from './support/sidebar-page';
import { startServe } from './support/serve-process';

const modifier = process.platform === 'darwin' ? 'Meta' : 'Control';

const sizes = [
  { width: 1280, height: 800 },
  { width: 800, height: 700 },
];

const openSettings = async (page: Page, section: string) => {
  // On a small window Settings is in the sidebar's drawer.
  const showSidebar = page.getByRole('button', { name: 'Show sidebar', exact: true });
  if (await showSidebar.isVisible()) await showSidebar.click();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('tab', { name: section }).click();
  return dialog;
};

/** A code line and a table each far wider than any window. */
const wideContent = [
  '```ts',
  `const wide = '${'x'.repeat(400)}';`,
  '```',
  '',
  `| ${Array.from({ length: 16 }, (_, i) => `column number ${i}`).join(' | ')} |`,
  `|${'---|'.repeat(16)}`,
  `| ${Array.from({ length: 16 }, (_, i) => `value ${i}`).join(' | ')} |`,
].join('\n');

for (const size of sizes) {
  test(`Theme and Language show their value inside the Settings panel at ${size.width}×${size.height}`, async ({
    chat,
    serve,
    page,
  }) => {
    await page.setViewportSize(size);
    await chat.open(serve.openUrl);
    for (const [section, field] of [
      ['Appearance', 'Theme'],
      ['Language', 'Language'],
    ] as const) {
      const dialog = await openSettings(page, section);
      const panel = dialog.getByRole('tabpanel', { name: section });
      const select = selectButton(panel, field);
      const fit = await selectFit(select);
      expect(fit.width, `${field} is wide enough to read`).toBeGreaterThanOrEqual(160);
      expect(fit.fits, `${field} shows “${fit.text}” whole`).toBe(true);
      await expectInside(select, panel);
      await expectNoSidewaysScrolling(page);
      await dialog.getByRole('button', { name: 'Close' }).click();
    }
  });
}

test('at 800×700 nothing scrolls sideways and the top bar keeps every control in the window', async ({
  chat,
  fake,
  dataDir,
  page,
}) => {
  // A backend whose server is down: its group in the model picker carries a long note.
  const serve = await startServe(dataDir, [
    { name: 'Fake vLLM', kind: 'openai-chat', baseUrl: fake.baseUrl, defaultModel: 'fake-chat' },
    { name: 'GPU box in the basement', kind: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1' },
  ]);
  try {
    await page.setViewportSize({ width: 800, height: 700 });
    await chat.open(serve.openUrl);
    await page.getByRole('button', { name: 'Show models' }).click();
    await expect(chat.modelList.getByRole('option', { name: /Could not list models/ })).toBeVisible();
    await page.keyboard.press('Escape');
    await expectNoSidewaysScrolling(page);

    await chat.send(`A wide one\n\n${wideContent}`);
    await chat.expectAnswerStatus('done');
    await expect(chat.lastAnswer.locator('table')).toBeVisible();
    await expectNoSidewaysScrolling(page);
    const controls = [
      chat.modelPicker,
      page.getByRole('button', { name: 'Conversation settings' }),
      page.getByRole('button', { name: 'Export' }),
    ];
    for (const control of controls) {
      await expect(control).toBeVisible();
      await expectInside(control, 'viewport');
    }
    await expectTextUncut(page.getByRole('button', { name: 'Export' }));
    await expectTextUncut(page.getByRole('button', { name: 'Conversation settings' }));
    // The wide parts scroll inside the answer, the table with its words whole.
    const table = chat.lastAnswer.locator('.md-table');
    expect(await table.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await expectInside(table, 'viewport');

    const dialog = await openSettings(page, 'Backends');
    await expectInside(dialog, 'viewport');
    await expectNoSidewaysScrolling(page);
  } finally {
    await serve.stop();
  }
});

for (const size of sizes) {
  test(`the Settings dialog keeps one size on every tab at ${size.width}×${size.height}`, async ({
    chat,
    serve,
    page,
  }) => {
    await page.setViewportSize(size);
    await chat.open(serve.openUrl);
    const dialog = await openSettings(page, 'Backends');
    // Measured once its opening animation (a slight scale) is over.
    await dialog.evaluate(async (el) => {
      const modal = el.closest('.modal');
      await Promise.all(modal ? modal.getAnimations().map((a) => a.finished) : []);
    });
    const tabs = dialog.getByRole('tab');
    await expect(tabs).toHaveCount(6);
    const boxes: string[] = [];
    for (const tab of await tabs.all()) {
      await tab.click();
      await expect(tab).toHaveAttribute('aria-selected', 'true');
      const box = await dialog.boundingBox();
      expect(box, 'the dialog is laid out').not.toBeNull();
      boxes.push(JSON.stringify(box));
      await expectInside(dialog, 'viewport');
      expect((box?.y ?? -1) >= 0 && (box?.y ?? 0) + (box?.height ?? 0) <= size.height).toBe(true);
    }
    expect(new Set(boxes).size, `one size on every tab: ${boxes.join(' ')}`).toBe(1);
  });
}

/**
 * Every visible control other than the notice's own that overlaps the notice's box, and whether
 * the notice itself is what the pointer meets at its centre and corners.
 */
async function coveredBy(notice: Locator): Promise<{ overlapping: string[]; hitsElsewhere: string[] }> {
  return notice.evaluate((toast) => {
    const box = toast.getBoundingClientRect();
    const controls = 'button, input, select, textarea, a[href], [role="button"], [role="combobox"], [role="tab"]';
    const overlapping: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(controls)) {
      if (toast.contains(el) || el.closest('[inert], [aria-hidden="true"]')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const overlaps = r.left < box.right && r.right > box.left && r.top < box.bottom && r.bottom > box.top;
      if (overlaps)
        overlapping.push(`${el.tagName.toLowerCase()} “${el.getAttribute('aria-label') ?? el.textContent}”`);
    }
    // Inside the rounded corners.
    const inset = 6;
    const points = [
      [box.left + box.width / 2, box.top + box.height / 2],
      [box.left + inset, box.top + inset],
      [box.right - inset, box.top + inset],
      [box.left + inset, box.bottom - inset],
      [box.right - inset, box.bottom - inset],
    ] as const;
    const hitsElsewhere = points
      .filter(([x, y]) => !toast.contains(document.elementFromPoint(x, y)))
      .map(([x, y]) => `${Math.round(x)},${Math.round(y)}`);
    return { overlapping, hitsElsewhere };
  });
}

for (const size of sizes) {
  test(`a delete’s Undo notice covers no control at ${size.width}×${size.height}`, async ({ chat, serve, page }) => {
    const sidebar = new SidebarPage(page);
    await page.setViewportSize(size);
    await chat.open(serve.openUrl);
    await chat.pickModel('fake-chat');
    for (const title of ['Keep this one', 'Delete this one']) {
      await chat.send(title);
      await chat.expectAnswerStatus('done');
      await page.keyboard.press(`${modifier}+n`);
    }
    const show = page.getByRole('button', { name: 'Show sidebar', exact: true });
    if (await show.isVisible()) await show.click();
    await sidebar.delete('Delete this one');
    const notice = page.locator('.undo-toast');
    await expect(notice).toBeVisible();
    await expect(sidebar.undoButton).toBeVisible();
    // Where the delete was made (the sidebar, or its drawer) and, once it hides, in the chat column.
    expect(await coveredBy(notice)).toEqual({ overlapping: [], hitsElsewhere: [] });
    await page.getByRole('button', { name: 'Settings', exact: true }).click({ trial: true });
    await page.getByRole('button', { name: 'Hide sidebar', exact: true }).click();
    await expect(page.getByRole('main').locator('.undo-toast')).toBeVisible();
    expect(await coveredBy(notice)).toEqual({ overlapping: [], hitsElsewhere: [] });
    await sidebar.undoButton.click();
    await expect(notice).toHaveCount(0);
  });
}

test('the message list fades under the composer, and scrolled to the bottom the last line is clear of the fade', async ({
  chat,
  serve,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-long');
  await chat.send('A long one, please');
  await chat.expectAnswerStatus('done', 30_000);
  const scroller = page.locator('.message-scroller');
  const measure = () =>
    scroller.evaluate((el) => {
      const probe = document.createElement('div');
      probe.style.height = 'var(--list-fade)';
      el.append(probe);
      const fade = probe.getBoundingClientRect().height;
      probe.remove();
      const list = el.getBoundingClientRect();
      const article = [...el.querySelectorAll('article[data-role="assistant"]')].at(-1);
      // The lowest text the answer draws: the bottom of its last line box.
      const range = document.createRange();
      const body = article?.querySelector('.markdown') ?? article;
      if (body) range.selectNodeContents(body);
      const rects = [...range.getClientRects()];
      const lastLine = Math.max(...rects.map((r) => r.bottom));
      const mask = getComputedStyle(el).maskImage || getComputedStyle(el).getPropertyValue('-webkit-mask-image');
      return {
        fade,
        mask,
        atBottom: Math.abs(el.scrollHeight - el.clientHeight - el.scrollTop) < 2,
        fadeTop: list.bottom - fade,
        lastLine,
        scrolls: el.scrollHeight > el.clientHeight,
      };
    });
  await expect.poll(async () => (await measure()).atBottom).toBe(true);
  const atBottom = await measure();
  expect(atBottom.scrolls, 'the answer is taller than the list').toBe(true);
  expect(atBottom.mask).toContain('linear-gradient');
  expect(atBottom.fade).toBeGreaterThanOrEqual(16);
  expect(atBottom.lastLine, 'the last line is above the fade').toBeLessThanOrEqual(atBottom.fadeTop);
  // The composer sits right below the faded edge.
  const composerBox = await chat.composer.boundingBox();
  expect(composerBox?.y ?? 0).toBeGreaterThanOrEqual(atBottom.fadeTop);
});

/**
 * The composer's parts as laid out: the text box on top, Attach, Tools, Compare and Send in one row
 * under it, Send at the row's right end; and Tab walks them in that order.
 */
async function expectComposerRows(page: Page, composer: Locator): Promise<void> {
  const form = page.locator('form').filter({ has: composer });
  const box = async (locator: Locator) => {
    const b = await locator.boundingBox();
    expect(b, 'laid out').not.toBeNull();
    return b!;
  };
  const text = await box(composer);
  const controls = [
    form.getByRole('button', { name: 'Attach' }),
    form.getByRole('button', { name: 'Tools' }),
    form.getByRole('button', { name: 'Compare' }),
    form.getByRole('button', { name: 'Send' }),
  ];
  const boxes = await Promise.all(controls.map(box));
  const middle = (b: { y: number; height: number }) => b.y + b.height / 2;
  for (const b of boxes) {
    // Under the text, not beside it, and all on one row.
    expect(b.y).toBeGreaterThanOrEqual(text.y + text.height - 1);
    expect(Math.abs(middle(b) - middle(boxes[0]!))).toBeLessThan(2);
  }
  // Left to right in that order, Send at the right end, level with the text box's right edge.
  for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.x).toBeGreaterThan(boxes[i - 1]!.x);
  const formBox = await box(form);
  expect(formBox.x + formBox.width - (boxes[3]!.x + boxes[3]!.width)).toBeLessThan(16);
  expect(boxes[0]!.x - formBox.x).toBeLessThan(16);
  await expectInside(form, 'viewport');

  await composer.focus();
  for (const control of controls.slice(0, 3)) {
    await page.keyboard.press('Tab');
    await expect(control).toBeFocused();
  }
}

for (const size of sizes) {
  test(`the composer keeps its text on top and its controls in a row below, empty and at the foot, at ${size.width}×${size.height}`, async ({
    chat,
    serve,
    page,
  }) => {
    await page.setViewportSize(size);
    await chat.open(serve.openUrl);
    // Empty: in the middle of the page, with starter prompts below.
    await expect(page.getByRole('group', { name: 'Starter prompts' })).toBeVisible();
    await chat.composer.fill('Some words, so Send is on');
    await expectComposerRows(page, chat.composer);
    // The Tab after Compare reaches Send, which is enabled with words in the box.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Send' })).toBeFocused();
    await page.keyboard.press('Enter');
    await chat.expectAnswerStatus('done');
    await expectNoSidewaysScrolling(page);

    // At the foot of a conversation, the same rows.
    await chat.composer.fill('More words');
    await expectComposerRows(page, chat.composer);
    const foot = (await chat.composer.boundingBox())!;
    expect(foot.y).toBeGreaterThan(size.height * 0.75);
    await expectNoSidewaysScrolling(page);
  });
}
