// Continue resumes a cut answer in the same row without losing or repeating a character: after Stop,
// after a crash, after an error, on a template kind (koboldcpp) and after the length limit (anthropic).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatError } from '../../src/shared/chat-error';
import type { ConversationDetail, GenerationEvent } from '../../src/shared/domain';
import { sayIn } from '../../src/shared/words/all-words';
import type { GenerationStarted } from '../../src/shared/ipc/contract';
import { createCore } from '../../src/main/core/create-core';
import { FileSecretStore } from '../../src/main/secrets/secret-store';
import { FAULT_TOKENS, replyTokens } from '../servers/fake-replies';
import { expectedKoboldText, startKoboldServer } from '../servers/koboldcpp-server';
import { expectedText, startOpenAiChatServer } from '../servers/openai-chat-server';
import { createHarness } from '../support/core-harness';
import { useFakeBackend } from '../support/fake-backend-suite';
import { type Body, chatOf, lastBody, watch } from '../support/versions-helpers';

const t = useFakeBackend('openai-chat', () => startOpenAiChatServer({ tokenDelayMs: 2 }));

describe('continue', () => {
  const continueAnswer = (messageId: string) =>
    t.h.call<{ conversationId: string; assistantMessageId: string }>('generation:continue', { messageId });

  it('after Stop: sends the partial answer as a prefill and appends to the same message, exactly', async () => {
    const first = await t.generate('fake-long', 'Tell me more');
    await expect.poll(() => first.text().length, { timeout: 5_000 }).toBeGreaterThan(40);
    await t.h.call('generation:cancel', { messageId: first.ids.assistantMessageId });
    expect(await first.ended).toMatchObject({ type: 'done', status: 'cancelled' });
    const cut = await t.answerOf(first.ids.conversationId);
    expect(cut.status).toBe('cancelled');
    const partial = cut.content;
    expect(partial).toBe(first.text());

    const run = watch(t.h, cut.id);
    expect(await continueAnswer(cut.id)).toEqual({ conversationId: cut.conversationId, assistantMessageId: cut.id });
    const end = await run.ended;
    expect(end.type).toBe('done');
    // Every window learns the stored text first, then only new text.
    expect(run.events()[0]).toEqual({ type: 'resume', content: partial, reasoning: '' });
    const body = lastBody(t);
    expect(body.messages.at(-1)).toEqual({ role: 'assistant', content: partial });
    expect(body).toMatchObject({ continue_final_message: true, add_generation_prompt: false });

    const detail = await t.stored(cut.conversationId);
    expect(detail.messages.map((m) => m.id)).toEqual([cut.parentId, cut.id]);
    const answer = detail.messages[1]!;
    expect(answer.status).toBe('done');
    expect(answer.content).toBe(partial + run.text());
    expect(answer.content).toBe(partial + expectedText('fake-long', 'Tell me more'));
    // The first token is the answer's own; the finish is the continuation's.
    expect(answer.metrics.ttftMs).toBe(cut.metrics.ttftMs);
    expect(answer.metrics.finishReason).toBe('stop');
    // What is stored is what was sent, the stream's carrier and total time included (schema step 15).
    expect(end.type === 'done' && end.metrics).toEqual(answer.metrics);
  });

  it('Stop during a continue keeps everything, and a second continue goes on from there', async () => {
    const first = await t.generate('fake-endless', 'Go on');
    await expect.poll(() => first.text().length, { timeout: 5_000 }).toBeGreaterThan(0);
    await t.h.call('generation:cancel', { messageId: first.ids.assistantMessageId });
    await first.ended;
    const id = first.ids.assistantMessageId;
    const partial = (await t.answerOf(first.ids.conversationId)).content;

    const again = watch(t.h, id);
    await continueAnswer(id);
    await expect.poll(() => again.text().length, { timeout: 5_000 }).toBeGreaterThan(0);
    // Continuing what is already streaming is refused; nothing is doubled.
    await expect(continueAnswer(id)).rejects.toThrow(/still being written/);
    const aborted = t.fake.nextClientAbort();
    await t.h.call('generation:cancel', { messageId: id });
    await aborted;
    expect(await again.ended).toMatchObject({ type: 'done', status: 'cancelled' });
    const stopped = await t.answerOf(first.ids.conversationId);
    expect(stopped).toMatchObject({ status: 'cancelled', content: partial + again.text() });
    expect(lastBody(t).messages.at(-1)).toEqual({ role: 'assistant', content: partial });
  });

  it('after an error with partial text: the continuation’s own error is shown and all text kept', async () => {
    const first = await t.generate('fake-error-midstream', 'Hi');
    expect((await first.ended).type).toBe('error');
    const id = first.ids.assistantMessageId;
    const partial = replyTokens('fake-error-midstream', 'Hi')!.slice(0, FAULT_TOKENS.midstream).join('');
    expect((await t.answerOf(first.ids.conversationId)).content).toBe(partial);

    const run = watch(t.h, id);
    await continueAnswer(id);
    const end = await run.ended;
    expect(end).toMatchObject({ type: 'error', error: { code: 'server' } });
    const answer = await t.answerOf(first.ids.conversationId);
    expect(answer).toMatchObject({ status: 'error', content: partial + partial });
    expect(answer.error?.message).toContain('The server had an error');
  });

  it('retries a continue the server refuses while it loads, without repeating a character', async () => {
    const first = await t.generate('fake-endless', 'Load me');
    await expect.poll(() => first.text().length, { timeout: 5_000 }).toBeGreaterThan(0);
    await t.h.call('generation:cancel', { messageId: first.ids.assistantMessageId });
    await first.ended;
    const id = first.ids.assistantMessageId;
    const partial = (await t.answerOf(first.ids.conversationId)).content;
    // The same answer, as if its model were now loading on the server (503 + Retry-After once).
    t.h.core.db.prepare("UPDATE messages SET model = 'fake-loading-then-ok' WHERE id = ?").run(id);

    const run = watch(t.h, id);
    await continueAnswer(id);
    expect((await run.ended).type).toBe('done');
    expect(run.events().map((e) => e.type)).toContain('retry');
    expect(run.events()[0]?.type).toBe('resume');
    const answer = await t.answerOf(first.ids.conversationId);
    expect(answer).toMatchObject({
      status: 'done',
      error: null,
      content: partial + expectedText('fake-loading-then-ok', 'Load me'),
    });
  });

  it('refuses what cannot be continued, before touching anything', async () => {
    const done = await chatOf(t.h, t.backendId, ['Complete', 'Second']);
    const finished = done.messages[3]!;
    await expect(continueAnswer(finished.id)).rejects.toThrow(/cut off/);
    await expect(continueAnswer(done.messages[2]!.id)).rejects.toThrow(/cut off/);
    await expect(continueAnswer('no-such-message')).rejects.toThrow(/no longer exists/);
    const after = await t.stored(done.conversation.id);
    expect(after.messages).toEqual(done.messages);
  });
});

