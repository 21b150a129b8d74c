// The whole pipeline (WebSocket transport, the websocket-json adapter with a user's template and
// paths, coalescing, batched SQLite writes) against the fake gateway of
// tests/servers/websocket-json-server.ts on a real socket.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionTestResult, ConversationDetail, GenerationEvent } from '../../src/shared/domain';
import { expectedText } from '../servers/fake-replies';
import type { FakeWsServer } from '../servers/realtime-ws-plumbing';
import {
  GATEWAY_FAKE_MODELS,
  GATEWAY_MIDSTREAM_ERROR,
  gatewayOptions,
  startWebSocketJsonServer,
} from '../servers/websocket-json-server';
import { createHarness, type Harness } from '../support/core-harness';

let fake: FakeWsServer;
let h: Harness;
let backendId: string;
const origin = () => fake.baseUrl.replace(/\/ws$/, '');

beforeEach(async () => {
  fake = await startWebSocketJsonServer({ tokenDelayMs: 2 });
  h = await createHarness({ limits: { idleTimeoutMs: 1_000 } });
  const options = { ...gatewayOptions, modelsUrl: `${origin()}/v1/models` };
  backendId = (await h.addBackend(fake.baseUrl, { kind: 'websocket-json', options })).id;
});
afterEach(async () => {
  await h.dispose();
  await fake.close();
});

const stored = (id: string) => h.call<ConversationDetail>('conversations:get', { id });
const failure = async (model: string, backend = backendId) => {
  const run = await h.generate(backend, model, 'Hi');
  const end = (await run.ended) as Extract<GenerationEvent, { type: 'error' }>;
  const answer = (await stored(run.ids.conversationId)).messages[1]!;
  return { end, answer, run };
};

describe('streaming', () => {
  it('sends the filled template and stores the exact text read through the paths', async () => {
    const run = await h.generate(backendId, 'fake-chat', 'Say "hi"\nplease');
    expect((await run.ended).type).toBe('done');
    const answer = (await stored(run.ids.conversationId)).messages[1]!;
    expect(answer.status).toBe('done');
    expect(answer.content).toBe(expectedText('fake-chat', 'Say "hi"\nplease'));
    expect(answer.metrics.finishReason).toBe('stop');
    expect(fake.sessions.at(-1)!.received).toEqual([
      { model: 'fake-chat', messages: [{ role: 'user', content: 'Say "hi"\nplease' }], prompt: 'Say "hi"\nplease' },
    ]);
  });

  it('reassembles fragmented messages split inside UTF-8 characters', async () => {
    const run = await h.generate(backendId, 'fake-utf8', 'Hi 👋');
    expect((await run.ended).type).toBe('done');
    expect((await stored(run.ids.conversationId)).messages[1]!.content).toBe(expectedText('fake-utf8', 'Hi 👋'));
  });
});

describe('cancel', () => {
  it('closes the socket, which the gateway sees, and keeps the partial text', async () => {
    const run = await h.generate(backendId, 'fake-endless', 'Go on forever');
    await expect.poll(() => run.text().length, { timeout: 5_000 }).toBeGreaterThan(0);
    const aborted = fake.nextClientAbort();
    await h.call('generation:cancel', { messageId: run.ids.assistantMessageId });
    const seen = await aborted;
    expect(seen).toMatchObject({ model: 'fake-endless', via: 'close' });
    expect(seen.tokensSent).toBeGreaterThan(0);
    expect(await run.ended).toMatchObject({ type: 'done', status: 'cancelled' });
    const answer = (await stored(run.ids.conversationId)).messages[1]!;
    expect(answer.status).toBe('cancelled');
    expect(answer.content).toBe(run.text());
    expect(answer.content.length).toBeGreaterThan(0);
  });
});

