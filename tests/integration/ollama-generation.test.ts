// The whole pipeline (transport with NDJSON framing, the ollama adapter, coalescing, batched
// SQLite writes) against a fake Ollama server on a real socket that speaks the native /api/chat
// wire format and injects faults.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationDetail, GenerationEvent } from '../../src/shared/domain';
import { FAULT_TOKENS, reasoningTokens, replyTokens } from '../servers/fake-replies';
import {
  OLLAMA_FAKE_MODELS,
  expectedOllamaText,
  expectedOllamaThinking,
  startOllamaServer,
  type FakeOllamaServer,
} from '../servers/ollama-server';
import { createHarness, type Harness } from '../support/core-harness';

let fake: FakeOllamaServer;
let h: Harness;
let backendId: string;

beforeEach(async () => {
  fake = await startOllamaServer({ tokenDelayMs: 2 });
  h = await createHarness({ limits: { idleTimeoutMs: 1_000 } });
  backendId = (await h.addBackend(fake.baseUrl, { kind: 'ollama' })).id;
});
afterEach(async () => {
  await h.dispose();
  await fake.close();
});

const stored = (conversationId: string) => h.call<ConversationDetail>('conversations:get', { id: conversationId });

describe('streaming', () => {
  it('stores the answer byte for byte, thinking in reasoning, with Ollama’s own counts and speed', async () => {
    const run = await h.generate(backendId, 'fake-thinking', 'Hello there');
    const end = await run.ended;
    expect(end.type).toBe('done');
    const expected = expectedOllamaText('fake-thinking', 'Hello there');
    expect(run.text()).toBe(expected);

    const answer = (await stored(run.ids.conversationId)).messages[1]!;
    expect(answer.status).toBe('done');
    expect(answer.content).toBe(expected);
    expect(answer.reasoning).toBe(expectedOllamaThinking('fake-thinking'));
    const stats = fake.doneStats.at(-1)!;
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
    expect(end.type === 'done' && end.metrics).toEqual(answer.metrics);

    const request = fake.requests.at(-1)!;
    expect(request.path).toBe('/api/chat');
    expect(request.body).toEqual({
      model: 'fake-thinking',
      messages: [{ role: 'user', content: 'Hello there' }],
      stream: true,
    });
  });

  it('sends the conversation so far on the next turn', async () => {
    const first = await h.generate(backendId, 'fake-chat', 'One');
    await first.ended;
    const second = await h.generate(backendId, 'fake-chat', 'Two', first.ids.conversationId);
    expect((await second.ended).type).toBe('done');
    const body = fake.requests.at(-1)?.body as { messages: { role: string; content: string }[] };
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(body.messages[1]!.content).toBe(expectedOllamaText('fake-chat', 'One'));
    expect((await stored(second.ids.conversationId)).messages[3]!.content).toBe(expectedOllamaText('fake-chat', 'Two'));
  });

  it('decodes lines split inside multi-byte characters exactly', async () => {
    const run = await h.generate(backendId, 'fake-utf8', 'Hi 👋');
    expect((await run.ended).type).toBe('done');
    const answer = (await stored(run.ids.conversationId)).messages[1]!;
    expect(answer.content).toBe(expectedOllamaText('fake-utf8', 'Hi 👋'));
    expect(answer.reasoning).toBe('');
  });

  it('accepts the OpenAI-compatible /v1 URL a user may paste, and talks to the native API', async () => {
    const backend = await h.addBackend(`${fake.baseUrl}/v1`, { kind: 'ollama' });
    const run = await h.generate(backend.id, 'fake-chat:latest', 'Hi');
    expect((await run.ended).type).toBe('done');
    expect(run.text()).toBe(expectedOllamaText('fake-chat', 'Hi'));
    expect(fake.requests.at(-1)?.path).toBe('/api/chat');
  });
});

