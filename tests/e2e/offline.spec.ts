// Offline end to end in Chromium through the web host: the composer names the backend it cannot
// reach (a closed port), Send keeps the text instead of failing, history stays readable with no
// server at all, and the notice goes when the server answers again: when another backend is
// picked, by itself (re-checks with backoff), and when the window comes back to the front.
import { createServer } from 'node:net';
import { startOpenAiChatServer, type FakeOpenAiServer } from '../servers/openai-chat-server';
import { refusedOrigin } from '../support/refused-port';
import { startServe, type ServeProcess } from './support/serve-process';
import { expect, test } from './support/fixtures';

const running: (ServeProcess | FakeOpenAiServer)[] = [];
test.afterEach(async () => {
  for (const r of running.splice(0).reverse()) await ('stop' in r ? r.stop() : r.close());
});

/** A loopback port free right now, for a server started later in the test. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

test('the composer names the unreachable backend and Send keeps the text instead of failing', async ({
  chat,
  dataDir,
  page,
}) => {
  const serve = await startServe(dataDir, [
    { name: 'Ollama on gpu-box', kind: 'ollama', baseUrl: refusedOrigin, defaultModel: 'llama3' },
  ]);
  running.push(serve);
  await chat.open(serve.openUrl);
  const notice = page.locator('.backend-status');
  await expect(notice).toHaveRole('alert');
  await expect(notice).toContainText(`Can’t reach “Ollama on gpu-box” at ${refusedOrigin}: connection refused.`);
  await expect(notice).toContainText('History, search and export still work');

  await chat.send('Are you there?', { answered: false });
  await expect(notice).toContainText('Not sent: the server is still unreachable. Your text is kept.');
  await expect(chat.composer).toHaveValue('Are you there?');
  await expect(chat.messages).toHaveCount(0);
  await expect(chat.conversations.getByRole('button', { name: 'Are you there?' })).toHaveCount(0);
});

test('history stays readable offline, and picking a reachable backend clears the notice', async ({
  chat,
  dataDir,
  page,
}) => {
  const fake = await startOpenAiChatServer({ tokenDelayMs: 2 });
  running.push(fake);
  const backends = [
    { name: 'Fake vLLM', kind: 'openai-chat' as const, baseUrl: fake.baseUrl, defaultModel: 'fake-chat' },
    { name: 'Offline box', kind: 'openai-chat' as const, baseUrl: `${refusedOrigin}/v1`, defaultModel: 'gone-model' },
  ];
  const serve = await startServe(dataDir, backends);
  running.push(serve);
  await chat.open(serve.openUrl);
  await chat.pickModel('fake-chat', 'Fake vLLM');
  await chat.send('Kept for later');
  await chat.expectAnswerStatus('done');
  const answer = await chat.lastAnswer.locator('[data-part="content"]').innerText();
  const notice = page.locator('.backend-status');
  await expect(notice).toHaveCount(0);

  await chat.pickModel('gone-model', 'Offline box');
  await expect(notice).toContainText('Can’t reach “Offline box”');
  await chat.pickModel('fake-chat', 'Fake vLLM');
  await expect(notice).toHaveCount(0);

  // Now nothing answers at all: the history is still there to read.
  await fake.close();
  await page.reload();
  await expect(notice).toContainText('Can’t reach “Fake vLLM”');
  await chat.openConversation('Kept for later');
  await expect(chat.messages).toHaveCount(2);
  await expect(chat.lastAnswer.locator('[data-part="content"]')).toHaveText(answer, { useInnerText: true });
});

test('the notice goes by itself when the server comes back, and returns on focus when it leaves', async ({
  chat,
  dataDir,
  page,
}) => {
  const port = await freePort();
  const serve = await startServe(dataDir, [
    { name: 'Late server', kind: 'openai-chat', baseUrl: `http://127.0.0.1:${port}/v1`, defaultModel: 'fake-chat' },
  ]);
  running.push(serve);
  await chat.open(serve.openUrl);
  const notice = page.locator('.backend-status');
  await expect(notice).toContainText(`Can’t reach “Late server” at http://127.0.0.1:${port}/v1: connection refused.`);

  // Nobody touches the page: the re-checks (2 s, 4 s, 8 s… apart) find the server.
  const fake = await startOpenAiChatServer({ port, tokenDelayMs: 2 });
  await expect(notice).toHaveCount(0, { timeout: 30_000 });
  await chat.send('Back online');
  await chat.expectAnswerStatus('done');

  // While it is reachable nothing polls; coming back to the window checks again.
  await fake.close();
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(notice).toContainText('Can’t reach “Late server”');
});
