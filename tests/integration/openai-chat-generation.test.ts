// The whole pipeline (transport, adapter, coalescing, batched SQLite writes) against a fake
// server on a real socket that speaks vLLM and llama.cpp's wire format and injects faults.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationDetail, GenerationEvent } from '../../src/shared/domain';
import { join } from 'node:path';
import { createCore, databaseFile } from '../../src/main/core/create-core';
import { FileSecretStore } from '../../src/main/secrets/secret-store';
import {
  expectedReasoning,
  expectedText,
  startOpenAiChatServer,
  type FakeOpenAiServer,
} from '../servers/openai-chat-server';
import { FAULT_TOKENS, replyTokens } from '../servers/fake-replies';
import { createHarness, type Harness } from '../support/core-harness';

let fake: FakeOpenAiServer;
let h: Harness;
let backendId: string;

beforeEach(async () => {
  fake = await startOpenAiChatServer({ tokenDelayMs: 2 });
  h = await createHarness({ limits: { idleTimeoutMs: 1_000 } });
  backendId = (await h.addBackend(fake.baseUrl)).id;
});
afterEach(async () => {
  await h.dispose();
  await fake.close();
});

const stored = (conversationId: string) => h.call<ConversationDetail>('conversations:get', { id: conversationId });

describe('streaming', () => {
  it('streams the answer as new-text-only deltas, coalesced, and stores it byte for byte', async () => {
    const run = await h.generate(backendId, 'fake-long', 'Hello there');
    const end = await run.ended;
    const expected = expectedText('fake-long', 'Hello there');
    expect(end.type).toBe('done');
    expect(run.text()).toBe(expected);
    const deltaBatches = h.payloads.filter((p) => p.events.some((e) => e.type === 'delta')).length;
    expect(deltaBatches).toBeGreaterThan(1);
    expect(deltaBatches).toBeLessThan(300); // fewer messages than tokens: deltas were coalesced

    const detail = await stored(run.ids.conversationId);
    expect(detail.conversation.title).toBe('Hello there');
    expect(detail.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'done'],
      ['assistant', 'done'],
    ]);
    expect(detail.messages[1]!.content).toBe(expected);
    expect(detail.messages[1]!.metrics.ttftMs).toBeGreaterThanOrEqual(0);
    expect(detail.messages[1]!.metrics.finishReason).toBe('stop');
    expect(fake.requests.at(-1)?.body).toMatchObject({
      model: 'fake-long',
      stream: true,
      messages: [{ role: 'user', content: 'Hello there' }],
    });
  });

  it('a window that opens the conversation mid-stream gets exactly the text emitted so far', async () => {
    const run = await h.generate(backendId, 'fake-long', 'Mid-stream');
    await expect.poll(() => run.text().length, { timeout: 5_000 }).toBeGreaterThan(0);
    const detail = await stored(run.ids.conversationId);
    // Only microtasks run between the read and this line, so no delta can slip in between.
    const emitted = run.text();
    expect(detail.messages[1]!.status).toBe('streaming');
    expect(detail.messages[1]!.content).toBe(emitted);
    await run.ended;
    expect(run.text()).toBe(expectedText('fake-long', 'Mid-stream'));
  });

  it('sends the conversation so far on the next turn', async () => {
    const first = await h.generate(backendId, 'fake-chat', 'One');
    await first.ended;
    const second = await h.generate(backendId, 'fake-chat', 'Two', first.ids.conversationId);
    await second.ended;
    const body = fake.requests.at(-1)?.body as { messages: { role: string; content: string }[] };
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(body.messages[1]!.content).toBe(expectedText('fake-chat', 'One'));
  });

  it.each([
    'fake-vllm-capture',
    'fake-llamacpp-capture',
    'fake-crlf-nospace',
    'fake-utf8',
    'fake-reasoning',
    'fake-think-tags',
    'fake-think-close-only',
  ])('reads %s exactly', async (model) => {
    const run = await h.generate(backendId, model, 'Hi');
    expect((await run.ended).type).toBe('done');
    const detail = await stored(run.ids.conversationId);
    expect(detail.messages[1]!.content).toBe(expectedText(model, 'Hi'));
    const reasons = ['fake-reasoning', 'fake-llamacpp-capture', 'fake-think-tags', 'fake-think-close-only'].includes(
      model,
    );
    expect(detail.messages[1]!.reasoning).toBe(reasons ? expectedReasoning(model) : '');
  });

  it('tells the renderer to move text to reasoning when a lone </think> arrives', async () => {
    const run = await h.generate(backendId, 'fake-think-close-only', 'Hi');
    await run.ended;
    let content = '';
    let reasoning = '';
    for (const e of run.events()) {
      if (e.type === 'delta') content += e.text;
      else if (e.type === 'reasoning') reasoning += e.text;
      else if (e.type === 'reasoning-reclassify') [reasoning, content] = [reasoning + content, ''];
    }
    expect([reasoning, content]).toEqual([
      expectedReasoning('fake-think-close-only'),
      expectedText('fake-think-close-only', 'Hi'),
    ]);
  });

  it('records llama.cpp usage and server-measured speed', async () => {
    const run = await h.generate(backendId, 'fake-llamacpp-capture', 'Hi');
    const end = await run.ended;
    expect(end.type === 'done' && end.metrics).toMatchObject({
      promptTokens: 1085,
      completionTokens: 247,
      tokensPerSecond: 264.5587652496171,
    });
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
    const end = await run.ended;
    expect(end).toMatchObject({ type: 'done', status: 'cancelled' });
    const answer = (await stored(run.ids.conversationId)).messages[1]!;
    expect(answer.status).toBe('cancelled');
    expect(answer.content).toBe(run.text());
    expect(answer.content.length).toBeGreaterThan(0);
  });
});

