// The sidebar's toggle ("Hide sidebar" / "Show sidebar", Ctrl/Cmd+B): beside the chat on a wide
// window, remembered across reloads; below 900 px an overlay drawer, hidden at first, that opens
// over the chat with a scrim, takes the focus, and closes on Escape, on the scrim and after a
// conversation is picked, giving the focus back to the toggle. Ctrl/Cmd+K shows it at its search box.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectNoSidewaysScrolling } from './support/layout-checks';
import { SidebarPage } from './support/sidebar-page';

const modifier = process.platform === 'darwin' ? 'Meta' : 'Control';

const hide = (page: Page) => page.getByRole('button', { name: 'Hide sidebar', exact: true });
const show = (page: Page) => page.getByRole('button', { name: 'Show sidebar', exact: true });

/** The element the toggle controls (by its aria-controls). */
async function controlled(page: Page, toggle: Locator): Promise<Locator> {
  const id = await toggle.getAttribute('aria-controls');
  expect(id, 'the toggle names what it controls').toBeTruthy();
  return page.locator(`[id="${id}"]`);
}

const focusInside = (page: Page, id: string) =>
  page.evaluate((target) => document.getElementById(target)?.contains(document.activeElement) ?? false, id);

test('on a wide window the sidebar hides and shows by button and Ctrl/Cmd+B, and stays so after a reload', async ({
  chat,
  serve,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await chat.open(serve.openUrl);
  await expect(hide(page)).toHaveAttribute('aria-expanded', 'true');
  const sidebar = await controlled(page, hide(page));
  await expect(sidebar.getByRole('navigation', { name: 'Conversations' })).toBeVisible();
  const chatWidth = async () => (await page.getByRole('main').boundingBox())?.width ?? 0;
  const beside = await chatWidth();
  expect(beside).toBeLessThan(1280);

  await hide(page).click();
  await expect(show(page)).toHaveAttribute('aria-expanded', 'false');
  await expect(show(page)).toBeFocused();
  await expect(chat.conversations).toBeHidden();
  await expect(page.getByRole('button', { name: 'New chat' })).toBeHidden();
  // The chat takes the whole window.
  await expect.poll(chatWidth).toBe(1280);

  await page.reload();
  await expect(show(page)).toBeVisible();
  await expect(chat.conversations).toBeHidden();

  // The shortcut works from the composer too, and leaves the caret there.
  await chat.composer.focus();
  await page.keyboard.press(`${modifier}+b`);
  await expect(hide(page)).toHaveAttribute('aria-expanded', 'true');
  await expect(chat.conversations).toBeVisible();
  await expect(chat.composer).toBeFocused();
  await expect.poll(chatWidth).toBe(beside);

  await page.reload();
  await expect(chat.conversations).toBeVisible();
  await page.keyboard.press(`${modifier}+b`);
  await expect(chat.conversations).toBeHidden();

  // Ctrl/Cmd+K needs the search box, so it shows the sidebar.
  await page.keyboard.press(`${modifier}+k`);
  await expect(page.getByRole('searchbox', { name: 'Search conversations' })).toBeFocused();
  await expect(hide(page)).toHaveAttribute('aria-expanded', 'true');
});

test('below 900 px the sidebar is a drawer over the chat: hidden at first, with focus in and out', async ({
  chat,
  serve,
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 700 });
  await chat.open(serve.openUrl);
  // The model list arrives after the first paint: a Send before it would ask to choose a model.
  await chat.pickModel('fake-chat');
  for (const title of ['First chat', 'Second chat']) {
    await chat.send(title);
    await chat.expectAnswerStatus('done');
    await page.keyboard.press(`${modifier}+n`);
  }

  // Hidden at first; the chat has the whole width.
  await expect(show(page)).toHaveAttribute('aria-expanded', 'false');
  await expect(chat.conversations).toBeHidden();
  expect((await page.getByRole('main').boundingBox())?.width).toBe(800);
  await expectNoSidewaysScrolling(page);
  const sidebar = await controlled(page, show(page));
  const id = (await show(page).getAttribute('aria-controls')) ?? '';

  // Opens over the chat (which keeps its width), takes the focus; Escape closes it.
  await show(page).click();
  await expect(hide(page)).toHaveAttribute('aria-expanded', 'true');
  await expect(chat.conversations).toBeVisible();
  await expect.poll(() => focusInside(page, id)).toBe(true);
  expect((await page.getByRole('main').boundingBox())?.width).toBe(800);
  // Slid in from the left edge.
  await expect.poll(async () => (await sidebar.boundingBox())?.x).toBe(0);
  expect((await sidebar.boundingBox())?.width).toBeLessThan(400);
  await expectNoSidewaysScrolling(page);
  await page.keyboard.press('Escape');
  await expect(chat.conversations).toBeHidden();
  await expect(show(page)).toBeFocused();

  // The scrim beside it closes it.
  await page.keyboard.press(`${modifier}+b`);
  await expect(chat.conversations).toBeVisible();
  await expect.poll(() => focusInside(page, id)).toBe(true);
  await page.mouse.click(700, 400);
  await expect(chat.conversations).toBeHidden();
  await expect(show(page)).toBeFocused();

  // Picking a conversation opens it and closes the drawer.
  await show(page).click();
  await chat.openConversation('First chat');
  await expect(chat.conversations).toBeHidden();
  await expect(show(page)).toBeFocused();
  await expect(chat.messages.first()).toContainText('First chat');

  // Ctrl/Cmd+K opens it at the search box; Esc there (nothing typed) closes it.
  await page.keyboard.press(`${modifier}+k`);
  await expect(page.getByRole('searchbox', { name: 'Search conversations' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(chat.conversations).toBeHidden();
  await expect(show(page)).toBeFocused();

  // The drawer's state is not the wide window's: a reload starts hidden again, and a wider window
  // shows the sidebar beside the chat.
  await show(page).click();
  await page.reload();
  await expect(show(page)).toBeVisible();
  await expect(chat.conversations).toBeHidden();
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(chat.conversations).toBeVisible();
  await expect(hide(page)).toHaveAttribute('aria-expanded', 'true');
});

test('a conversation’s title has the row’s whole width, its actions showing over it on hover and focus', async ({
  chat,
  serve,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  await chat.send('A rather long question whose title is longer than the sidebar is wide');
  await chat.expectAnswerStatus('done');
  // The list's items are its group headings and its conversations: the one with actions.
  const row = chat.conversations
    .getByRole('listitem')
    .filter({ has: page.getByRole('group', { name: 'Conversation actions' }) });
  const title = row.getByRole('button').first();
  const actions = row.getByRole('group', { name: 'Conversation actions' });
  const opacity = () => actions.evaluate((el) => getComputedStyle(el).opacity);

  await chat.composer.focus();
  await page.mouse.move(900, 400);
  await expect.poll(opacity).toBe('0');
  const [titleBox, rowBox] = [await title.boundingBox(), await row.boundingBox()];
  expect(titleBox?.width).toBeGreaterThanOrEqual((rowBox?.width ?? 0) - 1);

  await title.hover();
  await expect.poll(opacity).toBe('1');
  await page.mouse.move(900, 400);
  await expect.poll(opacity).toBe('0');
  await title.focus();
  await expect.poll(opacity).toBe('1');
  await page.keyboard.press('Tab');
  await expect(row.getByRole('button', { name: 'Rename' })).toBeFocused();
  await expect.poll(opacity).toBe('1');
});

test('a delete’s Undo stays on screen when the sidebar hides, beside the chat or as a drawer', async ({
  chat,
  serve,
  page,
}) => {
  const sidebar = new SidebarPage(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await chat.open(serve.openUrl);
  // The model list arrives after the first paint: a Send before it would ask to choose a model.
  await chat.pickModel('fake-chat');
  for (const title of ['Keep this one', 'Delete this one', 'And this one']) {
    await chat.send(title);
    await chat.expectAnswerStatus('done');
    await page.keyboard.press(`${modifier}+n`);
  }

  await sidebar.delete('Delete this one');
  await hide(page).click();
  await expect(sidebar.undoButton).toBeVisible();
  await sidebar.undoButton.click();
  await show(page).click();
  await expect(sidebar.conversation('Delete this one')).toBeVisible();

  await page.setViewportSize({ width: 800, height: 700 });
  await show(page).click();
  await sidebar.delete('And this one');
  // Over the drawer, where the delete was made: a click reaches it.
  await sidebar.undoButton.click({ trial: true });
  await page.keyboard.press('Escape');
  await expect(chat.conversations).toBeHidden();
  await expect(sidebar.undoButton).toBeVisible();
  await sidebar.undoButton.click();
  await show(page).click();
  await expect(sidebar.conversation('And this one')).toBeVisible();
});
