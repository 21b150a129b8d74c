// The context step on a real core, a real SQLite file and fakes that report, count and enforce
// windows the way llama.cpp, vLLM, LM Studio, TGI, KoboldCpp and Ollama do: which turns a request
// carries, byte for byte, when a conversation outgrows the window; a refusal corrects the window
// and "Trim and retry" goes through; "stop and ask" sends nothing; Ollama gets its num_ctx.
import { afterEach, describe, expect, it } from 'vitest';
import type { ContextStatus } from '../../src/shared/context-window';
import type { ConversationDetail, Message } from '../../src/shared/domain';
import type { GenerationStarted } from '../../src/shared/ipc/contract';
import type { FakeContext } from '../servers/context-windows';
import type { FakeServer } from '../servers/fake-http-server';
import { FAKE_KOBOLD_CONTEXT, startKoboldServer } from '../servers/koboldcpp-server';
import { FAKE_OLLAMA_TRAINED_CONTEXT, startOllamaServer } from '../servers/ollama-server';
import { startOpenAiChatServer } from '../servers/openai-chat-server';
import { createHarness, type Harness } from '../support/core-harness';
import { watch } from '../support/versions-helpers';

let h: Harness | undefined;
let fake: FakeServer | undefined;
afterEach(async () => {
  await h?.dispose();
  await fake?.close();
  [h, fake] = [undefined, undefined];
});

async function setUp(context: FakeContext | null, extra: Record<string, unknown> = {}) {
  fake = await startOpenAiChatServer({ tokenDelayMs: 0, ...(context ? { context } : {}) });
  h = await createHarness();
  const backend = await h.addBackend(fake.baseUrl, extra);
  return { h, fake, backendId: backend.id };
}

/** Forty distinct words: 40 tokens for the fakes' tokenizer (far more by Runnel's estimate). */
const words = (tag: string, n = 40) => Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ');

type Sent = { messages: { role: string; content: string }[]; max_tokens?: number };
const chats = (f: FakeServer) =>
  f.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body as Sent);

const status = (hh: Harness, conversationId: string | null, backendId: string, model = 'fake-chat') =>
  hh.call<ContextStatus>('context:status', { conversationId, backendId, model });

/** Waits until the server's tokenizer has counted every message (the background fill). */
async function counted(hh: Harness, conversationId: string, backendId: string): Promise<ContextStatus> {
  await expect
    .poll(async () => (await status(hh, conversationId, backendId)).estimated, { timeout: 5_000 })
    .toBe(false);
  return status(hh, conversationId, backendId);
}

async function say(hh: Harness, backendId: string, content: string, conversationId: string | null) {
  const run = await hh.generate(backendId, 'fake-chat', content, conversationId);
  return { run, end: await run.ended };
}

const branch = (hh: Harness, id: string) => hh.call<ConversationDetail>('conversations:get', { id });
const asTurns = (messages: Message[]) => messages.map((m) => ({ role: m.role, content: m.content }));

