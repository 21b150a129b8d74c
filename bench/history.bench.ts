// Benchmark 4: history at scale. A generated history (by default 1,000,000 messages in 20,000
// conversations, English and Chinese) plus one 5,000-message conversation; measures start to the
// conversation list painted, search latency against the same queries as LIKE scans (the baseline),
// and opening the long conversation to its first painted message. The seeded database is cached
// in bench/.cache between runs (delete it to reseed).
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, databaseFile } from '../src/main/core/create-core';
import { openDatabase } from '../src/main/db/lifecycle/open-database';
import { backfillShortIndex, shortIndexFloor } from '../src/main/db/search/short-index-backfill';
import { FileSecretStore } from '../src/main/secrets/secret-store';
import { generateHistory, seedConversations } from '../tests/support/seed-history';
import type { Page } from '@playwright/test';
import { cacheDir, openSession, percentile } from './browser-session';

export interface HistoryResult {
  messages: number;
  conversations: number;
  seedMs: number | null;
  /** Indexing the stored messages for one- and two-character terms after the upgrade to schema 9 (null: already done). */
  shortIndexBackfillMs: number | null;
  databaseBytes: number;
  /** Opening the database and starting the core (checks, recovery, purge). */
  coreOpenMs: number;
  /** Navigation start to the list painted with its first conversation, timed in the page: a fresh browser profile (nothing cached). */
  pageToListColdMs: number;
  /** The same on later loads (median of five): the script in the browser's cache and code cache, as on every later start. */
  pageToListMs: number;
  pageToListRunsMs: number[];
  /** A load as the end-to-end tests drive it: goto, then Playwright's locator finding the title (its polling and injected scripts included). */
  pageToListDrivenMs: number;
  /** Core open and page (cached) together: from start to the list painted, without process and browser launch. */
  listPaintMs: number;
  listQueryMs: number;
  search: { p50: number; p95: number; baselineP50: number; baselineP95: number; perQuery: QueryTiming[] };
  /** Click to first message painted; the whole branch's request alone; how many articles the list put in the DOM. */
  openLong: { paintMs: number; requestMs: number; articlesInDom: number };
  /** Bench 6: the renderer's JS heap after a full GC, with no conversation open and with the long one scrolled end to end. */
  memory: { emptyHeapMb: number; longScrolledHeapMb: number; scrollSteps: number };
}

interface QueryTiming {
  query: string;
  ms: number;
  baselineMs: number;
  hits: number;
}

const needle = { text: 'zebrafish 斑马鱼', every: 5_000 };
const queries = [
  // Latin: common words, phrases, a rare needle, and two-letter ones (LIKE in both)
  'model server',
  'quantized weights',
  'retry timeout',
  'zebrafish',
  'throughput',
  'explain how',
  'container image',
  'kernel',
  'is',
  'zq',
  // CJK: two-character words, longer phrases, the needle, a single character
  '模型',
  '服务器',
  '数据库索引',
  '斑马鱼',
  '吞吐量',
  '北京天气',
  '为什么',
  '量化权重',
  '上海',
  '鱼',
];
const runsPerQuery = 5;

function seeded(dir: string, messages: number, conversations: number): number | null {
  const marker = join(dir, `seeded-${messages}-${conversations}`);
  if (existsSync(marker)) return null;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const db = openDatabase(databaseFile(dir));
  generateHistory(db, {
    conversations,
    messagesPerConversation: messages / conversations,
    needle,
    onProgress: (n) => process.stdout.write(`\r  seeding ${n.toLocaleString('en')} messages…`),
  });
  // The long conversation is the newest, so it is at the top of the list.
  const turns = Array.from({ length: 5_000 }, (_, i) =>
    i % 2 ? `Answer ${i}: the server streamed this reply with some detail about tokens and latency.` : `Question ${i}?`,
  );
  seedConversations(db, [{ title: 'Five thousand messages', messages: turns }], Date.now() + 60_000);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  mkdirSync(marker);
  process.stdout.write('\n');
  return performance.now() - started;
}

/**
 * Brings a cached database seeded by an older Runnel up to date, outside the timings: the schema
 * steps, then the short-term index the app builds in the background after that upgrade (timed).
 */
