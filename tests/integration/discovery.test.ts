// Finding servers and "Test connection": who answers, the models, and a one-token chat on the
// exact chat path, against fake servers on real sockets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionTestResult } from '../../src/shared/domain';
import { sayIn } from '../../src/shared/words/all-words';
import { discoverServers } from '../../src/main/backends/discover-servers';
import { identifyServer } from '../../src/main/backends/identify-server';
import { startOpenAiChatServer, type FakeOpenAiServer } from '../servers/openai-chat-server';
import { createHarness, type Harness } from '../support/core-harness';
import { refusedPort } from '../support/refused-port';

let fake: FakeOpenAiServer;
let h: Harness;
const origin = () => `http://127.0.0.1:${fake.port}`;

beforeAll(async () => {
  fake = await startOpenAiChatServer({ tokenDelayMs: 1 });
  h = await createHarness();
});
afterAll(async () => {
  await h.dispose();
  await fake.close();
});

describe('finding servers', () => {
  it('identifies a vLLM-like server and offers it with the right kind and base URL', async () => {
    expect(await identifyServer(origin())).toEqual({
      server: 'vLLM 0.11.0-fake',
      kind: 'openai-chat',
      baseUrl: `${origin()}/v1`,
    });
  });

  it('probes the given ports quickly and reports only what answers', async () => {
    const started = performance.now();
    const found = await discoverServers({ ports: [fake.port, refusedPort], timeoutMs: 500 });
    expect(found).toEqual([
      {
        name: `vLLM on 127.0.0.1:${fake.port}`,
        server: 'vLLM 0.11.0-fake',
        kind: 'openai-chat',
        baseUrl: `${origin()}/v1`,
      },
    ]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('Test connection', () => {
  const test = (defaultModel: string) =>
    h.call<ConnectionTestResult>('backends:test', {
      backend: { name: 'draft', kind: 'openai-chat', baseUrl: `${origin()}/v1`, defaultModel },
    });

  it('reports the server, its models, and a one-token chat on the chat path', async () => {
    const result = await test('fake-chat');
    expect(result).toMatchObject({ ok: true, server: 'vLLM 0.11.0-fake', error: null });
    expect(result.models).toContain('fake-chat');
    expect(result.chat).toMatchObject({ ok: true, model: 'fake-chat', error: null });
    const chatRequest = fake.requests.filter((r) => r.path === '/v1/chat/completions').at(-1);
    expect(chatRequest?.body).toMatchObject({ model: 'fake-chat', stream: true, max_tokens: 1 });
  });

  it('fails when the models load but chat does not, with the server’s words', async () => {
    const result = await test('fake-error-500');
    expect(result.ok).toBe(false);
    expect(result.models.length).toBeGreaterThan(0);
    expect(result.chat).toMatchObject({ ok: false, model: 'fake-error-500' });
    expect(result.error?.message).toBe('Models load, but chat fails: CUDA out of memory while loading the model');
    // Runnel's sentence reaches the renderer with its key; the server's words inside stay as they were.
    expect(sayIn('zh', result.error!.said!)).toBe(
      '模型列表能加载，但聊天失败：CUDA out of memory while loading the model',
    );
  });

  it('reports a server that is not there', async () => {
    const result = await h.call<ConnectionTestResult>('backends:test', {
      backend: { name: 'gone', kind: 'openai-chat', baseUrl: `http://127.0.0.1:${refusedPort}/v1` },
    });
    expect(result).toMatchObject({ ok: false, server: null, chat: null, error: { code: 'connect' } });
    expect(result.error?.said?.key).toBe('transport.refused');
    expect(sayIn('zh', result.error!.said!)).toBe(
      `127.0.0.1:${refusedPort} 上没有服务在监听（连接被拒绝）。服务器在运行吗？`,
    );
  });
});
