// The window's layout at a desktop size (1280×800) and a small one (800×700): the preference
// selects wide enough to show their value inside the Settings panel.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectInside, expectNoSidewaysScrolling, selectFit } from './support/layout-checks';

const sizes = [
  { width: 1280, height: 800 },
  { width: 800, height: 700 },
];

const openSettings = async (page: Page, section: string) => {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('tab', { name: section }).click();
  return dialog;
};

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
      const select = panel.getByRole('combobox', { name: field });
      const fit = await selectFit(select);
      expect(fit.width, `${field} is wide enough to read`).toBeGreaterThanOrEqual(160);
      expect(fit.fits, `${field} shows “${fit.text}” whole`).toBe(true);
      await expectInside(select, panel);
      await expectNoSidewaysScrolling(page);
      await dialog.getByRole('button', { name: 'Close' }).click();
    }
  });
}
