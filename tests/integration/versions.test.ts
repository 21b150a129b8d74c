// Versions through the real core on a real SQLite file, against the fake servers: regenerate and
// edit add siblings and stream from the right history, moving between versions brings the rest of
// the branch along, `through` opens a message on another branch, and Continue resumes a cut answer
// in the same row (after Stop, after a crash, after an error, on a template kind) without losing or
// repeating a character.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConversationDetail, GenerationEvent } from '../../src/shared/domain';
import type { GenerationStarted } from '../../src/shared/ipc/contract';
import { createCore } from '../../src/main/core/create-core';
import { FileSecretStore } from '../../src/main/secrets/secret-store';
import { FAULT_TOKENS, replyTokens } from '../servers/fake-replies';
import { expectedKoboldText, startKoboldServer } from '../servers/koboldcpp-server';
import { expectedText, startOpenAiChatServer } from '../servers/openai-chat-server';
import type { Harness } from '../support/core-harness';
import { createHarness } from '../support/core-harness';
import { useFakeBackend } from '../support/fake-backend-suite';

const t = useFakeBackend('openai-chat', () => startOpenAiChatServer({ tokenDelayMs: 2 }));

interface Watch {
  ended: Promise<GenerationEvent>;
  events(): GenerationEvent[];
  text(): string;
}

