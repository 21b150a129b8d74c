// Conversation settings and presets end to end in Chromium through the web host: the system
// prompt and parameters set in the panel reach the request the fake server receives, are kept
// across a reload, are checked before saving, work with the server gone, and presets start a new
// chat with their prompt and parameters.
import type { Page } from '@playwright/test';
import type { RecordedRequest } from '../servers/openai-chat-server';
import { expect, test } from './support/fixtures';
import { chooseOption, selectButton, selectValue } from './support/select-field';

type ChatBody = { messages: { role: string; content: string }[]; [key: string]: unknown };
const lastChat = (requests: RecordedRequest[]) =>
  requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)?.body as ChatBody;

const panel = (page: Page) => page.getByRole('dialog', { name: 'Conversation settings' });

async function openPanel(page: Page) {
  await page.getByRole('button', { name: 'Conversation settings' }).click();
  await expect(panel(page)).toBeVisible();
  return panel(page);
}

test('the settings of a conversation reach every request of it and survive a reload', async ({
  chat,
  serve,
  fake,
  page,
}) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  await chat.send('Hello');
  await chat.expectAnswerStatus('done');
  expect(lastChat(fake.requests).messages.map((m) => m.role)).toEqual(['user']);

  let dialog = await openPanel(page);
  await dialog.getByLabel('System prompt').fill('You are terse.');
  await dialog.getByLabel('Temperature').fill('0.3');
  await dialog.getByLabel('Top P').fill('0.9');
  await dialog.getByLabel('Max tokens').fill('256');
  await dialog.getByLabel('Seed').fill('7');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();

  await chat.send('Again');
  await chat.expectAnswerStatus('done');
  const body = lastChat(fake.requests);
  expect(body.messages[0]).toEqual({ role: 'system', content: 'You are terse.' });
  expect(body.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
  expect(body).toMatchObject({ temperature: 0.3, top_p: 0.9, max_tokens: 256, seed: 7 });

  // Regenerating uses them too.
  await chat.lastAnswer.getByRole('button', { name: 'Regenerate' }).click();
  await expect(chat.lastAnswer.getByRole('group', { name: 'Versions' })).toContainText('2 / 2');
  await chat.expectAnswerStatus('done');
  expect(lastChat(fake.requests)).toMatchObject({ temperature: 0.3, seed: 7 });

  await page.reload();
  await chat.openConversation('Hello');
  dialog = await openPanel(page);
  await expect(dialog.getByLabel('System prompt')).toHaveValue('You are terse.');
  await expect(dialog.getByLabel('Temperature')).toHaveValue('0.3');
  await expect(dialog.getByLabel('Max tokens')).toHaveValue('256');

  // Out of range: said next to the field, nothing saved.
  await dialog.getByLabel('Temperature').fill('9');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toContainText('Enter a number from 0 to 5.');
  await expect(dialog.getByLabel('Temperature')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).first().click();
  dialog = await openPanel(page);
  await expect(dialog.getByLabel('Temperature')).toHaveValue('0.3');
});

test('presets are saved, renamed and deleted in the panel, and start a new chat with their settings', async ({
  chat,
  serve,
  fake,
  page,
}) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  // No presets yet: no picker.
  await expect(selectButton(page, 'Preset')).toHaveCount(0);

  const dialog = await openPanel(page);
  await dialog.getByLabel('System prompt').fill('Answer like a pirate.');
  await dialog.getByLabel('Temperature').fill('1.1');
  await dialog.getByRole('button', { name: 'Save as preset' }).click();
  await dialog.getByLabel('Preset name').fill('Pirate');
  await dialog.getByRole('button', { name: 'Save preset' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Saved preset “Pirate”.');
  const presets = dialog.getByRole('listitem');
  await expect(presets).toHaveCount(1);

  await dialog.getByRole('button', { name: 'Rename Pirate' }).click();
  await dialog.getByLabel('Preset name').fill('Corsair');
  await dialog.getByRole('button', { name: 'Save name' }).click();
  await expect(dialog.getByRole('listitem', { name: 'Corsair' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Start a new chat from it: its prompt and parameters go with the first message.
  await chooseOption(page, 'Preset', 'Corsair');
  await chat.send('Ahoy');
  await chat.expectAnswerStatus('done');
  expect(lastChat(fake.requests)).toMatchObject({
    messages: [
      { role: 'system', content: 'Answer like a pirate.' },
      { role: 'user', content: 'Ahoy' },
    ],
    temperature: 1.1,
  });
  // The conversation keeps them as its own settings.
  let opened = await openPanel(page);
  await expect(opened.getByLabel('System prompt')).toHaveValue('Answer like a pirate.');
  await expect(opened.getByLabel('Temperature')).toHaveValue('1.1');
  await opened.getByRole('button', { name: 'Close' }).click();

  // A plain new chat starts without it.
  await page.getByRole('button', { name: 'New chat' }).click();
  await expect(selectValue(page, 'Preset')).toHaveText('No preset');
  await chat.send('Plain');
  await chat.expectAnswerStatus('done');
  expect(lastChat(fake.requests).messages.map((m) => m.role)).toEqual(['user']);

  opened = await openPanel(page);
  await opened.getByRole('button', { name: 'Delete Corsair' }).click();
  await expect(opened.getByRole('status')).toHaveText('Deleted preset “Corsair”.');
  await expect(opened).toContainText('No presets yet.');
  await opened.getByRole('button', { name: 'Close' }).click();
  await expect(selectButton(page, 'Preset')).toHaveCount(0);
});

test('settings and presets are kept locally with the server gone', async ({ chat, serve, fake, page }) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  await chat.send('Before the outage');
  await chat.expectAnswerStatus('done');
  await fake.close();

  let dialog = await openPanel(page);
  await dialog.getByLabel('System prompt').fill('Offline prompt');
  await dialog.getByLabel('Seed').fill('99');
  await dialog.getByRole('button', { name: 'Save as preset' }).click();
  await dialog.getByLabel('Preset name').fill('Offline');
  await dialog.getByRole('button', { name: 'Save preset' }).click();
  await expect(dialog.getByRole('listitem', { name: 'Offline' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();

  await page.reload();
  await chat.openConversation('Before the outage');
  dialog = await openPanel(page);
  await expect(dialog.getByLabel('System prompt')).toHaveValue('Offline prompt');
  await expect(dialog.getByLabel('Seed')).toHaveValue('99');
  await expect(dialog.getByRole('listitem', { name: 'Offline' })).toBeVisible();
});
