// History in the sidebar, end to end in Chromium through the web host: groups by local date with
// Pinned first, pin/unpin, inline rename (Enter, Esc, F2), delete with Undo, delete for good (the
// rows leave the database file), and a list of thousands of conversations that stays virtualized,
// pages in as it scrolls, and moves a conversation to the top when it gets a new message.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openDatabase } from '../../src/main/db/lifecycle/open-database';
import { generateHistory, seedConversations, type SeedConversation } from '../support/seed-history';
import { SidebarPage } from './support/sidebar-page';
import { startServe, type ServeProcess } from './support/serve-process';
import { expect, test } from './support/fixtures';

const day = 86_400_000;
const dbFile = (dataDir: string) => join(dataDir, 'runnel.sqlite');

/** Writes conversations into the data folder before the web host opens it. */
function seed(dataDir: string, specs: SeedConversation[], now = Date.now()): string[] {
  const db = openDatabase(dbFile(dataDir));
  try {
    return seedConversations(db, specs, now).map((c) => c.id);
  } finally {
    db.close();
  }
}

const monthOf = (time: number): string =>
  new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(time);

// Calendar days are counted in the browser's zone; UTC has no daylight-saving days to blur them.
test.use({ timezoneId: 'UTC' });
test.describe.configure({ timeout: 120_000 });

let serve: ServeProcess | null = null;
test.afterEach(async () => {
  await serve?.stop();
  serve = null;
});

