// The whole pipeline (WebSocket transport, the openai-realtime adapter, coalescing, batched SQLite
// writes) against the fake Realtime server of tests/servers/realtime-server.ts on a real socket.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationDetail, GenerationEvent } from '../../src/shared/domain';
import { expectedText } from '../servers/fake-replies';
import { REALTIME_FAKE_MODELS, REALTIME_MIDSTREAM_ERROR, startRealtimeServer } from '../servers/realtime-server';
import type { FakeWsServer } from '../servers/realtime-ws-plumbing';
import { createHarness, type Harness } from '../support/core-harness';
import { refusedOrigin } from '../support/refused-port';

let fake: FakeWsServer;
let h: Harness;
let backendId: string;

beforeEach(async () => {
  fake = await startRealtimeServer({ tokenDelayMs: 2, apiKey: 'sk-test' });
  h = await createHarness({ limits: { idleTimeoutMs: 1_000 } });
  backendId = (await h.addBackend(fake.baseUrl, { kind: 'openai-realtime', apiKey: 'sk-test' })).id;
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
  it('stores the exact text with usage, after sending session.update, the items and response.create', async () => {
    const run = await h.generate(backendId, 'fake-chat', 'Hello there');
    expect((await run.ended).type).toBe('done');
    const answer = (await stored(run.ids.conversationId)).messages[1]!;
    expect(answer.status).toBe('done');
    expect(answer.content).toBe(expectedText('fake-chat', 'Hello there'));
    expect(run.text()).toBe(answer.content);
    expect(answer.metrics).toMatchObject({ finishReason: 'stop', completionTokens: expect.any(Number) });

    const session = fake.sessions.at(-1)!;
    expect(session.path).toBe('/v1/realtime');
    expect(session.query.get('model')).toBe('fake-chat');
    expect(session.headers.authorization).toBe('Bearer sk-test');
    expect(session.received.map((m) => (m as { type: string }).type)).toEqual([
      'session.update',
      'conversation.item.create',
      'response.create',
    ]);
  });

  it('replays the conversation as items on the next turn', async () => {
    const first = await h.generate(backendId, 'fake-chat', 'One');
    await first.ended;
    const second = await h.generate(backendId, 'fake-chat', 'Two', first.ids.conversationId);
    expect((await second.ended).type).toBe('done');
    const items = fake.sessions
      .at(-1)!
      .received.filter((m) => (m as { type: string }).type === 'conversation.item.create');
    expect(items.map((m) => (m as { item: { role: string } }).item.role)).toEqual(['user', 'assistant', 'user']);
    expect((await stored(second.ids.conversationId)).messages[3]!.content).toBe(expectedText('fake-chat', 'Two'));
  });

  it('reassembles fragmented messages split inside UTF-8 characters (beta response.text.delta)', async () => {
    const run = await h.generate(backendId, 'fake-utf8', 'Hi 👋');
    expect((await run.ended).type).toBe('done');
    expect((await stored(run.ids.conversationId)).messages[1]!.content).toBe(expectedText('fake-utf8', 'Hi 👋'));
  });
});

describe('cancel', () => {
  it('sends response.cancel, which the server sees, then closes, and keeps the partial text', async () => {
    const run = await h.generate(backendId, 'fake-endless', 'Go on forever');
    await expect.poll(() => run.text().length, { timeout: 5_000 }).toBeGreaterThan(0);
    const aborted = fake.nextClientAbort();
    await h.call('generation:cancel', { messageId: run.ids.assistantMessageId });
    const seen = await aborted;
    expect(seen).toMatchObject({ model: 'fake-endless', via: 'cancel' });
    expect(seen.tokensSent).toBeGreaterThan(0);
    expect(await run.ended).toMatchObject({ type: 'done', status: 'cancelled' });
    const answer = (await stored(run.ids.conversationId)).messages[1]!;
    expect(answer.status).toBe('cancelled');
    expect(answer.content).toBe(run.text());
    expect(answer.content.length).toBeGreaterThan(0);
  });
});

describe('failures', () => {
  it('keeps the text before an in-band error event and shows its message', async () => {
    const { end, answer, run } = await failure('fake-error-midstream');
    expect(end.error).toMatchObject({ code: 'server', message: REALTIME_MIDSTREAM_ERROR });
    expect(answer.status).toBe('error');
    expect(answer.content).toBe(expectedText('fake-error-midstream', 'Hi'));
    expect(answer.content).toBe(run.text());
  });

  it('keeps the text before the socket is dropped and says the connection closed', async () => {
    const { end, answer } = await failure('fake-disconnect');
    expect(end.error.code).toBe('connect');
    expect(end.error.message).toContain('closed the connection');
    expect(answer.content).toBe(expectedText('fake-disconnect', 'Hi'));
  });

  it('skips a non-JSON frame, keeps every valid token and reports it', async () => {
    const { end, answer } = await failure('fake-malformed');
    expect(end.error.code).toBe('protocol');
    expect(end.error.message).toContain('could not be read');
    expect(answer.content).toBe(expectedText('fake-malformed', 'Hi'));
    expect(answer.metrics.finishReason).toBe('stop');
  });

  it('times out a session that goes silent', async () => {
    const { end } = await failure('fake-stall');
    expect(end.error.code).toBe('timeout');
    expect(end.error.message).toContain('went silent');
  });

  it('shows the body of a 404 handshake for a model the server does not have', async () => {
    const { end } = await failure('no-such-model');
    expect(end.error).toMatchObject({
      code: 'not_found',
      status: 404,
      message: "The model 'no-such-model' does not exist",
    });
  });

  it('shows the body of a 401 handshake for a wrong key', async () => {
    const wrong = await h.addBackend(fake.baseUrl, { name: 'Wrong key', kind: 'openai-realtime', apiKey: 'nope' });
    const { end } = await failure('fake-chat', wrong.id);
    expect(end.error).toMatchObject({ code: 'auth', status: 401, message: 'Incorrect API key provided' });
  });

  it('reports a closed port as connection refused', async () => {
    const closed = await h.addBackend(`${refusedOrigin}/v1`, { name: 'Closed', kind: 'openai-realtime' });
    const { end } = await failure('fake-chat', closed.id);
    expect(end.error.code).toBe('connect');
    expect(end.error.message).toContain('connection refused');
  });
});

describe('backends:test', () => {
  it('lists the models over HTTP and streams a token over the WebSocket', async () => {
    const result = await h.call<{ ok: boolean; models: string[]; chat: { ok: boolean } | null }>('backends:test', {
      id: backendId,
    });
    expect(result.ok).toBe(true);
    expect(result.models).toEqual([...REALTIME_FAKE_MODELS]);
    expect(result.chat?.ok).toBe(true);
    expect(fake.httpRequests).toContain('/v1/models');
  });

  it('fails clearly with a wrong key', async () => {
    const wrong = await h.addBackend(fake.baseUrl, { name: 'Wrong key', kind: 'openai-realtime', apiKey: 'nope' });
    const result = await h.call<{ ok: boolean; error: { code: string; message: string } | null }>('backends:test', {
      id: wrong.id,
    });
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ code: 'auth', message: 'Incorrect API key provided' });
  });
});
