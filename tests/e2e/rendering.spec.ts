// Rich rendering end to end, in Chromium through the web host: a streamed answer with GFM,
// highlighted code that copies, KaTeX math under the strict CSP, the reasoning group with its time
// and the figures line; the list following a stream; and a 3,000-message conversation that
// scrolls through a bounded number of rows.
import type { Page } from '@playwright/test';
import { messageLabel, seedLongConversation } from './support/seed-long-conversation';
import { startServe } from './support/serve-process';
import { expect, test } from './support/fixtures';

// Each test streams a long answer or walks thousands of rows; on a busy machine that is slow.
test.describe.configure({ timeout: 120_000 });

const code = ['def area(r: float) -> float:', '    return 3.14159 * r ** 2', '', 'print(area(2))'].join('\n');

// Sent to fake-reasoning, which thinks first and then echoes this back ("Echo: …") as its answer.
const question = [
  'Rendering check with $E = mc^2$ inline, before the rest.',
  '',
  '| left | centre | right |',
  '|:--|:-:|--:|',
  '| a | b | c |',
  '',
  '- [x] ~~write it~~ wrote it',
  '- [ ] check it',
  '',
  '```python',
  code,
  '```',
  '',
  '$$',
  '\\int_0^1 x^2 \\, dx = \\frac{1}{3}',
  '$$',
  '',
  'And \\(a^2 + b^2 = c^2\\) too; a lunch costs $5 and a book $10, which is not math.',
  '',
  ...Array.from(
    { length: 12 },
    (_, i) => `Filler sentence ${i + 1} keeps the stream going a little longer after the math.`,
  ),
].join('\n');

/** Collects CSP violations and page errors from the first script on. */
async function watchForViolations(page: Page): Promise<() => Promise<string[]>> {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) errors.push(msg.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [
    ...errors,
    ...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)),
  ];
}

test('a streamed answer renders GFM, highlighted code that copies, KaTeX math, reasoning and figures', async ({
  chat,
  serve,
  page,
  context,
}) => {
  const violations = await watchForViolations(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serve.origin });
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-reasoning');
  // Watching starts before Send: the thinking is short and must be seen as it happens. While the
  // answer streams, the first formula is typeset once; later text must not redo it.
  const watching = page.evaluate(async () => {
    const started = performance.now();
    while (!document.querySelector('article[data-role="assistant"]') && performance.now() - started < 30_000) {
      await new Promise((r) => requestAnimationFrame(() => r(null)));
    }
    let first: Element | null = null;
    let sawStreaming = false;
    let sawThinking = false;
    for (;;) {
      const articles = document.querySelectorAll('article[data-role="assistant"]');
      const answer = articles[articles.length - 1];
      const status = answer?.getAttribute('data-status');
      const summary = answer?.querySelector('details[data-part="reasoning"] summary')?.textContent ?? '';
      if (status === 'streaming' && summary.startsWith('Thinking')) sawThinking = true;
      const katex = answer?.querySelector('[data-part="content"] .katex') ?? null;
      if (katex && !first) {
        first = katex;
        sawStreaming = status === 'streaming';
      }
      if (status && status !== 'streaming') break;
      if (performance.now() - started > 30_000) break;
      await new Promise((r) => requestAnimationFrame(() => r(null)));
    }
    const finished = [...document.querySelectorAll('article[data-role="assistant"]')].at(-1);
    const now = finished?.querySelector('[data-part="content"] .katex');
    return { sawStreaming, sawThinking, kept: first !== null && first.isConnected && first === now };
  });
  await chat.send(question);
  const watch = await watching;
  expect(watch.sawStreaming, 'the first formula appeared while the answer was still streaming').toBe(true);
  expect(watch.kept, 'the finished formula kept its DOM node while the answer grew').toBe(true);
  expect(watch.sawThinking, 'the reasoning group said "Thinking…" while the model thought').toBe(true);
  await chat.expectAnswerStatus('done');
  const answer = chat.lastAnswer;
  const content = answer.locator('[data-part="content"]');

  // Table with its column alignment.
  const table = content.locator('table');
  await expect(table.locator('th')).toHaveText(['left', 'centre', 'right']);
  await expect(table.locator('td').nth(0)).toHaveCSS('text-align', 'left');
  await expect(table.locator('td').nth(1)).toHaveCSS('text-align', 'center');
  await expect(table.locator('td').nth(2)).toHaveCSS('text-align', 'right');

  // Task list: disabled boxes, one ticked; strikethrough.
  const boxes = content.getByRole('checkbox');
  await expect(boxes).toHaveCount(2);
  await expect(boxes.nth(0)).toBeChecked();
  await expect(boxes.nth(0)).toBeDisabled();
  await expect(boxes.nth(1)).not.toBeChecked();
  await expect(content.locator('del')).toHaveText('write it');

  // Highlighted code with its language, and a Copy that puts exactly the code on the clipboard.
  const block = content.locator('.md-code');
  await expect(block.locator('.md-code-lang')).toHaveText('python');
  await expect(block).toHaveAttribute('data-highlighted', 'true');
  await expect(block.locator('.hljs-keyword').first()).toHaveText('def');
  await expect(block.locator('.hljs-number').first()).toBeVisible();
  await expect(block.locator('code')).toHaveText(code, { useInnerText: true });
  const copy = block.getByRole('button', { name: 'Copy code' });
  await copy.click();
  await expect(copy).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

  // Math: inline ($…$ and \(…\)) and display ($$…$$) typeset by KaTeX, no error; prices stay prose.
  await expect(content.locator('.md-math .katex')).toHaveCount(3);
  await expect(content.locator('.md-math-block .katex-display')).toHaveCount(1);
  await expect(content.locator('.katex-error')).toHaveCount(0);
  await expect(content.locator('.katex annotation').first()).toHaveText('E = mc^2');
  await expect(content).toContainText('a lunch costs $5 and a book $10, which is not math.');
  // KaTeX's stylesheet and fonts loaded from the app itself, under the strict CSP.
  const fonts = await page.evaluate(async () => {
    await document.fonts.ready;
    const main = [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'KaTeX_Main');
    return { loaded: main.some((f) => f.status === 'loaded'), any: main.length };
  });
  expect(fonts.any).toBeGreaterThan(0);
  expect(fonts.loaded).toBe(true);
  const display = content.locator('.md-math-block .katex-display');
  expect((await display.boundingBox())?.height ?? 0).toBeGreaterThan(20);

  // Reasoning: a collapsed group that says how long the model thought.
  const reasoning = answer.getByRole('group', { name: 'Reasoning' });
  await expect(reasoning).toBeVisible();
  await expect(reasoning.locator('summary')).toHaveText(/^Thought for (less than a second|\d+(\.\d)? s)$/);
  await expect(reasoning).not.toHaveAttribute('open');
  await reasoning.locator('summary').click();
  await expect(reasoning).toContainText('The user wants their message echoed back.');

  // Figures: time to first token, speed, token counts, finish reason.
  const figures = answer.locator('[data-part="metrics"]');
  await expect(figures).toContainText(/first token \d+(\.\d+)? (ms|s)/);
  await expect(figures).toContainText(/\d+\.\d tokens\/s/);
  await expect(figures).toContainText(/\d+ prompt \+ \d+ completion tokens/);
  await expect(figures).toContainText('Finished');

  // After a reload the stored figures, reasoning time included, read the same.
  const thought = await reasoning.locator('summary').textContent();
  await page.reload();
  await chat.openConversation('Rendering check with E = mc^2 inline, before the rest.');
  await expect(chat.lastAnswer.getByRole('group', { name: 'Reasoning' }).locator('summary')).toHaveText(thought ?? '');
  await expect(chat.lastAnswer.locator('.md-math .katex')).toHaveCount(3);

  expect(await violations()).toEqual([]);
});

