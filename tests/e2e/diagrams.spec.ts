// Mermaid diagrams end to end, in Chromium through the web host under the app's CSP: a streamed
// answer with two diagrams draws each once, as an inline SVG with SVG text labels, in light and
// in dark; "Show source" and "Copy"; a broken diagram shows its source and Mermaid's message; a
// diagram over the limits shows its source and says why.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

test.describe.configure({ timeout: 120_000 });

const flowchart = [
  'flowchart LR',
  '  A[Prompt] --> B{Cached?}',
  '  B -->|yes| C[Answer]',
  '  B -->|no| D[Model]',
  '  D --> C',
].join('\n');
const sequence = ['sequenceDiagram', '  Alice->>Server: request', '  Server-->>Alice: tokens'].join('\n');
const broken = ['flowchart LR', '  A --> ((('].join('\n');

const fence = (source: string): string => ['```mermaid', source, '```'].join('\n');

/** CSP reports and page errors from the first script on. */
async function watch(page: Page): Promise<() => Promise<string[]>> {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  return async () => [...errors, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))];
}

/** What an answer's diagrams hold that a cleaned diagram never may. */
const forbiddenInDiagrams = (answer: Element): string[] =>
  [...answer.querySelectorAll('.md-diagram-svg *')].flatMap((el) => {
    const found: string[] = [];
    if (['foreignObject', 'style', 'script', 'a', 'use', 'image', 'iframe'].includes(el.localName))
      found.push(`<${el.localName}>`);
    for (const name of el.getAttributeNames())
      // …nor the name Mermaid's style attributes are set aside under while it draws (it is read back).
      if (name.startsWith('on') || /href$/i.test(name) || name === 'data-runnel-style')
        found.push(`${el.localName}[${name}]`);
    return found;
  });

const nodeFill = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const rect = document.querySelector('article[data-role="assistant"] .md-diagram-svg .node rect');
    return rect ? getComputedStyle(rect).fill : 'no node';
  });

