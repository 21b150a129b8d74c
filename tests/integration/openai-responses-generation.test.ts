// The whole pipeline (transport, openai-responses adapter, coalescing, batched SQLite writes)
// against a fake Responses API server on a real socket that speaks the real event stream
// (named events with sequence numbers) and injects faults.
import { describe, expect, it } from 'vitest';
import { reasoningTokens, replyTokens } from '../servers/fake-replies';
import {
  HTTP_500_MESSAGE,
  MIDSTREAM_ERROR,
  countPromptTokens,
  expectedReasoning,
  expectedText,
  startResponsesServer,
} from '../servers/responses-server';
import { useFakeBackend } from '../support/fake-backend-suite';

const t = useFakeBackend('openai-responses', () => startResponsesServer({ tokenDelayMs: 2 }));
/** The last generation request (backends:test may also probe other paths). */
const lastResponses = () => t.fake.requests.filter((r) => r.path === '/v1/responses').at(-1);

describe('streaming', () => {
  it('stores the answer byte for byte with the usage of response.completed, and sends a Responses request', async () => {
    const run = await t.generate('fake-chat', 'Hello there');
    const { answer } = await t.expectStoredExactly(run, {
      text: expectedText('fake-chat', 'Hello there'),
      reasoning: '',
    });
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

  it('sends the conversation as input items and the user limits on the next turn', async () => {
    const first = await t.generate('fake-chat', 'One');
    await first.ended;
    await t.generateWith({ maxTokens: 64, temperature: 0.3, topP: 0.8 }, 'Two', first.ids.conversationId);
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

  it('records the incomplete_details reason when the server stops at max_output_tokens', () =>
    t.expectStopsAtTokenLimit(3, 'max_output_tokens'));
});

describe('cancel', () => {
  it('closes the upstream connection, which the server observes, and keeps the partial text', () =>
    t.expectCancelSeenByServer());
});

describe('failures', () => {
  it('shows the message of the JSON error body on an HTTP 500', async () => {
    const { end } = await t.expectFault('fake-error-500', { code: 'server', words: HTTP_500_MESSAGE });
    expect(end.error).toMatchObject({ status: 500, message: HTTP_500_MESSAGE });
  });

  it('reports an unknown model as not_found', async () => {
    const { end } = await t.expectFault('gpt-nonexistent', { code: 'not_found', words: 'does not exist' });
    expect(end.error.status).toBe(404);
  });

  it('keeps the text before an `error` event (then response.failed) sent inside the stream', async () => {
    const { end } = await t.expectFault('fake-error-midstream', {
      code: 'server',
      words: MIDSTREAM_ERROR.message,
      partial: expectedText('fake-error-midstream', 'Hi'),
    });
    expect(end.error.message).toBe(MIDSTREAM_ERROR.message);
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
  it('lists the models from {base}/models', async () => {
    const { fake, h } = t;
    const result = await h.call<{ ok: boolean; models: string[] }>('backends:test', {
      backend: { name: 'x', kind: 'openai-responses', baseUrl: fake.baseUrl },
    });
    expect(result.ok).toBe(true);
    expect(result.models).toContain('fake-chat');
    expect(fake.requests.filter((r) => r.path === '/v1/models').map((r) => r.method)).toContain('GET');
  });

  it('sends the key as a bearer token and reports a refusal as auth', () =>
    t.withKeyedFake(
      () => startResponsesServer({ apiKey: 'sk-runnel-resp' }),
      'sk-runnel-resp',
      async ({ secured }) => {
        const sent = secured.requests.filter((r) => r.path === '/v1/responses').at(-1);
        expect(sent?.headers['authorization']).toBe('Bearer sk-runnel-resp');
      },
    ));
});
