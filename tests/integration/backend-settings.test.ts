// Per-backend settings reaching the wire, through the real core on a real SQLite file against fake
// servers on real sockets: custom headers on every request of an HTTP kind, a polled kind, a
// WebSocket kind and a gRPC kind; the backend's own timeouts replacing the defaults; its default
// parameters filling what the conversation leaves unset; the reachability check; preferences.
import { Metadata, Server, ServerCredentials, status, type ServerDuplexStream } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend, BackendReachability, ConversationDetail, GenerationEvent } from '../../src/shared/domain';
import type { Preferences } from '../../src/shared/preferences';
import { parseRunnelConfig } from '../../src/main/backends/runnel-config';
import { openStream } from '../../src/main/transports/open-stream';
import { defaultLimits, type HttpStreamPlan } from '../../src/main/transports/types';
import { startOpenAiChatServer, type FakeOpenAiServer } from '../servers/openai-chat-server';
import { startRealtimeServer } from '../servers/realtime-server';
import type { FakeWsServer } from '../servers/realtime-ws-plumbing';
import { startRunPodServer, type FakeRunPodServer } from '../servers/runpod-server';
import { createHarness, type Harness } from '../support/core-harness';
import { refusedOrigin } from '../support/refused-port';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

async function harness(): Promise<Harness> {
  const h = await createHarness();
  cleanups.push(() => h.dispose());
  return h;
}
async function openAi(): Promise<FakeOpenAiServer> {
  const fake = await startOpenAiChatServer({ tokenDelayMs: 2 });
  cleanups.push(() => fake.close());
  return fake;
}

const gatewayHeaders = [
  { name: 'X-Gateway-Token', value: 'secret-token-1' },
  { name: 'X-Route', value: 'gpu-box' },
];

const errorOf = async (run: { ended: Promise<GenerationEvent> }) => {
  const end = await run.ended;
  if (end.type !== 'error') throw new Error(`expected an error, got ${end.type}`);
  return end.error;
};