describe('retries', () => {
  it('waits for Retry-After while a model loads, then streams the answer once', async () => {
    const run = await h.generate(backendId, 'fake-loading-then-ok', 'Load first');
    expect((await run.ended).type).toBe('done');
    const attempts = fake.requests.filter((r) => r.path.endsWith('/chat/completions'));
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.receivedAt - attempts[0]!.receivedAt).toBeGreaterThanOrEqual(900);
    expect(run.events().filter((e) => e.type === 'retry')).toMatchObject([
      { attempt: 1, delayMs: 1000, error: { code: 'server', message: 'Loading model' } },
    ]);
    expect(run.text()).toBe(expectedText('fake-loading-then-ok', 'Load first'));
  });

  it('does not retry what a retry cannot fix, and never after the first token', async () => {
    await (
      await h.generate(backendId, 'fake-error-404-model', 'Hi')
    ).ended;
    await (
      await h.generate(backendId, 'fake-disconnect', 'Hi')
    ).ended;
    const count = (model: string) =>
      fake.requests.filter((r) => (r.body as { model?: string })?.model === model).length;
    expect(count('fake-error-404-model')).toBe(1);
    expect(count('fake-disconnect')).toBe(1);
  });
});

describe('failures', () => {
  const failure = async (model: string) => {
    const run = await h.generate(backendId, model, 'Hi');
    const end = (await run.ended) as Extract<GenerationEvent, { type: 'error' }>;
    const answer = (await stored(run.ids.conversationId)).messages[1]!;
    return { end, answer, run };
  };

  it('shows the JSON body of an HTTP 500', async () => {
    const { end, answer } = await failure('fake-error-500');
    expect(end.type).toBe('error');
    expect(end.error).toMatchObject({ code: 'server', status: 500, retryable: true });
    expect(end.error.message).toBe('CUDA out of memory while loading the model');
    expect(answer.status).toBe('error');
    expect(answer.error?.message).toBe('CUDA out of memory while loading the model');
  });

  it('reports an unknown model as not_found with vLLM’s words', async () => {
    const { end } = await failure('fake-error-404-model');
    expect(end.error).toMatchObject({ code: 'not_found', status: 404 });
    expect(end.error.message).toContain('does not exist');
  });

  it('shows llama.cpp’s 503 while it loads a model', async () => {
    const { end } = await failure('fake-error-503');
    expect(end.error).toMatchObject({ code: 'server', status: 503, message: 'Loading model' });
  });

  it('reports 429 as rate limited after honouring Retry-After twice', async () => {
    const { end } = await failure('fake-error-429');
    expect(end.error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 1000 });
    expect(fake.requests.filter((r) => (r.body as { model?: string })?.model === 'fake-error-429')).toHaveLength(3);
  });

  it('keeps the text before an error sent inside the stream', async () => {
    const { end, answer, run } = await failure('fake-error-midstream');
    expect(end.error.message).toBe('The server had an error while processing your request');
    expect(answer.status).toBe('error');
    expect(answer.content).toBe(run.text());
    expect(answer.content.length).toBeGreaterThan(0);
  });

  it('keeps the text before a disconnect in the middle of a frame', async () => {
    const { end, answer, run } = await failure('fake-disconnect');
    expect(end.error.code).toBe('connect');
    expect(end.error.message).toContain('closed the connection');
    expect(answer.content).toBe(run.text());
    expect(answer.content.length).toBeGreaterThan(0);
  });

  it('skips a malformed frame, keeps every valid token, and says a frame was lost', async () => {
    const { end, answer } = await failure('fake-malformed');
    expect(end.error.code).toBe('protocol');
    const valid = replyTokens('fake-malformed', 'Hi') ?? [];
    expect(answer.content).toBe(valid.slice(0, FAULT_TOKENS.malformedBefore + FAULT_TOKENS.malformedAfter).join(''));
  });

  it('times out a server that sends headers and then nothing', async () => {
    const { end } = await failure('fake-stall');
    expect(end.error.code).toBe('timeout');
    expect(end.error.message).toContain('went silent');
  });

  it('reports a server that is not running', async () => {
    await fake.close();
    const { end } = await failure('fake-chat');
    expect(end.error.code).toBe('connect');
    expect(end.error.message).toContain('connection refused');
  });
});

