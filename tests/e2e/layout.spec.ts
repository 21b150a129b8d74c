// The window's layout at a desktop size (1280×800) and a small one (800×700): the preference
// selects wide enough to show their value inside the Settings panel, and nothing scrolling
// sideways: not the empty screen, not a conversation with a long code line and a wide table, not
// Settings, with the top bar's controls all inside the window even when a backend's long note
// (its server is down) widens the model picker.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectInside, expectNoSidewaysScrolling, expectTextUncut, selectFit } from './support/layout-checks';
import { selectButton } from './support/select-field';
import { startServe } from './support/serve-process';

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
    await expect(chat.modelPicker.locator('option', { hasText: 'Could not list models' })).toBeAttached();
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
