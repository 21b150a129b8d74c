// The empty chat: the composer in the middle of the page with a greeting, where the next message
// goes (backend, model, reachability: a button that opens the model picker) and starter prompts
// that fill the composer without sending; with no backend, a welcome whose button opens
// Settings → Backends. Once a message is sent the composer moves to the foot. Nothing scrolls
// sideways at 800×700, and axe finds nothing serious.
import { seriousViolations } from './support/axe';
import { chatNames, ChatPage } from './support/chat-page';
import { expect, test } from './support/fixtures';
import { expectNoSidewaysScrolling } from './support/layout-checks';
import { startServe } from './support/serve-process';

test('a starter prompt fills the composer and focuses it, without sending; the composer moves down once the chat starts', async ({
  chat,
  serve,
  page,
}) => {
  await chat.open(serve.openUrl);
  await expect(page.getByRole('heading', { name: 'What shall we ask?' })).toBeVisible();
  // Where the next message goes, with its server's reachability in words.
  const target = page.getByText(/^Next message goes to fake-chat/);
  await expect(target).toContainText('fake-chat');
  await expect(target).toContainText('Fake vLLM');
  await expect(target).toContainText('Reachable');

  const starters = page.getByRole('group', { name: 'Starter prompts' });
  await expect(starters.getByRole('button')).toHaveCount(4);
  const middle = (await chat.composer.boundingBox())!;
  const height = page.viewportSize()!.height;
  // In the middle of the page, not at its foot.
  expect(middle.y).toBeLessThan(height * 0.6);
  expect(middle.y).toBeGreaterThan(height * 0.2);

  await chat.composer.blur();
  await starters.getByRole('button', { name: 'Write code' }).click();
  await expect(chat.composer).toBeFocused();
  await expect(chat.composer).toHaveValue('Write a short, commented program that ');
  // The caret at the end, where the user goes on writing; nothing was sent.
  const caret = await chat.composer.evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.value.length]);
  expect(caret[0]).toBe(caret[1]);
  await expect(chat.messages).toHaveCount(0);
  await page.keyboard.type('adds two numbers');
  await expect(chat.composer).toHaveValue('Write a short, commented program that adds two numbers');

  // Another starter replaces the draft.
  await starters.getByRole('button', { name: 'Summarise a text' }).click();
  await expect(chat.composer).toHaveValue(/^Summarise the text below in five bullet points\./);
  await expect(chat.composer).toBeFocused();

  await chat.composer.press('Enter');
  await chat.expectAnswerStatus('done');
  await expect(starters).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'What shall we ask?' })).toHaveCount(0);
  const foot = (await chat.composer.boundingBox())!;
  expect(foot.y).toBeGreaterThan(height * 0.75);
  // The same composer (not a new one), still focused after it moved.
  await expect(chat.composer).toBeFocused();
});

test('the pill naming where the next message goes opens the model picker, its search focused, by mouse or keyboard', async ({
  chat,
  serve,
  page,
}) => {
  await chat.open(serve.openUrl);
  const pill = page.getByRole('button', { name: /^Next message goes to fake-chat/ });
  await expect(pill).toHaveAccessibleName('Next message goes to fake-chat Fake vLLM Reachable');
  await expect(pill).toHaveAccessibleDescription('Choose another model');

  await pill.click();
  // The picker's own search field takes the focus and lists every model, not only the chosen one.
  await expect(chat.modelPicker).toBeFocused();
  await expect(chat.modelList.getByRole('option', { name: 'fake-chat — Fake vLLM' })).toBeVisible();
  await expect(chat.modelList.getByRole('option', { name: 'fake-long — Fake vLLM' })).toBeVisible();
  // The chosen name is selected, so what is typed searches afresh.
  await page.keyboard.type('fake-rea');
  await expect(chat.modelPicker).toHaveValue('fake-rea');
  await expect(chat.modelList.getByRole('option', { name: / — / })).toHaveText(['fake-reasoning']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(chat.modelList).toHaveCount(0);
  await expect(chat.modelPicker).toHaveValue('fake-reasoning — Fake vLLM');
  const moved = page.getByRole('button', { name: /^Next message goes to fake-reasoning/ });
  await expect(moved).toContainText('Fake vLLM');

  // From the keyboard: Shift+Tab from the composer reaches the pill, Enter opens the picker.
  await chat.composer.focus();
  await page.keyboard.press('Shift+Tab');
  await expect(moved).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(chat.modelPicker).toBeFocused();
  await expect(chat.modelList).toBeVisible();
  expect(await seriousViolations(page, '.empty-intro', '.model-picker-popover')).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(chat.modelList).toHaveCount(0);
  await expect(chat.modelPicker).toHaveValue('fake-reasoning — Fake vLLM');
});

test('with no backend, the empty chat offers adding one, which opens Settings → Backends', async ({
  chat,
  dataDir,
  page,
}) => {
  const serve = await startServe(dataDir);
  try {
    await chat.open(serve.openUrl);
    await expect(page.getByRole('heading', { name: 'Welcome to Runnel' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Starter prompts' })).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Add a backend' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('tab', { name: 'Backends' })).toHaveAttribute('aria-selected', 'true');
    await expect(dialog.getByLabel('Name')).toBeVisible();
  } finally {
    await serve.stop();
  }
});

test.describe('at 800×700', () => {
  test.use({ viewport: { width: 800, height: 700 } });

  test('the empty chat fits: nothing scrolls sideways, and axe finds nothing serious', async ({
    chat,
    serve,
    page,
  }) => {
    await chat.open(serve.openUrl);
    const starters = page.getByRole('group', { name: 'Starter prompts' });
    await expect(starters.getByRole('button')).toHaveCount(4);
    await expect(page.getByText(/^Next message goes to fake-chat/)).toContainText('Reachable');
    await expectNoSidewaysScrolling(page);
    for (const button of await starters.getByRole('button').all()) await expect(button).toBeInViewport();
    await expect(chat.composer).toBeInViewport();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the greeting and the starter prompts are in Chinese', async ({ serve, page }) => {
    const chat = new ChatPage(page, chatNames.zh);
    await chat.open(serve.openUrl);
    await expect(page.getByRole('heading', { name: '想问点什么？' })).toBeVisible();
    await expect(page.getByText(/^下一条消息发送给 fake-chat/)).toContainText('可以连接');
    await page.getByRole('group', { name: '开场提示' }).getByRole('button', { name: '解释一个概念' }).click();
    await expect(chat.composer).toHaveValue('用通俗的话解释这个概念，并举一个生活中的例子：');
    await expect(chat.composer).toBeFocused();
  });
});
