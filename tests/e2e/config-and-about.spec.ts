// What the user sees of the host's own state, in Chromium through the web host: a config file
// with a bad entry starts anyway and says which entry and why, Settings → Backends names how keys
// are kept, and Settings → About shows the version without reaching for the network.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { startServe, type BackendConfig } from './support/serve-process';
import { ChatPage, chatNames } from './support/chat-page';

const version = (JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version: string }).version;

test('a bad entry in the config file is named in a notice, and the good ones apply', async ({
  chat,
  fake,
  dataDir,
}) => {
  const serve = await startServe(dataDir, [
    { name: 'Fake vLLM', kind: 'openai-chat', baseUrl: fake.baseUrl, defaultModel: 'fake-chat' },
    { name: 'Broken', kind: 'openai-chat', baseUrl: 'ftp://nowhere.example/v1' },
    { name: 'Typo', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434', idleTimeout: 5 } as unknown as BackendConfig,
  ]);
  try {
    await chat.open(serve.openUrl);
    const notices = chat.page.getByRole('region', { name: 'Notices' });
    await expect(notices.getByRole('status').filter({ hasText: '"Broken"' })).toContainText(
      'was left out: Base URL must start with http:// or https://',
    );
    await expect(notices.getByRole('status').filter({ hasText: '"Typo" (backends[2])' })).toContainText('idleTimeout');
    // The good entry applied: the model list offers it, and the chat works.
    await chat.pickModel('fake-chat');
    await chat.send('Still here?');
    await chat.expectAnswerStatus('done');
  } finally {
    await serve.stop();
  }
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('a notice says why a config entry was left out in Chinese, the field named as in the file', async ({
    page,
    fake,
    dataDir,
  }) => {
    const serve = await startServe(dataDir, [
      { name: 'Fake vLLM', kind: 'openai-chat', baseUrl: fake.baseUrl, defaultModel: 'fake-chat' },
      { name: 'Quick', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434', connectTimeoutMs: 10 } as BackendConfig,
      { name: 'Typo', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434', idleTimeout: 5 } as unknown as BackendConfig,
    ]);
    try {
      await new ChatPage(page, chatNames.zh).open(serve.openUrl);
      const region = page.getByRole('region', { name: '通知' });
      const notices = region.getByRole('status');
      await expect(notices.filter({ hasText: '"Quick" (backends[1])' })).toContainText(
        '未被采用：backends[1].connectTimeoutMs：不能小于 1000。',
      );
      await expect(notices.filter({ hasText: '"Typo" (backends[2])' })).toContainText(
        '未被采用：backends[2].idleTimeout：没有这个字段。',
      );
      await expect(region).not.toContainText(/Too small|expected no such field/);
    } finally {
      await serve.stop();
    }
  });
});

test('Settings names how keys are kept, and About shows the version with no update check in the web host', async ({
  chat,
  serve,
  page,
}) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await chat.open(serve.openUrl);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
  await expect(dialog.getByText('API keys and header values: kept in a plaintext file')).toBeVisible();
  await dialog.getByRole('tab', { name: 'About' }).click();
  await expect(dialog.getByText(`Runnel ${version}`)).toBeVisible();
  await expect(dialog.getByText('Updates are not available here')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Check for updates' })).toHaveCount(0);
  // The spellcheck switch belongs to the desktop app; a browser keeps its own.
  await dialog.getByRole('tab', { name: 'Language' }).click();
  await expect(dialog.getByLabel('Check spelling as I type')).toHaveCount(0);
  const origin = new URL(serve.openUrl).origin;
  expect(requests.filter((url) => !url.startsWith(origin))).toEqual([]);
});