describe('failures', () => {
  it('keeps the text before an error frame and shows its message', async () => {
    const { end, answer } = await failure('fake-error-midstream');
    expect(end.error).toMatchObject({ code: 'server', message: GATEWAY_MIDSTREAM_ERROR });
    expect(answer.content).toBe(expectedText('fake-error-midstream', 'Hi'));
  });

  it('keeps the text before the socket is dropped', async () => {
    const { end, answer } = await failure('fake-disconnect');
    expect(end.error.code).toBe('connect');
    expect(end.error.message).toContain('closed the connection');
    expect(answer.content).toBe(expectedText('fake-disconnect', 'Hi'));
  });

  it('skips a non-JSON frame and keeps every valid token', async () => {
    const { end, answer } = await failure('fake-malformed');
    expect(end.error.code).toBe('protocol');
    expect(end.error.message).toContain('could not be read');
    expect(answer.content).toBe(expectedText('fake-malformed', 'Hi'));
  });

  it('times out a gateway that goes silent', async () => {
    const { end } = await failure('fake-stall');
    expect(end.error.code).toBe('timeout');
    expect(end.error.message).toContain('went silent');
  });

  it('ends with invalid_input, without connecting, when the template is not JSON once filled', async () => {
    const bad = await h.addBackend(fake.baseUrl, {
      name: 'Bad template',
      kind: 'websocket-json',
      options: { ...gatewayOptions, requestTemplate: '{"prompt": {{prompt}}}' },
    });
    const sessions = fake.sessions.length;
    // The answer fails before any await, so its end may be emitted before run.ended listens: read
    // the stored message instead.
    const run = await h.generate(bad.id, 'fake-chat', 'Hi');
    const answer = async () => (await stored(run.ids.conversationId)).messages[1]!;
    await expect.poll(async () => (await answer()).status).toBe('error');
    expect((await answer()).error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('not valid JSON'),
    });
    expect(fake.sessions.length).toBe(sessions);
  });

  it('shows the body of a 404 handshake at a wrong path', async () => {
    const wrong = await h.addBackend(`${origin()}/nope`, { kind: 'websocket-json', options: gatewayOptions });
    const { end } = await failure('fake-chat', wrong.id);
    expect(end.error).toMatchObject({ code: 'not_found', status: 404, message: 'No WebSocket at /nope' });
  });
});

describe('backends:test', () => {
  it('lists the models of modelsUrl and streams a token', async () => {
    const result = await h.call<{ ok: boolean; models: string[]; chat: { ok: boolean } | null }>('backends:test', {
      id: backendId,
    });
    expect(result.ok).toBe(true);
    expect(result.models).toEqual([...GATEWAY_FAKE_MODELS]);
    expect(result.chat?.ok).toBe(true);
  });

  it('says clearly that there is no Models URL', async () => {
    const bare = await h.addBackend(fake.baseUrl, {
      name: 'No models URL',
      kind: 'websocket-json',
      options: gatewayOptions,
    });
    const result = await h.call<{ ok: boolean; error: { code: string; message: string } | null }>('backends:test', {
      id: bare.id,
    });
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('Models URL') });
  });

  it('with a default model and no Models URL, runs the one-token chat as other kinds do', async () => {
    const bare = await h.addBackend(fake.baseUrl, {
      name: 'Default model only',
      kind: 'websocket-json',
      options: gatewayOptions,
      defaultModel: 'fake-chat',
    });
    const sessions = fake.sessions.length;
    const result = await h.call<ConnectionTestResult>('backends:test', { id: bare.id });
    expect(result).toMatchObject({ ok: true, models: [], error: null, chat: { ok: true, model: 'fake-chat' } });
    expect(result.latencyMs).toBe(result.chat?.latencyMs);
    expect(fake.sessions.length).toBe(sessions + 1);
    expect(fake.sessions.at(-1)!.received[0]).toMatchObject({ model: 'fake-chat' });
  });

  it('with a default model and no Models URL, reports the chat’s own failure in its words', async () => {
    const refused = await h.addBackend(`${origin()}/ws/fake-error-500`, {
      name: 'Refusing gateway',
      kind: 'websocket-json',
      options: gatewayOptions,
      defaultModel: 'fake-chat',
    });
    const result = await h.call<ConnectionTestResult>('backends:test', { id: refused.id });
    expect(result).toMatchObject({ ok: false, models: [], chat: { ok: false, model: 'fake-chat' } });
    expect(result.error).toMatchObject({ status: 500, message: 'CUDA out of memory while loading the model' });
  });

  it('tests an unsaved draft with a default model the same way', async () => {
    const result = await h.call<ConnectionTestResult>('backends:test', {
      backend: {
        name: 'Draft',
        kind: 'websocket-json',
        baseUrl: fake.baseUrl,
        options: gatewayOptions,
        defaultModel: 'fake-chat',
      },
    });
    expect(result).toMatchObject({ ok: true, models: [], chat: { ok: true, model: 'fake-chat' } });
  });
});
