// Messages in Chromium through the web host: icon actions by name with tooltips and when they show, no
// Copy on an empty answer, the streaming indicator, stopped-before-any-token, Edit's Send, Jump to latest.
import type { Locator } from '@playwright/test';
import { expect, test } from './support/fixtures';

test.describe.configure({ timeout: 90_000 });

const actions = (message: Locator) => message.getByRole('group', { name: 'Message actions' });
const opacity = (element: Locator) => element.evaluate((el) => getComputedStyle(el).opacity);

test('actions are icon buttons with their names and tooltips; shown on the last answer, on hover or focus elsewhere', async ({
  chat,
  serve,
  page,
}) => {
  // React Aria's buttons and tooltips work under the strict CSP: nothing refused.
  const refused: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) refused.push(msg.text());
  });
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`Content Security Policy: ${e.violatedDirective}`),
    ),
  );
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  await chat.send('First question');
  await chat.expectAnswerStatus('done');
  await chat.send('Second question');
  await chat.expectAnswerStatus('done');

  const question = chat.messages.first();
  const firstAnswer = chat.messages.nth(1);
  for (const [message, names] of [
    [question, ['Copy', 'Edit']],
    [chat.lastAnswer, ['Copy', 'Regenerate']],
  ] as const) {
    const buttons = actions(message).getByRole('button');
    await expect(buttons).toHaveCount(names.length);
    for (const name of names) {
      const button = actions(message).getByRole('button', { name, exact: true });
      await expect(button).toBeAttached();
      // An icon, no words: the name is the button's label.
      await expect(button.locator('svg')).toHaveCount(1);
      expect((await button.innerText()).trim()).toBe('');
    }
  }

  // The last answer's actions are always there; the others wait for the pointer or the focus.
  await page.mouse.move(0, 0);
  await expect.poll(() => opacity(actions(chat.lastAnswer))).toBe('1');
  await expect.poll(() => opacity(actions(firstAnswer))).toBe('0');
  await firstAnswer.hover();
  await expect.poll(() => opacity(actions(firstAnswer))).toBe('1');
  // Resting on a button shows its tooltip.
  await actions(question).getByRole('button', { name: 'Edit' }).hover();
  await expect(page.getByRole('tooltip')).toHaveText('Edit');
  await page.mouse.move(0, 0);
  await expect.poll(() => opacity(actions(question))).toBe('0');
  // A keyboard user reaches them: focus inside the message shows them, and the tooltip says what it does.
  await actions(firstAnswer).getByRole('button', { name: 'Copy' }).focus();
  await page.keyboard.press('Tab');
  const regenerate = actions(firstAnswer).getByRole('button', { name: 'Regenerate' });
  await expect(regenerate).toBeFocused();
  await expect.poll(() => opacity(actions(firstAnswer))).toBe('1');
  await expect(page.getByRole('tooltip')).toHaveText('Write a new version of this answer');
  expect(refused).toEqual([]);
});

test('Edit’s button says Send: it sends the message again as a new version', async ({ chat, serve }) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  await chat.send('Original');
  await chat.expectAnswerStatus('done');
  const question = chat.messages.first();
  await question.getByRole('button', { name: 'Edit' }).click();
  await expect(question.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await question.getByRole('textbox', { name: 'Edit message' }).fill('Reworded');
  await question.getByRole('button', { name: 'Send', exact: true }).click();
  await chat.expectAnswerStatus('done');
  await expect(chat.lastAnswer).toContainText('Echo: Reworded');
});

test('the growing answer shows a streaming indicator; stopped before any token, it says so and offers no Copy', async ({
  chat,
  serve,
}) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-endless');
  await chat.send('Go on forever');
  const indicator = chat.lastAnswer.locator('[data-part="streaming"]');
  await expect(chat.lastAnswer.locator('[data-part="content"]')).not.toBeEmpty();
  await expect(indicator).toBeVisible();
  await expect(chat.lastAnswer).toHaveAttribute('data-status', 'streaming');
  await chat.stop();
  await chat.expectAnswerStatus('cancelled');
  await expect(indicator).toHaveCount(0);
  await expect(chat.lastAnswer.getByRole('button', { name: 'Copy' })).toBeAttached();
  await expect(chat.lastAnswer.locator('[data-part="metrics"]')).toContainText('Stopped by you');

  // A server that sends its headers and then nothing: stopped before the first token.
  await chat.pickModel('fake-stall');
  await chat.send('Say nothing');
  await expect(indicator).toBeVisible();
  await expect(chat.lastAnswer).toContainText('Waiting for the first token…');
  await chat.stop();
  await chat.expectAnswerStatus('cancelled');
  await expect(chat.lastAnswer).toContainText('Stopped before the model wrote anything.');
  await expect(chat.lastAnswer.getByRole('button', { name: 'Copy' })).toHaveCount(0);
  await expect(chat.lastAnswer.getByRole('button', { name: 'Regenerate' })).toBeAttached();
});

test('"Jump to latest" appears when scrolled up during a stream, goes back to the end and follows again', async ({
  chat,
  serve,
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-endless');
  await chat.send(Array.from({ length: 30 }, (_, i) => `Line ${i + 1} of a long question.`).join('\n'));
  const scroller = page.locator('.message-scroller');
  const jump = page.getByRole('button', { name: 'Jump to latest' });
  const distanceFromEnd = () => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  const height = () => scroller.evaluate((el) => el.scrollHeight);
  await expect(chat.lastAnswer.locator('[data-part="content"]')).not.toBeEmpty();

  // Following the stream at the end: no button.
  await expect.poll(distanceFromEnd).toBeLessThanOrEqual(48);
  await expect(jump).toHaveCount(0);

  // Scrolled up to read: the button appears, and the view stays where the user put it.
  const box = await scroller.boundingBox();
  await page.mouse.move((box?.x ?? 0) + 100, (box?.y ?? 0) + 100);
  await page.mouse.wheel(0, -600);
  await expect(jump).toBeVisible();
  await expect.poll(distanceFromEnd).toBeGreaterThan(300);

  // It takes the view back to the end, goes away, and the view follows the answer again.
  await jump.click();
  await expect.poll(distanceFromEnd).toBeLessThanOrEqual(48);
  await expect(jump).toHaveCount(0);
  const before = await height();
  await expect.poll(height, { timeout: 30_000 }).toBeGreaterThan(before + 60);
  expect(await distanceFromEnd()).toBeLessThanOrEqual(48);
  await expect(jump).toHaveCount(0);

  // From the keyboard too: Enter on the button, and the caret goes on in the composer.
  await page.mouse.wheel(0, -600);
  await expect(jump).toBeVisible();
  await jump.focus();
  await page.keyboard.press('Enter');
  await expect.poll(distanceFromEnd).toBeLessThanOrEqual(48);
  await expect(chat.composer).toBeFocused();

  // Once the answer ends, there is nothing to jump to.
  await page.mouse.wheel(0, -600);
  await expect(jump).toBeVisible();
  await chat.stop();
  await chat.expectAnswerStatus('cancelled');
  await expect(jump).toHaveCount(0);
});