describe('custom headers', () => {
  it('go with the chat request and the model list of an HTTP kind, under the API key', async () => {
    const fake = await openAi();
    const h = await harness();
    const backend = await h.addBackend(fake.baseUrl, {
      apiKey: 'the-key',
      headers: [...gatewayHeaders, { name: 'Authorization', value: 'Basic ignored' }],
    });
    expect(backend.headerNames).toEqual(['X-Gateway-Token', 'X-Route', 'Authorization']);

    const run = await h.generate(backend.id, 'fake-chat', 'Hi');
    expect((await run.ended).type).toBe('done');
    await h.call('models:list', { backendId: backend.id });

    const chat = fake.requests.find((r) => r.path.endsWith('/chat/completions'))!;
    const models = fake.requests.find((r) => r.path.endsWith('/models'))!;
    for (const req of [chat, models]) {
      expect(req.headers['x-gateway-token']).toBe('secret-token-1');
      expect(req.headers['x-route']).toBe('gpu-box');
      // The adapter's own headers win a clash: the API key stays the bearer token.
      expect(req.headers.authorization).toBe('Bearer the-key');
    }
    expect(chat.headers['content-type']).toBe('application/json');
  });

  it('go with every request of Test connection: the server probes, the model list, the one-token chat', async () => {
    const fake = await openAi();
    const h = await harness();
    const backend = await h.addBackend(fake.baseUrl, { headers: gatewayHeaders, defaultModel: 'fake-chat' });
    const result = await h.call<{ ok: boolean }>('backends:test', { id: backend.id });
    expect(result.ok).toBe(true);
    const paths = fake.requests.map((r) => r.path);
    expect(paths.some((p) => p.endsWith('/chat/completions'))).toBe(true);
    expect(paths.some((p) => p.endsWith('/models'))).toBe(true);
    for (const req of fake.requests) expect(req.headers['x-gateway-token'], req.path).toBe('secret-token-1');
  });

  it('go with every request of a polled kind: the job, each poll', async () => {
    const fake: FakeRunPodServer = await startRunPodServer({ tokenDelayMs: 2 });
    cleanups.push(() => fake.close());
    const h = await harness();
    const backend = await h.addBackend(fake.baseUrl, {
      kind: 'runpod',
      options: { pollIntervalMs: '20' },
      headers: gatewayHeaders,
    });
    const run = await h.generate(backend.id, 'default', 'Hi');
    expect((await run.ended).type).toBe('done');
    expect(fake.requests.length).toBeGreaterThan(1);
    for (const req of fake.requests) expect(req.headers['x-gateway-token'], req.path).toBe('secret-token-1');
  });

  it('go with the WebSocket handshake of a WebSocket kind', async () => {
    const fake: FakeWsServer = await startRealtimeServer({ tokenDelayMs: 2 });
    cleanups.push(() => fake.close());
    const h = await harness();
    const backend = await h.addBackend(fake.baseUrl, { kind: 'openai-realtime', headers: gatewayHeaders });
    const run = await h.generate(backend.id, 'fake-chat', 'Hi');
    expect((await run.ended).type).toBe('done');
    const session = fake.sessions.at(-1)!;
    expect(session.headers['x-gateway-token']).toBe('secret-token-1');
    expect(session.headers['x-route']).toBe('gpu-box');
  });

  it('go as call metadata on a gRPC kind', async () => {
    const seen: Metadata[] = [];
    const server = new Server();
    const identity = (b: Buffer): Buffer => b;
    server.addService(
      {
        ModelStreamInfer: {
          path: '/inference.GRPCInferenceService/ModelStreamInfer',
          requestStream: true,
          responseStream: true,
          requestSerialize: identity,
          requestDeserialize: identity,
          responseSerialize: identity,
          responseDeserialize: identity,
        },
      },
      {
        ModelStreamInfer: (call: ServerDuplexStream<Buffer, Buffer>) => {
          seen.push(call.metadata);
          call.emit('error', { code: status.UNAVAILABLE, details: 'metadata recorded' });
        },
      },
    );
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    cleanups.push(() => new Promise<void>((resolve) => server.tryShutdown(() => resolve())));
    const h = await harness();
    const backend = await h.addBackend(`http://127.0.0.1:${port}`, { kind: 'triton-grpc', headers: gatewayHeaders });
    const run = await h.generate(backend.id, 'any-model', 'Hi');
    expect((await errorOf(run)).message).toContain('metadata recorded');
    expect(seen[0]?.get('x-gateway-token')).toEqual(['secret-token-1']);
    expect(seen[0]?.get('x-route')).toEqual(['gpu-box']);
  });

  it('can come from the provisioning file, and applying it again changes nothing', async () => {
    const fake = await openAi();
    const h = await harness();
    const config = parseRunnelConfig(
      JSON.stringify({
        backends: [
          {
            name: 'Provisioned',
            kind: 'openai-chat',
            baseUrl: fake.baseUrl,
            headers: { 'X-Gateway-Token': 'from-file' },
          },
        ],
      }),
      'runnel.config.json',
    );
    await h.core.provision(config);
    await h.core.provision(config);
    const [backend] = await h.call<Backend[]>('backends:list');
    expect(backend?.headerNames).toEqual(['X-Gateway-Token']);
    const run = await h.generate(backend!.id, 'fake-chat', 'Hi');
    expect((await run.ended).type).toBe('done');
    expect(fake.requests.at(-1)?.headers['x-gateway-token']).toBe('from-file');
  });

  it('are refused with a reason, and never reach the renderer or the database', async () => {
    const h = await harness();
    await expect(
      h.addBackend('http://127.0.0.1:9/v1', { headers: [{ name: 'Host', value: 'evil.example' }] }),
    ).rejects.toThrow(/Host/);
    await expect(
      h.addBackend('http://127.0.0.1:9/v1', { headers: [{ name: 'X-A', value: 'ok\r\nHost: evil' }] }),
    ).rejects.toThrow(/line break/);
    const saved = await h.addBackend('http://127.0.0.1:9/v1', { headers: gatewayHeaders });
    const listed = await h.call<Backend[]>('backends:list');
    expect(JSON.stringify(listed)).not.toContain('secret-token-1');
    expect(JSON.stringify(h.core.db.prepare('SELECT * FROM backends').all())).not.toContain('secret-token-1');
    expect(listed.find((b) => b.id === saved.id)?.headerNames).toEqual(['X-Gateway-Token', 'X-Route']);
  });
});

describe('timeouts', () => {
  it('a backend’s idle timeout replaces the default (120 s) on its stream', async () => {
    const fake = await openAi();
    const h = await harness();
    const backend = await h.addBackend(fake.baseUrl, { idleTimeoutMs: 1_000 });
    const run = await h.generate(backend.id, 'fake-stall', 'Hi');
    const error = await errorOf(run);
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/\b1 s\b/);
  });

  it('a backend’s connect timeout replaces the default (30 s) up to the response headers', async () => {
    const fake = await openAi();
    const h = await harness();
    const backend = await h.addBackend(fake.baseUrl, { connectTimeoutMs: 1_000 });
    const run = await h.generate(backend.id, 'fake-stall-first-byte', 'Hi');
    const error = await errorOf(run);
    expect(error).toMatchObject({ code: 'timeout', message: expect.stringMatching(/within 1 s/) });
  });

  it('a backend’s idle timeout holds on a WebSocket kind too', async () => {
    const fake: FakeWsServer = await startRealtimeServer({ tokenDelayMs: 2 });
    cleanups.push(() => fake.close());
    const h = await harness();
    const backend = await h.addBackend(fake.baseUrl, { kind: 'openai-realtime', idleTimeoutMs: 1_000 });
    const run = await h.generate(backend.id, 'fake-stall', 'Hi');
    expect(await errorOf(run)).toMatchObject({ code: 'timeout', message: expect.stringMatching(/\b1 s\b/) });
  });

  it('a plan’s timeouts reach the transport directly', async () => {
    const fake = await openAi();
    const plan: HttpStreamPlan = {
      method: 'POST',
      url: `${fake.baseUrl}/chat/completions`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'fake-stall', stream: true, messages: [{ role: 'user', content: 'x' }] }),
      framing: 'sse',
      timeouts: { idleTimeoutMs: 1_000 },
    };
    const frames = openStream(plan, new AbortController().signal, defaultLimits);
    await expect(frames.next()).rejects.toMatchObject({ detail: { code: 'timeout' } });
  });
});

