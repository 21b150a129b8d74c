// The whole pipeline (transport, adapter, coalescing, batched SQLite writes) against a fake
// server on a real socket that speaks vLLM and llama.cpp's wire format and injects faults.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConversationDetail } from '../../src/shared/domain';
import { createCore, databaseFile } from '../../src/main/core/create-core';
import { FileSecretStore } from '../../src/main/secrets/secret-store';
import { FAULT_TOKENS, replyTokens } from '../servers/fake-replies';
import { expectedReasoning, expectedText, startOpenAiChatServer } from '../servers/openai-chat-server';
import { useFakeBackend } from '../support/fake-backend-suite';

const t = useFakeBackend('openai-chat', () => startOpenAiChatServer({ tokenDelayMs: 2 }));

describe('streaming', () => {
  it('streams the answer as new-text-only deltas, coalesced, and stores it byte for byte', async () => {
    const run = await t.generate('fake-long', 'Hello there');
    const { answer } = await t.expectStoredExactly(run, { text: expectedText('fake-long', 'Hello there') });
    const deltaBatches = t.h.payloads.filter((p) => p.events.some((e) => e.type === 'delta')).length;
    expect(deltaBatches).toBeGreaterThan(1);
    expect(deltaBatches).toBeLessThan(300); // fewer messages than tokens: deltas were coalesced

    const detail = await t.stored(run.ids.conversationId);
    expect(detail.conversation.title).toBe('Hello there');
    expect(detail.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'done'],
      ['assistant', 'done'],
    ]);
    expect(answer.metrics.ttftMs).toBeGreaterThanOrEqual(0);
    expect(answer.metrics.finishReason).toBe('stop');
    expect(t.fake.requests.at(-1)?.body).toMatchObject({
      model: 'fake-long',
      stream: true,
      messages: [{ role: 'user', content: 'Hello there' }],
    });
  });

  it('a window that opens the conversation mid-stream gets exactly the text emitted so far', async () => {
    const run = await t.generate('fake-long', 'Mid-stream');
    await expect.poll(() => run.text().length, { timeout: 5_000 }).toBeGreaterThan(0);
    const detail = await t.stored(run.ids.conversationId);
    // Only microtasks run between the read and this line, so no delta can slip in between.
    const emitted = run.text();
    expect(detail.messages[1]!.status).toBe('streaming');
    expect(detail.messages[1]!.content).toBe(emitted);
    await run.ended;
    expect(run.text()).toBe(expectedText('fake-long', 'Mid-stream'));
  });

  it('sends the conversation so far on the next turn', async () => {
    const first = await t.generate('fake-chat', 'One');
    await first.ended;
    const second = await t.generate('fake-chat', 'Two', first.ids.conversationId);
    await second.ended;
    const body = t.fake.requests.at(-1)?.body as { messages: { role: string; content: string }[] };
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
    const reasons = ['fake-reasoning', 'fake-llamacpp-capture', 'fake-think-tags', 'fake-think-close-only'].includes(
      model,
    );
    await t.expectStoredExactly(await t.generate(model, 'Hi'), {
      text: expectedText(model, 'Hi'),
      reasoning: reasons ? expectedReasoning(model) : '',
      // A lone </think> turns text already streamed into reasoning (see the next test).
      streamed: model !== 'fake-think-close-only',
    });
  });

  it('tells the renderer to move text to reasoning when a lone </think> arrives', async () => {
    const run = await t.generate('fake-think-close-only', 'Hi');
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
    const run = await t.generate('fake-llamacpp-capture', 'Hi');
    const end = await run.ended;
    expect(end.type === 'done' && end.metrics).toMatchObject({
      promptTokens: 1085,
      completionTokens: 247,
      tokensPerSecond: 264.5587652496171,
    });
  });
});

describe('cancel', () => {
  it('closes the upstream connection, which the server observes, and keeps the partial text', () =>
    t.expectCancelSeenByServer());
});

describe('retries', () => {
  it('waits for Retry-After while a model loads, then streams the answer once', async () => {
    const run = await t.generate('fake-loading-then-ok', 'Load first');
    expect((await run.ended).type).toBe('done');
    const attempts = t.fake.requests.filter((r) => r.path.endsWith('/chat/completions'));
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.receivedAt - attempts[0]!.receivedAt).toBeGreaterThanOrEqual(900);
    expect(run.events().filter((e) => e.type === 'retry')).toMatchObject([
      { attempt: 1, delayMs: 1000, error: { code: 'server', message: 'Loading model' } },
    ]);
    expect(run.text()).toBe(expectedText('fake-loading-then-ok', 'Load first'));
  });

  it('does not retry what a retry cannot fix, and never after the first token', async () => {
    await (
      await t.generate('fake-error-404-model', 'Hi')
    ).ended;
    await (
      await t.generate('fake-disconnect', 'Hi')
    ).ended;
    const count = (model: string) =>
      t.fake.requests.filter((r) => (r.body as { model?: string })?.model === model).length;
    expect(count('fake-error-404-model')).toBe(1);
    expect(count('fake-disconnect')).toBe(1);
  });
});

