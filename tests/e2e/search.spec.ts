// Search end to end in Chromium through the web host: English and Chinese (a two-character Chinese
// query and a single character through the LIKE path), snippets with the match marked and markup
// shown as text, a hit opened and scrolled into view in a 2,000-message conversation (also on a
// branch that is not the one shown), Ctrl+K, and all of it with no backend reachable.
import { join } from 'node:path';
import { setActiveLeaf } from '../../src/main/db/history/conversations-repo';
import { insertMessage } from '../../src/main/db/history/messages-repo';
import { openDatabase } from '../../src/main/db/lifecycle/open-database';
import { asConversationId, asMessageId } from '../../src/shared/ids';
import { refusedOrigin } from '../support/refused-port';
import { seedConversations, type SeedConversation } from '../support/seed-history';
import { seriousViolations } from './support/axe';
import { SidebarPage } from './support/sidebar-page';
import { startServe, type ServeProcess } from './support/serve-process';
import { expect, test } from './support/fixtures';

test.describe.configure({ timeout: 120_000 });

const minute = 60_000;

const library: SeedConversation[] = [
  {
    title: 'Trip planning',
    messages: ['We should visit 北京天安门 next spring.', 'Beijing in spring is lovely; 天安门广场 is huge.'],
  },
  {
    title: 'Kubernetes help',
    messages: ['How do I restart a Deployment?', 'Use kubectl rollout restart deployment/NAME, then watch it.'],
  },
  { title: '红烧肉', messages: ['红烧肉怎么做？', '先把五花肉切块，然后炒糖色。北京烤鸭也不错。'] },
  {
    title: 'Markup in text',
    messages: ['Show me <img src=x onerror=alert(1)> as text', 'It stays text: <b>bold</b> is not rendered.'],
  },
];

function seed(dataDir: string, specs: SeedConversation[]): string[][] {
  const db = openDatabase(join(dataDir, 'runnel.sqlite'));
  try {
    const now = Date.now();
    return seedConversations(
      db,
      specs.map((s, i) => ({ ...s, updatedAt: s.updatedAt ?? now - (specs.length - i) * 10 * minute })),
      now,
    ).map((c) => [c.id, ...c.messageIds]);
  } finally {
    db.close();
  }
}

let serve: ServeProcess | null = null;
test.afterEach(async () => {
  await serve?.stop();
  serve = null;
});

test('finds English and Chinese text in questions and answers, with the match marked', async ({ page, dataDir }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  seed(dataDir, library);
  serve = await startServe(dataDir);
  const sidebar = new SidebarPage(page);
  await page.goto(serve.openUrl);

  await sidebar.search('rollout restart');
  await expect(sidebar.hits).toHaveCount(1);
  await expect(sidebar.hits.first()).toContainText('Kubernetes help');
  await expect(sidebar.hits.first()).toContainText('Assistant');
  expect(await sidebar.marks()).toEqual([['rollout', 'restart']]);

  // Case does not matter for Latin letters.
  await sidebar.search('KUBECTL');
  expect(await sidebar.marks()).toEqual([['kubectl']]);

  // Three Chinese characters: the trigram index, in the question and in the answer.
  await sidebar.search('天安门');
  await expect(sidebar.hits).toHaveCount(2);
  expect(await sidebar.marks()).toEqual([['天安门'], ['天安门']]);
  await expect(sidebar.hits.nth(0)).toContainText('Assistant');
  await expect(sidebar.hits.nth(1)).toContainText('You');

  // Two characters and one: below a trigram, found all the same; newest first.
  await sidebar.search('北京');
  await expect(sidebar.hits).toHaveCount(2);
  await expect(sidebar.hits.nth(0)).toContainText('红烧肉');
  await expect(sidebar.hits.nth(1)).toContainText('Trip planning');
  expect(await sidebar.marks()).toEqual([['北京'], ['北京']]);
  await sidebar.search('肉');
  expect((await sidebar.marks()).flat().every((m) => m === '肉')).toBe(true);
  await expect(sidebar.hits).toHaveCount(2);

  // Several words: every one must match, in any order.
  await sidebar.search('spring huge');
  await expect(sidebar.hits).toHaveCount(1);
  await sidebar.search('spring kubectl');
  await expect(sidebar.results).toContainText('No messages contain “spring kubectl”.');

  // Markup in a message is shown as the text it is.
  await sidebar.search('onerror');
  await expect(sidebar.hits.first()).toContainText('<img src=x onerror=alert(1)>');
  await expect(sidebar.results.locator('img')).toHaveCount(0);
  // FTS5 syntax is just text.
  await sidebar.search('NEAR(" OR *');
  await expect(sidebar.results).toContainText('No messages contain');

  // Esc empties the box and brings the list back.
  await sidebar.searchBox.press('Escape');
  await expect(sidebar.searchBox).toHaveValue('');
  await expect(sidebar.nav).toBeVisible();
  expect(dialogs).toEqual([]);
});