describe('default parameters', () => {
  it('fill in what the conversation leaves unset, and are stored with the answer', async () => {
    const fake = await openAi();
    const h = await harness();
    const backend = await h.addBackend(fake.baseUrl, {
      defaultParams: { temperature: 0.25, topP: 0.5, maxTokens: 64, seed: 9 },
    });
    const plain = await h.generate(backend.id, 'fake-chat', 'Hi');
    await plain.ended;
    expect(fake.requests.at(-1)?.body).toMatchObject({ temperature: 0.25, top_p: 0.5, max_tokens: 64, seed: 9 });
    const answer = (await h.call<ConversationDetail>('conversations:get', { id: plain.ids.conversationId }))
      .messages[1]!;
    expect(answer.params).toEqual({ temperature: 0.25, topP: 0.5, maxTokens: 64, seed: 9 });

    await h.call('generation:start', {
      conversationId: null,
      backendId: backend.id,
      model: 'fake-chat',
      content: 'Hot',
      params: { temperature: 1.1 },
    });
    await expect.poll(() => fake.requests.filter((r) => r.path.endsWith('/chat/completions')).length).toBe(2);
    expect(fake.requests.at(-1)?.body).toMatchObject({ temperature: 1.1, top_p: 0.5, max_tokens: 64, seed: 9 });
  });
});

describe('backends:check', () => {
  it('says a listening server is reachable and a closed port refused', async () => {
    const fake = await openAi();
    const h = await harness();
    const up = await h.addBackend(fake.baseUrl);
    const down = await h.call<Backend>('backends:save', {
      backend: { name: 'Down', kind: 'ollama', baseUrl: refusedOrigin },
    });
    expect(await h.call<BackendReachability>('backends:check', { id: up.id })).toEqual({ reachable: true });
    expect(await h.call<BackendReachability>('backends:check', { id: down.id })).toMatchObject({
      reachable: false,
      reason: 'refused',
    });
  });
});

describe('preferences', () => {
  it('are read, changed field by field, told to every window, and validated', async () => {
    const h = await harness();
    const told: unknown[] = [];
    h.core.subscribe((channel, payload) => {
      if (channel === 'preferences:changed') told.push(payload);
    });
    expect(await h.call<Preferences>('preferences:get')).toEqual({
      language: 'system',
      appearance: 'system',
      spellcheck: false,
      checkUpdates: false,
    });
    expect(await h.call<Preferences>('preferences:set', { appearance: 'dark' })).toEqual({
      language: 'system',
      appearance: 'dark',
      spellcheck: false,
      checkUpdates: false,
    });
    expect(await h.call<Preferences>('preferences:set', { language: 'zh' })).toEqual({
      language: 'zh',
      appearance: 'dark',
      spellcheck: false,
      checkUpdates: false,
    });
    expect(told).toEqual([
      { language: 'system', appearance: 'dark', spellcheck: false, checkUpdates: false },
      { language: 'zh', appearance: 'dark', spellcheck: false, checkUpdates: false },
    ]);
    // The desktop switches are off until turned on, and saved like the rest.
    expect(await h.call<Preferences>('preferences:set', { spellcheck: true, checkUpdates: true })).toMatchObject({
      spellcheck: true,
      checkUpdates: true,
    });
    await expect(h.call('preferences:set', { spellcheck: 'yes' })).rejects.toThrow(/spellcheck/);
    await h.call<Preferences>('preferences:set', { spellcheck: false, checkUpdates: false });
    await expect(h.call('preferences:set', { language: 'fr' })).rejects.toThrow(/language/);
    await expect(h.call('preferences:set', { theme: 'dark' })).rejects.toThrow(/no such field/);
    expect(await h.call<Preferences>('preferences:get')).toEqual({
      language: 'zh',
      appearance: 'dark',
      spellcheck: false,
      checkUpdates: false,
    });
  });
});
