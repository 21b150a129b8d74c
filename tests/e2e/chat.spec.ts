// The walking skeleton end to end: a real Chromium on the real renderer, through the local web
// host, against a fake server speaking vLLM's wire format.
import { expectedText } from '../servers/openai-chat-server';
import { startServe } from './support/serve-process';
import { expect, test } from './support/fixtures';
import { chooseOption } from './support/select-field';

test('an answer streams in progressively, ends done, and survives a reload and a restart', async ({
  chat,
  serve,
  dataDir,
  fake,
  page,
}) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-long');
  await chat.send('Hello Runnel');

  const states = await chat.watchAnswer();
  const expected = expectedText('fake-long', 'Hello Runnel');
  // Several visible states before the end, each a prefix of the next: it streamed, not all at once.
  expect(states.length).toBeGreaterThanOrEqual(5);
  for (let i = 1; i < states.length; i++) expect(states[i]!.startsWith(states[i - 1]!.slice(0, 20))).toBe(true);
  await chat.expectAnswerStatus('done');
  await expect(chat.lastAnswer).toContainText('Echo: Hello Runnel');
  await expect(chat.conversations.getByRole('button', { name: 'Hello Runnel' })).toBeVisible();
  const finalText = await chat.lastAnswer.locator('[data-part="content"]').innerText();
  expect(finalText.replace(/\s+/g, ' ').trim().length).toBeGreaterThan(expected.length / 2);

  await page.reload();
  await chat.openConversation('Hello Runnel');
  await chat.expectAnswerStatus('done');
  await expect(chat.lastAnswer.locator('[data-part="content"]')).toHaveText(finalText, { useInnerText: true });

  await serve.stop();
  const again = await startServe(dataDir, [{ name: 'Fake vLLM', kind: 'openai-chat', baseUrl: fake.baseUrl }]);
  try {
    await chat.open(again.openUrl);
    await chat.openConversation('Hello Runnel');
    await chat.expectAnswerStatus('done');
    await expect(chat.lastAnswer.locator('[data-part="content"]')).toHaveText(finalText, { useInnerText: true });
    await expect(chat.messages.first()).toHaveAttribute('data-role', 'user');
  } finally {
    await again.stop();
  }
});

test('Stop closes the upstream request, which the server sees, and keeps the partial answer', async ({
  chat,
  serve,
  fake,
  page,
}) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-endless');
  await chat.send('Never stop');
  await expect(chat.lastAnswer.locator('[data-part="content"]')).not.toBeEmpty();
  const aborted = fake.nextClientAbort();
  await chat.stop();
  const seen = await aborted;
  expect(seen.model).toBe('fake-endless');
  await chat.expectAnswerStatus('cancelled');
  const partial = await chat.lastAnswer.locator('[data-part="content"]').innerText();
  expect(partial.length).toBeGreaterThan(0);

  await page.reload();
  await chat.openConversation('Never stop');
  await chat.expectAnswerStatus('cancelled');
  await expect(chat.lastAnswer.locator('[data-part="content"]')).toHaveText(partial, { useInnerText: true });
});

test('a server error is shown inside the message with the server’s own words', async ({ chat, serve }) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-error-500');
  await chat.send('Load the model');
  await chat.expectAnswerStatus('error');
  await expect(chat.lastAnswer.getByRole('alert')).toContainText('CUDA out of memory while loading the model');
});

test('a backend is added in settings, tested, saved, and its models offered', async ({ chat, fake, dataDir, page }) => {
  const serve = await startServe(dataDir);
  try {
    await chat.open(serve.openUrl);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('button', { name: 'Add backend' }).click();
    await page.getByLabel('Name').fill('My llama.cpp');
    await chooseOption(page, 'Kind', 'OpenAI-compatible chat (openai-chat)');
    await page.getByLabel('Base URL').fill(fake.baseUrl);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByRole('dialog', { name: 'Settings' }).getByRole('status')).toContainText('fake-chat');
    await page.getByLabel('Default model').fill('fake-chat');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Close' }).click();
    await chat.pickModel('fake-reasoning');
    await chat.send('Think first');
    await chat.expectAnswerStatus('done');
    await expect(chat.lastAnswer.getByRole('group', { name: 'Reasoning' })).toBeVisible();
  } finally {
    await serve.stop();
  }
});

test('model output is rendered as markdown without executing raw HTML', async ({ chat, serve, page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  await chat.send('<img src=x onerror=alert(1)> **bold**');
  await chat.expectAnswerStatus('done');
  // The echoed HTML is shown as text, never as an element.
  await expect(chat.lastAnswer).toContainText('<img src=x onerror=alert(1)>');
  await expect(chat.lastAnswer.locator('img')).toHaveCount(0);
  await expect(chat.lastAnswer.locator('strong', { hasText: 'bold' })).toBeVisible();
  await expect(chat.lastAnswer.locator('pre code')).toBeVisible();
  expect(dialogs).toEqual([]);
});
