// Crash safety end to end, in Chromium through the real web host process. The host is killed
// with SIGKILL in the middle of an answer and started again on the same data folder: the answer
// is there, marked interrupted, holding everything the host had shown the window until a second
// before the kill (the host writes a batch every 300 ms), nothing the model server never sent,
// and Continue resumes it in place. The model server's process is killed mid-answer too: the text
// so far is kept and the error shown.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeHttpServer, type FakeServer } from '../servers/fake-http-server';
import { asRecord, openAiModelList, sendJson } from '../servers/http-json';
import { endlessTokens } from '../servers/fake-replies';
import { ChatPage } from './support/chat-page';
import { startServe, type ServeProcess } from './support/serve-process';
import { expect, test } from '@playwright/test';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** The host's batch interval (`persistIntervalMs`' default in generation/generations.ts). */
const PERSIST_INTERVAL_MS = 300;
/**
 * How late a batch may be written on a loaded machine (two cores shared by several test runs):
 * the host's timer fires late and its write waits behind other work. Text the window showed this
 * long before the kill must have been written; a host that wrote only at the end, or every few
 * seconds, still fails.
 */
const PERSIST_WINDOW_MS = PERSIST_INTERVAL_MS + 700;
const CONTINUATION = ' …and that is where the story ends.';

interface Sent {
  at: number;
  text: string;
}

/**
 * A vLLM-shaped server that streams numbered words forever and logs when it wrote each one; asked
 * to continue (the request ends with the assistant's own partial turn), it finishes the answer.
 */
async function startLoggingServer(): Promise<FakeServer & { sent: Sent[] }> {
  const sent: Sent[] = [];
  const server = await startFakeHttpServer({
    basePath: '/v1',
    name: 'logging fake',
    route(req, res, start) {
      if (req.path === '/v1/models') return sendJson(res, 200, openAiModelList([{ id: 'fake-story' }], 0));
      // Nothing else but chat (Runnel also asks servers about their context window: not this one).
      if (req.path !== '/v1/chat/completions') return sendJson(res, 404, { error: 'not found' });
      const messages = asRecord(req.body)?.['messages'];
      const last = Array.isArray(messages) ? asRecord(messages.at(-1)) : undefined;
      const continuing = last?.['role'] === 'assistant';
      start('fake-story', {}, async (ex) => {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        const chunk = (content: string, finish: string | null = null) =>
          `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`;
        if (continuing) {
          res.write(chunk(CONTINUATION));
          res.write(chunk('', 'stop'));
          return ex.end('data: [DONE]\n\n');
        }
        for (let i = 1; ; i++) {
          await ex.pause(20);
          const text = ` w${String(i).padStart(4, '0')}`;
          res.write(chunk(text));
          sent.push({ at: Date.now(), text });
          ex.tokensSent++;
        }
      });
    },
  });
  return Object.assign(server, { sent });
}

const words = (text: string) => text.replace(/\s+/g, ' ').trim();

interface Shown {
  at: number;
  text: string;
}

/**
 * Stamps every text the last answer shows, from now on (on each DOM change). What the window
 * showed at a time, the host had received by then: unlike the model server's own log, this does
 * not count the time a busy host takes to read its socket against the batch writer.
 */
