// Test connection in Settings → Backends: a success reads as one (server, latency, model count, the
// chat, the models in a list); each saved backend has its own button, with the result and a
// reachability dot on its row, which names its kind in words and its model count once known; and a custom WebSocket gateway with no Models URL, which cannot list
// models, runs the same one-token chat as every other kind when it has a default model.
import type { Page } from '@playwright/test';
import { FAKE_MODELS } from '../servers/openai-chat-server';
import { gatewayOptions, startWebSocketJsonServer } from '../servers/websocket-json-server';
import { refusedOrigin } from '../support/refused-port';
import { seriousViolations } from './support/axe';
import { startServe } from './support/serve-process';
import { expect, test } from './support/fixtures';

test('websocket-json: Test connection with a default model and no Models URL answers through the chat', async ({
  chat,
  dataDir,
  page,
}) => {
  const gateway = await startWebSocketJsonServer();
  const serve = await startServe(dataDir, [
    {
      name: 'My gateway',
      kind: 'websocket-json',
      baseUrl: gateway.baseUrl,
      defaultModel: 'fake-chat',
      options: { ...gatewayOptions },
    },
  ]);
  try {
    await chat.open(serve.openUrl);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
    await dialog.getByRole('button', { name: 'Edit My gateway' }).click();
    await dialog.getByRole('button', { name: 'Test connection', exact: true }).click();
    const status = dialog.getByRole('status');
    await expect(status).toContainText('The connection works');
    await expect(status).toContainText('fake-chat answered in');
    await expect(status).not.toContainText('Models URL');
    await expect(status).not.toHaveClass(/test-failed/);

    // The row's own button tests the saved settings the same way.
    await dialog.getByRole('button', { name: 'Test connection to My gateway' }).click();
    const row = dialog.getByRole('listitem').filter({ hasText: 'My gateway' });
    await expect(row).toContainText(/0 models · \d+ ms/);
    await expect(row).not.toContainText('Models URL');
  } finally {
    await serve.stop();
    await gateway.close();
  }
});

const openBackends = async (page: Page) => {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  return page.getByRole('dialog', { name: 'Settings', exact: true });
};

test('a successful test reads as success: server, latency, model count, the chat, and the models in a list', async ({
  chat,
  serve,
  page,
}) => {
  await chat.open(serve.openUrl);
  const dialog = await openBackends(page);
  await dialog.getByRole('button', { name: 'Edit Fake vLLM' }).click();
  await dialog.getByRole('button', { name: 'Test connection', exact: true }).click();
  const status = dialog.getByRole('status');
  await expect(status).toContainText('The connection works');
  await expect(status).toHaveClass(/test-ok/);
  const facts = status.getByRole('term');
  await expect(facts).toHaveText(['Server', 'Latency', 'Models', 'Chat']);
  await expect(status.getByRole('definition').nth(1)).toHaveText(/^\d+ ms$/);
  await expect(status.getByRole('definition').nth(2)).toHaveText(`${FAKE_MODELS.length} models`);
  await expect(status.getByRole('definition').nth(3)).toHaveText(/^fake-chat answered in \d+ ms$/);
  const models = status.getByRole('list', { name: 'Models the server lists' });
  await expect(models.getByRole('listitem')).toHaveText(FAKE_MODELS.map((m) => m.id));
  expect(await seriousViolations(page, '.backend-list', '.backend-form .test-result')).toEqual([]);
});

test('each backend has a reachability dot and its own Test connection, with the result on its row', async ({
  chat,
  fake,
  dataDir,
  page,
}) => {
  const serve = await startServe(dataDir, [
    { name: 'Fake vLLM', kind: 'openai-chat', baseUrl: fake.baseUrl, defaultModel: 'fake-chat' },
    { name: 'Basement box', kind: 'openai-chat', baseUrl: `${refusedOrigin}/v1` },
  ]);
  try {
    await chat.open(serve.openUrl);
    const dialog = await openBackends(page);
    const row = (name: string) => dialog.getByRole('listitem').filter({ hasText: name });
    // The dot's words are there for screen readers.
    await expect(row('Fake vLLM').locator('.reach')).toHaveAttribute('data-reach', 'reachable');
    await expect(row('Fake vLLM')).toContainText('Fake vLLM Reachable');
    await expect(row('Basement box').locator('.reach')).toHaveAttribute('data-reach', 'unreachable');
    await expect(row('Basement box')).toContainText('Basement box Unreachable');

    await dialog.getByRole('button', { name: 'Test connection to Fake vLLM' }).click();
    await expect(row('Fake vLLM').locator('.backend-test-line')).toHaveText(
      new RegExp(`· ${FAKE_MODELS.length} models · \\d+ ms$`),
    );
    await dialog.getByRole('button', { name: 'Test connection to Basement box' }).click();
    await expect(row('Basement box').locator('.backend-test-line')).toHaveAttribute('data-state', 'failed');
    await expect(row('Basement box').locator('.backend-test-line')).toContainText('connection refused');
    // Runnel's own code for it is not in the sentence; the form keeps it under Details.
    await expect(row('Basement box').locator('.backend-test-line')).not.toContainText('(connect)');
    expect(await seriousViolations(page, '.backend-list')).toEqual([]);
    // The form's own status is untouched by the rows' tests.
    await expect(dialog.getByRole('status')).toHaveText('');
    await dialog.getByRole('button', { name: 'Edit Basement box' }).click();
    await dialog.getByRole('button', { name: 'Test connection', exact: true }).click();
    const status = dialog.getByRole('status');
    await expect(status).toContainText('The connection does not work');
    await expect(status.locator('.test-reason')).toContainText('connection refused');
    await expect(status.locator('.test-reason')).not.toContainText('(connect)');
    await status.getByText('Details', { exact: true }).click();
    await expect(status.locator('details code')).toHaveText('connect');
  } finally {
    await serve.stop();
  }
});

