// Settings end to end in Chromium through the web host: the theme (chosen, saved in main, kept
// across a reload and in a fresh browser profile, and "same as the system" following the system
// live), a backend's headers, timeouts and default parameters set in the form and seen by the
// server on the wire, and the form's Kind and HTTP version as the app's own selects.
import type { Page } from '@playwright/test';
import { refusedOrigin } from '../support/refused-port';
import { seriousViolations } from './support/axe';
import { startServe } from './support/serve-process';
import { expect, test } from './support/fixtures';
import { chooseOption, selectButton, selectValue } from './support/select-field';

const openSettings = async (page: Page, section?: string) => {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
  await expect(dialog).toBeVisible();
  if (section) await dialog.getByRole('tab', { name: section }).click();
  return dialog;
};

const rootTheme = (page: Page) => page.locator('html');
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the theme applies at once, is saved in main, and survives a reload and a new browser profile', async ({
  chat,
  serve,
  page,
  browser,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await chat.open(serve.openUrl);
  await expect(rootTheme(page)).toHaveAttribute('data-theme', 'light');
  const light = await background(page);

  const dialog = await openSettings(page, 'Appearance');
  await expect(selectValue(dialog, 'Theme')).toHaveText('Same as the system');
  await chooseOption(dialog, 'Theme', 'Dark');
  await expect(rootTheme(page)).toHaveAttribute('data-theme', 'dark');
  const dark = await background(page);
  expect(dark).not.toBe(light);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.reload();
  await expect(rootTheme(page)).toHaveAttribute('data-theme', 'dark');
  expect(await background(page)).toBe(dark);

  // A fresh profile has no local copy: the choice comes from main's database.
  const other = await browser.newContext({ colorScheme: 'light' });
  try {
    const fresh = await other.newPage();
    await fresh.goto(serve.openUrl);
    await expect(fresh.getByRole('button', { name: 'New chat' })).toBeVisible();
    await expect(fresh.locator('html')).toHaveAttribute('data-theme', 'dark');
  } finally {
    await other.close();
  }
});

