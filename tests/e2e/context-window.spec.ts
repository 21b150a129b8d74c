// The context window end to end in Chromium through the web host, against a llama.cpp-like fake
// with a 512-token n_ctx, a /tokenize endpoint and llama.cpp's own refusal: the "Context" meter by
// the composer (a new chat's draft system prompt included), the "Earlier messages are not sent"
// separator, "stop and ask", "Trim and retry" after a server refuses a request its reported window
// said would fit, and a tool result too large for the window.
import type { Page } from '@playwright/test';
import type { FakeContext } from '../servers/context-windows';
import { startOpenAiChatServer } from '../servers/openai-chat-server';
import { expect, test as base } from './support/fixtures';
import { testServerArgs, toolCall, ToolsSettingsPage } from './support/tools-page';

const test = base.extend<{ llamaWindow: FakeContext }>({
  llamaWindow: [{ style: 'llama.cpp', nCtx: 512 }, { option: true }],
  fake: async ({ llamaWindow }, use) => {
    const server = await startOpenAiChatServer({ tokenDelayMs: 2, context: llamaWindow });
    await use(server);
    await server.close();
  },
});

const words = (tag: string, n = 40) => Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ');
const meter = (page: Page) => page.getByRole('meter', { name: 'Context' });
const chats = (requests: { path: string }[]) => requests.filter((r) => r.path.endsWith('/chat/completions')).length;

test('the meter shows what the next request uses of the 512-token window, and where the cut falls', async ({
  chat,
  serve,
  page,
}) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  await expect(meter(page)).toHaveAttribute('aria-valuemax', '512');
  await expect(meter(page)).toHaveAttribute('aria-valuenow', '0');
  await expect(page.locator('.context-meter')).toHaveAttribute('title', /llama\.cpp \/props n_ctx/);
  // What is being written counts too.
  await chat.composer.fill(words('draft', 20));
  await expect.poll(async () => Number(await meter(page).getAttribute('aria-valuenow'))).toBeGreaterThan(20);
  await expect(page.locator('.context-meter-text')).toHaveText(/^\d+ \/ 512$/);

  for (const [i, tag] of ['a', 'b', 'c', 'd'].entries()) {
    await chat.send(words(tag));
    await expect(page.locator('article[data-role="assistant"]')).toHaveCount(i + 1);
    await chat.expectAnswerStatus('done');
  }
  const cut = page.getByRole('separator', { name: 'Earlier messages are not sent' });
  await expect(cut).toHaveCount(1);
  // The cut stands above a question, and the meter is near or at its limit without passing it.
  await expect(page.locator('.message-row').filter({ has: cut }).locator('article')).toHaveAttribute(
    'data-role',
    'user',
  );
  await expect(page.locator('.context-meter')).toHaveAttribute('data-level', 'full');
  expect(Number(await meter(page).getAttribute('aria-valuenow'))).toBeLessThanOrEqual(512);
  await expect(page.locator('.context-meter')).toHaveAttribute('title', /oldest messages? (is|are) not sent/);
});

test('a new chat’s system prompt counts before anything is sent', async ({ chat, serve, fake, page }) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  await expect(meter(page)).toHaveAttribute('aria-valuenow', '0');
  // The new conversation has no row yet: its settings are a draft until the first message.
  await page.getByRole('button', { name: 'Conversation settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Conversation settings' });
  await dialog.getByLabel('System prompt').fill(words('rule', 60));
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => Number(await meter(page).getAttribute('aria-valuenow'))).toBeGreaterThan(60);
  expect(chats(fake.requests)).toBe(0);
  // What the meter counted is what the first request carries.
  await chat.send('Hi');
  await chat.expectAnswerStatus('done');
  const first = fake.requests.find((r) => r.path.endsWith('/chat/completions'))!.body as {
    messages: { role: string; content: string }[];
  };
  expect(first.messages[0]).toEqual({ role: 'system', content: words('rule', 60) });
});

test('a tool result too large for the window ends the turn with a clear error, its call kept, no Trim and retry', async ({
  chat,
  serve,
  fake,
  page,
}) => {
  await chat.open(serve.openUrl);
  await new ToolsSettingsPage(page).addConnected({
    name: 'words',
    command: process.execPath,
    args: testServerArgs('words'),
    approval: 'Allow all calls (destructive tools still ask)',
  });
  await chat.pickModel('fake-tools');
  await chat.send('Read 700 words');
  await chat.expectAnswerStatus('error');
  const alert = chat.lastAnswer.getByRole('alert');
  await expect(alert).toContainText('The tool results are too large for the model’s context window.');
  await expect(alert).toContainText('The answer so far and its tool calls are kept.');
  await expect(alert.getByRole('button', { name: 'Trim and retry' })).toHaveCount(0);
  await expect(toolCall(chat.lastAnswer, 'words')).toBeVisible();
  // Only the first round went: the result was never sent back.
  expect(chats(fake.requests)).toBe(1);
});

