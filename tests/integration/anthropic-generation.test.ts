// The whole pipeline (transport, anthropic adapter, coalescing, batched SQLite writes) against a
// fake Anthropic Messages server on a real socket that speaks the real event stream and injects faults.
import { describe, expect, it } from 'vitest';
import {
  HTTP_500_MESSAGE,
  MIDSTREAM_ERROR,
  countPromptTokens,
  expectedReasoning,
  expectedText,
  startAnthropicServer,
} from '../servers/anthropic-server';
import { reasoningTokens, replyTokens } from '../servers/fake-replies';
import { useFakeBackend } from '../support/fake-backend-suite';

const t = useFakeBackend('anthropic', () => startAnthropicServer({ tokenDelayMs: 2 }));
/** The last generation request (backends:test may also probe other paths). */
const lastMessages = () => t.fake.requests.filter((r) => r.path === '/v1/messages').at(-1);

describe('streaming', () => {
  it('stores the answer byte for byte with Anthropic usage and stop_reason, and sends a valid Messages request', async () => {
    const run = await t.generate('fake-chat', 'Hello there');
    const { answer } = await t.expectStoredExactly(run, {
      text: expectedText('fake-chat', 'Hello there'),
      reasoning: '',
    });
    expect(answer.metrics).toMatchObject({
      promptTokens: countPromptTokens(['Hello there']),
      completionTokens: replyTokens('fake-chat', 'Hello there')!.length,
      finishReason: 'end_turn',
    });

    const request = lastMessages()!;
    expect(request.headers['anthropic-version']).toBe('2023-06-01');
    expect(request.headers['accept']).toBe('text/event-stream');
    expect(request.body).toEqual({
      model: 'fake-chat',
      max_tokens: 4096,
      stream: true,
      messages: [{ role: 'user', content: 'Hello there' }],
    });
  });

  it('stores thinking deltas as reasoning and counts them in the output tokens', async () => {
    const { answer } = await t.expectStoredExactly(await t.generate('fake-thinking', 'Hi'), {
      text: expectedText('fake-thinking', 'Hi'),
      reasoning: expectedReasoning('fake-thinking'),
    });
    expect(answer.metrics.completionTokens).toBe(
      reasoningTokens().length + replyTokens('fake-reasoning', 'Hi')!.length,
    );
  });

  it('reads multi-byte text split across network chunks exactly', async () => {
    await t.expectStoredExactly(await t.generate('fake-utf8', 'Hi'), { text: expectedText('fake-utf8', 'Hi') });
  });

  it('sends the conversation as alternating turns and the user limits on the next turn', async () => {
    const first = await t.generate('fake-chat', 'One');
    await first.ended;
    await t.generateWith({ maxTokens: 64, temperature: 0.3, topP: 0.8 }, 'Two', first.ids.conversationId);
    expect(lastMessages()?.body).toEqual({
      model: 'fake-chat',
      max_tokens: 64,
      stream: true,
      messages: [
        { role: 'user', content: 'One' },
        { role: 'assistant', content: expectedText('fake-chat', 'One') },
        { role: 'user', content: 'Two' },
      ],
      temperature: 0.3,
      top_p: 0.8,
    });
  });

  it('records stop_reason max_tokens when the server stops at the limit the user set', () =>
    t.expectStopsAtTokenLimit(3, 'max_tokens'));
});

describe('cancel', () => {
  it('closes the upstream connection, which the server observes, and keeps the partial text', () =>
    t.expectCancelSeenByServer());
});

describe('failures', () => {
  it("shows the message of Anthropic's JSON error body on an HTTP 500", async () => {
    const { end } = await t.expectFault('fake-error-500', { code: 'server', words: HTTP_500_MESSAGE });
    expect(end.error).toMatchObject({ status: 500, message: HTTP_500_MESSAGE });
  });

  it('reports an unknown model as not_found', async () => {
    const { end } = await t.expectFault('claude-nonexistent', { code: 'not_found', words: 'claude-nonexistent' });
    expect(end.error).toMatchObject({ status: 404, message: 'model: claude-nonexistent' });
  });

  it('keeps the text before an `event: error` sent inside the stream', async () => {
    const { end } = await t.expectFault('fake-error-midstream', {
      code: 'server',
      words: MIDSTREAM_ERROR.message,
      partial: expectedText('fake-error-midstream', 'Hi'),
    });
    expect(end.error.message).toBe('Overloaded');
  });

  it('keeps the text before a disconnect in the middle of a frame', async () => {
    const partial = expectedText('fake-disconnect', 'Hi');
    await t.expectFault('fake-disconnect', { code: 'connect', words: 'closed the connection', partial });
  });

  it('skips a malformed frame, keeps every valid token, and says a frame was lost', async () => {
    const partial = expectedText('fake-malformed', 'Hi');
    await t.expectFault('fake-malformed', { code: 'protocol', words: 'could not be read', partial });
  });

  it('times out a server that sends headers and then nothing', () =>
    t.expectFault('fake-stall', { code: 'timeout', words: 'went silent' }));
});

describe('backends:test', () => {
  it('lists the models from /v1/models, whether or not the user typed /v1', async () => {
    const { fake, h } = t;
    for (const baseUrl of [fake.baseUrl, `${fake.baseUrl}/v1/`]) {
      fake.requests.length = 0;
      const result = await h.call<{ ok: boolean; models: string[] }>('backends:test', {
        backend: { name: 'x', kind: 'anthropic', baseUrl },
      });
      expect(result.ok).toBe(true);
      expect(result.models).toContain('fake-chat');
      expect(fake.requests.filter((r) => r.path === '/v1/models').map((r) => r.method)).toContain('GET');
    }
  });

  it('sends the key as x-api-key (and a bearer token) and reports a refusal as auth', () =>
    t.withKeyedFake(
      () => startAnthropicServer({ apiKey: 'sk-ant-runnel' }),
      'sk-ant-runnel',
      async ({ secured, denied }) => {
        expect(denied.error.message).toBe('invalid x-api-key');
        expect(secured.requests.filter((r) => r.path === '/v1/messages').at(-1)?.headers).toMatchObject({
          'x-api-key': 'sk-ant-runnel',
          authorization: 'Bearer sk-ant-runnel',
        });
      },
    ));
});