describe('restart', () => {
  it('marks an answer cut off by a crash as interrupted and keeps its text', async () => {
    const run = await h.generate(backendId, 'fake-endless', 'Crash me');
    // Wait until at least one batch reached SQLite, then "crash": drop the core without letting it finish.
    await expect
      .poll(
        () =>
          (
            h.core.db.prepare('SELECT content FROM messages WHERE id = ?').get(run.ids.assistantMessageId) as {
              content: string;
            }
          ).content.length,
        { timeout: 5_000 },
      )
      .toBeGreaterThan(0);
    const written = (
      h.core.db.prepare('SELECT content FROM messages WHERE id = ?').get(run.ids.assistantMessageId) as {
        content: string;
      }
    ).content;
    const again = createCore({
      dataDir: h.dataDir,
      host: 'web',
      version: 'test',
      secrets: new FileSecretStore(join(h.dataDir, 'secrets.plaintext.json')),
    });
    try {
      const result = await again.invoke('conversations:get', { id: run.ids.conversationId });
      const answer = result.ok ? (result.value as ConversationDetail).messages[1] : undefined;
      expect(answer?.status).toBe('interrupted');
      expect(answer?.content.startsWith(written)).toBe(true);
    } finally {
      await again.close();
    }
  });
});

describe('API keys', () => {
  it('sends the key as a bearer token, tells the renderer only that one is set, and keeps it out of SQLite', async () => {
    const secured = await startOpenAiChatServer({ apiKey: 'sk-runnel-secret-123' });
    try {
      const denied = await h.call<{ ok: boolean; error: { code: string } }>('backends:test', {
        backend: { name: 'x', kind: 'openai-chat', baseUrl: secured.baseUrl },
      });
      expect(denied).toMatchObject({ ok: false, error: { code: 'auth' } });

      const saved = await h.addBackend(secured.baseUrl, { apiKey: 'sk-runnel-secret-123' });
      expect(saved.hasApiKey).toBe(true);
      expect(JSON.stringify(await h.call('backends:list'))).not.toContain('sk-runnel-secret-123');
      const ok = await h.call<{ ok: boolean; models: string[] }>('backends:test', { id: saved.id });
      expect(ok.ok).toBe(true);
      expect(ok.models).toContain('fake-chat');

      const run = await h.generate(saved.id, 'fake-chat', 'Secret?');
      expect((await run.ended).type).toBe('done');
      h.core.db.pragma('wal_checkpoint(TRUNCATE)');
      expect(readFileSync(databaseFile(h.dataDir)).includes('sk-runnel-secret-123')).toBe(false);
    } finally {
      await secured.close();
    }
  });
});

describe('request validation', () => {
  it('refuses unknown channels and malformed input with invalid_input, without throwing', async () => {
    expect(await h.core.invoke('fs:read', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await h.core.invoke('generation:start', { conversationId: null })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await h.core.invoke('conversations:get', { id: '../../etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await h.core.invoke('backends:list', { extra: true })).toMatchObject({ ok: false });
    expect(await h.core.invoke('links:open', { url: 'javascript:alert(1)' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});