test('opening a hit scrolls to it in a 2,000-message conversation, also on a branch not shown', async ({
  page,
  dataDir,
  chat,
}) => {
  const turns = Array.from({ length: 2000 }, (_, i) =>
    i === 36 ? 'Message 0037 mentions the quetzal-marker once.' : `Message ${String(i + 1).padStart(4, '0')} text.`,
  );
  const [[conversationId, ...ids]] = seed(dataDir, [{ title: 'Very long conversation', messages: turns }]) as [
    string[],
  ];
  // A second version of answer 12, on a branch of its own; the shown branch stays the long one.
  const db = openDatabase(join(dataDir, 'runnel.sqlite'));
  try {
    insertMessage(db, {
      conversationId: asConversationId(conversationId!),
      parentId: asMessageId(ids[10]!),
      role: 'assistant',
      content: 'Another version of answer 12, about the okapi-branch-marker.',
      status: 'done',
      backendId: null,
      model: null,
      params: {},
      now: Date.now() - 1000,
    });
    setActiveLeaf(db, asConversationId(conversationId!), asMessageId(ids.at(-1)!));
  } finally {
    db.close();
  }
  serve = await startServe(dataDir);
  const sidebar = new SidebarPage(page);
  await page.goto(serve.openUrl);

  await sidebar.search('quetzal');
  await expect(sidebar.hits).toHaveCount(1);
  await sidebar.hits.first().click();
  const target = chat.messages.filter({ hasText: 'quetzal-marker' });
  await expect(target).toBeInViewport();
  // Far from where a conversation opens (its end): the list really moved there.
  await expect(chat.messages.filter({ hasText: 'Message 2000 text.' })).toHaveCount(0);

  await sidebar.search('okapi-branch');
  await sidebar.hits.first().click();
  const branch = chat.messages.filter({ hasText: 'okapi-branch-marker' });
  await expect(branch).toBeInViewport();
  // That branch ends there: the answers after message 11 on the other branch are not shown.
  await expect(chat.messages.last()).toContainText('okapi-branch-marker');
  await expect(chat.messages.filter({ hasText: 'Message 0012 text.' })).toHaveCount(0);
});