describe('cancel', () => {
  it('closes the upstream connection, which the server observes, and keeps the partial text', async () => {
    const run = await h.generate(backendId, 'fake-endless', 'Go on forever');
    await expect.poll(() => run.text().length, { timeout: 5_000 }).toBeGreaterThan(0);
    const aborted = fake.nextClientAbort();
    await h.call('generation:cancel', { messageId: run.ids.assistantMessageId });
    const seen = await aborted;
    expect(seen.model).toBe('fake-endless');
    expect(seen.tokensSent).toBeGreaterThan(0);
    expect(await run.ended).toMatchObject({ type: 'done', status: 'cancelled' });
    const answer = (await stored(run.ids.conversationId)).messages[1]!;
    expect(answer.status).toBe('cancelled');
    expect(answer.content).toBe(run.text());
    expect(answer.content.length).toBeGreaterThan(0);
  });
});

describe('failures', () => {
  const failure = async (model: string) => {
    const run = await h.generate(backendId, model, 'Hi');
    const end = (await run.ended) as Extract<GenerationEvent, { type: 'error' }>;
    const answer = (await stored(run.ids.conversationId)).messages[1]!;
    return { end, answer, run };
  };

  it('shows the {"error"} body of an HTTP 500', async () => {
    const { end, answer } = await failure('fake-error-500');
    expect(end.type).toBe('error');
    expect(end.error).toMatchObject({ code: 'server', status: 500, retryable: true });
    expect(end.error.message).toBe('model requires more system memory (9.6 GiB) than is available (3.1 GiB)');
    expect(answer.status).toBe('error');
    expect(answer.error?.message).toBe(end.error.message);
  });

  it('reports an unknown model as not_found with Ollama’s words', async () => {
    const { end } = await failure('llama3.2');
    expect(end.error).toMatchObject({ code: 'not_found', status: 404 });
    expect(end.error.message).toBe('model "llama3.2" not found, try pulling it first');
  });

  it('keeps the text before an {"error"} line sent after the 200', async () => {
    const { end, answer, run } = await failure('fake-error-midstream');
    expect(end.error).toMatchObject({ code: 'server', message: 'an error was encountered while running the model' });
    expect(end.error.status).toBeUndefined();
    expect(answer.status).toBe('error');
    expect(answer.content).toBe(run.text());
    expect(answer.content).toBe(expectedOllamaText('fake-error-midstream', 'Hi'));
  });

  it('keeps the text before a disconnect in the middle of a line', async () => {
    const { end, answer, run } = await failure('fake-disconnect');
    expect(end.error.code).toBe('connect');
    expect(end.error.message).toContain('closed the connection');
    expect(answer.content).toBe(run.text());
    expect(answer.content).toBe(expectedOllamaText('fake-disconnect', 'Hi'));
  });

  it('skips a malformed line, keeps every valid token, and says a line was lost', async () => {
    const { end, answer } = await failure('fake-malformed');
    expect(end.error.code).toBe('protocol');
    expect(end.error.message).toContain('broken');
    const valid = replyTokens('fake-malformed', 'Hi') ?? [];
    expect(answer.content).toBe(valid.slice(0, FAULT_TOKENS.malformedBefore + FAULT_TOKENS.malformedAfter).join(''));
    expect(answer.content).toBe(expectedOllamaText('fake-malformed', 'Hi'));
    expect(answer.metrics.finishReason).toBe('stop'); // the done line after the bad one was still read
  });

  it('times out a server that sends headers and then nothing', async () => {
    const { end } = await failure('fake-stall');
    expect(end.error.code).toBe('timeout');
    expect(end.error.message).toContain('went silent');
  });
});

describe('backends:test', () => {
  it('lists the models of /api/tags by name', async () => {
    const result = await h.call<{ ok: boolean; models: string[] }>('backends:test', { id: backendId });
    expect(result.ok).toBe(true);
    expect(result.models).toEqual(OLLAMA_FAKE_MODELS.map((m) => `${m.id}:latest`));
    expect(fake.requests).toContainEqual(expect.objectContaining({ method: 'GET', path: '/api/tags' }));
  });
});