describe('the window, asked where each server says it', () => {
  it.each([
    [{ style: 'llama.cpp', nCtx: 512 }, 512, 'llama.cpp /props n_ctx'],
    [{ style: 'vllm', nCtx: 2048 }, 2048, '/v1/models max_model_len'],
    [{ style: 'lmstudio', nCtx: 4096 }, 4096, 'LM Studio /api/v0/models loaded_context_length'],
    [{ style: 'tgi', nCtx: 3000 }, 3000, 'TGI /info max_total_tokens'],
  ] as const)('%o', async (context, window, detail) => {
    const { h, backendId } = await setUp(context);
    expect(await status(h, null, backendId)).toMatchObject({ window, source: { kind: 'server', detail } });
  });

  it('KoboldCpp: /api/extra/true_max_context_length', async () => {
    fake = await startKoboldServer({ tokenDelayMs: 0 });
    h = await createHarness();
    const { id } = await h.addBackend(fake.baseUrl, { kind: 'koboldcpp' });
    expect(await status(h, null, id, 'koboldcpp')).toMatchObject({
      window: FAKE_KOBOLD_CONTEXT,
      source: { kind: 'server', detail: 'KoboldCpp /api/extra/true_max_context_length' },
    });
  });

  it('a server that says nothing: unknown, and the whole branch goes', async () => {
    const { h, backendId } = await setUp(null);
    expect(await status(h, null, backendId)).toMatchObject({ window: null, source: { kind: 'unknown' } });
  });

  it('a window the user set (config file shape) wins over the server, and Test connection refreshes the rest', async () => {
    const { h, backendId } = await setUp({ style: 'vllm', nCtx: 2048 }, { contextWindows: { 'fake-chat': 1000 } });
    expect(await status(h, null, backendId)).toMatchObject({ window: 1000, source: { kind: 'user' } });
    const [backend] = await h.call<{ contextWindows: Record<string, number> }[]>('backends:list');
    expect(backend!.contextWindows).toEqual({ 'fake-chat': 1000 });
    await expect(
      h.call('backends:save', {
        id: backendId,
        backend: { name: 'x', kind: 'openai-chat', baseUrl: fake!.baseUrl, contextWindows: { m: 10 } },
      }),
    ).rejects.toThrow(/contextWindows/);
    // Removing the user's figure: the server's applies.
    await h.call('backends:save', {
      id: backendId,
      backend: { name: 'x', kind: 'openai-chat', baseUrl: fake!.baseUrl, contextWindows: {} },
    });
    await h.call('backends:test', { id: backendId });
    expect(await status(h, null, backendId)).toMatchObject({ window: 2048, source: { kind: 'server' } });
  });
});

describe('a new conversation', () => {
  it('counts the system prompt and max tokens its first message will carry, as that request sends them', async () => {
    const { h, fake, backendId } = await setUp({ style: 'llama.cpp', nCtx: 512 });
    const call = (settings?: object) =>
      h.call<ContextStatus>('context:status', {
        conversationId: null,
        backendId,
        model: 'fake-chat',
        ...(settings ? { settings } : {}),
      });
    const empty = await call();
    const settings = { systemPrompt: words('s', 100), params: { maxTokens: 400 }, contextOverflow: 'ask' };
    const drafted = await call(settings);
    expect(drafted.used).toBeGreaterThan(empty.used + 100);
    expect(drafted.overflow).toBe('ask');
    expect(drafted.maxTokensLowered).toBe(512 - drafted.used);
    // A blank system prompt is no turn, in the request as in the count.
    expect((await call({ systemPrompt: '  ', params: {} })).used).toBe(empty.used);
    // The first request carries exactly that: the prompt, and max tokens lowered to what the meter said.
    const first = await h.call<GenerationStarted>('generation:start', {
      conversationId: null,
      backendId,
      model: 'fake-chat',
      content: 'Hi',
      settings,
    });
    await watch(h, first.assistantMessageId).ended;
    const sent = chats(fake).at(-1)!;
    expect(sent.messages[0]).toEqual({ role: 'system', content: words('s', 100) });
    expect(sent.max_tokens).toBeLessThan(400);
  });
});