test('asks for the first screen’s data once, as the page starts, and shows it', async ({ page, dataDir }) => {
  seed(dataDir, [{ title: 'The only chat', messages: ['hello there'] }]);
  serve = await startServe(dataDir);
  const sent: string[] = [];
  page.on('websocket', (socket) =>
    socket.on('framesent', (frame) => {
      const message = JSON.parse(String(frame.payload)) as { type: string; channel: string };
      if (message.type === 'request') sent.push(message.channel);
    }),
  );
  await page.goto(serve.openUrl);
  await expect(new SidebarPage(page).nav.getByText('The only chat')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
  // Sent before React's first frame, in this order; the store's own requests took the answers.
  const firstScreen = ['conversations:list', 'preferences:get', 'backends:list', 'app:info'];
  expect(sent.slice(0, 4)).toEqual(firstScreen);
  await page.waitForTimeout(500);
  for (const channel of firstScreen)
    expect(
      sent.filter((c) => c === channel),
      channel,
    ).toHaveLength(1);
});

test('groups by date with Pinned first, and pinning moves a conversation between groups', async ({ page, dataDir }) => {
  const now = Date.now();
  seed(dataDir, [
    { title: 'A hundred days ago', messages: ['old question'], updatedAt: now - 100 * day },
    { title: 'Sixty days ago', messages: ['older question'], updatedAt: now - 60 * day },
    { title: 'Two weeks ago', messages: ['fortnight'], updatedAt: now - 14 * day },
    { title: 'Three days ago', messages: ['midweek'], updatedAt: now - 3 * day },
    { title: 'Yesterday chat', messages: ['yesterday'], updatedAt: now - day },
    { title: 'Today chat', messages: ['today'], updatedAt: now },
    { title: 'Pinned long ago', messages: ['pinned'], updatedAt: now - 400 * day, pinned: true },
  ]);
  serve = await startServe(dataDir);
  const sidebar = new SidebarPage(page);
  await page.goto(serve.openUrl);

  const base = [
    '[Today]',
    'Today chat',
    '[Yesterday]',
    'Yesterday chat',
    '[Previous 7 days]',
    'Three days ago',
    '[Previous 30 days]',
    'Two weeks ago',
    `[${monthOf(now - 60 * day)}]`,
    'Sixty days ago',
    `[${monthOf(now - 100 * day)}]`,
    'A hundred days ago',
  ];
  await expect.poll(() => sidebar.outline()).toEqual(['[Pinned]', 'Pinned long ago', ...base]);

  await sidebar.action('Two weeks ago', 'Pin').click();
  await expect
    .poll(() => sidebar.outline())
    .toEqual([
      '[Pinned]',
      'Two weeks ago',
      'Pinned long ago',
      ...base.filter((x) => x !== '[Previous 30 days]' && x !== 'Two weeks ago'),
    ]);
  await expect(sidebar.action('Two weeks ago', 'Unpin')).toHaveAttribute('aria-pressed', 'true');

  await sidebar.action('Pinned long ago', 'Unpin').click();
  const afterUnpin = [
    '[Pinned]',
    'Two weeks ago',
    ...base.filter((x) => x !== '[Previous 30 days]' && x !== 'Two weeks ago'),
    `[${monthOf(now - 400 * day)}]`,
    'Pinned long ago',
  ];
  await expect.poll(() => sidebar.outline()).toEqual(afterUnpin);

  // Kept by main, not just drawn.
  await page.reload();
  await expect.poll(() => sidebar.outline()).toEqual(afterUnpin);
});

test('renames in place: Enter saves, Esc cancels, F2 from the keyboard; the order stays', async ({ page, dataDir }) => {
  const now = Date.now();
  seed(dataDir, [
    { title: 'Second', messages: ['b'], updatedAt: now - 2000 },
    { title: 'First', messages: ['a'], updatedAt: now - 1000 },
  ]);
  serve = await startServe(dataDir);
  const sidebar = new SidebarPage(page);
  await page.goto(serve.openUrl);

  await sidebar.rename('Second', 'Plans for the trip');
  await expect(sidebar.conversation('Plans for the trip')).toBeFocused();
  await sidebar.rename('First', 'Never saved', 'Escape');
  await expect(sidebar.conversation('First')).toBeVisible();
  await expect(sidebar.conversation('Never saved')).toHaveCount(0);

  // Keyboard only: the title, then its actions by Tab, and F2 to rename.
  await sidebar.conversation('First').focus();
  await page.keyboard.press('Tab');
  await expect(sidebar.action('First', 'Rename')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(sidebar.action('First', 'Pin')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(sidebar.action('First', 'Delete')).toBeFocused();
  await sidebar.conversation('First').focus();
  await page.keyboard.press('F2');
  const field = sidebar.nav.getByRole('textbox', { name: 'Conversation title' });
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('First');
  await page.keyboard.type('Groceries 购物清单');
  await page.keyboard.press('Enter');

  const expected = ['[Today]', 'Groceries 购物清单', 'Plans for the trip'];
  await expect.poll(() => sidebar.outline()).toEqual(expected);
  await page.reload();
  await expect.poll(() => sidebar.outline()).toEqual(expected);
});

test('delete, then Undo brings the conversation back where it was, open as before', async ({ page, dataDir, chat }) => {
  const now = Date.now();
  seed(dataDir, [
    { title: 'Oldest', messages: ['one'], updatedAt: now - 3000 },
    { title: 'Middle', messages: ['the middle question', 'the middle answer'], updatedAt: now - 2000 },
    { title: 'Newest', messages: ['three'], updatedAt: now - 1000 },
  ]);
  serve = await startServe(dataDir);
  const sidebar = new SidebarPage(page);
  await page.goto(serve.openUrl);
  await sidebar.conversation('Middle').click();
  await expect(chat.messages).toHaveCount(2);

  await sidebar.delete('Middle');
  // The chat it showed is gone with it.
  await expect(chat.messages).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Deleted “Middle”' })).toBeVisible();
  await sidebar.undoButton.click();
  await expect(sidebar.undoButton).toHaveCount(0);
  await expect.poll(() => sidebar.outline()).toEqual(['[Today]', 'Newest', 'Middle', 'Oldest']);
  await expect(sidebar.conversation('Middle')).toHaveAttribute('aria-current', 'page');
  await expect(chat.messages.last()).toContainText('the middle answer');

  await page.reload();
  await expect.poll(() => sidebar.outline()).toEqual(['[Today]', 'Newest', 'Middle', 'Oldest']);
});

test('a delete not undone is purged for good: gone from the file, the list and search', async ({ page, dataDir }) => {
  const now = Date.now();
  const [, doomed] = seed(dataDir, [
    { title: 'Keeper', messages: ['keep this'], updatedAt: now - 2000 },
    { title: 'Doomed', messages: ['a unique pangolin sentence', 'about pangolins'], updatedAt: now - 1000 },
  ]);
  serve = await startServe(dataDir);
  const sidebar = new SidebarPage(page);
  await page.goto(serve.openUrl);

  // From the keyboard: Delete on the focused title.
  await sidebar.conversation('Doomed').focus();
  await page.keyboard.press('Delete');
  await expect(sidebar.conversation('Doomed')).toHaveCount(0);
  await expect(sidebar.conversation('Keeper')).toBeFocused();
  await expect(sidebar.undoButton).toBeVisible();
  // The notice leaves when the undo window closes; main then purges the rows.
  await expect(sidebar.undoButton).toHaveCount(0, { timeout: 15_000 });

  const rows = () => {
    const db = new Database(dbFile(dataDir), { readonly: true });
    try {
      const q = (sql: string) => (db.prepare(sql).get(doomed) as { n: number }).n;
      return {
        conversations: q('SELECT count(*) AS n FROM conversations WHERE id = ?'),
        messages: q('SELECT count(*) AS n FROM messages WHERE conversation_id = ?'),
      };
    } finally {
      db.close();
    }
  };
  await expect.poll(rows, { timeout: 10_000 }).toEqual({ conversations: 0, messages: 0 });

  await page.reload();
  await expect.poll(() => sidebar.outline()).toEqual(['[Today]', 'Keeper']);
  await sidebar.search('pangolin');
  await expect(sidebar.results).toContainText('No messages contain “pangolin”.');
});

test('thousands of conversations: few rows in the page, more as it scrolls, and new activity moves one to the top', async ({
  page,
  dataDir,
  fake,
  chat,
}) => {
  test.setTimeout(180_000);
  const db = openDatabase(dbFile(dataDir));
  generateHistory(db, { conversations: 1500, messagesPerConversation: 2, spanDays: 900, seed: 11 });
  const oldest = db
    .prepare<[], { title: string }>('SELECT title FROM conversations ORDER BY updated_at ASC, id ASC LIMIT 1')
    .get()!.title;
  db.close();
  serve = await startServe(dataDir, [
    { name: 'Fake vLLM', kind: 'openai-chat', baseUrl: fake.baseUrl, defaultModel: 'fake-chat' },
  ]);
  const sidebar = new SidebarPage(page);
  await page.goto(serve.openUrl);
  await expect(sidebar.nav.locator('.conversation-item').first()).toBeVisible();
  expect(await sidebar.nav.locator('.conversation-item').count()).toBeLessThan(80);

  // Scroll to the end: pages load as the end nears, until the oldest conversation shows.
  const scroller = sidebar.nav.locator('.conversation-scroller');
  await expect(async () => {
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(sidebar.conversation(oldest)).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 90_000, intervals: [100] });
  expect(await sidebar.nav.locator('.conversation-item').count()).toBeLessThan(80);
  const total = await scroller.evaluate((el) => el.scrollHeight);
  expect(total).toBeGreaterThan(1500 * 30);

  // A new message in the oldest conversation moves it to the top, under Today.
  await sidebar.conversation(oldest).click();
  await chat.pickModel('fake-chat');
  await chat.send('Back to this old thread');
  await chat.expectAnswerStatus('done');
  await scroller.evaluate((el) => el.scrollTo(0, 0));
  await expect.poll(async () => (await sidebar.outline()).slice(0, 2)).toEqual(['[Today]', oldest]);
  // Only once: its old place near the end is gone.
  await expect(sidebar.conversation(oldest)).toHaveCount(1);
});
