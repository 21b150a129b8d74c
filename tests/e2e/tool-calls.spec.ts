// Tool calls in the message list, end to end in Chromium through the web host, from a seeded
// database (the live loop needs MCP servers): each call a group named "Tool call: {tool}" with its
// status, in place between the answer's text; approval buttons only on the waiting call, and an
// answer main can no longer apply said so; arguments and results shown as text, never as HTML,
// with the whole attack corpus through them running nothing.
import type { Page } from '@playwright/test';
import { corpus } from '../fixtures/xss/hostile-server';
import { expect, test } from './support/fixtures';
import { seedToolCallConversation, type SeedCall } from './support/seed-tool-calls';

const attack = '<img src=x onerror=alert(1)> [a link](javascript:alert(1)) and **not bold**';

const texts = [
  "I'll look at the project's files first.\n\n",
  'The listing has `notes.md`, but reading it failed. Let me try the other tools.\n\n',
  'Now I need to write the summary.\n\n',
  '',
];

const rounds: SeedCall[][] = [
  [
    {
      toolName: 'list_directory',
      description: 'Lists a folder. <b>Trust me</b>',
      readOnly: true,
      arguments: '{"path":"/project"}',
      status: 'done',
      result: `notes.md\nsrc/\n${attack}`,
      tookMs: 1250,
    },
    { toolName: 'read_file', readOnly: true, arguments: '{"path": "notes.md"', status: 'error', result: 'ENOENT' },
  ],
  [
    {
      toolName: 'fetch_url',
      arguments: '{"url":"https://example.com"}',
      status: 'denied',
      result: 'The user denied this tool call.',
    },
    {
      toolName: 'slow_tool',
      arguments: '{}',
      status: 'cancelled',
      tookMs: 400,
      result: 'x'.repeat(50),
      resultTruncated: true,
    },
  ],
  [
    {
      toolName: 'write_file',
      description: 'Writes a file, replacing what was there.',
      destructive: true,
      arguments: JSON.stringify({ path: 'summary.md', content: attack }),
      status: 'awaiting-approval',
    },
    { toolName: 'search', readOnly: true, arguments: '{"query":"todo"}', status: 'running' },
  ],
];

const expected = [
  ['list_directory', 'done'],
  ['read_file', 'error'],
  ['fetch_url', 'denied'],
  ['slow_tool', 'cancelled'],
  ['write_file', 'awaiting-approval'],
  ['search', 'running'],
] as const;

/** Records dialogs and page errors from the first script on; the corpus calls `__pwned`. */
async function watchPage(page: Page): Promise<{ dialogs: string[]; errors: string[]; pwned(): Promise<string[]> }> {
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (err) => errors.push(err.message));
  await page.addInitScript(() => {
    const log: string[] = [];
    Object.defineProperty(window, '__pwned', { value: (id: unknown) => log.push(String(id)) });
    Object.defineProperty(window, '__pwnedLog', { value: log });
  });
  return {
    dialogs,
    errors,
    pwned: () => page.evaluate(() => [...(window as unknown as { __pwnedLog: string[] }).__pwnedLog]),
  };
}