/** Events of `messageId` from now on (a continued answer keeps its id, so earlier runs are left out). */
function watch(h: Harness, messageId: string): Watch {
  const from = h.payloads.length;
  const events = () =>
    h.payloads
      .slice(from)
      .filter((p) => p.messageId === messageId)
      .flatMap((p) => p.events);
  const ended = (async () => {
    for (;;) {
      const end = events().find((e) => e.type === 'done' || e.type === 'error');
      if (end) return end;
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const text = () =>
    events()
      .map((e) => (e.type === 'delta' ? e.text : ''))
      .join('');
  return { ended, events, text };
}

const shown = (d: ConversationDetail) =>
  d.messages.map((m) => `${m.role}:${m.content.slice(0, 24)} ${m.versions!.index + 1}/${m.versions!.count}`);

async function chatOf(
  h: Harness,
  backendId: string,
  turns: string[],
  model = 'fake-chat',
): Promise<ConversationDetail> {
  let conversationId: string | null = null;
  for (const content of turns) {
    const run = await h.generate(backendId, model, content, conversationId);
    expect((await run.ended).type).toBe('done');
    conversationId = run.ids.conversationId;
  }
  return h.call<ConversationDetail>('conversations:get', { id: conversationId });
}

type Body = { messages: { role: string; content: string }[]; continue_final_message?: boolean };
const lastBody = (t: { fake: { requests: { path: string; body: unknown }[] } }) =>
  t.fake.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)?.body as Body;

describe('regenerate', () => {
  it('adds a version of the answer, streamed from the history above it, and keeps the first', async () => {
    const before = await chatOf(t.h, t.backendId, ['First question', 'Second question']);
    const oldAnswer = before.messages[3]!;
    const started = await t.h.call<GenerationStarted>('generation:regenerate', {
      messageId: oldAnswer.id,
      backendId: t.backendId,
      model: 'fake-long',
    });
    expect(started.userMessageId).toBe(before.messages[2]!.id);
    const run = watch(t.h, started.assistantMessageId);
    expect((await run.ended).type).toBe('done');

    // The request carried the conversation up to the question, not the answer being replaced.
    expect(lastBody(t).messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(lastBody(t).messages.at(-1)?.content).toBe('Second question');

    const after = await t.stored(before.conversation.id);
    expect(after.messages.map((m) => m.id).slice(0, 3)).toEqual(before.messages.slice(0, 3).map((m) => m.id));
    expect(after.messages[3]).toMatchObject({
      id: started.assistantMessageId,
      parentId: before.messages[2]!.id,
      content: expectedText('fake-long', 'Second question'),
      versions: { index: 1, count: 2 },
    });

    const previous = await t.h.call<ConversationDetail>('conversations:select-version', {
      id: before.conversation.id,
      messageId: started.assistantMessageId,
      direction: 'previous',
    });
    expect(previous.messages[3]).toMatchObject({
      id: oldAnswer.id,
      content: oldAnswer.content,
      versions: { index: 0, count: 2 },
    });
    // The choice is stored: a later read shows the same branch.
    expect((await t.stored(before.conversation.id)).messages[3]?.id).toBe(oldAnswer.id);
    await expect(
      t.h.call('conversations:select-version', {
        id: before.conversation.id,
        messageId: oldAnswer.id,
        direction: 'previous',
      }),
    ).rejects.toThrow(/first version/);
  });
});

describe('edit', () => {
  it('starts a new branch from the edited message; switching back brings the old branch whole', async () => {
    const before = await chatOf(t.h, t.backendId, ['Alpha', 'Beta', 'Gamma']);
    const id = before.conversation.id;
    const beta = before.messages[2]!;
    const started = await t.h.call<GenerationStarted>('generation:edit', {
      messageId: beta.id,
      content: 'Beta, reworded',
      backendId: t.backendId,
      model: 'fake-chat',
    });
    expect((await watch(t.h, started.assistantMessageId).ended).type).toBe('done');
    expect(lastBody(t).messages.map((m) => m.content.slice(0, 14))).toEqual([
      'Alpha',
      expectedText('fake-chat', 'Alpha').slice(0, 14),
      'Beta, reworded',
    ]);

    const edited = await t.stored(id);
    expect(shown(edited)).toEqual([
      'user:Alpha 1/1',
      `assistant:${expectedText('fake-chat', 'Alpha').slice(0, 24)} 1/1`,
      'user:Beta, reworded 2/2',
      `assistant:${expectedText('fake-chat', 'Beta, reworded').slice(0, 24)} 1/1`,
    ]);
    expect(edited.messages[2]).toMatchObject({ id: started.userMessageId, parentId: beta.parentId });

    // Previous version of the edited message: the old question and everything after it.
    const old = await t.h.call<ConversationDetail>('conversations:select-version', {
      id,
      messageId: started.userMessageId,
      direction: 'previous',
    });
    expect(old.messages.map((m) => m.id)).toEqual(before.messages.map((m) => m.id));
    expect(old.messages[2]?.versions).toEqual({ index: 0, count: 2 });
    const back = await t.h.call<ConversationDetail>('conversations:select-version', {
      id,
      messageId: beta.id,
      direction: 'next',
    });
    expect(back.messages.map((m) => m.id)).toEqual(edited.messages.map((m) => m.id));
  });

  it('edits the first message into a second root; `through` opens (and keeps) a message on the other branch', async () => {
    const before = await chatOf(t.h, t.backendId, ['Root', 'Follow-up']);
    const id = before.conversation.id;
    const started = await t.h.call<GenerationStarted>('generation:edit', {
      messageId: before.messages[0]!.id,
      content: 'Root v2',
      backendId: t.backendId,
      model: 'fake-chat',
    });
    await watch(t.h, started.assistantMessageId).ended;
    expect(lastBody(t).messages).toEqual([{ role: 'user', content: 'Root v2' }]);
    expect(shown(await t.stored(id))[0]).toBe('user:Root v2 2/2');

    const followUpAnswer = before.messages[3]!;
    const opened = await t.h.call<ConversationDetail>('conversations:get', { id, through: followUpAnswer.id });
    expect(opened.messages.map((m) => m.id)).toEqual(before.messages.map((m) => m.id));
    expect((await t.stored(id)).messages.map((m) => m.id)).toEqual(before.messages.map((m) => m.id));
    // Through the first question: the branch below it as last seen (its follow-up answer).
    const viaRoot = await t.h.call<ConversationDetail>('conversations:get', { id, through: before.messages[0]!.id });
    expect(viaRoot.messages.at(-1)?.id).toBe(followUpAnswer.id);
    await expect(t.h.call('conversations:get', { id, through: 'not-a-message' })).rejects.toThrow(
      /no longer in this conversation/,
    );
  });
});

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
