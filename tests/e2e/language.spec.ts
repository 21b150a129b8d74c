// Languages end to end in Chromium through the web host: the system's language picks the default
// (Playwright's `locale` sets navigator.languages), a choice in settings overrides it, is saved in
// main (a fresh browser profile gets it too), and sets the document's `lang`.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { chooseOption, selectValue } from './support/select-field';

const settingsButton = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

async function chooseLanguage(page: Page, settingsName: string, tabName: string, language: string): Promise<void> {
  await settingsButton(page, settingsName).click();
  const dialog = page.getByRole('dialog', { name: settingsName, exact: true });
  await dialog.getByRole('tab', { name: tabName }).click();
  await chooseOption(dialog, tabName, language);
}

test.describe('on an English system', () => {
  test.use({ locale: 'en-US' });

  test('switching to Chinese shows Chinese labels at once, and it stays after a reload and in a new profile', async ({
    serve,
    page,
    browser,
  }) => {
    await page.goto(serve.openUrl);
    await expect(settingsButton(page, 'Settings')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    await chooseLanguage(page, 'Settings', 'Language', '简体中文');
    const dialog = page.getByRole('dialog', { name: '设置', exact: true });
    await expect(dialog.getByRole('heading', { name: '设置' })).toBeVisible();
    await expect(dialog.getByRole('tab')).toContainText(['后端', '外观', '语言']);
    await expect(selectValue(dialog, '语言')).toHaveText('简体中文');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
    await dialog.getByRole('tab', { name: '后端' }).click();
    await expect(dialog.getByRole('button', { name: '添加后端' })).toBeVisible();
    await expect(dialog.getByText('基础 URL', { exact: true })).toBeVisible();
    await expect(dialog.getByRole('button', { name: '测试连接' })).toBeVisible();
    await dialog.getByRole('button', { name: '关闭' }).click();
    await expect(page.getByRole('combobox', { name: '模型' })).toBeVisible();

    await page.reload();
    await expect(settingsButton(page, '设置')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');

    const other = await browser.newContext({ locale: 'en-US' });
    try {
      const fresh = await other.newPage();
      await fresh.goto(serve.openUrl);
      await expect(settingsButton(fresh, '设置')).toBeVisible();
    } finally {
      await other.close();
    }

    await chooseLanguage(page, '设置', '语言', '跟随系统（English）');
    await expect(settingsButton(page, 'Settings')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});

test.describe('on a Chinese system', () => {
  test.use({ locale: 'zh-CN' });

  test('the system language is the default, and a choice in settings overrides it', async ({ serve, page }) => {
    await page.goto(serve.openUrl);
    await expect(settingsButton(page, '设置')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
    await expect(page.getByRole('combobox', { name: '模型' })).toBeVisible();

    await settingsButton(page, '设置').click();
    const dialog = page.getByRole('dialog', { name: '设置', exact: true });
    await dialog.getByRole('tab', { name: '语言' }).click();
    await expect(selectValue(dialog, '语言')).toHaveText('跟随系统（简体中文）');

    await chooseOption(dialog, '语言', 'English');
    await expect(page.getByRole('dialog', { name: 'Settings', exact: true })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByRole('button', { name: 'Close' }).click();

    await page.reload();
    await expect(settingsButton(page, 'Settings')).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Model' })).toBeVisible();
  });
});
