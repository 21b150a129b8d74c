// The whole pipeline (transport, openai-responses adapter, coalescing, batched SQLite writes)
// against a fake Responses API server on a real socket that speaks the real event stream
// (named events with sequence numbers) and injects faults.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationDetail, GenerationEvent } from '../../src/shared/domain';
import type { RequestOutput } from '../../src/shared/ipc/contract';
import { reasoningTokens, replyTokens } from '../servers/fake-replies';
import {
  HTTP_500_MESSAGE,
  MIDSTREAM_ERROR,
  countPromptTokens,
  expectedReasoning,
  expectedText,
  startResponsesServer,
  type FakeEventStreamServer,
} from '../servers/responses-server';
import { createHarness, type Harness } from '../support/core-harness';

let fake: FakeEventStreamServer;
let h: Harness;
let backendId: string;

beforeEach(async () => {
  fake = await startResponsesServer({ tokenDelayMs: 2 });
  h = await createHarness({ limits: { idleTimeoutMs: 1_000 } });
  backendId = (await h.addBackend(fake.baseUrl, { kind: 'openai-responses' })).id;
});
afterEach(async () => {
  await h.dispose();
  await fake.close();
});

const stored = (conversationId: string) => h.call<ConversationDetail>('conversations:get', { id: conversationId });
const answerOf = async (conversationId: string) => (await stored(conversationId)).messages.at(-1)!;
/** The last generation request (backends:test may also probe other paths). */
const lastResponses = () => fake.requests.filter((r) => r.path === '/v1/responses').at(-1);

/** Starts a generation with parameters (h.generate sends none) and waits for its end. */
async function generateWith(params: object, content = 'Hi', conversationId: string | null = null) {
  const ids = await h.call<RequestOutput<'generation:start'>>('generation:start', {
    conversationId,
    backendId,
    model: 'fake-chat',
    content,
    params,
  });
  const ended = () =>
    h.payloads.some((p) => p.messageId === ids.assistantMessageId && p.events.some((e) => e.type === 'done'));
  await expect.poll(ended).toBe(true);
  return ids;
}

describe('streaming', () => {
  it('stores the answer byte for byte with the usage of response.completed, and sends a Responses request', async () => {
    const run = await h.generate(backendId, 'fake-chat', 'Hello there');
    const end = await run.ended;
    const expected = expectedText('fake-chat', 'Hello there');
    expect(end.type).toBe('done');
    expect(run.text()).toBe(expected);
    const answer = await answerOf(run.ids.conversationId);
    expect(answer.status).toBe('done');
    expect(answer.content).toBe(expected);
    expect(answer.reasoning).toBe('');
    expect(answer.metrics).toMatchObject({
      promptTokens: countPromptTokens(['Hello there']),
      completionTokens: replyTokens('fake-chat', 'Hello there')!.length,
      finishReason: 'stop',
    });
    const request = lastResponses()!;
    expect(request.headers['accept']).toBe('text/event-stream');
    expect(request.body).toEqual({
      model: 'fake-chat',
      input: [{ role: 'user', content: 'Hello there' }],
      stream: true,
    });
  });

  it('stores reasoning_text deltas as reasoning', async () => {
    const run = await h.generate(backendId, 'fake-thinking', 'Hi');
    expect((await run.ended).type).toBe('done');
    const answer = await answerOf(run.ids.conversationId);
    expect(answer.content).toBe(expectedText('fake-thinking', 'Hi'));
    expect(answer.reasoning).toBe(expectedReasoning('fake-thinking'));
    expect(answer.metrics.completionTokens).toBe(
      reasoningTokens().length + replyTokens('fake-reasoning', 'Hi')!.length,
    );
  });

  it('reads multi-byte text split across network chunks exactly', async () => {
    const run = await h.generate(backendId, 'fake-utf8', 'Hi');
    expect((await run.ended).type).toBe('done');
    expect((await answerOf(run.ids.conversationId)).content).toBe(expectedText('fake-utf8', 'Hi'));
  });

  it('sends the conversation as input items and the user limits on the next turn', async () => {
    const first = await h.generate(backendId, 'fake-chat', 'One');
    await first.ended;
    await generateWith({ maxTokens: 64, temperature: 0.3, topP: 0.8 }, 'Two', first.ids.conversationId);
    expect(lastResponses()?.body).toEqual({
      model: 'fake-chat',
      input: [
        { role: 'user', content: 'One' },
        { role: 'assistant', content: expectedText('fake-chat', 'One') },
        { role: 'user', content: 'Two' },
      ],
      stream: true,
      temperature: 0.3,
      top_p: 0.8,
      max_output_tokens: 64,
    });
  });

  it('records the incomplete_details reason when the server stops at max_output_tokens', async () => {
    const ids = await generateWith({ maxTokens: 3 });
    const answer = await answerOf(ids.conversationId);
    expect(answer.status).toBe('done');
    expect(answer.content).toBe(replyTokens('fake-chat', 'Hi')!.slice(0, 3).join(''));
    expect(answer.metrics).toMatchObject({ completionTokens: 3, finishReason: 'max_output_tokens' });
  });
});

