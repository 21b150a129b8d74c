// Model output is untrusted: every attack of tests/fixtures/xss/corpus.json is streamed by a
// hostile OpenAI-compatible server through the real web host into the real renderer in Chromium.
// For each: no script runs (the payloads call a watched global or open a dialog), no CSP
// violation is reported, no request leaves for any origin but the app's own, nothing dangerous is
// in the DOM, and clicking every link or unsafe-link text leaves the app where it was. Then a
// hostile server at the protocol level: an HTML page for a stream, a line of 12 MB, `__proto__`
// everywhere, 10,000 events a second; no crash, no pollution, and the UI answers while it floods.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Request } from '@playwright/test';
import { corpus, startHostileServer, type Attack, type HostileServer } from '../fixtures/xss/hostile-server';
import { ChatPage } from './support/chat-page';
import { startServe, type ServeProcess } from './support/serve-process';
import { dangerousDom } from './support/untrusted-watch';
import { expect, test } from '@playwright/test';

interface Watch {
  /** Requests for any origin but the app's, by the app page (refused before they leave). */
  foreign: string[];
  /** What pages the app opened asked for (a checked http(s) link opens in a new tab in the web host). */
  popups: string[];
  dialogs: string[];
  errors: string[];
  pwned(): Promise<string[]>;
  violations(): Promise<string[]>;
  /** The longest main-thread task since the last reset, in ms. */
  longestTask(): Promise<number>;
  reset(): Promise<void>;
}

/** A popup's first navigation has no frame yet: it is not the app page's own request. */
function fromPage(request: Request, page: Page): boolean {
  try {
    return request.frame().page() === page;
  } catch {
    return false;
  }
}