test('“same as the system” follows the system’s light and dark live', async ({ chat, serve, page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await chat.open(serve.openUrl);
  await expect(rootTheme(page)).toHaveAttribute('data-theme', 'dark');
  const dark = await background(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(rootTheme(page)).toHaveAttribute('data-theme', 'light');
  expect(await background(page)).not.toBe(dark);

  // A forced theme stops following.
  const dialog = await openSettings(page, 'Appearance');
  await chooseOption(dialog, 'Theme', 'Light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(rootTheme(page)).toHaveAttribute('data-theme', 'light');
  await chooseOption(dialog, 'Theme', 'Same as the system');
  await expect(rootTheme(page)).toHaveAttribute('data-theme', 'dark');
});

test('a backend’s headers, timeouts and default parameters are set in the form and reach the server', async ({
  chat,
  serve,
  fake,
  page,
}) => {
  await chat.open(serve.openUrl);
  const dialog = await openSettings(page);
  await dialog.getByRole('button', { name: 'Edit Fake vLLM' }).click();
  const form = dialog.locator('form.backend-form');
  const headers = form.getByRole('group', { name: 'Headers' });

  await headers.getByRole('button', { name: 'Add header' }).click();
  await headers.getByLabel('Header 1', { exact: true }).fill('Host');
  await headers.getByLabel('Header 1 value', { exact: true }).fill('evil.example');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toContainText('“Host” is set by the connection itself');

  await headers.getByLabel('Header 1', { exact: true }).fill('X-Gateway-Token');
  await headers.getByLabel('Header 1 value', { exact: true }).fill('tok-e2e-123');
  await headers.getByRole('button', { name: 'Add header' }).click();
  await headers.getByLabel('Header 2', { exact: true }).fill('X-Route');
  await headers.getByLabel('Header 2 value', { exact: true }).fill('gpu-box');
  await form.getByLabel('Connect timeout').fill('45');
  await form.getByLabel('Idle timeout').fill('300');
  await form.getByLabel('Temperature').fill('0.3');
  await form.getByLabel('Max tokens').fill('77');
  await form.getByLabel('Seed').fill('5');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Saved Fake vLLM.')).toBeVisible();

  // Edited again: the names and numbers come back, the header values never do.
  await dialog.getByRole('button', { name: 'Edit Fake vLLM' }).click();
  await expect(headers.getByLabel('Header 1', { exact: true })).toHaveValue('X-Gateway-Token');
  await expect(headers.getByLabel('Header 1 value', { exact: true })).toHaveValue('');
  await expect(headers.getByLabel('Header 1 value', { exact: true })).toHaveAttribute('placeholder', /Saved/);
  await expect(form.getByLabel('Connect timeout')).toHaveValue('45');
  await expect(form.getByLabel('Idle timeout')).toHaveValue('300');
  await expect(form.getByLabel('Temperature')).toHaveValue('0.3');
  expect(await page.content()).not.toContain('tok-e2e-123');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await chat.pickModel('fake-chat');
  await chat.send('Through the gateway');
  await chat.expectAnswerStatus('done');
  const sent = fake.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!;
  expect(sent.headers['x-gateway-token']).toBe('tok-e2e-123');
  expect(sent.headers['x-route']).toBe('gpu-box');
  expect(sent.body).toMatchObject({ temperature: 0.3, max_tokens: 77, seed: 5 });
});

test('settings are organised in sections, reachable by the keyboard', async ({ chat, serve, page }) => {
  await chat.open(serve.openUrl);
  const dialog = await openSettings(page);
  const tabs = dialog.getByRole('tablist');
  await expect(tabs.getByRole('tab')).toContainText(['Backends', 'Appearance', 'Language']);
  await expect(dialog.getByRole('tab', { name: 'Backends' })).toHaveAttribute('aria-selected', 'true');
  await expect(dialog.getByRole('button', { name: 'Add backend' })).toBeVisible();
  await dialog.getByRole('tab', { name: 'Backends' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('tab', { name: 'Appearance' })).toBeFocused();
  await expect(selectButton(dialog, 'Theme')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Add backend' })).toBeHidden();
  await page.keyboard.press('ArrowDown');
  await expect(selectButton(dialog, 'Language')).toBeVisible();
});

test('“Add backend” brings the form into view with the focus in Name; Save confirms beside the button', async ({
  chat,
  fake,
  dataDir,
  page,
}) => {
  // Enough backends that the form starts below the list in a small window.
  const serve = await startServe(dataDir, [
    { name: 'Fake vLLM', kind: 'openai-chat', baseUrl: fake.baseUrl, defaultModel: 'fake-chat' },
    ...['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven'].map((n) => ({
      name: `Box ${n}`,
      kind: 'openai-chat' as const,
      baseUrl: `${refusedOrigin}/v1`,
    })),
  ]);
  try {
    await chat.open(serve.openUrl);
    const dialog = await openSettings(page);
    await page.setViewportSize({ width: 800, height: 700 });
    const name = dialog.getByRole('textbox', { name: 'Name' });
    await expect(name).not.toBeInViewport();
    await dialog.getByRole('button', { name: 'Add backend' }).click();
    await expect(name).toBeFocused();
    await expect(name).toBeInViewport();
    await page.keyboard.type('Second box');
    await dialog.getByLabel('Base URL').fill(fake.baseUrl);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    const form = dialog.locator('form.backend-form');
    await expect(form.getByText('Saved Second box.')).toBeVisible();
    // The form stays on what was saved, and the list has it.
    await expect(form.getByRole('heading', { name: 'Editing Second box' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Edit Second box' })).toBeAttached();

    // Edit too brings its form into view, focus in Name; the confirmation is gone.
    await dialog.getByRole('button', { name: 'Edit Fake vLLM' }).click();
    await expect(name).toBeFocused();
    await expect(name).toBeInViewport();
    await expect(name).toHaveValue('Fake vLLM');
    await expect(form.getByText(/^Saved/)).toHaveCount(0);
  } finally {
    await serve.stop();
  }
});

test('the backend form’s Kind and HTTP version are the app’s own selects: named, keyboard-driven, saved', async ({
  chat,
  serve,
  page,
}) => {
  await chat.open(serve.openUrl);
  const dialog = await openSettings(page);
  await dialog.getByRole('button', { name: 'Add backend' }).click();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Kobold box');
  await expect(selectValue(dialog, 'Kind')).toHaveText('OpenAI-compatible chat (openai-chat)');
  await expect(selectValue(dialog, 'HTTP version')).toHaveText('Automatic (HTTP/2 when an https server offers it)');

  // From the keyboard: the arrow opens the list, typing jumps to a kind, Enter picks it.
  await selectButton(dialog, 'Kind').focus();
  await page.keyboard.press('ArrowDown');
  const list = page.getByRole('listbox');
  await expect(list.getByRole('option')).toHaveCount(9);
  await page.keyboard.type('Kobold');
  await expect(
    list.getByRole('option', { name: 'KoboldCpp native API, prompt + chat template (koboldcpp)' }),
  ).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(list).toBeHidden();
  await expect(selectButton(dialog, 'Kind')).toBeFocused();
  await expect(selectValue(dialog, 'Kind')).toHaveText('KoboldCpp native API, prompt + chat template (koboldcpp)');
  // The kind's own fields follow the choice; their long labels wrap rather than squeezing the fields.
  await expect(
    dialog.getByRole('textbox', { name: 'Chat template (chatml, llama3, mistral, gemma, or Jinja)' }),
  ).toBeVisible();
  await page.setViewportSize({ width: 800, height: 700 });
  const url = await dialog.getByRole('textbox', { name: 'Base URL' }).boundingBox();
  expect(url!.width).toBeGreaterThan(300);

  await chooseOption(dialog, 'HTTP version', 'HTTP/1.1');
  await dialog.getByRole('textbox', { name: 'Base URL' }).fill(refusedOrigin);
  expect(await seriousViolations(page, '.backend-form')).toEqual([]);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.locator('form.backend-form').getByText('Saved Kobold box.')).toBeVisible();
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Kobold box' })).toContainText('KoboldCpp native API');

  // Saved as chosen: a new form on the saved backend shows both.
  await dialog.getByRole('button', { name: 'Add backend' }).click();
  await dialog.getByRole('button', { name: 'Edit Kobold box' }).click();
  await expect(selectValue(dialog, 'Kind')).toHaveText('KoboldCpp native API, prompt + chat template (koboldcpp)');
  await expect(selectValue(dialog, 'HTTP version')).toHaveText('HTTP/1.1');
});