test('each row names its backend’s kind in words and, once known, how many models it serves', async ({
  chat,
  fake,
  dataDir,
  page,
}) => {
  const serve = await startServe(dataDir, [
    { name: 'Fake vLLM', kind: 'openai-chat', baseUrl: fake.baseUrl, defaultModel: 'fake-chat' },
    { name: 'Basement Ollama', kind: 'ollama', baseUrl: refusedOrigin },
  ]);
  try {
    await chat.open(serve.openUrl);
    // The picker has listed the models before Settings opens; the rows use that list.
    await expect(chat.modelPicker).toHaveValue('fake-chat — Fake vLLM');
    const dialog = await openBackends(page);
    const row = (name: string) => dialog.getByRole('listitem').filter({ hasText: name });
    // (The dot between them is drawn by CSS, with no text for screen readers.)
    await expect(row('Fake vLLM')).toContainText(`OpenAI-compatible chat${FAKE_MODELS.length} models`);
    await expect(row('Fake vLLM').getByText('OpenAI-compatible chat', { exact: true })).toHaveAttribute(
      'title',
      'openai-chat',
    );
    // No test has run: the count is the picker's, and the raw id is no longer the row's text.
    await expect(row('Fake vLLM').locator('.backend-test-line')).toHaveCount(0);
    await expect(row('Fake vLLM')).not.toContainText('openai-chat');
    // A server that cannot be reached has said nothing about its models: no count, not "0 models".
    await expect(row('Basement Ollama')).toContainText('Ollama native API');
    await expect(row('Basement Ollama').locator('.reach')).toHaveAttribute('data-reach', 'unreachable');
    await expect(row('Basement Ollama')).not.toContainText('models');
    expect(await seriousViolations(page, '.backend-list')).toEqual([]);
  } finally {
    await serve.stop();
  }
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the success and its facts are in Chinese', async ({ serve, page }) => {
    await page.goto(serve.openUrl);
    await page.getByRole('button', { name: '设置', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '设置', exact: true });
    await dialog.getByRole('button', { name: '编辑 Fake vLLM' }).click();
    await dialog.getByRole('button', { name: '测试连接', exact: true }).click();
    const status = dialog.getByRole('status');
    await expect(status).toContainText('连接正常');
    await expect(status.getByRole('term')).toHaveText(['服务器', '延迟', '模型', '聊天']);
    await expect(status.getByRole('definition').nth(2)).toHaveText(`${FAKE_MODELS.length} 个模型`);
    await expect(status.getByRole('list', { name: '服务器列出的模型' }).getByRole('listitem').first()).toHaveText(
      'fake-chat',
    );
    // The row names the kind and the model count in Chinese too.
    const row = dialog.getByRole('listitem').filter({ hasText: 'Fake vLLM' });
    await expect(row).toContainText(`OpenAI 兼容的聊天接口${FAKE_MODELS.length} 个模型`);
  });

  test('a failure gives its reason in Chinese, in the form and on the row', async ({ dataDir, page }) => {
    const serve = await startServe(dataDir, [
      { name: 'Basement box', kind: 'openai-chat', baseUrl: `${refusedOrigin}/v1` },
    ]);
    try {
      await page.goto(serve.openUrl);
      await page.getByRole('button', { name: '设置', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: '设置', exact: true });
      await dialog.getByRole('button', { name: '测试与 Basement box 的连接' }).click();
      const line = dialog.getByRole('listitem').filter({ hasText: 'Basement box' }).locator('.backend-test-line');
      await expect(line).toContainText('上没有服务在监听（连接被拒绝）。服务器在运行吗？');
      await dialog.getByRole('button', { name: '编辑 Basement box' }).click();
      await dialog.getByRole('button', { name: '测试连接', exact: true }).click();
      const reason = dialog.getByRole('status').locator('.test-reason');
      await expect(reason).toContainText('上没有服务在监听（连接被拒绝）');
      await expect(reason).not.toContainText('connection refused');
    } finally {
      await serve.stop();
    }
  });
});