test('hostile TeX and code stay inert: no links, images, requests, scripts or runaway expansion', async ({
  chat,
  serve,
  page,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(serve.origin) && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  await chat.send(
    [
      'Hostile math: $\\href{javascript:alert(1)}{click}$ $\\url{https://evil.example/u}$',
      '$\\includegraphics{https://evil.example/pixel.png}$ $\\htmlStyle{background:url(https://evil.example/b)}{x}$',
      '$\\textcolor{url(https://evil.example/c)}{y}$ \\(\\htmlId{root}{z}\\)',
      '',
      '$$\\def\\a{\\a\\a}\\a$$',
      '',
      '```html',
      '<img src="https://evil.example/code.png" onerror="alert(1)"><script>alert(1)</script>',
      '```',
    ].join('\n'),
  );
  await chat.expectAnswerStatus('done');
  const content = chat.lastAnswer.locator('[data-part="content"]');
  // Refused commands are typeset as their names in red; a bad colour and the bomb are TeX errors.
  await expect(content.locator('.md-math')).toHaveCount(7);
  await expect(content.locator('.md-math > .katex')).toHaveCount(5);
  await expect(content.locator('.md-math > .katex-error')).toHaveCount(2);
  await expect(content.locator('a, img, script, iframe, object, embed')).toHaveCount(0);
  await expect(content.locator('[id="root"], [style*="url("]')).toHaveCount(0);
  await expect(content.locator('.md-math-block > .md-math > .katex-error')).toHaveAttribute(
    'title',
    /Too many expansions/,
  );
  await expect(content.locator('.md-code .hljs-tag').first()).toBeVisible();
  await expect(content.locator('.md-code code').first()).toContainText('<script>alert(1)</script>');
  expect(dialogs).toEqual([]);
  expect(foreign).toEqual([]);
});

test('the list follows a streaming answer until the user scrolls up, and again once back at the end', async ({
  chat,
  serve,
  page,
}) => {
  await page.setViewportSize({ width: 720, height: 480 });
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-endless');
  // A long question makes the conversation taller than the window from the start.
  await chat.send(Array.from({ length: 30 }, (_, i) => `Line ${i + 1} of a long question.`).join('\n'));
  const scroller = page.locator('.message-scroller');
  const distanceFromEnd = () => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  const height = () => scroller.evaluate((el) => el.scrollHeight);
  await expect(chat.lastAnswer.locator('[data-part="content"]')).not.toBeEmpty();
  expect(await scroller.evaluate((el) => el.scrollHeight > el.clientHeight * 1.5)).toBe(true);

  // The end stays in view while the answer grows.
  const first = await height();
  await expect.poll(height, { timeout: 30_000 }).toBeGreaterThan(first + 60);
  expect(await distanceFromEnd()).toBeLessThanOrEqual(48);

  // The user scrolls up to read: the stream keeps growing, the view stays where the user put it.
  const box = await scroller.boundingBox();
  await page.mouse.move((box?.x ?? 0) + 100, (box?.y ?? 0) + 100);
  await page.mouse.wheel(0, -600);
  await expect.poll(distanceFromEnd).toBeGreaterThan(300);
  const readingAt = await scroller.evaluate((el) => el.scrollTop);
  const grown = await height();
  await expect.poll(height, { timeout: 30_000 }).toBeGreaterThan(grown + 60);
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(readingAt);
  await expect(chat.lastAnswer).toHaveAttribute('data-status', 'streaming');

  // Back at the end, it follows again.
  await page.mouse.wheel(0, 100_000);
  await expect.poll(distanceFromEnd).toBeLessThanOrEqual(48);
  const again = await height();
  await expect.poll(height, { timeout: 30_000 }).toBeGreaterThan(again + 60);
  expect(await distanceFromEnd()).toBeLessThanOrEqual(48);
  await chat.stop();
  await chat.expectAnswerStatus('cancelled');
});

test('a conversation of 3,000 messages opens at its end, scrolls end to end with a bounded DOM, and opens at a search hit', async ({
  chat,
  dataDir,
  fake,
  page,
}) => {
  test.setTimeout(180_000);
  const seeded = seedLongConversation(dataDir, 3000);
  const serve = await startServe(dataDir, [{ name: 'Fake vLLM', kind: 'openai-chat', baseUrl: fake.baseUrl }]);
  try {
    await chat.open(serve.openUrl);
    await chat.openConversation(seeded.title);
    const scroller = page.locator('.message-scroller');
    const articles = chat.messages;
    const bound = 40;

    // Opens at the end.
    await expect(page.getByText(messageLabel(3000), { exact: false })).toBeInViewport();
    expect(await articles.count()).toBeLessThanOrEqual(bound);
    await expect(articles.last()).toHaveAttribute('data-role', 'assistant');
    await expect(articles.last()).toHaveAttribute('data-status', 'done');

    // Jumps to the start, once the older messages (which follow the newest) have all arrived.
    await expect(scroller).toHaveAttribute('aria-busy', 'false');
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect(page.getByText(`${messageLabel(1)}: a question`)).toBeInViewport();
    expect(await articles.count()).toBeLessThanOrEqual(bound);
    await expect(articles.first()).toHaveAttribute('data-role', 'user');

    // Wheels all the way down: rows come and go, always a handful, always in order.
    const box = await scroller.boundingBox();
    await page.mouse.move((box?.x ?? 0) + (box?.width ?? 0) / 2, (box?.y ?? 0) + (box?.height ?? 0) / 2);
    let lowest = 0;
    let most = 0;
    for (let step = 0; step < 2000; step++) {
      await page.mouse.wheel(0, 8000);
      const seen = await page.evaluate(async () => {
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null))));
        const shown = [...document.querySelectorAll('article[data-role]')].map((a) =>
          Number(/Message (\d{4})/.exec(a.textContent ?? '')?.[1] ?? -1),
        );
        const el = document.querySelector('.message-scroller')!;
        return { shown, atEnd: el.scrollHeight - el.scrollTop - el.clientHeight < 2 };
      });
      most = Math.max(most, seen.shown.length);
      expect(seen.shown.length).toBeLessThanOrEqual(bound);
      expect(seen.shown).toEqual([...seen.shown].sort((a, b) => a - b));
      const top = seen.shown[0] ?? 0;
      expect(top).toBeGreaterThanOrEqual(lowest);
      lowest = top;
      if (seen.atEnd && seen.shown.includes(3000)) break;
    }
    expect(lowest).toBeGreaterThan(2900);
    expect(most).toBeGreaterThan(3);
    await expect(page.getByText(messageLabel(3000), { exact: false })).toBeInViewport();
    // Rows rendered on the way were real messages with their markdown: code and math among them.
    await expect(chat.messages.locator('.md-code').first()).toBeAttached();

    // A search hit far from the end opens the conversation at that message, marked for a moment.
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill(messageLabel(42));
    await page.locator('.search-hit', { hasText: messageLabel(42) }).click();
    const hit = chat.messages.filter({ hasText: `${messageLabel(42)}.` });
    await expect(hit).toBeInViewport();
    await expect(page.locator('.message-row-focused')).toContainText(messageLabel(42));
    expect(await chat.messages.count()).toBeLessThanOrEqual(bound);
    // The mark fades and the request is cleared; the view stays on the hit.
    await expect(page.locator('.message-row-focused')).toHaveCount(0);
    await expect(hit).toBeInViewport();
  } finally {
    await serve.stop();
  }
});
