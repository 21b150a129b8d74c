// The same flow in the real Electron app, started the way `npm start` starts it (Electron given
// the project folder, which runs package.json's main), where the Electron binary is installed.
// On machines installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 there is none, and this spec says
// so and skips.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { startOpenAiChatServer } from '../../servers/openai-chat-server';
import { ChatPage } from '../support/chat-page';
import { electronBinary, electronMissing, projectRoot } from '../support/electron-binary';

const binary = electronBinary();
const missing = electronMissing();
test.skip(missing !== null, missing ?? '');

// Chromium refuses to run as root with its sandbox; a developer's or a CI runner's user keeps it.
const sandboxArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
const env = (dataDir: string) => {
  const { ELECTRON_RENDERER_URL: _devServer, ...rest } = process.env;
  return { ...rest, RUNNEL_DATA_DIR: dataDir } as Record<string, string>;
};

test('the desktop app streams an answer, keeps it, and lets a second start hand over', async () => {
  const fake = await startOpenAiChatServer();
  const base = mkdtempSync(join(tmpdir(), 'runnel-electron-'));
  // A data folder that does not exist yet: the app creates it.
  const dataDir = join(base, 'data', 'Runnel');
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [projectRoot, ...sandboxArgs],
    env: env(dataDir),
  });
  try {
    writeFileSync(
      join(dataDir, 'runnel.config.json'),
      JSON.stringify({ backends: [{ name: 'Fake vLLM', kind: 'openai-chat', baseUrl: fake.baseUrl }] }),
    );
    const chat = new ChatPage(await app.firstWindow());
    await expect(chat.page.getByRole('button', { name: 'New chat' })).toBeVisible();
    const isolated = await chat.page.evaluate(() => typeof (globalThis as { require?: unknown }).require);
    expect(isolated).toBe('undefined');
    // Copy needs the one permission the window is granted.
    const copied = await chat.page.evaluate(() =>
      navigator.clipboard.writeText('copied').then(
        () => 'ok',
        (err: Error) => err.message,
      ),
    );
    expect(copied).toBe('ok');

    // A second start on the same data folder quits at once and leaves this one running.
    const second = spawn(binary!, [projectRoot, ...sandboxArgs], { env: env(dataDir), stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(0);
    await expect(chat.page.getByRole('button', { name: 'New chat' })).toBeVisible();
  } finally {
    await app.close();
  }

  // Started again: the config file written after the first start is read now.
  const again = await electron.launch({
    executablePath: binary ?? undefined,
    args: [projectRoot, ...sandboxArgs],
    env: env(dataDir),
  });
  try {
    const chat = new ChatPage(await again.firstWindow());
    await chat.pickModel('fake-long');
    await chat.send('Hello desktop');
    const states = await chat.watchAnswer();
    expect(states.length).toBeGreaterThanOrEqual(5);
    await chat.expectAnswerStatus('done');
    await expect(chat.conversations.getByRole('button', { name: 'Hello desktop' })).toBeVisible();
  } finally {
    await again.close();
    await fake.close();
    rmSync(base, { recursive: true, force: true });
  }
});