describe('which turns go', () => {
  it('leaves out whole oldest turns so history + answer fits a 512-token llama.cpp, byte for byte', async () => {
    const { h, fake, backendId } = await setUp({ style: 'llama.cpp', nCtx: 512 });
    await h.call('presets:list');
    let conversationId: string | null = null;
    for (const tag of ['a', 'b', 'c', 'd']) {
      const { run, end } = await say(h, backendId, words(tag), conversationId);
      expect(end.type).toBe('done');
      conversationId = run.ids.conversationId;
      await counted(h, conversationId, backendId);
    }
    const before = await counted(h, conversationId!, backendId);
    expect(before.window).toBe(512);
    expect(before.estimated).toBe(false);
    const { end } = await say(h, backendId, words('e'), conversationId);
    expect(end.type).toBe('done');
    const sent = chats(fake).at(-1)!;
    const stored = (await branch(h, conversationId!)).messages;
    // The request is the stored branch from a user message on, every byte, and the latest question last.
    const from = stored.length - 1 - sent.messages.length;
    expect(from).toBeGreaterThan(0);
    expect(stored[from]!.role).toBe('user');
    expect(sent.messages).toEqual(asTurns(stored.slice(from, -1)));
    expect(sent.messages.at(-1)!.content).toBe(words('e'));
    // The meter showed a cut before sending too, at a question no later than where this request started.
    const shownCut = stored.findIndex((m) => m.id === before.cutBefore);
    expect(stored[shownCut]?.role).toBe('user');
    expect(shownCut).toBeLessThanOrEqual(from);
    // The next request's cut is reported for the separator, and fits.
    const after = await counted(h, conversationId!, backendId);
    expect(after.cutBefore).not.toBeNull();
    expect(after.used).toBeLessThanOrEqual(512 - 128);
  });

  it('the system prompt always goes; attachments go with their turn', async () => {
    const { h, fake, backendId } = await setUp({ style: 'llama.cpp', nCtx: 512 });
    const staged = await h.call<{ uploadId: string }>('attachments:stage', {
      name: 'notes.txt',
      chunk: Buffer.from(words('file', 20)).toString('base64'),
      last: true,
    });
    const first = await h.call<GenerationStarted>('generation:start', {
      conversationId: null,
      backendId,
      model: 'fake-chat',
      content: words('a'),
      attachments: [staged.uploadId],
      settings: { systemPrompt: 'Be brief.', params: {} },
    });
    await watch(h, first.assistantMessageId).ended;
    const conversationId = first.conversationId;
    for (const tag of ['b', 'c', 'd']) {
      await counted(h, conversationId, backendId);
      expect((await say(h, backendId, words(tag), conversationId)).end.type).toBe('done');
    }
    const sent = chats(fake).at(-1)!;
    expect(sent.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
    // The first turn (with its file) is gone, and no piece of the file stayed behind.
    expect(JSON.stringify(sent.messages)).not.toContain('file0');
    expect(JSON.stringify(sent.messages)).not.toContain('a0 a1');
    expect(sent.messages[1]!.role).toBe('user');
  });

  it('Regenerate, Edit (a branch) and Continue choose from their own branch', async () => {
    const { h, fake, backendId } = await setUp({ style: 'llama.cpp', nCtx: 512 });
    let conversationId: string | null = null;
    for (const tag of ['a', 'b', 'c']) {
      const { run } = await say(h, backendId, words(tag), conversationId);
      conversationId = run.ids.conversationId;
      await counted(h, conversationId, backendId);
    }
    const stored = (await branch(h, conversationId!)).messages;
    // Edit the second question: its branch is a + the edit, which fits whole.
    const edit = await h.call<GenerationStarted>('generation:edit', {
      messageId: stored[2]!.id,
      content: words('x'),
      backendId,
      model: 'fake-chat',
    });
    await watch(h, edit.assistantMessageId).ended;
    expect(chats(fake).at(-1)!.messages).toEqual([
      ...asTurns(stored.slice(0, 2)),
      { role: 'user', content: words('x') },
    ]);
    // Regenerate the last answer of the edited branch: the same turns again.
    const regen = await h.call<GenerationStarted>('generation:regenerate', {
      messageId: edit.assistantMessageId,
      backendId,
      model: 'fake-chat',
    });
    await watch(h, regen.assistantMessageId).ended;
    expect(chats(fake).at(-1)!.messages).toEqual(chats(fake).at(-2)!.messages);
    // Continue a stopped answer: the prefill (its partial text) stays last, with its question.
    const long = await h.generate(backendId, 'fake-endless', words('y'), conversationId);
    await expect.poll(() => long.text().length, { timeout: 5_000 }).toBeGreaterThan(10);
    await h.call('generation:cancel', { messageId: long.ids.assistantMessageId });
    await long.ended;
    const cut = (await branch(h, conversationId!)).messages.at(-1)!;
    await counted(h, conversationId!, backendId);
    const resumed = watch(h, cut.id);
    await h.call('generation:continue', { messageId: cut.id });
    await expect.poll(() => resumed.text().length, { timeout: 5_000 }).toBeGreaterThan(0);
    await h.call('generation:cancel', { messageId: cut.id });
    await resumed.ended;
    const sent = chats(fake).at(-1)!.messages;
    expect(sent.slice(-2)).toEqual([
      { role: 'user', content: words('y') },
      { role: 'assistant', content: cut.content },
    ]);
  });
});

describe('when it does not fit', () => {
  it('a refusal corrects the window, says so once, and Trim and retry goes through', async () => {
    // vLLM reports 4096 but enforces 512 (restarted with a smaller --max-model-len).
    const { h, fake, backendId } = await setUp({ style: 'vllm', nCtx: 512, reported: 4096 });
    let conversationId: string | null = null;
    let last: { run: Awaited<ReturnType<Harness['generate']>>; end: unknown } | null = null;
    for (const tag of ['a', 'b', 'c', 'd', 'e']) {
      last = await say(h, backendId, words(tag), conversationId);
      conversationId = last.run.ids.conversationId;
      if ((last.end as { type: string }).type === 'error') break;
      await counted(h, conversationId, backendId);
    }
    const failed = last!.end as { type: string; error: { message: string; contextOverflow?: { window: number } } };
    expect(failed.type).toBe('error');
    expect(failed.error.message).toMatch(/maximum context length is 512 tokens/);
    expect(failed.error.contextOverflow).toEqual({ window: 512 });
    expect(await status(h, conversationId, backendId)).toMatchObject({ window: 512, source: { kind: 'corrected' } });
    const requests = chats(fake).length;
    const retry = await h.call<GenerationStarted>('generation:regenerate', {
      messageId: last!.run.ids.assistantMessageId,
      backendId,
      model: 'fake-chat',
      trim: true,
    });
    expect((await watch(h, retry.assistantMessageId).ended).type).toBe('done');
    expect(chats(fake).length).toBe(requests + 1);
    expect(chats(fake).at(-1)!.messages.length).toBeLessThan(chats(fake).at(-2)!.messages.length);
  });

  it('a refusal that names no window: the window is taken below what was sent, and Trim and retry fits', async () => {
    const { h, fake, backendId } = await setUp({ style: 'llama.cpp', nCtx: 512, reported: 4096, oldWords: true });
    let conversationId: string | null = null;
    let last: { run: Awaited<ReturnType<Harness['generate']>>; end: unknown } | null = null;
    for (const tag of ['a', 'b', 'c', 'd', 'e']) {
      last = await say(h, backendId, words(tag), conversationId);
      conversationId = last.run.ids.conversationId;
      if ((last.end as { type: string }).type === 'error') break;
      await counted(h, conversationId, backendId);
    }
    expect(last!.end).toMatchObject({ type: 'error', error: { contextOverflow: { window: null } } });
    const corrected = await status(h, conversationId, backendId);
    expect(corrected.source).toEqual({ kind: 'corrected' });
    expect(corrected.window).toBeLessThan(4096);
    const retry = await h.call<GenerationStarted>('generation:regenerate', {
      messageId: last!.run.ids.assistantMessageId,
      backendId,
      model: 'fake-chat',
      trim: true,
    });
    expect((await watch(h, retry.assistantMessageId).ended).type).toBe('done');
    expect(chats(fake).at(-1)!.messages.length).toBeLessThan(chats(fake).at(-2)!.messages.length);
  });

  it('"stop and ask" sends nothing and explains; Trim and retry then leaves out the oldest', async () => {
    const { h, fake, backendId } = await setUp({ style: 'llama.cpp', nCtx: 512 });
    let conversationId: string | null = null;
    for (const tag of ['a', 'b', 'c']) {
      const { run } = await say(h, backendId, words(tag), conversationId);
      conversationId = run.ids.conversationId;
      await counted(h, conversationId, backendId);
    }
    await h.call('conversations:save-settings', {
      id: conversationId,
      settings: { systemPrompt: '', params: {}, contextOverflow: 'ask' },
    });
    expect(
      (await h.call<{ contextOverflow: string }>('conversations:settings', { id: conversationId })).contextOverflow,
    ).toBe('ask');
    const requests = chats(fake).length;
    const { run, end } = await say(h, backendId, words('d'), conversationId);
    expect(end).toMatchObject({ type: 'error', error: { contextOverflow: { window: 512, asked: true } } });
    expect(chats(fake).length).toBe(requests);
    const retry = await h.call<GenerationStarted>('generation:regenerate', {
      messageId: run.ids.assistantMessageId,
      backendId,
      model: 'fake-chat',
      trim: true,
    });
    expect((await watch(h, retry.assistantMessageId).ended).type).toBe('done');
    expect(chats(fake).at(-1)!.messages[0]!.content).not.toBe(words('a'));
  });

  it('max_tokens is lowered to what the latest turn leaves, and the meter says so', async () => {
    const { h, fake, backendId } = await setUp({ style: 'llama.cpp', nCtx: 512 });
    const first = await h.call<GenerationStarted>('generation:start', {
      conversationId: null,
      backendId,
      model: 'fake-chat',
      content: words('a', 200),
      settings: { systemPrompt: '', params: { maxTokens: 400 } },
    });
    await watch(h, first.assistantMessageId).ended;
    // The first request was counted by estimate, which leans high; what matters is it fit.
    const sent = chats(fake).at(-1)!;
    expect(sent.max_tokens).toBeLessThan(400);
    // The meter tells it before the next request: its latest turn leaves less than 400 tokens.
    const next = await counted(h, first.conversationId, backendId);
    expect(next.maxTokensLowered).toBeGreaterThan(0);
    expect(next.maxTokensLowered).toBeLessThan(400);
    expect(next.used + next.maxTokensLowered!).toBeLessThanOrEqual(512);
  });
});

describe('Ollama', () => {
  it('sends num_ctx: the trained window capped by the backend (8192 by default), or the user’s', async () => {
    fake = await startOllamaServer({ tokenDelayMs: 0 });
    h = await createHarness();
    const { id } = await h.addBackend(fake.baseUrl, { kind: 'ollama' });
    const numCtx = () =>
      (fake!.requests.filter((r) => r.path === '/api/chat').at(-1)!.body as { options?: { num_ctx?: number } }).options
        ?.num_ctx;
    expect((await (await h.generate(id, 'fake-chat', 'Hi')).ended).type).toBe('done');
    expect(numCtx()).toBe(8192);
    expect(await status(h, null, id)).toMatchObject({
      window: 8192,
      source: { kind: 'num-ctx', trained: FAKE_OLLAMA_TRAINED_CONTEXT, cap: 8192 },
    });
    await h.call('backends:save', {
      id,
      backend: { name: 'o', kind: 'ollama', baseUrl: fake.baseUrl, options: { numCtxMax: '16384' } },
    });
    expect((await (await h.generate(id, 'fake-chat', 'Hi')).ended).type).toBe('done');
    expect(numCtx()).toBe(16384);
    await h.call('backends:save', {
      id,
      backend: { name: 'o', kind: 'ollama', baseUrl: fake.baseUrl, contextWindows: { 'fake-chat': 2048 } },
    });
    expect((await (await h.generate(id, 'fake-chat', 'Hi')).ended).type).toBe('done');
    expect(numCtx()).toBe(2048);
  });
});