describe("a refusal in Runnel's words", () => {
  /** What the renderer gets for a failed request: the envelope's error. */
  const refusal = async (channel: string, input: unknown): Promise<ChatError> => {
    const err: unknown = await t.h.call(channel, input).then(
      () => null,
      (e: unknown) => e,
    );
    return (err as { detail: ChatError }).detail;
  };

  it('reaches the renderer with its key, written in Chinese from the books, the English unchanged', async () => {
    const done = await chatOf(t.h, t.backendId, ['Complete']);
    const finished = await refusal('generation:continue', { messageId: done.messages[1]!.id });
    expect(finished.message).toBe(
      'Only an answer that was cut off (stopped, interrupted, failed or at its length limit) can be continued',
    );
    expect(finished.said).toEqual({ key: 'generation.onlyCutOff', values: {} });
    expect(sayIn('zh', finished.said!)).toBe('只有被中断的回答（已停止、被打断、失败或达到长度上限）才能继续');

    const gone = await refusal('generation:start', {
      conversationId: 'no-such-conversation',
      backendId: t.backendId,
      model: 'fake-chat',
      content: 'Hello',
    });
    expect(gone).toMatchObject({ code: 'not_found', message: 'That conversation no longer exists' });
    expect(sayIn('zh', gone.said!)).toBe('该对话已不存在');
  });
});

describe('continue after a crash (an interrupted row)', () => {
  it('resumes the text the crash left, in the same row, on the next start', async () => {
    const fake = await startOpenAiChatServer({ tokenDelayMs: 2 });
    const h = await createHarness();
    const secrets = () => new FileSecretStore(join(h.dataDir, 'secrets.plaintext.json'));
    let restarted: Awaited<ReturnType<typeof createCore>> | null = null;
    try {
      const backend = await h.addBackend(fake.baseUrl);
      const run = await h.generate(backend.id, 'fake-chat', 'Crash here');
      await run.ended;
      // As a crash leaves it: a row still streaming with the text of the batches written so far.
      h.core.db
        .prepare("UPDATE messages SET status = 'streaming', content = substr(content, 1, 30) WHERE id = ?")
        .run(run.ids.assistantMessageId);
      await h.core.close();

      restarted = createCore({ dataDir: h.dataDir, host: 'web', version: 'test', secrets: secrets() });
      const ended = new Promise<GenerationEvent>((resolve) =>
        restarted!.subscribe((channel, payload) => {
          if (channel !== 'generation:event') return;
          const end = (payload as { events: GenerationEvent[] }).events.find(
            (e) => e.type === 'done' || e.type === 'error',
          );
          if (end) resolve(end);
        }),
      );
      const get = async () => {
        const r = await restarted!.invoke('conversations:get', { id: run.ids.conversationId });
        if (!r.ok) throw new Error(r.error.message);
        return (r.value as ConversationDetail).messages[1]!;
      };
      const interrupted = await get();
      expect(interrupted.status).toBe('interrupted');
      const partial = expectedText('fake-chat', 'Crash here').slice(0, 30);
      expect(interrupted.content).toBe(partial);

      const started = await restarted.invoke('generation:continue', { messageId: run.ids.assistantMessageId });
      expect(started.ok).toBe(true);
      expect((await ended).type).toBe('done');
      expect(await get()).toMatchObject({ status: 'done', content: partial + expectedText('fake-chat', 'Crash here') });
      expect((fake.requests.at(-1)?.body as Body).messages.at(-1)).toEqual({ role: 'assistant', content: partial });
    } finally {
      await restarted?.close();
      await fake.close();
      // The harness's core is closed already; dispose only removes the folder.
      await h.dispose().catch(() => undefined);
    }
  });
});