test('Ctrl+K focuses the search box from anywhere, and Esc hands the list back', async ({ page, dataDir, chat }) => {
  seed(dataDir, library);
  serve = await startServe(dataDir);
  const sidebar = new SidebarPage(page);
  await page.goto(serve.openUrl);
  await chat.composer.click();
  await page.keyboard.press('Control+k');
  await expect(sidebar.searchBox).toBeFocused();
  await page.keyboard.type('五花肉');
  await expect(sidebar.hits).toHaveCount(1);
  // ↓ moves to the results, Enter opens one.
  await page.keyboard.press('ArrowDown');
  await expect(sidebar.hits.first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(chat.messages.filter({ hasText: '五花肉' })).toBeInViewport();

  // Ctrl+K again selects what was typed, so typing replaces it.
  await chat.composer.click();
  await page.keyboard.press('Control+k');
  await expect(sidebar.searchBox).toBeFocused();
  await page.keyboard.type('kubectl');
  await expect(sidebar.searchBox).toHaveValue('kubectl');
  await page.keyboard.press('Escape');
  await expect(sidebar.searchBox).toHaveValue('');
  await expect(sidebar.conversation('Kubernetes help')).toBeVisible();
});

test('history and search work with no backend reachable', async ({ page, dataDir, chat }) => {
  seed(dataDir, library);
  serve = await startServe(dataDir, [{ name: 'Gone server', kind: 'openai-chat', baseUrl: `${refusedOrigin}/v1` }]);
  const sidebar = new SidebarPage(page);
  await page.goto(serve.openUrl);
  await expect(sidebar.conversation('Trip planning')).toBeVisible();

  await sidebar.search('北京');
  await expect(sidebar.hits).toHaveCount(2);
  await sidebar.search('天安门广场');
  await expect(sidebar.hits).toHaveCount(1);
  await sidebar.hits.first().click();
  await expect(chat.messages.filter({ hasText: '天安门广场' })).toBeInViewport();
  await expect(sidebar.conversation('Trip planning')).toHaveCount(0); // the list is hidden while searching
  await sidebar.searchBox.press('Escape');
  await expect(sidebar.conversation('Trip planning')).toHaveAttribute('aria-current', 'page');
});

const words = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ');

test('a snippet is plain text centred on the match, cut between words (between characters in Chinese), its highlight padded', async ({
  page,
  dataDir,
}) => {
  seed(dataDir, [
    {
      title: 'Long markdown',
      messages: [
        'Where is it?',
        `## Findings\n\n${words(60, 'before')} the **\`needle\`** is [here](https://example.com/x_(y)) ${words(60, 'after')}`,
      ],
    },
    {
      title: '长文',
      messages: ['在哪里？', `${'今天天气很好我们出去走走'.repeat(12)}故宫博物院${'然后回家吃饭睡觉休息'.repeat(12)}`],
    },
  ]);
  serve = await startServe(dataDir);
  const sidebar = new SidebarPage(page);
  await page.goto(serve.openUrl);

  await sidebar.search('needle');
  await expect(sidebar.hits).toHaveCount(1);
  const snippet = sidebar.hits.first().locator('.search-hit-snippet');
  const text = (await snippet.textContent()) ?? '';
  expect(text).not.toMatch(/[*`#[\]()]|https:/);
  expect(text.startsWith('…') && text.endsWith('…')).toBe(true);
  // Only whole words between the ellipses.
  for (const w of text.slice(1, -1).split(' ')) expect(w).toMatch(/^(before\d+|after\d+|the|needle|is|here)$/);
  const at = text.indexOf('needle');
  expect(at).toBeGreaterThan(text.length / 5);
  expect(at).toBeLessThan((text.length * 4) / 5);
  expect(await sidebar.marks()).toEqual([['needle']]);
  // The match sits on a visible line of the clamped snippet.
  await expect(snippet.locator('mark')).toBeInViewport();
  const padding = await snippet
    .locator('mark')
    .evaluate((el) => [getComputedStyle(el).paddingLeft, getComputedStyle(el).paddingRight]);
  for (const p of padding) expect(parseFloat(p)).toBeGreaterThan(0);

  await sidebar.search('故宫');
  const cjk = (await sidebar.hits.first().locator('.search-hit-snippet').textContent()) ?? '';
  expect(cjk.startsWith('…') && cjk.endsWith('…')).toBe(true);
  expect(cjk.length).toBeLessThanOrEqual(64);
  expect(await sidebar.marks()).toEqual([['故宫']]);
  const cjkAt = cjk.indexOf('故宫');
  expect(cjkAt).toBeGreaterThan(cjk.length / 5);
  await expect(sidebar.hits.first().locator('.search-hit-snippet mark')).toBeInViewport();
  expect(await seriousViolations(page, '.search-box', '.search-results')).toEqual([]);
});

test('a snippet reads a table as its cells and math as its TeX, the match marked inside either', async ({
  page,
  dataDir,
}) => {
  const answer = [
    'Here is **the summary**, with $E = mc^2$ inline:',
    '',
    '| server | framing | HTTP |',
    '|---|---|---|',
    '| vLLM | SSE | 1.1 |',
    '| Ollama | NDJSON | 1.1 |',
    '',
    '$$\\int_0^1 x^2 \\, dx = \\frac{1}{3}$$',
  ].join('\n');
  seed(dataDir, [{ title: 'Framings', messages: ['Which framings?', answer] }]);
  serve = await startServe(dataDir);
  const sidebar = new SidebarPage(page);
  await page.goto(serve.openUrl);

  const snippet = sidebar.hits.first().locator('.search-hit-snippet');
  await sidebar.search('NDJSON');
  await expect(sidebar.hits).toHaveCount(1);
  await expect(snippet).toContainText('vLLM SSE 1.1 Ollama NDJSON 1.1');
  await expect(snippet).not.toContainText('|');
  expect(await sidebar.marks()).toEqual([['NDJSON']]);
  await expect(snippet.locator('mark')).toBeInViewport();

  await sidebar.search('frac');
  await expect(snippet.locator('mark')).toHaveText('frac');
  await expect(snippet).toContainText('\\int_0^1 x^2 \\, dx = \\frac{1}{3}');
  await expect(snippet).not.toContainText('$');
  // The match is the formula's last word: still on a line the clamped snippet shows.
  await expect(snippet.locator('mark')).toBeInViewport();
});

for (const [width, height] of [
  [1280, 800],
  [800, 700],
] as const) {
  test(`the placeholder “Search” and its key hint fit the box at ${width}×${height}`, async ({ page, dataDir }) => {
    serve = await startServe(dataDir);
    await page.setViewportSize({ width, height });
    await page.goto(serve.openUrl);
    const sidebar = new SidebarPage(page);
    const show = page.getByRole('button', { name: 'Show sidebar', exact: true });
    if (await show.isVisible()) await show.click();
    await expect(sidebar.searchBox).toBeVisible();
    await expect(sidebar.searchBox).toHaveAttribute('placeholder', 'Search');
    await expect(sidebar.searchBox).toHaveAttribute('aria-keyshortcuts', 'Control+K');
    const hint = page.locator('.search-box kbd');
    await expect(hint).toHaveText('Ctrl K');
    const fit = await sidebar.searchBox.evaluate((input: HTMLInputElement) => {
      const style = getComputedStyle(input);
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = style.font;
      const textRight =
        input.getBoundingClientRect().left +
        parseFloat(style.borderLeftWidth) +
        parseFloat(style.paddingLeft) +
        ctx.measureText(input.placeholder).width;
      const box = input.getBoundingClientRect();
      const hint = document.querySelector('.search-box kbd')!.getBoundingClientRect();
      return { textRight, hintLeft: hint.left, hintRight: hint.right, boxRight: box.right };
    });
    expect(fit.textRight).toBeLessThan(fit.hintLeft);
    expect(fit.hintRight).toBeLessThanOrEqual(fit.boxRight);
    // Typing hides the hint, the text gets the room.
    await sidebar.searchBox.fill('anything');
    await expect(hint).toHaveCount(0);
  });
}
