// The same flow in the real Electron app, where the Electron binary is installed. On machines
// installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 there is none, and this spec says so and skips.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { startOpenAiChatServer } from '../../servers/openai-chat-server';
import { ChatPage } from '../support/chat-page';
import { electronBinary, electronMissing, projectRoot } from '../support/electron-binary';

const root = projectRoot;
const binary = electronBinary();
const missing = electronMissing();
test.skip(missing !== null, missing ?? '');

test('the desktop app streams an answer and keeps it', async () => {
  const fake = await startOpenAiChatServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'runnel-electron-'));
  writeFileSync(
    join(dataDir, 'runnel.config.json'),
    JSON.stringify({ backends: [{ name: 'Fake vLLM', kind: 'openai-chat', baseUrl: fake.baseUrl }] }),
  );
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [join(root, 'out/main/index.js'), '--no-sandbox'],
    env: { ...process.env, RUNNEL_DATA_DIR: dataDir },
  });
  try {
    const chat = new ChatPage(await app.firstWindow());
    await expect(chat.page.getByRole('button', { name: 'New chat' })).toBeVisible();
    await chat.pickModel('fake-long');
    await chat.send('Hello desktop');
    const states = await chat.watchAnswer();
    expect(states.length).toBeGreaterThanOrEqual(5);
    await chat.expectAnswerStatus('done');
    await expect(chat.conversations.getByRole('button', { name: 'Hello desktop' })).toBeVisible();
    const isolated = await chat.page.evaluate(() => typeof (globalThis as { require?: unknown }).require);
    expect(isolated).toBe('undefined');
  } finally {
    await app.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