async function stampShownAnswer(chat: ChatPage): Promise<() => Promise<Shown[]>> {
  await chat.page.evaluate(() => {
    const shown: { at: number; text: string }[] = [];
    (window as unknown as { __shown: typeof shown }).__shown = shown;
    const record = (): void => {
      const last = [...document.querySelectorAll('article[data-role="assistant"] [data-part="content"]')].at(-1);
      const now = last?.textContent ?? '';
      if (now && shown.at(-1)?.text !== now) shown.push({ at: Date.now(), text: now });
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => chat.page.evaluate(() => (window as unknown as { __shown: Shown[] }).__shown);
}

test('a host killed mid-answer keeps the answer up to the last batch, marked interrupted, and Continue resumes it', async ({
  page,
}) => {
  const fake = await startLoggingServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'runnel-crash-'));
  const backends = [
    { name: 'Story server', kind: 'openai-chat' as const, baseUrl: fake.baseUrl, defaultModel: 'fake-story' },
  ];
  let serve: ServeProcess | null = await startServe(dataDir, backends);
  const chat = new ChatPage(page);
  try {
    await chat.open(serve.openUrl);
    await chat.pickModel('fake-story');
    const shownLog = await stampShownAnswer(chat);
    await chat.send('Tell me a long story');
    // Well into the answer: several batches written, more on the way.
    await expect.poll(() => fake.sent.length, { timeout: 20_000 }).toBeGreaterThan(120);

    const killedAt = Date.now();
    serve.child.kill('SIGKILL');
    await serve.stop();
    serve = null;
    const shown = await shownLog();
    const shownByThen = shown.filter((s) => s.at <= killedAt - PERSIST_WINDOW_MS).at(-1)?.text ?? '';
    const sentInAll = fake.sent.map((s) => s.text).join('');
    // Past the first batch (about 15 words) by then: the check below is about batches written
    // while the answer went on.
    expect(words(shownByThen).split(' ').length).toBeGreaterThan(20);

    serve = await startServe(dataDir, backends);
    await chat.open(serve.openUrl);
    await chat.openConversation('Tell me a long story');
    await chat.expectAnswerStatus('interrupted');
    const kept = words(await chat.lastAnswer.locator('[data-part="content"]').innerText());
    // Everything the window showed until a batch (and a busy machine's delay) before the kill,
    // nothing that was never sent.
    expect(kept.startsWith(words(shownByThen))).toBe(true);
    expect(words(sentInAll).startsWith(kept)).toBe(true);

    await chat.lastAnswer.getByRole('button', { name: 'Continue' }).click();
    await chat.expectAnswerStatus('done');
    await expect(chat.messages).toHaveCount(2);
    const continued = words(await chat.lastAnswer.locator('[data-part="content"]').innerText());
    expect(continued).toBe(words(kept + CONTINUATION));
    const asked = fake.requests.filter((r) => r.path === '/v1/chat/completions').at(-1);
    const request = asked?.body as { messages: { role: string; content: string }[] };
    expect(request.messages.at(-1)).toEqual({ role: 'assistant', content: expect.stringContaining(kept.slice(-40)) });
  } finally {
    await serve?.stop();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** The fake OpenAI-compatible server of tests/servers in a process of its own, so it can be killed. */
async function startFakeProcess(): Promise<{ child: ChildProcess; baseUrl: string }> {
  const script = `import('${join(root, 'tests/servers/openai-chat-server.ts')}').then((m) => m.startOpenAiChatServer()).then((s) => console.log('BASE ' + s.baseUrl));`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /BASE (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the fake server exited with ${code}: ${out}`)));
  });
  return { child, baseUrl };
}

test('a model server killed mid-answer: the text so far is kept and stored, and the error is shown', async ({
  page,
}) => {
  const fake = await startFakeProcess();
  const dataDir = mkdtempSync(join(tmpdir(), 'runnel-crash-'));
  const serve = await startServe(dataDir, [{ name: 'Doomed server', kind: 'openai-chat', baseUrl: fake.baseUrl }]);
  const chat = new ChatPage(page);
  try {
    await chat.open(serve.openUrl);
    await chat.pickModel('fake-endless');
    await chat.send('Keep going');
    const content = chat.lastAnswer.locator('[data-part="content"]');
    await expect
      .poll(async () => words(await content.innerText()).split(' ').length, { timeout: 20_000 })
      .toBeGreaterThan(12);

    fake.child.kill('SIGKILL');

    await chat.expectAnswerStatus('error');
    await expect(chat.lastAnswer.getByRole('alert')).toContainText(/closed the connection|connection/i);
    const partial = words(await content.innerText());
    const endless = words(Array.from({ length: 400 }, (_, i) => endlessTokens[i % endlessTokens.length]).join(''));
    expect(partial.length).toBeGreaterThan(20);
    expect(endless.startsWith(partial)).toBe(true);

    await page.reload();
    await chat.openConversation('Keep going');
    await chat.expectAnswerStatus('error');
    await expect(content).toHaveText(partial, { useInnerText: true });
    await expect(chat.lastAnswer.getByRole('alert')).toBeVisible();
  } finally {
    if (fake.child.exitCode === null && fake.child.signalCode === null) fake.child.kill('SIGKILL');
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a damaged database is moved aside at start and the page says where it went', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'runnel-e2e-damaged-'));
  writeFileSync(join(dataDir, 'runnel.sqlite'), Buffer.alloc(64 * 1024, 0xa5));
  const serve = await startServe(dataDir);
  try {
    await page.goto(serve.openUrl);
    const notice = page.getByRole('region', { name: 'Notices' }).getByRole('alert');
    await expect(notice).toContainText('The history database was damaged and could not be opened');
    const moved = readdirSync(dataDir).find((f) => f.startsWith('runnel.sqlite.corrupt-'));
    expect(moved).toBeDefined();
    await expect(notice).toContainText(moved!);
    // The fresh history works, and the notice goes when dismissed.
    await expect(page.getByRole('button', { name: 'New chat' })).toBeVisible();
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);
  } finally {
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