describe('failures', () => {
  it('shows the JSON body of an HTTP 500', async () => {
    const words = 'CUDA out of memory while loading the model';
    const { end } = await t.expectFault('fake-error-500', { code: 'server', words });
    expect(end.error).toMatchObject({ status: 500, retryable: true, message: words });
  });

  it('reports an unknown model as not_found with vLLM’s words', async () => {
    const { end } = await t.expectFault('fake-error-404-model', { code: 'not_found', words: 'does not exist' });
    expect(end.error.status).toBe(404);
  });

  it('shows llama.cpp’s 503 while it loads a model', async () => {
    const { end } = await t.expectFault('fake-error-503', { code: 'server', words: 'Loading model' });
    expect(end.error).toMatchObject({ status: 503, message: 'Loading model' });
  });

  it('reports 429 as rate limited after honouring Retry-After twice', async () => {
    const { end } = await t.expectFault('fake-error-429', { code: 'rate_limited', words: 'Too many requests' });
    expect(end.error).toMatchObject({ status: 429, retryAfterMs: 1000 });
    expect(t.fake.requests.filter((r) => (r.body as { model?: string })?.model === 'fake-error-429')).toHaveLength(3);
  });

  it('keeps the text before an error sent inside the stream', async () => {
    const words = 'The server had an error while processing your request';
    const partial = expectedText('fake-error-midstream', 'Hi');
    const { end } = await t.expectFault('fake-error-midstream', { code: 'server', words, partial });
    expect(end.error.message).toBe(words);
  });

  it('keeps the text before a disconnect in the middle of a frame', async () => {
    const partial = expectedText('fake-disconnect', 'Hi');
    await t.expectFault('fake-disconnect', { code: 'connect', words: 'closed the connection', partial });
  });

  it('skips a malformed frame, keeps every valid token, and says a frame was lost', async () => {
    const valid = replyTokens('fake-malformed', 'Hi') ?? [];
    const partial = valid.slice(0, FAULT_TOKENS.malformedBefore + FAULT_TOKENS.malformedAfter).join('');
    const { end } = await t.expectFault('fake-malformed', { code: 'protocol', words: 'could not be read', partial });
    // The stream itself finished: the renderer shows a warning, not a failure.
    expect(end.error.skippedFrames).toBe(1);
  });

  it('times out a server that sends headers and then nothing', () =>
    t.expectFault('fake-stall', { code: 'timeout', words: 'went silent' }));

  it('reports a server that is not running', async () => {
    await t.fake.close();
    await t.expectFault('fake-chat', { code: 'connect', words: 'connection refused' });
  });
});

describe('restart', () => {
  it('marks an answer cut off by a crash as interrupted and keeps its text', async () => {
    const { h } = t;
    const run = await t.generate('fake-endless', 'Crash me');
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
  it('sends the key as a bearer token, tells the renderer only that one is set, and keeps it out of SQLite', () =>
    t.withKeyedFake(
      () => startOpenAiChatServer({ apiKey: 'sk-runnel-secret-123' }),
      'sk-runnel-secret-123',
      async ({ secured, saved }) => {
        const { h } = t;
        expect(saved.hasApiKey).toBe(true);
        expect(JSON.stringify(await h.call('backends:list'))).not.toContain('sk-runnel-secret-123');
        const ok = await h.call<{ ok: boolean; models: string[] }>('backends:test', { id: saved.id });
        expect(ok.ok).toBe(true);
        expect(ok.models).toContain('fake-chat');
        const sent = secured.requests.filter((r) => r.path === '/v1/chat/completions').at(-1);
        expect(sent?.headers['authorization']).toBe('Bearer sk-runnel-secret-123');
        h.core.db.pragma('wal_checkpoint(TRUNCATE)');
        expect(readFileSync(databaseFile(h.dataDir)).includes('sk-runnel-secret-123')).toBe(false);
      },
    ));
});

describe('request validation', () => {
  it('refuses unknown channels and malformed input with invalid_input, without throwing', async () => {
    const { h } = t;
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
