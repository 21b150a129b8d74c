// Crash safety end to end, in Chromium through the real web host process. The host is killed
// with SIGKILL in the middle of an answer and started again on the same data folder: the answer
// is there, marked interrupted, holding everything the model server had sent until half a second
// before the kill (the host writes a batch every 300 ms), and Continue resumes it in place. The
// model server's process is killed mid-answer too: the text so far is kept and the error shown.
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
/** The host's batch interval (generation/generations.ts) plus room for a busy machine. */
const PERSIST_WINDOW_MS = 500;
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
    await chat.send('Tell me a long story');
    // Well into the answer: several batches written, more on the way.
    await expect.poll(() => fake.sent.length, { timeout: 20_000 }).toBeGreaterThan(60);

    const killedAt = Date.now();
    serve.child.kill('SIGKILL');
    await serve.stop();
    serve = null;
    const sentByThen = fake.sent
      .filter((s) => s.at <= killedAt - PERSIST_WINDOW_MS)
      .map((s) => s.text)
      .join('');
    const sentInAll = fake.sent.map((s) => s.text).join('');
    expect(sentByThen.length).toBeGreaterThan(0);

    serve = await startServe(dataDir, backends);
    await chat.open(serve.openUrl);
    await chat.openConversation('Tell me a long story');
    await chat.expectAnswerStatus('interrupted');
    const kept = words(await chat.lastAnswer.locator('[data-part="content"]').innerText());
    // Everything sent until half a second before the kill, nothing that was never sent.
    expect(kept.startsWith(words(sentByThen))).toBe(true);
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