test('diagrams draw once as inline SVG with text labels, in light and dark, with Show source and Copy', async ({
  chat,
  serve,
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serve.origin });
  await page.emulateMedia({ colorScheme: 'light' });
  const reports = await watch(page);
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  // Mermaid is not part of the page until the first diagram asks for it.
  const mermaidLoaded = () =>
    page.evaluate(() => performance.getEntriesByType('resource').some((r) => /diagram-draw|mermaid/.test(r.name)));
  expect(await mermaidLoaded()).toBe(false);
  await chat.send(['Two diagrams:', '', fence(flowchart), '', 'and', '', fence(sequence)].join('\n'));
  await chat.expectAnswerStatus('done');

  const figures = chat.lastAnswer.getByRole('figure', { name: 'Diagram' });
  await expect(figures).toHaveCount(2);
  expect(await mermaidLoaded()).toBe(true);
  const first = figures.first();
  const svg = first.locator('svg');
  await expect(svg).toBeVisible();
  await expect(figures.nth(1).locator('svg')).toBeVisible();
  // Drawn once each, after its fence closed, not on every token: the first two drawings of the page.
  expect(await svg.getAttribute('id')).toBe('runnel-diagram-1');
  expect(await figures.nth(1).locator('svg').getAttribute('id')).toBe('runnel-diagram-2');
  // Labels are SVG text; nothing that links, runs or embeds HTML.
  await expect(svg.locator('text', { hasText: 'Prompt' })).toBeVisible();
  await expect(figures.nth(1).locator('svg text', { hasText: 'tokens' })).toBeVisible();
  expect(await chat.lastAnswer.evaluate(forbiddenInDiagrams)).toEqual([]);
  // Mermaid's stylesheet applies (through the CSS object model): nodes are filled, edges are not.
  const lightFill = await nodeFill(page);
  expect(lightFill).not.toMatch(/^(none|rgb\(0, 0, 0\)|no node)$/);
  expect(
    await first
      .locator('.flowchart-link')
      .first()
      .evaluate((p) => getComputedStyle(p).fill),
  ).toBe('none');
  await page.screenshot({ path: '/tmp/mermaid-light.png' });

  // Show source: a toggle; the source shows and the picture hides, then back.
  const toggle = first.getByRole('button', { name: 'Show source' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(first.locator('pre code')).toHaveText(flowchart);
  await expect(svg).toBeHidden();
  await toggle.click();
  await expect(first.locator('pre')).toHaveCount(0);
  await expect(svg).toBeVisible();

  // Copy puts exactly the source on the clipboard.
  await first.getByRole('button', { name: 'Copy', exact: true }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(flowchart);

  // Dark: drawn again in the dark theme's colours.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(first.locator('svg')).toHaveAttribute('id', /^runnel-diagram-[34]$/);
  await expect.poll(() => nodeFill(page)).not.toBe(lightFill);
  expect(await chat.lastAnswer.evaluate(forbiddenInDiagrams)).toEqual([]);
  await page.screenshot({ path: '/tmp/mermaid-dark.png' });

  // The page's attribute methods are the browser's own again once Mermaid has drawn (while it draws
  // they are replaced, to set its style attributes aside: diagram-style-aside.ts).
  expect(
    await page.evaluate(() =>
      (['setAttribute', 'getAttribute', 'removeAttribute', 'hasAttribute'] as const).filter(
        (name) => !Element.prototype[name].toString().includes('[native code]'),
      ),
    ),
  ).toEqual([]);

  // Only refused inline styles from Mermaid's own drawing (it styles its scratch copy; the page
  // applies the cleaned stylesheet instead): no script, no eval, no load.
  expect((await reports()).filter((r) => !/^style-src-(attr|elem) inline$/.test(r))).toEqual([]);
});

test('a broken diagram shows its source and the parser message; one too deep or too wide its source and the limit', async ({
  chat,
  serve,
  page,
}) => {
  const deep = [
    'flowchart TB',
    ...Array.from({ length: 20 }, (_, i) => `${'  '.repeat(i)}subgraph S${i}`),
    '  X --> Y',
    ...Array.from({ length: 20 }, () => 'end'),
  ].join('\n');
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  const wide = ['graph LR', ...Array.from({ length: 120 }, (_, i) => `a${i}-->a${i + 1}`)].join('\n');
  await chat.send(
    ['Broken:', '', fence(broken), '', 'Deep:', '', fence(deep), '', 'Wide:', '', fence(wide)].join('\n'),
  );
  await chat.expectAnswerStatus('done', 60_000);
  const figures = chat.lastAnswer.getByRole('figure', { name: 'Diagram' });
  await expect(figures).toHaveCount(3);
  // Mermaid's own edge limit, while parsing: its message, the source, no picture.
  await expect(figures.nth(2).getByRole('note')).toContainText(
    /Edge limit exceeded\. \d+ edges found, but the limit is 100\./,
  );
  await expect(figures.nth(2).locator('svg')).toHaveCount(0);
  const bad = figures.first();
  await expect(bad.getByRole('note')).toContainText('This diagram could not be drawn:');
  await expect(bad.getByRole('note')).toContainText(/Parse error|Expecting|Lexical error/);
  await expect(bad.locator('pre code')).toHaveText(broken);
  await expect(bad.locator('svg')).toHaveCount(0);
  await expect(bad.getByRole('button', { name: 'Show source' })).toHaveCount(0);
  const tooDeep = figures.nth(1);
  await expect(tooDeep.getByRole('note')).toHaveText('Not drawn: the diagram nests deeper than 12 levels.');
  await expect(tooDeep.locator('pre code')).toHaveText(deep);
  await expect(tooDeep.locator('svg')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/mermaid-broken.png' });
});

test('while the answer streams the source shows, and the diagram is drawn once its fence closes', async ({
  chat,
  serve,
  page,
}) => {
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __figureStates: string[] }).__figureStates = seen;
    new MutationObserver(() => {
      const figure = document.querySelector('article[data-role="assistant"] figure.md-diagram');
      if (!figure) return;
      const state = `${figure.getAttribute('data-state')} svg=${!!figure.querySelector('svg')} source=${!!figure.querySelector('pre')}`;
      if (seen[seen.length - 1] !== state) seen.push(state);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await chat.send(['Streamed:', '', fence(flowchart), '', 'Text after the diagram.'].join('\n'));
  await chat.expectAnswerStatus('done');
  await expect(chat.lastAnswer.getByRole('figure', { name: 'Diagram' }).locator('svg')).toBeVisible();
  const states = await page.evaluate(() => (window as unknown as { __figureStates: string[] }).__figureStates);
  // The source first (growing), never a picture before the fence closed; then one drawing.
  expect(states[0]).toBe('streaming svg=false source=true');
  expect(states.filter((s) => s.startsWith('streaming')).every((s) => s.endsWith('svg=false source=true'))).toBe(true);
  expect(states.at(-1)).toBe('drawn svg=true source=false');
  expect(await chat.lastAnswer.locator('figure svg').getAttribute('id')).toBe('runnel-diagram-1');
});

test('hostile diagrams are drawn without links, callbacks, HTML or foreign styles', async ({ chat, serve, page }) => {
  const foreign: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(serve.origin)) return route.continue();
    foreign.push(url);
    return route.abort('blockedbyclient');
  });
  await page.addInitScript(() => {
    const calls: string[] = [];
    Object.defineProperty(window, '__pwned', { value: (id: unknown) => calls.push(String(id)) });
    Object.defineProperty(window, '__calls', { value: calls });
  });
  const reports = await watch(page);
  const hostile = [
    '%%{init: {"securityLevel": "loose", "htmlLabels": true}}%%',
    'flowchart LR',
    `  A["<img src=x onerror=__pwned('label')>"] --> B[Styled] --> C[Plain]`,
    '  click A call __pwned("click")',
    `  click C href "javascript:__pwned('href')"`,
    '  classDef evil fill:#ffeeee,stroke:#ff0000',
    '  class B evil',
  ].join('\n');
  // Flowchart grammar refuses url(…) in styles; the state diagram's takes the rest of the line.
  const states = [
    'stateDiagram-v2',
    '  [*] --> Loaded',
    '  classDef evil fill:url(http://evil.example/fill.png),stroke:#00ff00,background-image:url(http://evil.example/bg.png)',
    '  class Loaded evil',
  ].join('\n');
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat');
  await chat.send(['Hostile:', '', fence(hostile), '', fence(states)].join('\n'));
  await chat.expectAnswerStatus('done');
  const figure = chat.lastAnswer.getByRole('figure', { name: 'Diagram' }).first();
  const stateFigure = chat.lastAnswer.getByRole('figure', { name: 'Diagram' }).nth(1);
  await expect(figure).toHaveAttribute('data-state', 'drawn');
  await expect(stateFigure).toHaveAttribute('data-state', 'drawn');
  // The HTML label is text in an SVG text element.
  await expect(figure.locator('svg text', { hasText: /<img src=x\s*onerror=__pwned\('label'\)/ })).toBeVisible();
  expect(await chat.lastAnswer.evaluate(forbiddenInDiagrams)).toEqual([]);
  // A classDef's plain colours stay; its url() values do not.
  const styled = figure.locator('.node', { hasText: 'Styled' }).locator('rect, path, polygon').first();
  expect(await styled.evaluate((el) => getComputedStyle(el).stroke)).toBe('rgb(255, 0, 0)');
  const loaded = stateFigure.locator('.node', { hasText: 'Loaded' }).locator('rect, path').first();
  expect(await loaded.evaluate((el) => getComputedStyle(el).stroke)).toBe('rgb(0, 255, 0)');
  expect(await loaded.evaluate((el) => getComputedStyle(el).fill)).not.toContain('url(');
  expect(await loaded.evaluate((el) => getComputedStyle(el).backgroundImage)).toBe('none');
  for (const node of await figure.locator('.node').all()) await node.click({ force: true });
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => (window as unknown as { __calls: string[] }).__calls)).toEqual([]);
  expect(foreign).toEqual([]);
  expect((await reports()).filter((r) => !/^style-src-(attr|elem) inline$/.test(r))).toEqual([]);
  await page.screenshot({ path: '/tmp/mermaid-hostile.png' });
});