test('"stop and ask" sends nothing until Trim and retry', async ({ chat, serve, fake, page }) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  await chat.send(words('a'));
  await chat.expectAnswerStatus('done');
  await page.getByRole('button', { name: 'Conversation settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Conversation settings' });
  await dialog.getByRole('radio', { name: /Stop and ask/ }).check();
  // The system prompt counts: the meter goes up once it is saved.
  const before = Number(await meter(page).getAttribute('aria-valuenow'));
  await dialog.getByLabel('System prompt').fill(words('rule', 30));
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => Number(await meter(page).getAttribute('aria-valuenow'))).toBeGreaterThan(before + 20);

  const asked = await page.locator('article[data-role="assistant"]').count();
  for (const [i, tag] of ['b', 'c', 'd', 'e'].entries()) {
    await chat.send(words(tag));
    // This send's own answer, not the one before it (which is already done).
    await expect(page.locator('article[data-role="assistant"]')).toHaveCount(asked + i + 1);
    await expect(chat.lastAnswer).toHaveAttribute('data-status', /done|error/, { timeout: 20_000 });
    if ((await chat.lastAnswer.getAttribute('data-status')) === 'error') break;
  }
  await chat.expectAnswerStatus('error');
  const alert = chat.lastAnswer.getByRole('alert');
  await expect(alert).toContainText('nothing was sent');
  const sent = chats(fake.requests);
  await alert.getByRole('button', { name: 'Trim and retry' }).click();
  await chat.expectAnswerStatus('done');
  expect(chats(fake.requests)).toBe(sent + 1);
  await expect(chat.lastAnswer.getByRole('group', { name: 'Versions' })).toContainText('2 / 2');
});

test.describe('a server whose window is smaller than it reports', () => {
  test.use({ llamaWindow: { style: 'llama.cpp', nCtx: 512, reported: 4096 } });

  test('its refusal is one clear error, the window is corrected, and Trim and retry goes through', async ({
    chat,
    serve,
    page,
  }) => {
    await chat.open(serve.openUrl);
    await chat.pickModel('fake-chat');
    await expect(meter(page)).toHaveAttribute('aria-valuemax', '4096');
    const answers = page.locator('article[data-role="assistant"]');
    for (const [i, tag] of ['a', 'b', 'c', 'd', 'e', 'f'].entries()) {
      await chat.send(words(tag, 60));
      // This send's own answer, not the one before it (which is already done).
      await expect(answers).toHaveCount(i + 1);
      await expect(chat.lastAnswer).toHaveAttribute('data-status', /done|error/, { timeout: 20_000 });
      if ((await chat.lastAnswer.getAttribute('data-status')) === 'error') break;
    }
    await chat.expectAnswerStatus('error');
    const alert = chat.lastAnswer.getByRole('alert');
    await expect(alert).toContainText('longer than the model’s context window');
    await expect(alert).toContainText('exceeds the available context size (512 tokens)');
    await expect(meter(page)).toHaveAttribute('aria-valuemax', '512');
    await expect(page.locator('.context-meter')).toHaveAttribute('title', /refusal/);
    await alert.getByRole('button', { name: 'Trim and retry' }).click();
    await chat.expectAnswerStatus('done');
    await expect(page.getByRole('separator', { name: 'Earlier messages are not sent' })).toHaveCount(1);
  });
});

test('a window set for the model in Settings wins over the server’s, and the meter says so', async ({
  chat,
  serve,
  page,
}) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  await expect(meter(page)).toHaveAttribute('aria-valuemax', '512');
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
  await dialog.getByRole('button', { name: 'Edit Fake vLLM' }).click();
  const windows = dialog.locator('form.backend-form').getByRole('group', { name: 'Context windows' });
  await windows.getByRole('button', { name: 'Add context window' }).click();
  await windows.getByLabel('Model 1', { exact: true }).fill('fake-chat');
  await windows.getByLabel('Model 1 context window (tokens)').fill('100');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.locator('form.backend-form').getByRole('alert')).toContainText('256 or more');
  await windows.getByLabel('Model 1 context window (tokens)').fill('400');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Saved Fake vLLM.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toBeHidden();
  await chat.composer.fill('x');
  await expect(meter(page)).toHaveAttribute('aria-valuemax', '400');
  await expect(page.locator('.context-meter')).toHaveAttribute('title', /set by you/);
});
