// The keyboard end to end in Chromium through the web host: Enter sends, Shift+Enter breaks the
// line, Enter while an input method composes does not send (real composition events through the
// DevTools protocol), Esc stops the answer, Ctrl+N starts a chat, Ctrl+, opens settings, Ctrl+K
// focuses the search, and shortcuts leave the page alone while a dialog is open.
import { expect, test } from './support/fixtures';

const chatRequests = (fake: { requests: { path: string }[] }) =>
  fake.requests.filter((r) => r.path.endsWith('/chat/completions')).length;

test('Enter sends and Shift+Enter starts a new line', async ({ chat, serve, fake, page }) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  await chat.composer.click();
  await page.keyboard.type('line one');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('line two');
  await expect(chat.composer).toHaveValue('line one\nline two');
  expect(chatRequests(fake)).toBe(0);

  await page.keyboard.press('Enter');
  await chat.expectAnswerStatus('done');
  await expect(chat.messages.first()).toContainText('line one');
  await expect(chat.messages.first()).toContainText('line two');
  await expect(chat.composer).toHaveValue('');
  expect(chatRequests(fake)).toBe(1);
});

test('Enter during an IME composition does not send; Enter after the commit does', async ({
  chat,
  serve,
  fake,
  page,
}) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  await chat.composer.click();
  // What the textarea saw, to show the composition was real and the Enter came inside it.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { imeSeen: string[] }).imeSeen = seen;
    const box = document.activeElement as HTMLTextAreaElement;
    for (const type of ['compositionstart', 'compositionend']) box.addEventListener(type, () => seen.push(type));
    box.addEventListener('keydown', (e) => e.key === 'Enter' && seen.push(`Enter composing=${e.isComposing}`), true);
  });
  const seen = () => page.evaluate(() => (window as unknown as { imeSeen: string[] }).imeSeen);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'ni', selectionStart: 2, selectionEnd: 2 });
  await cdp.send('Input.imeSetComposition', { text: '你好', selectionStart: 2, selectionEnd: 2 });
  const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 };
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...enter });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...enter });
  await expect.poll(seen).toEqual(['compositionstart', 'Enter composing=true']);
  // Nothing went out: no message, no request, the composition still in the box.
  await expect(chat.messages).toHaveCount(0);
  expect(chatRequests(fake)).toBe(0);
  await expect(chat.composer).toHaveValue('你好');

  await cdp.send('Input.insertText', { text: '你好' });
  await expect.poll(seen).toEqual(['compositionstart', 'Enter composing=true', 'compositionend']);
  await expect(chat.composer).toHaveValue('你好');
  await expect(chat.messages).toHaveCount(0);

  await page.keyboard.press('Enter');
  await chat.expectAnswerStatus('done');
  await expect(chat.messages.first()).toHaveAttribute('data-role', 'user');
  await expect(chat.messages.first()).toContainText('你好');
  expect(await seen()).toEqual(['compositionstart', 'Enter composing=true', 'compositionend', 'Enter composing=false']);
  expect(chatRequests(fake)).toBe(1);
});

test('Esc stops the streaming answer, and the server sees it go', async ({ chat, serve, fake, page }) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-endless');
  await chat.send('Keep talking');
  await expect(chat.lastAnswer.locator('[data-part="content"]')).not.toBeEmpty();
  const aborted = fake.nextClientAbort();
  await page.keyboard.press('Escape');
  expect((await aborted).model).toBe('fake-endless');
  await chat.expectAnswerStatus('cancelled');
});

test('Ctrl+N starts a new chat with the caret in the composer', async ({ chat, serve, page }) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  await chat.send('First chat');
  await chat.expectAnswerStatus('done');
  await expect(chat.messages).toHaveCount(2);
  await page.getByRole('button', { name: 'New chat' }).focus();

  await page.keyboard.press('Control+n');
  await expect(chat.messages).toHaveCount(0);
  await expect(chat.composer).toBeFocused();
  // The earlier chat is still there to go back to.
  await chat.openConversation('First chat');
  await expect(chat.messages).toHaveCount(2);
});

test('Ctrl+, opens settings; while it is open Ctrl+N and Ctrl+K leave the chat alone', async ({
  chat,
  serve,
  page,
}) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  await chat.send('Keep me');
  await chat.expectAnswerStatus('done');

  await page.keyboard.press('Control+Comma');
  const dialog = page.getByRole('dialog', { name: 'Settings', exact: true });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Control+n');
  await page.keyboard.press('Control+k');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(chat.messages).toHaveCount(2);
});

test('Ctrl+K focuses the conversation search', async ({ chat, serve, page }) => {
  await chat.open(serve.openUrl);
  await chat.composer.click();
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('searchbox', { name: 'Search conversations' })).toBeFocused();
});

test('the Export menu works from the keyboard: Enter opens it, arrows move, Esc closes it and refocuses the button', async ({
  chat,
  serve,
  page,
}) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  await chat.send('Export by keys');
  await chat.expectAnswerStatus('done');
  const button = page.getByRole('button', { name: 'Export', exact: true });
  await button.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Export' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Export as Markdown' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Export as JSON' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();
  // Esc closed the menu only: the answer is still there.
  await expect(chat.messages).toHaveCount(2);
});