/** Installs the watchers before the app's first script runs; everything foreign is recorded and refused. */
async function watch(context: BrowserContext, page: Page, origin: string): Promise<Watch> {
  const w = { foreign: [] as string[], popups: [] as string[], dialogs: [] as string[], errors: [] as string[] };
  await context.addInitScript(() => {
    const log: string[] = [];
    const csp: string[] = [];
    Object.defineProperty(window, '__pwned', { value: (id: unknown) => log.push(String(id)) });
    Object.defineProperty(window, '__pwnedLog', { value: log });
    Object.defineProperty(window, '__cspLog', { value: csp });
    const longTasks: number[] = [];
    Object.defineProperty(window, '__longTasks', { value: longTasks });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
    document.addEventListener('securitypolicyviolation', (e) =>
      csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} ${e.sample}`),
    );
  });
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    if (fromPage(route.request(), page)) w.foreign.push(url);
    else w.popups.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('page', (popup) => {
    if (popup !== page) void popup.close();
  });
  page.on('dialog', (d) => {
    w.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (err) => w.errors.push(err.message));
  return {
    ...w,
    pwned: () => page.evaluate(() => [...(window as unknown as { __pwnedLog: string[] }).__pwnedLog]),
    violations: () => page.evaluate(() => [...(window as unknown as { __cspLog: string[] }).__cspLog]),
    longestTask: () =>
      page.evaluate(() => Math.max(0, ...(window as unknown as { __longTasks: number[] }).__longTasks)),
    async reset() {
      w.foreign.length = 0;
      w.popups.length = 0;
      await page.evaluate(() => {
        (window as unknown as { __cspLog: string[] }).__cspLog.length = 0;
        (window as unknown as { __longTasks: number[] }).__longTasks.length = 0;
      });
    },
  };
}

/** Rules of the style sheets diagrams adopt that could load something or reach outside the diagram. */
function dangerousDiagramCss(): string[] {
  const found: string[] = [];
  for (const sheet of document.adoptedStyleSheets)
    for (const rule of Array.from(sheet.cssRules)) {
      const text = rule.cssText;
      if (!(rule instanceof CSSStyleRule) || !/^#runnel-diagram-\d+([\s.:>[]|$)/.test(rule.selectorText))
        found.push(`css rule ${text.slice(0, 80)}`);
      else if (/url\(|@import|@font-face|image-set|src:/i.test(text)) found.push(`css ${text.slice(0, 80)}`);
    }
  return found;
}

interface Harness {
  hostile: HostileServer;
  serve: ServeProcess;
  chat: ChatPage;
  w: Watch;
  done(): Promise<void>;
}

async function open(context: BrowserContext, page: Page, defaultModel: string): Promise<Harness> {
  const hostile = await startHostileServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'runnel-xss-'));
  const serve = await startServe(dataDir, [
    { name: 'Hostile', kind: 'openai-chat', baseUrl: hostile.baseUrl, defaultModel },
  ]);
  const w = await watch(context, page, serve.origin);
  const chat = new ChatPage(page);
  await chat.open(serve.openUrl);
  await chat.pickModel(defaultModel);
  return {
    hostile,
    serve,
    chat,
    w,
    async done() {
      await serve.stop();
      await hostile.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const rendererPolluted = (page: Page): Promise<boolean> =>
  page.evaluate(() => Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted') || 'polluted' in {});

/**
 * Streams one attack into a new chat, then looks: the DOM, the watched global, dialogs, CSP
 * reports, requests; then clicks every link and refused-link text. Returns what went wrong.
 */
async function tryAttack(h: Harness, page: Page, attack: Attack): Promise<string[]> {
  const appUrl = page.url();
  await h.w.reset();
  await page.getByRole('button', { name: 'New chat' }).click();
  await h.chat.send(`xss ${attack.id}`);
  await h.chat.expectAnswerStatus('done');
  const answer = h.chat.lastAnswer;
  await expect(answer.locator('[data-part="content"]')).not.toBeEmpty();

  // Diagrams are drawn after the answer ends, one at a time: wait until each is drawn or refused.
  await expect(answer.locator('figure.md-diagram[aria-busy="true"]')).toHaveCount(0, { timeout: 20_000 });
  const diagrams = await answer.locator('figure.md-diagram').count();
  const dom = [...(await answer.evaluate(dangerousDom)), ...(await page.evaluate(dangerousDiagramCss))];
  const afterRender = { csp: await h.w.violations(), foreign: [...h.w.foreign] };
  // A diagram too large to draw quickly must not hold the page: no task anywhere near a freeze.
  // (Wall-clock: on a loaded machine Mermaid's first load alone can take a second.)
  const longest = await h.w.longestTask();

  // Real links (main checks them, then the web host opens a new tab for http(s)) and the text of
  // refused ones (nothing may happen), with the left and the middle button.
  const targets = answer.locator('a, .md-unsafe-link, [role="link"]');
  for (let i = 0; i < (await targets.count()); i++) {
    await targets.nth(i).click({ force: true });
    await targets.nth(i).click({ button: 'middle', force: true });
  }
  await page.waitForTimeout(100); // let a navigation or a popup start if one was going to
  const afterClicks = { pwned: await h.w.pwned(), foreign: [...h.w.foreign], popups: [...h.w.popups] };

  // An inline style attribute refused by `style-src 'self'` (KaTeX colours its error messages
  // that way) loads and runs nothing: noted, not failed. So does the `<style>` element Mermaid puts
  // in its hidden scratch drawing, when the answer has a diagram (the page adopts a cleaned copy of
  // its rules instead). Every other report is a failure.
  const refusedStyle = diagrams
    ? /^style-src-(attr|elem) blocked (inline|\(inline\)) /
    : /^style-src-attr blocked (inline|\(inline\)) /;
  const [styleOnly, csp] = partition(afterRender.csp, (c) => refusedStyle.test(c));
  if (styleOnly.length)
    test.info().annotations.push({ type: 'csp note', description: `${attack.id}: ${styleOnly[0]}` });
  return [
    ...(page.url() === appUrl ? [] : [`navigated the app to ${page.url()}`]),
    ...dom.map((d) => `dom ${d}`),
    ...afterClicks.pwned.map((p) => `ran ${p}`),
    ...h.w.dialogs.map((d) => `dialog ${d}`),
    ...csp.map((c) => `csp ${c}`),
    ...afterRender.foreign.map((f) => `request while rendering ${f}`),
    ...afterClicks.foreign.map((f) => `request from the app page ${f}`),
    ...afterClicks.popups.filter((p) => !/^https?:/.test(p)).map((p) => `opened ${p}`),
    ...h.w.errors.map((e) => `page error ${e}`),
    ...(longest > FREEZE_MS ? [`a task of ${Math.round(longest)} ms held the page`] : []),
  ];
}

/** A main-thread task this long is a frozen page, not a slow one. */
const FREEZE_MS = 3000;

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

/** Attacks run in a test of their own because they can take the whole page down. */
const alone = new Set(['katex-deep-nesting']);

test('no attack in the corpus runs, loads, navigates or leaks', async ({ context, page }) => {
  test.setTimeout(600_000);
  expect(corpus.length).toBeGreaterThanOrEqual(40);
  const h = await open(context, page, 'xss-corpus');
  const report: string[] = [];
  try {
    // XSS_ONLY=id,id runs some attacks alone, to look into one.
    const only = process.env.XSS_ONLY?.split(',');
    for (const attack of corpus.filter((a) => (only ? only.includes(a.id) : !alone.has(a.id)))) {
      const problems = await tryAttack(h, page, attack);
      if (problems.length) report.push(`${attack.id} (${attack.category}): ${problems.join('; ')}`);
    }
    expect(report, report.join('\n')).toEqual([]);
    expect(await rendererPolluted(page)).toBe(false);
  } finally {
    await h.done();
  }
});

test('deeply nested TeX (300 \\frac) does not crash the renderer', async ({ context, page }) => {
  const h = await open(context, page, 'xss-corpus');
  let crashed = false;
  page.on('crash', () => (crashed = true));
  try {
    const attack = corpus.find((a) => a.id === 'katex-deep-nesting');
    expect(attack).toBeDefined();
    const problems = await tryAttack(h, page, attack!).catch((err: unknown) => [`${String(err).split('\n')[0]}`]);
    expect({ crashed, problems }).toEqual({ crashed: false, problems: [] });
  } finally {
    await h.done();
  }
});

test('a 200 with an HTML page instead of a stream ends the answer, and nothing in it runs', async ({
  context,
  page,
}) => {
  const h = await open(context, page, 'hostile-html-body');
  try {
    await h.chat.send('Hello?');
    await expect(h.chat.lastAnswer).not.toHaveAttribute('data-status', 'streaming', { timeout: 20_000 });
    expect(await h.w.pwned()).toEqual([]);
    expect(h.w.dialogs).toEqual([]);
    expect(h.w.foreign).toEqual([]);
    expect(await h.chat.lastAnswer.evaluate(dangerousDom)).toEqual([]);
    await expect(page.getByRole('button', { name: 'New chat' })).toBeEnabled();
  } finally {
    await h.done();
  }
});

test('one line of 12 MB ends the answer with a clear error, keeps what came before, and the app goes on', async ({
  context,
  page,
}) => {
  const h = await open(context, page, 'hostile-huge-line');
  try {
    await h.chat.send('Say something big');
    await h.chat.expectAnswerStatus('error', 30_000);
    await expect(h.chat.lastAnswer.getByRole('alert')).toContainText(/larger than|too large|limit/i);
    await expect(h.chat.lastAnswer.locator('[data-part="content"]')).toContainText('Before the flood.');
    expect(h.w.errors).toEqual([]);
    await page.getByRole('button', { name: 'New chat' }).click();
    await expect(h.chat.messages).toHaveCount(0);
  } finally {
    await h.done();
  }
});

test('__proto__ and constructor keys in every JSON object pollute nothing and only the text shows', async ({
  context,
  page,
}) => {
  const h = await open(context, page, 'hostile-proto');
  try {
    await h.chat.send('Poison me');
    await h.chat.expectAnswerStatus('done');
    await expect(h.chat.lastAnswer.locator('[data-part="content"]')).toHaveText('safe text stays plain', {
      useInnerText: true,
    });
    expect(await rendererPolluted(page)).toBe(false);
    expect(h.w.errors).toEqual([]);
  } finally {
    await h.done();
  }
});

test('ten thousand events a second: the UI handles a click on New chat while the flood runs, and Stop ends it', async ({
  context,
  page,
}) => {
  test.setTimeout(120_000);
  const h = await open(context, page, 'hostile-flood');
  try {
    await h.chat.send('Flood me');
    await expect(h.chat.lastAnswer.locator('[data-part="content"]')).not.toBeEmpty({ timeout: 20_000 });
    await expect.poll(() => h.hostile.floodEvents(), { timeout: 20_000 }).toBeGreaterThan(5000);

    const before = h.hostile.floodEvents();
    await page.getByRole('button', { name: 'New chat' }).click();
    await expect(h.chat.messages).toHaveCount(0);
    await expect(h.chat.composer).toBeEditable();
    await h.chat.composer.fill('typing while it floods');
    await expect(h.chat.composer).toHaveValue('typing while it floods');
    // The flood was still running after the click was handled: the UI answered during it.
    expect(h.hostile.floodEvents()).toBeGreaterThan(before);
    expect(h.hostile.clientAborts).toBe(0);

    await h.chat.openConversation('Flood me');
    await h.chat.expectAnswerStatus('streaming');
    const aborted = h.hostile.nextClientAbort();
    await h.chat.stop();
    await aborted;
    await h.chat.expectAnswerStatus('cancelled');
    expect(h.w.errors).toEqual([]);
    expect(await rendererPolluted(page)).toBe(false);
  } finally {
    await h.done();
  }
});