describe('cancel', () => {
  it('closes the upstream connection, which the server observes, and keeps the partial text', async () => {
    const run = await h.generate(backendId, 'fake-endless', 'Go on forever');
    await expect.poll(() => run.text().length, { timeout: 5_000 }).toBeGreaterThan(0);
    const aborted = fake.nextClientAbort();
    await h.call('generation:cancel', { messageId: run.ids.assistantMessageId });
    expect((await aborted).model).toBe('fake-endless');
    expect(await run.ended).toMatchObject({ type: 'done', status: 'cancelled' });
    const answer = await answerOf(run.ids.conversationId);
    expect(answer.status).toBe('cancelled');
    expect(answer.content).toBe(run.text());
    expect(answer.content.length).toBeGreaterThan(0);
  });
});

describe('failures', () => {
  const failure = async (model: string) => {
    const run = await h.generate(backendId, model, 'Hi');
    const end = (await run.ended) as Extract<GenerationEvent, { type: 'error' }>;
    expect(end.type).toBe('error');
    return { end, answer: await answerOf(run.ids.conversationId), run };
  };

  it('shows the message of the JSON error body on an HTTP 500', async () => {
    const { end, answer } = await failure('fake-error-500');
    expect(end.error).toMatchObject({ code: 'server', status: 500, message: HTTP_500_MESSAGE });
    expect(answer.status).toBe('error');
    expect(answer.error?.message).toBe(HTTP_500_MESSAGE);
  });

  it('reports an unknown model as not_found', async () => {
    const { end } = await failure('gpt-nonexistent');
    expect(end.error).toMatchObject({ code: 'not_found', status: 404 });
    expect(end.error.message).toContain('does not exist');
  });

  it('keeps the text before an `error` event (then response.failed) sent inside the stream', async () => {
    const { end, answer, run } = await failure('fake-error-midstream');
    expect(end.error).toMatchObject({ code: 'server', message: MIDSTREAM_ERROR.message });
    expect(answer.status).toBe('error');
    expect(answer.content).toBe(expectedText('fake-error-midstream', 'Hi'));
    expect(answer.content).toBe(run.text());
  });

  it('keeps the text before a disconnect in the middle of a frame', async () => {
    const { end, answer } = await failure('fake-disconnect');
    expect(end.error.code).toBe('connect');
    expect(end.error.message).toContain('closed the connection');
    expect(answer.content).toBe(expectedText('fake-disconnect', 'Hi'));
  });

  it('skips a malformed frame, keeps every valid token, and says a frame was lost', async () => {
    const { end, answer } = await failure('fake-malformed');
    expect(end.error.code).toBe('protocol');
    expect(answer.content).toBe(expectedText('fake-malformed', 'Hi'));
  });

  it('times out a server that sends headers and then nothing', async () => {
    const { end } = await failure('fake-stall');
    expect(end.error.code).toBe('timeout');
  });
});

describe('backends:test', () => {
  it('lists the models from {base}/models', async () => {
    const result = await h.call<{ ok: boolean; models: string[] }>('backends:test', {
      backend: { name: 'x', kind: 'openai-responses', baseUrl: fake.baseUrl },
    });
    expect(result.ok).toBe(true);
    expect(result.models).toContain('fake-chat');
    expect(fake.requests.filter((r) => r.path === '/v1/models').map((r) => r.method)).toContain('GET');
  });

  it('sends the key as a bearer token and reports a refusal as auth', async () => {
    const secured = await startResponsesServer({ apiKey: 'sk-runnel-resp' });
    try {
      const denied = await h.call<{ ok: boolean; error: { code: string } }>('backends:test', {
        backend: { name: 'x', kind: 'openai-responses', baseUrl: secured.baseUrl },
      });
      expect(denied).toMatchObject({ ok: false, error: { code: 'auth' } });
      const saved = await h.addBackend(secured.baseUrl, { kind: 'openai-responses', apiKey: 'sk-runnel-resp' });
      const run = await h.generate(saved.id, 'fake-chat', 'Secret?');
      expect((await run.ended).type).toBe('done');
      expect(secured.requests.filter((r) => r.path === '/v1/responses').at(-1)?.headers['authorization']).toBe(
        'Bearer sk-runnel-resp',
      );
    } finally {
      await secured.close();
    }
  });
});
