// Versions end to end in Chromium through the web host: editing a message starts a new branch,
// Regenerate adds "2 / 2", Previous/Next version bring the rest of the conversation along (and the
// choice survives a reload), and Continue after Stop resumes the same answer.
import type { Locator } from '@playwright/test';
import { expectedText } from '../servers/openai-chat-server';
import { expect, test } from './support/fixtures';

const content = (article: Locator) => article.locator('[data-part="content"]');

test('editing a message starts a new branch; Previous/Next version move the rest of the conversation', async ({
  chat,
  serve,
  page,
}) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  await chat.send('First question');
  await chat.expectAnswerStatus('done');
  await chat.send('Second question');
  await chat.expectAnswerStatus('done');
  await expect(chat.messages).toHaveCount(4);

  const first = chat.messages.first();
  await first.getByRole('button', { name: 'Edit', exact: true }).click();
  const editor = first.getByRole('textbox', { name: 'Edit message' });
  await expect(editor).toHaveValue('First question');
  await editor.fill('First question, reworded');
  // Edit resends: its button says Send.
  await first.getByRole('button', { name: 'Send', exact: true }).click();

  // The new branch: the edited question and a new answer; the old follow-up is not shown.
  await chat.expectAnswerStatus('done');
  await expect(chat.messages).toHaveCount(2);
  await expect(chat.messages.first()).toContainText('First question, reworded');
  await expect(chat.lastAnswer).toContainText('Echo: First question, reworded');
  await expect(chat.messages.first().getByRole('group', { name: 'Versions' })).toContainText('2 / 2');

  await chat.messages.first().getByRole('button', { name: 'Previous version' }).click();
  await expect(chat.messages).toHaveCount(4);
  await expect(content(chat.messages.nth(0))).toHaveText('First question');
  await expect(content(chat.messages.nth(2))).toHaveText('Second question');
  await expect(chat.lastAnswer).toContainText('Echo: Second question');
  await expect(chat.messages.first().getByRole('group', { name: 'Versions' })).toContainText('1 / 2');
  await expect(chat.messages.first().getByRole('button', { name: 'Previous version' })).toBeDisabled();

  // The branch shown is stored: a reload opens it again.
  await page.reload();
  await chat.openConversation('First question');
  await expect(chat.messages).toHaveCount(4);
  await expect(content(chat.messages.nth(2))).toHaveText('Second question');

  await chat.messages.first().getByRole('button', { name: 'Next version' }).click();
  await expect(chat.messages).toHaveCount(2);
  await expect(content(chat.messages.first())).toHaveText('First question, reworded');
  await expect(chat.messages.first().getByRole('button', { name: 'Next version' })).toBeDisabled();
});

test('Regenerate adds a version of the answer: "2 / 2", and Previous version shows the first again', async ({
  chat,
  serve,
}) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  await chat.send('Tell me something');
  await chat.expectAnswerStatus('done');
  await expect(chat.lastAnswer).not.toContainText('A longer answer');

  // A different model writes the new version, so the two can be told apart.
  await chat.pickModel('fake-long');
  await chat.lastAnswer.getByRole('button', { name: 'Regenerate' }).click();
  await chat.expectAnswerStatus('streaming');
  await chat.expectAnswerStatus('done');
  await expect(chat.messages).toHaveCount(2);
  await expect(chat.lastAnswer).toContainText('A longer answer');
  const versions = chat.lastAnswer.getByRole('group', { name: 'Versions' });
  await expect(versions).toContainText('2 / 2');

  await versions.getByRole('button', { name: 'Previous version' }).click();
  await expect(versions).toContainText('1 / 2');
  await expect(chat.lastAnswer).toContainText(expectedText('fake-chat', 'Tell me something').split('\n')[0]!);
  await expect(chat.lastAnswer).not.toContainText('A longer answer');
  await versions.getByRole('button', { name: 'Next version' }).click();
  await expect(versions).toContainText('2 / 2');
  await expect(chat.lastAnswer).toContainText('A longer answer');
});

test('Continue after Stop resumes the same answer from its text, as a prefill the server receives', async ({
  chat,
  serve,
  fake,
}) => {
  await chat.open(serve.openUrl);
  // An answer that never ends by itself, so Stop always finds it streaming.
  await chat.pickModel('fake-endless');
  await chat.send('Keep going');
  await expect(content(chat.lastAnswer)).not.toBeEmpty();
  await chat.stop();
  await chat.expectAnswerStatus('cancelled');
  const partial = (await content(chat.lastAnswer).innerText()).trim();
  expect(partial.length).toBeGreaterThan(0);

  const requestsBefore = fake.requests.length;
  await chat.lastAnswer.getByRole('button', { name: 'Continue' }).click();
  await chat.expectAnswerStatus('streaming');
  // The text grows in place, from the partial answer on.
  await expect
    .poll(async () => (await content(chat.lastAnswer).innerText()).trim().length, { timeout: 20_000 })
    .toBeGreaterThan(partial.length + 20);
  await chat.stop();
  await chat.expectAnswerStatus('cancelled');
  await expect(chat.messages).toHaveCount(2);
  const whole = (await content(chat.lastAnswer).innerText()).trim();
  expect(whole.startsWith(partial)).toBe(true);

  const sent = fake.requests.slice(requestsBefore).find((r) => r.path.endsWith('/chat/completions'))?.body as {
    messages: { role: string; content: string }[];
    continue_final_message?: boolean;
    add_generation_prompt?: boolean;
  };
  expect(sent.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  expect(sent.messages[1]!.content.trim()).toBe(partial);
  expect(sent).toMatchObject({ continue_final_message: true, add_generation_prompt: false });

  // Stopped again, it can be continued again; the stored text survives a reload.
  await expect(chat.lastAnswer.getByRole('button', { name: 'Continue' })).toBeVisible();
  await chat.page.reload();
  await chat.openConversation('Keep going');
  await chat.expectAnswerStatus('cancelled');
  await expect(content(chat.lastAnswer)).toHaveText(whole, { useInnerText: true });
});