function upgraded(dir: string): number | null {
  const db = openDatabase(databaseFile(dir));
  try {
    if (shortIndexFloor(db) === null) return null;
    const started = performance.now();
    while (!backfillShortIndex(db, 2_000)) process.stdout.write(`\r  short-term index down to ${shortIndexFloor(db)}…`);
    process.stdout.write('\n');
    return performance.now() - started;
  } finally {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
}

/** The database and its log; not the copies a schema upgrade leaves beside it. */
const sizeOf = (dir: string): number =>
  readdirSync(dir)
    .filter((f) => /^runnel\.sqlite(-wal|-shm)?$/.test(f))
    .reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);

export async function runHistoryBench(messages = 1_000_000, conversations = 20_000): Promise<HistoryResult> {
  const dir = join(cacheDir, 'history');
  const seedMs = seeded(dir, messages, conversations);
  const shortIndexBackfillMs = upgraded(dir);
  const databaseBytes = sizeOf(dir);

  // Search and list through the core, as the hosts call it; the baseline scans with LIKE.
  const opening = performance.now();
  const core = createCore({
    dataDir: dir,
    host: 'web',
    version: 'bench',
    secrets: new FileSecretStore(join(dir, 's.json')),
    integrityCheckDelayMs: 0,
  });
  const coreOpenMs = performance.now() - opening;
  // A file this large has its history tables checked on a worker thread after open (about 7 ms per
  // MB; started at once here); the queries below measure the steady state, once that check is done.
  const checkMs = Math.min(60_000, 1000 + (databaseBytes / 2 ** 20) * 10);
  await new Promise((resolve) => setTimeout(resolve, checkMs));
  const perQuery: QueryTiming[] = [];
  let listQueryMs: number;
  let longRequestMs: number;
  try {
    const invoke = async (channel: string, input: unknown) => {
      const r = await core.invoke(channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.value;
    };
    let t = performance.now();
    await invoke('conversations:list', {});
    listQueryMs = performance.now() - t;
    const long = core.db.prepare("SELECT id FROM conversations WHERE title = 'Five thousand messages'").get() as {
      id: string;
    };
    t = performance.now();
    await invoke('conversations:get', { id: long.id });
    longRequestMs = performance.now() - t;
    const like = core.db.prepare(
      `SELECT m.id FROM messages m JOIN conversations c ON c.id = m.conversation_id
       WHERE m.content LIKE ? ESCAPE '\\' AND c.deleted_at IS NULL ORDER BY m.rowid DESC LIMIT 31`,
    );
    for (const query of queries) {
      const times: number[] = [];
      const baseTimes: number[] = [];
      let hits = 0;
      for (let i = 0; i < runsPerQuery; i++) {
        t = performance.now();
        const page = (await invoke('search:messages', { query })) as { hits: unknown[] };
        times.push(performance.now() - t);
        hits = page.hits.length;
        t = performance.now();
        like.all(`%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
        baseTimes.push(performance.now() - t);
      }
      perQuery.push({ query, ms: percentile(times, 50), baselineMs: percentile(baseTimes, 50), hits });
    }
  } finally {
    await core.close();
  }

  // Painting, in Chromium through the web host: from spawning the host to the list on screen,
  // then from a click to the long conversation's first message on screen.
  const session = await openSession(dir);
  let pageToListMs: number;
  let pageToListColdMs: number;
  let pageToListRunsMs: number[];
  let pageToListDrivenMs: number;
  let openLong: HistoryResult['openLong'];
  let memory: HistoryResult['memory'];
  try {
    const { page } = session;
    const nav = page.getByRole('navigation', { name: 'Conversations' });
    const toList = await listPaintTimer(page, session.serve.openUrl, 'Five thousand messages');
    pageToListColdMs = await toList();
    pageToListRunsMs = [];
    for (let i = 0; i < 5; i++) pageToListRunsMs.push(await toList());
    pageToListMs = percentile(pageToListRunsMs, 50);
    // The same load as a test drives it, for comparison: goto, then Playwright's locator polling.
    const driving = performance.now();
    await page.goto(session.serve.openUrl);
    await nav.getByText('Five thousand messages').first().waitFor();
    pageToListDrivenMs = performance.now() - driving;
    const emptyHeapMb = await heapAfterGc(page);
    // Timed in the page, from the click event to the frame after the first message is in the DOM
    // (the next task after requestAnimationFrame runs once that frame is painted).
    await page.evaluate(() => {
      const w = window as unknown as { __opened: Promise<number> };
      w.__opened = new Promise((resolve) => {
        let clickAt = 0;
        document.addEventListener('click', (e) => (clickAt = e.timeStamp), { capture: true, once: true });
        const watch = new MutationObserver(() => {
          if (!clickAt || !document.querySelector('article[data-role]')) return;
          watch.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - clickAt)));
        });
        watch.observe(document.body, { subtree: true, childList: true });
      });
    });
    await nav.getByText('Five thousand messages').first().click();
    const paintMs = await page.evaluate(() => (window as unknown as { __opened: Promise<number> }).__opened);
    openLong = {
      paintMs,
      requestMs: longRequestMs,
      articlesInDom: await page.locator('article[data-role]').count(),
    };
    const scrollSteps = await scrollEndToEnd(page);
    memory = { emptyHeapMb, longScrolledHeapMb: await heapAfterGc(page), scrollSteps };
  } finally {
    await session.close();
  }

  const all = perQuery.map((q) => q.ms);
  const base = perQuery.map((q) => q.baselineMs);
  return {
    messages,
    conversations,
    seedMs,
    shortIndexBackfillMs,
    databaseBytes,
    coreOpenMs,
    pageToListMs,
    pageToListRunsMs,
    pageToListColdMs,
    pageToListDrivenMs,
    listPaintMs: coreOpenMs + pageToListMs,
    listQueryMs,
    search: {
      p50: percentile(all, 50),
      p95: percentile(all, 95),
      baselineP50: percentile(base, 50),
      baselineP95: percentile(base, 95),
      perQuery,
    },
    openLong,
    memory,
  };
}

/**
 * Returns a function that loads `url` and resolves to the time from navigation start to the frame
 * after the conversation list shows `title`, timed in the page (the next task after
 * requestAnimationFrame runs once that frame is painted). The page reports through a binding, so
 * nothing is evaluated in it while it loads: Playwright's locator scripts would take its main
 * thread for tens of milliseconds at exactly that moment.
 */
async function listPaintTimer(page: Page, url: string, title: string): Promise<() => Promise<number>> {
  let report: (ms: number) => void = () => {};
  await page.exposeBinding('__runnelListPainted', (_source, ms: number) => report(ms));
  await page.addInitScript({
    content: `
      const watch = new MutationObserver(() => {
        const nav = document.querySelector('nav[aria-label="Conversations"]');
        if (!nav || !nav.textContent.includes(${JSON.stringify(title)})) return;
        watch.disconnect();
        requestAnimationFrame(() => setTimeout(() => window.__runnelListPainted(performance.now())));
      });
      watch.observe(document, { subtree: true, childList: true, characterData: true });`,
  });
  return async () => {
    const painted = new Promise<number>((resolve) => (report = resolve));
    await page.goto(url, { waitUntil: 'commit' });
    return painted;
  };
}

/** The page's used JS heap in MB after Chromium's full garbage collection. */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 2 ** 20;
  } finally {
    await cdp.detach();
  }
}

/**
 * Scrolls the message list from its top to its end a viewport per frame, as a reader dragging
 * through it would, so every row is rendered and measured once. Returns the number of steps.
 */
function scrollEndToEnd(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const scroller = document.querySelector('.message-scroller');
    if (!(scroller instanceof HTMLElement)) throw new Error('no message list');
    // (No named helpers in here: tsx would wrap them in a __name() the page does not have.)
    // The conversation opens at its newest messages and the rest follows: at the top, wait for the first.
    const started = performance.now();
    for (;;) {
      scroller.scrollTop = 0;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const first = document.querySelector('article[data-role]');
      if (first?.textContent?.includes('Question 0?')) break;
      if (performance.now() - started > 60_000) throw new Error('the first message never showed at the top');
    }
    let steps = 0;
    // Heights change as rows are measured, so the end is checked afresh each time.
    while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1 && steps < 100_000) {
      scroller.scrollTop += scroller.clientHeight;
      steps++;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return steps;
  });
}