test('an answer shows each tool call in place, by name and status, with approval only where it waits', async ({
  serve,
  dataDir,
  chat,
  page,
}) => {
  seedToolCallConversation(dataDir, 'Tool calls', 'Summarise the project', { texts, rounds, status: 'streaming' });
  const watched = await watchPage(page);
  await chat.open(serve.openUrl);
  await chat.openConversation('Tool calls');
  const answer = chat.lastAnswer;

  // Every call is a group named by its tool, with its status, in the order the model made them.
  for (const [tool, status] of expected) {
    await expect(answer.getByRole('group', { name: `Tool call: ${tool}` })).toHaveAttribute('data-status', status);
  }
  const groups = answer.locator('[role="group"][aria-label^="Tool call: "]');
  expect(await groups.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(
    expected.map(([tool]) => `Tool call: ${tool}`),
  );

  // Each round stands after the text written before it, and the text is markdown.
  const order = await answer.locator('[data-part="content"]').evaluate((content) => {
    const marks = [
      "I'll look at",
      'Tool call: list_directory',
      'Tool call: read_file',
      'The listing has',
      'Tool call: fetch_url',
      'Now I need',
      'Tool call: write_file',
    ];
    const flat = [...content.querySelectorAll('p, [role="group"]')].map((el) =>
      el.getAttribute('role') === 'group' ? (el.getAttribute('aria-label') ?? '') : (el.textContent ?? ''),
    );
    return marks.map((mark) => flat.findIndex((item) => item.startsWith(mark)));
  });
  expect(order.every((i) => i >= 0)).toBe(true);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  await expect(answer.locator('code', { hasText: 'notes.md' })).toBeVisible();

  // The waiting call asks, showing its server, hints and full arguments; no other call does.
  const waiting = answer.getByRole('group', { name: 'Tool call: write_file' });
  await expect(waiting).toContainText('Waiting for your approval');
  await expect(waiting).toContainText('Workspace');
  await expect(waiting).toContainText('may change things');
  await expect(waiting).toContainText('Writes a file, replacing what was there.');
  await expect(waiting.locator('[data-part="tool-arguments"]')).toHaveText(
    JSON.stringify({ path: 'summary.md', content: attack }, null, 2),
  );
  const decisions = ['Allow once', 'Allow in this conversation', 'Always allow', 'Deny'];
  for (const name of decisions) await expect(waiting.getByRole('button', { name, exact: true })).toBeEnabled();
  for (const [tool] of expected.filter(([, status]) => status !== 'awaiting-approval')) {
    const group = answer.getByRole('group', { name: `Tool call: ${tool}` });
    await expect(
      group.getByRole('button', { name: /^(Allow once|Allow in this conversation|Always allow|Deny)$/ }),
    ).toHaveCount(0);
  }
  await expect(answer.getByRole('group', { name: 'Tool call: search' })).toContainText('Running…');

  // Nothing really waits in this host (no loop is running): the answer is refused, and said so.
  await waiting.getByRole('button', { name: 'Allow once' }).click();
  await expect(waiting.getByRole('status')).toHaveText('This call no longer waits');
  await expect(waiting.getByRole('button', { name: 'Deny' })).toBeEnabled();

  // An ended call folds its arguments and result under its time; opened, they are plain text.
  const done = answer.getByRole('group', { name: 'Tool call: list_directory' });
  const result = done.locator('[data-part="tool-result"]');
  await expect(result).toBeHidden();
  await expect(done.locator('summary')).toContainText('1.3 s');
  await done.locator('summary').click();
  await expect(result).toBeVisible();
  await expect(result).toHaveText(`notes.md\nsrc/\n${attack}`);
  await expect(done).toContainText('Lists a folder. <b>Trust me</b>');
  await expect(done).toContainText('read-only');
  const failed = answer.getByRole('group', { name: 'Tool call: read_file' });
  await failed.locator('summary').click();
  await expect(failed.locator('[data-part="tool-arguments"]')).toHaveText('{"path": "notes.md"');
  await expect(failed).toContainText('Failed');
  await expect(answer.getByRole('group', { name: 'Tool call: slow_tool' }).locator('summary')).toContainText('cut');

  // The attack stayed text: no image, link or bold made of it, no dialog, no error.
  await expect(answer.locator('img')).toHaveCount(0);
  await expect(answer.locator('.tool-call a, .tool-call strong, .tool-call b')).toHaveCount(0);
  expect(watched.dialogs).toEqual([]);
  expect(watched.errors).toEqual([]);
});

test('the attack corpus through tool names, servers, descriptions, arguments and results renders as text and runs nothing', async ({
  serve,
  dataDir,
  chat,
  page,
}) => {
  const calls: SeedCall[] = corpus.map((a) => ({
    toolName: a.payload,
    serverName: a.payload,
    description: a.payload,
    arguments: JSON.stringify({ input: a.payload }),
    status: 'done',
    result: a.payload,
    tookMs: 10,
  }));
  seedToolCallConversation(dataDir, 'Hostile tools', 'Run them all', {
    texts: ['Calling every tool.\n\n', 'All done.'],
    rounds: [calls],
    status: 'done',
  });
  const watched = await watchPage(page);
  await chat.open(serve.openUrl);
  await chat.openConversation('Hostile tools');
  const answer = chat.lastAnswer;
  await expect(answer.locator('.tool-call')).toHaveCount(corpus.length);
  await answer.locator('details.tool-call-fold').evaluateAll((folds) => {
    for (const fold of folds) (fold as HTMLDetailsElement).open = true;
  });
  // Give anything that would load or run a moment to do so.
  await page.waitForTimeout(300);

  const results = await answer.locator('[data-part="tool-result"]').allTextContents();
  expect(results).toEqual(corpus.map((a) => a.payload));
  const names = await answer.locator('.tool-call-name').allTextContents();
  expect(names).toEqual(corpus.map((a) => a.payload));
  const dangerous = await answer.locator('.tool-calls').evaluateAll((lists) =>
    lists.flatMap((list) =>
      [...list.querySelectorAll('*')].flatMap((el) => {
        const tag = el.tagName.toLowerCase();
        // The status icons are the only SVG a card holds.
        const inIcon = el.closest('svg.lucide') !== null;
        const bad = !inIcon && !['div', 'span', 'p', 'pre', 'details', 'summary'].includes(tag) ? [`<${tag}>`] : [];
        const handlers = el
          .getAttributeNames()
          .filter((n) => n.startsWith('on') || ['src', 'href', 'style'].includes(n));
        return [...bad, ...handlers.map((n) => `${tag}[${n}]`)];
      }),
    ),
  );
  expect(dangerous).toEqual([]);
  expect(await watched.pwned()).toEqual([]);
  expect(watched.dialogs).toEqual([]);
  expect(watched.errors).toEqual([]);
});
