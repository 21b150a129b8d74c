// Test fixtures: a fake OpenAI-compatible server and a running web host on a fresh data folder
// provisioned with it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { startOpenAiChatServer, type FakeOpenAiServer } from '../../servers/openai-chat-server';
import { ChatPage } from './chat-page';
import { startServe, type ServeProcess } from './serve-process';

interface Fixtures {
  fake: FakeOpenAiServer;
  dataDir: string;
  serve: ServeProcess;
  chat: ChatPage;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  fake: async ({}, use) => {
    const server = await startOpenAiChatServer();
    await use(server);
    await server.close();
  },
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'runnel-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  serve: async ({ fake, dataDir }, use) => {
    const serve = await startServe(dataDir, [
      { name: 'Fake vLLM', kind: 'openai-chat', baseUrl: fake.baseUrl, defaultModel: 'fake-chat' },
    ]);
    await use(serve);
    await serve.stop();
  },
  chat: async ({ page }, use) => {
    await use(new ChatPage(page));
  },
});

export { expect } from '@playwright/test';
