// Errors in plain words in Chromium through the web host, against the fake server's fault models: 401 and
// its settings button, 429/503 countdowns, Details, a skipped frame as a warning, and Chinese.
import type { Locator } from '@playwright/test';
import { ChatPage, chatNames } from './support/chat-page';
import { startServe } from './support/serve-process';
import { expect, test as base } from './support/fixtures';

// A backend with a key, so a 401 reads as the key refused (without one it says none is set).
const test = base.extend({
  serve: async ({ fake, dataDir }, use) => {
    const serve = await startServe(dataDir, [
      { name: 'Fake vLLM', kind: 'openai-chat', baseUrl: fake.baseUrl, apiKey: 'sk-wrong', defaultModel: 'fake-chat' },
    ]);
    await use(serve);
    await serve.stop();
  },
});

const details = (alert: Locator) => alert.getByRole('group', { name: 'Details' });

test('a refused key: the sentence, the server’s words, what to do, and a button to that backend’s settings', async ({
  chat,
  serve,
  page,
}) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-error-401');
  await chat.send('Who am I?');
  await chat.expectAnswerStatus('error');
  const alert = chat.lastAnswer.getByRole('alert');
  await expect(alert).toContainText('The API key was refused.');
  await expect(alert).toContainText('Incorrect API key provided');
  await expect(alert).toContainText('Check the API key in this backend’s settings.');
  // The internal code is only under Details, closed until asked for.
  await expect(alert).not.toContainText('auth', { useInnerText: true });
  await expect(alert).not.toContainText('401', { useInnerText: true });
  await details(alert).locator('summary').click();
  await expect(details(alert)).toContainText('auth');
  await expect(details(alert)).toContainText('401');

  await alert.getByRole('button', { name: 'Open “Fake vLLM” settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByRole('tab', { name: 'Backends' })).toHaveAttribute('aria-selected', 'true');
  // That backend's own form, where its key is.
  await expect(dialog.getByLabel('Name')).toHaveValue('Fake vLLM');
  await expect(dialog.getByLabel('Base URL')).toHaveValue(/127\.0\.0\.1/);
  await expect(dialog.getByLabel('API key')).toBeVisible();
});

test('too many requests: a live countdown to each retry that clears when the attempt starts, then what to do', async ({
  chat,
  serve,
}) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-error-429');
  await chat.send('Again and again');
  const alert = chat.lastAnswer.getByRole('alert');
  const timer = alert.getByRole('timer');
  await expect(timer).toHaveText(/^Trying again in 1 s$/);
  await expect(alert).toContainText('The server is busy: too many requests.');
  await expect(alert).toContainText('Runnel waits and tries again.');
  await chat.expectAnswerStatus('error');
  await expect(timer).toHaveCount(0);
  await expect(alert).toContainText('The server is busy: too many requests.');
  await expect(alert).toContainText('Too many requests');
  await expect(alert).toContainText('Wait a moment, then Regenerate.');
  await details(alert).locator('summary').click();
  await expect(details(alert)).toContainText('rate_limited');
});

test('a model still loading (503, Retry-After): the countdown shows, then clears and the answer comes', async ({
  chat,
  serve,
}) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-loading-then-ok');
  await chat.send('Are you there?');
  const timer = chat.lastAnswer.getByRole('timer');
  await expect(timer).toHaveText('Trying again in 1 s');
  await expect(chat.lastAnswer.getByRole('alert')).toContainText('The server is still loading the model.');
  await chat.expectAnswerStatus('done');
  await expect(timer).toHaveCount(0);
  await expect(chat.lastAnswer.getByRole('alert')).toHaveCount(0);
  await expect(chat.lastAnswer.locator('[data-part="content"]')).toContainText('Are you there?');
});

test('a busy server that stays busy (503), and one out of GPU memory (500): each in a sentence', async ({
  chat,
  serve,
}) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-error-503');
  await chat.send('Busy?');
  await chat.expectAnswerStatus('error');
  let alert = chat.lastAnswer.getByRole('alert');
  await expect(alert).toContainText('The server is still loading the model.');
  await expect(alert).toContainText('Loading model');
  await expect(alert.getByRole('timer')).toHaveCount(0);
  await details(alert).locator('summary').click();
  await expect(details(alert)).toContainText('server');
  await expect(details(alert)).toContainText('503');

  await chat.pickModel('fake-error-500');
  await chat.send('Load the model');
  await chat.expectAnswerStatus('error');
  alert = chat.lastAnswer.getByRole('alert');
  await expect(alert).toContainText('The server ran out of GPU memory.');
  await expect(alert).toContainText('CUDA out of memory');
  await expect(alert).toContainText('Try a smaller or more quantized model');
});

test('a malformed chunk skipped in a whole answer is a warning, not an error', async ({ chat, serve }) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-malformed');
  await chat.send('Mind the gap');
  // Stored as it ended (main keeps the protocol error, marked as frames skipped), shown as a warning.
  await chat.expectAnswerStatus('error');
  await expect(chat.lastAnswer.locator('[data-part="content"]')).not.toBeEmpty();
  const warning = chat.lastAnswer.getByRole('status').filter({ hasText: 'could not be read and was skipped' });
  await expect(warning).toContainText(
    'One piece of the answer could not be read and was skipped; the rest is complete.',
  );
  await expect(warning).toContainText('could not be read (skipped)');
  await expect(warning).toHaveAttribute('data-severity', 'warning');
  await expect(chat.lastAnswer.getByRole('alert')).toHaveCount(0);
  // Whole: nothing to continue from; it can be regenerated and copied.
  await expect(chat.lastAnswer.getByRole('button', { name: 'Continue' })).toHaveCount(0);
  await expect(chat.lastAnswer.getByRole('button', { name: 'Copy' })).toBeVisible();
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the sentence, what to do, the countdown and Details are in Chinese; the server’s words stay its own', async ({
    serve,
    page,
  }) => {
    const chat = new ChatPage(page, chatNames.zh);
    await chat.open(serve.openUrl);
    await chat.pickModel('fake-error-429', 'Fake vLLM');
    await chat.send('你好');
    const alert = chat.lastAnswer.getByRole('alert');
    await expect(alert.getByRole('timer')).toHaveText('1 秒后重试');
    await chat.expectAnswerStatus('error');
    await expect(alert).toContainText('服务器正忙：请求过多。');
    await expect(alert).toContainText('Too many requests');
    await expect(alert).toContainText('请稍等片刻');
    await expect(alert.getByRole('group', { name: '详细信息' })).toBeAttached();

    await chat.pickModel('fake-error-401', 'Fake vLLM');
    await chat.send('我是谁？');
    await chat.expectAnswerStatus('error');
    await expect(chat.lastAnswer.getByRole('alert')).toContainText('API 密钥被拒绝了。');
    await expect(chat.lastAnswer.getByRole('button', { name: '打开“Fake vLLM”的设置' })).toBeVisible();

    // Runnel's own sentence from main (frames skipped) is written in Chinese; the frame stays the server's.
    await chat.pickModel('fake-malformed', 'Fake vLLM');
    await chat.send('注意缺口');
    await chat.expectAnswerStatus('error');
    const skipped = chat.lastAnswer.getByRole('status').filter({ hasText: '无法读取的帧（已跳过）' });
    await expect(skipped).toContainText('服务器发来 1 个无法读取的帧（已跳过）：');
    await expect(skipped).not.toContainText('could not be read');
  });
});
