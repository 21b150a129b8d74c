// The model picker end to end in Chromium: a searchable combobox "Model", one section per backend
// with its server's reachability, options named "{model} — {backend}"; the first start takes the
// config file's first backend (not the alphabetical first); a chosen backend that is down is
// named by the composer before anything is sent.
import { startOpenAiChatServer, type FakeOpenAiServer } from '../servers/openai-chat-server';
import { refusedOrigin } from '../support/refused-port';
import { seriousViolations } from './support/axe';
import { startServe, type ServeProcess } from './support/serve-process';
import { expect, test } from './support/fixtures';

const running: (ServeProcess | FakeOpenAiServer)[] = [];
test.afterEach(async () => {
  for (const r of running.splice(0).reverse()) await ('stop' in r ? r.stop() : r.close());
});

async function twoBackends(dataDir: string) {
  const fake = await startOpenAiChatServer({ tokenDelayMs: 2 });
  running.push(fake);
  // "Zeta" first in the file, "Alpha" first by name.
  const serve = await startServe(dataDir, [
    { name: 'Zeta vLLM', kind: 'openai-chat', baseUrl: fake.baseUrl, defaultModel: 'fake-chat' },
    { name: 'Alpha box', kind: 'openai-chat', baseUrl: `${refusedOrigin}/v1`, defaultModel: 'gone-model' },
  ]);
  running.push(serve);
  return serve;
}

test('the first start picks the config’s first backend; the list is grouped by backend with each server’s reachability', async ({
  chat,
  dataDir,
  page,
}) => {
  const serve = await twoBackends(dataDir);
  await chat.open(serve.openUrl);
  // The top bar names model and backend.
  await expect(chat.modelPicker).toHaveValue('fake-chat — Zeta vLLM');

  await page.getByRole('button', { name: 'Show models' }).click();
  const list = chat.modelList;
  await expect(list).toBeVisible();
  const zeta = list.getByRole('group', { name: /^Zeta vLLM/ });
  const alpha = list.getByRole('group', { name: /^Alpha box/ });
  await expect(zeta).toHaveAccessibleName('Zeta vLLM Reachable');
  await expect(alpha).toHaveAccessibleName('Alpha box Unreachable');
  await expect(zeta.getByRole('option', { name: 'fake-long — Zeta vLLM' })).toBeVisible();
  await expect(zeta.getByRole('option', { name: 'fake-chat — Zeta vLLM' })).toHaveAttribute('aria-selected', 'true');
  // Alpha's server is down: its default model stands in, and why the list is short is said.
  await expect(alpha.getByRole('option', { name: 'gone-model — Alpha box' })).toBeVisible();
  await expect(alpha.getByRole('option', { disabled: true })).toContainText('Could not list models');
  // Sections follow the backends' order by name, as in Settings.
  const groups = await list
    .getByRole('group')
    .evaluateAll((els) => els.map((el) => el.getAttribute('aria-labelledby') && el.textContent?.slice(0, 9)));
  expect(groups).toEqual(['Alpha box', 'Zeta vLLM']);
  expect(await seriousViolations(page, '.model-picker', '.model-picker-popover')).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
});

test('typing filters by model or backend name, and the keyboard picks', async ({ chat, dataDir, page }) => {
  const serve = await twoBackends(dataDir);
  await chat.open(serve.openUrl);
  await expect(chat.modelPicker).toHaveValue('fake-chat — Zeta vLLM');

  await chat.modelPicker.fill('fake-rea');
  await expect(chat.modelList.getByRole('option', { name: / — / })).toHaveText(['fake-reasoning']);
  await expect(chat.modelList.getByRole('option', { name: 'fake-reasoning — Zeta vLLM' })).toBeVisible();

  await chat.modelPicker.fill('alpha');
  await expect(chat.modelList.getByRole('option', { name: 'gone-model — Alpha box' })).toBeVisible();
  await expect(chat.modelList.getByRole('group', { name: /^Zeta vLLM/ })).toHaveCount(0);

  await chat.modelPicker.fill('no such model');
  await expect(chat.modelList).toContainText('No model matches');
  await expect(chat.modelList.getByRole('option', { name: / — / })).toHaveCount(0);

  await chat.modelPicker.fill('fake-long');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(chat.modelList).toHaveCount(0);
  await expect(chat.modelPicker).toHaveValue('fake-long — Zeta vLLM');
  // Leaving the field with a half-typed filter puts the chosen name back.
  await chat.modelPicker.fill('fake-');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(chat.modelPicker).toHaveValue('fake-long — Zeta vLLM');

  await chat.send('Which model?');
  await chat.expectAnswerStatus('done');
});

test('a new chat whose remembered backend is down says so before Send, and picking another clears it', async ({
  chat,
  dataDir,
  page,
}) => {
  const serve = await twoBackends(dataDir);
  await chat.open(serve.openUrl);
  await chat.pickModel('gone-model', 'Alpha box');
  await page.reload();
  // Nothing sent yet: the notice by the composer names the backend.
  await expect(chat.modelPicker).toHaveValue('gone-model — Alpha box');
  const notice = page.getByRole('alert').filter({ hasText: 'Can’t reach “Alpha box”' });
  await expect(notice).toBeVisible();
  await expect(chat.messages).toHaveCount(0);
  await expect(chat.composer).toBeVisible();

  await chat.pickModel('fake-chat', 'Zeta vLLM');
  await expect(notice).toHaveCount(0);
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('options keep the “{model} — {backend}” names; reachability and hints are in Chinese', async ({
    dataDir,
    page,
  }) => {
    const serve = await twoBackends(dataDir);
    await page.goto(serve.openUrl);
    const picker = page.getByRole('combobox', { name: '模型' });
    await expect(picker).toHaveValue('fake-chat — Zeta vLLM');
    await page.getByRole('button', { name: '显示模型' }).click();
    const list = page.getByRole('listbox');
    await expect(list.getByRole('group', { name: /^Zeta vLLM/ })).toHaveAccessibleName('Zeta vLLM 可以连接');
    await expect(list.getByRole('group', { name: /^Alpha box/ })).toHaveAccessibleName('Alpha box 无法连接');
    await expect(list.getByRole('option', { name: 'gone-model — Alpha box' })).toBeVisible();
    await picker.fill('没有这个');
    await expect(list).toContainText('没有匹配的模型');
  });
});