describe('continue on a template kind (koboldcpp)', () => {
  it('renders the partial answer left open in the prompt and appends what follows', async () => {
    const fake = await startKoboldServer({ tokenDelayMs: 2, behaviour: 'fake-endless' });
    const h = await createHarness({ limits: { idleTimeoutMs: 1_000 } });
    try {
      const backend = await h.addBackend(fake.baseUrl, { kind: 'koboldcpp' });
      const first = await h.generate(backend.id, 'koboldcpp', 'Hi');
      await expect.poll(() => first.text().length, { timeout: 5_000 }).toBeGreaterThan(0);
      await h.call('generation:cancel', { messageId: first.ids.assistantMessageId });
      await first.ended;
      const id = first.ids.assistantMessageId;
      const stored = () => h.call<ConversationDetail>('conversations:get', { id: first.ids.conversationId });
      const partial = (await stored()).messages[1]!.content;
      expect(partial.length).toBeGreaterThan(0);

      fake.behaviour = 'fake-chat';
      const run = watch(h, id);
      await h.call('generation:continue', { messageId: id });
      expect((await run.ended).type).toBe('done');
      const generate = fake.requests.filter((r) => r.path.includes('generate') && !r.path.endsWith('/check')).at(-1);
      const prompt = (generate?.body as { prompt: string }).prompt;
      expect(prompt).toBe(`<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n${partial}`);
      const answer = (await stored()).messages[1]!;
      expect(answer).toMatchObject({ id, status: 'done', content: partial + expectedKoboldText('fake-chat', 'Hi') });
    } finally {
      await h.dispose();
      await fake.close();
    }
  });
});

describe('continue after the length limit (anthropic)', () => {
  it('an answer stopped at max_tokens goes on, prefilled, and the counts add up', async () => {
    const { startAnthropicServer } = await import('../servers/anthropic-server');
    const fake = await startAnthropicServer({ tokenDelayMs: 1 });
    const h = await createHarness();
    try {
      const backend = await h.call<{ id: string }>('backends:save', {
        backend: { name: 'Fake Anthropic', kind: 'anthropic', baseUrl: fake.baseUrl },
      });
      const started = await h.call<GenerationStarted>('generation:start', {
        conversationId: null,
        backendId: backend.id,
        model: 'fake-chat',
        content: 'Hi',
        settings: { systemPrompt: '', params: { maxTokens: 4 } },
      });
      const first = watch(h, started.assistantMessageId);
      await first.ended;
      const stored = () => h.call<ConversationDetail>('conversations:get', { id: started.conversationId });
      const cut = (await stored()).messages[1]!;
      const partial = replyTokens('fake-chat', 'Hi')!.slice(0, 4).join('');
      expect(cut).toMatchObject({ status: 'done', content: partial });
      expect(cut.metrics).toMatchObject({ finishReason: 'max_tokens', completionTokens: 4 });

      // The limit lifted, the same answer goes on from where it stopped.
      await h.call('conversations:save-settings', {
        id: started.conversationId,
        settings: { systemPrompt: '', params: { maxTokens: 1000 } },
      });
      const run = watch(h, cut.id);
      await h.call('generation:continue', { messageId: cut.id });
      expect((await run.ended).type).toBe('done');
      const body = fake.requests.at(-1)?.body as { messages: { role: string; content: string }[]; max_tokens: number };
      expect(body.max_tokens).toBe(1000);
      expect(body.messages.at(-1)).toEqual({ role: 'assistant', content: partial.trimEnd() });
      const whole = replyTokens('fake-chat', 'Hi')!;
      const answer = (await stored()).messages[1]!;
      expect(answer).toMatchObject({ id: cut.id, status: 'done', content: partial + whole.join('') });
      expect(answer.metrics).toMatchObject({ finishReason: 'end_turn', completionTokens: 4 + whole.length });
      expect(answer.metrics.ttftMs).toBe(cut.metrics.ttftMs);
    } finally {
      await h.dispose();
      await fake.close();
    }
  });
});
