// The whole pipeline (transport with NDJSON framing, the ollama adapter, coalescing, batched
// SQLite writes) against a fake Ollama server on a real socket that speaks the native /api/chat
// wire format and injects faults.
import { describe, expect, it } from 'vitest';
import { FAULT_TOKENS, reasoningTokens, replyTokens } from '../servers/fake-replies';
import {
  OLLAMA_FAKE_MODELS,
  expectedOllamaText,
  expectedOllamaThinking,
  startOllamaServer,
} from '../servers/ollama-server';
import { useFakeBackend } from '../support/fake-backend-suite';

const t = useFakeBackend('ollama', () => startOllamaServer({ tokenDelayMs: 2 }));

describe('streaming', () => {
  it('stores the answer byte for byte, thinking in reasoning, with Ollama’s own counts and speed', async () => {
    const run = await t.generate('fake-thinking', 'Hello there');
    const { end, answer } = await t.expectStoredExactly(run, {
      text: expectedOllamaText('fake-thinking', 'Hello there'),
      reasoning: expectedOllamaThinking('fake-thinking'),
    });
    const stats = t.fake.doneStats.at(-1)!;
    expect(answer.metrics).toMatchObject({
      finishReason: 'stop',
      promptTokens: stats.prompt_eval_count,
      completionTokens: stats.eval_count,
      tokensPerSecond: stats.eval_count / (stats.eval_duration / 1e9),
    });
    // eval_count counts thinking and answer tokens alike.
    expect(stats.eval_count).toBe(
      (replyTokens('fake-reasoning', 'Hello there') ?? []).length + reasoningTokens().length,
    );
    expect(answer.metrics.ttftMs).toBeGreaterThanOrEqual(0);
    expect(end.metrics).toEqual(answer.metrics);

    const request = t.fake.requests.at(-1)!;
    expect(request.path).toBe('/api/chat');
    expect(request.body).toEqual({
      model: 'fake-thinking',
      messages: [{ role: 'user', content: 'Hello there' }],
      stream: true,
      // The model's trained window (131072, from /api/show) capped at the default 8192, so Ollama never truncates silently.
      options: { num_ctx: 8192 },
    });
  });

  it('sends the conversation so far on the next turn', async () => {
    const first = await t.generate('fake-chat', 'One');
    await first.ended;
    const second = await t.generate('fake-chat', 'Two', first.ids.conversationId);
    await t.expectStoredExactly(second, { text: expectedOllamaText('fake-chat', 'Two') });
    const body = t.fake.requests.at(-1)?.body as { messages: { role: string; content: string }[] };
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(body.messages[1]!.content).toBe(expectedOllamaText('fake-chat', 'One'));
    expect((await t.stored(second.ids.conversationId)).messages).toHaveLength(4);
  });

  it('decodes lines split inside multi-byte characters exactly', async () => {
    await t.expectStoredExactly(await t.generate('fake-utf8', 'Hi 👋'), {
      text: expectedOllamaText('fake-utf8', 'Hi 👋'),
      reasoning: '',
    });
  });

  it('accepts the OpenAI-compatible /v1 URL a user may paste, and talks to the native API', async () => {
    const backend = await t.h.addBackend(`${t.fake.baseUrl}/v1`, { kind: 'ollama' });
    const run = await t.h.generate(backend.id, 'fake-chat:latest', 'Hi');
    expect((await run.ended).type).toBe('done');
    expect(run.text()).toBe(expectedOllamaText('fake-chat', 'Hi'));
    expect(t.fake.requests.at(-1)?.path).toBe('/api/chat');
  });
});

describe('cancel', () => {
  it('closes the upstream connection, which the server observes, and keeps the partial text', () =>
    t.expectCancelSeenByServer());
});

describe('failures', () => {
  it('shows the {"error"} body of an HTTP 500', async () => {
    const words = 'model requires more system memory (9.6 GiB) than is available (3.1 GiB)';
    const { end } = await t.expectFault('fake-error-500', { code: 'server', words });
    expect(end.error).toMatchObject({ status: 500, retryable: true, message: words });
  });

  it('reports an unknown model as not_found with Ollama’s words', async () => {
    const words = 'model "llama3.2" not found, try pulling it first';
    const { end } = await t.expectFault('llama3.2', { code: 'not_found', words });
    expect(end.error).toMatchObject({ status: 404, message: words });
  });

  it('keeps the text before an {"error"} line sent after the 200', async () => {
    const words = 'an error was encountered while running the model';
    const partial = expectedOllamaText('fake-error-midstream', 'Hi');
    const { end } = await t.expectFault('fake-error-midstream', { code: 'server', words, partial });
    expect(end.error.message).toBe(words);
    expect(end.error.status).toBeUndefined();
  });

  it('keeps the text before a disconnect in the middle of a line', async () => {
    const partial = expectedOllamaText('fake-disconnect', 'Hi');
    await t.expectFault('fake-disconnect', { code: 'connect', words: 'closed the connection', partial });
  });

  it('skips a malformed line, keeps every valid token, and says a line was lost', async () => {
    const valid = replyTokens('fake-malformed', 'Hi') ?? [];
    const partial = valid.slice(0, FAULT_TOKENS.malformedBefore + FAULT_TOKENS.malformedAfter).join('');
    const { end, answer } = await t.expectFault('fake-malformed', { code: 'protocol', words: 'broken', partial });
    expect(end.error.message).toContain('could not be read');
    expect(answer.content).toBe(expectedOllamaText('fake-malformed', 'Hi'));
    expect(answer.metrics.finishReason).toBe('stop'); // the done line after the bad one was still read
  });

  it('times out a server that sends headers and then nothing', () =>
    t.expectFault('fake-stall', { code: 'timeout', words: 'went silent' }));
});

describe('backends:test', () => {
  it('lists the models of /api/tags by name', async () => {
    const result = await t.h.call<{ ok: boolean; models: string[] }>('backends:test', { id: t.backendId });
    expect(result.ok).toBe(true);
    expect(result.models).toEqual(OLLAMA_FAKE_MODELS.map((m) => `${m.id}:latest`));
    expect(t.fake.requests).toContainEqual(expect.objectContaining({ method: 'GET', path: '/api/tags' }));
  });
});
