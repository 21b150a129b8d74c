// A tool turn's later rounds go through the context step too: on a real core, a real SQLite file, a
// llama.cpp-like fake with a 512-token window and a real MCP server whose tool answers as many
// words as asked. The round that carries a large result leaves out the oldest whole turns (which
// ones, byte for byte), lowers max_tokens to what is left, and a result too large for the window
// ends the turn with a clear error that keeps the answer's calls, without sending it.
import { afterEach, describe, expect, it } from 'vitest';
import type { ContextStatus } from '../../src/shared/context-window';
import type { ConversationDetail, Message } from '../../src/shared/domain';
import type { GenerationStarted } from '../../src/shared/ipc/contract';
import type { ToolServerView } from '../../src/shared/tools';
import { startOpenAiChatServer, type FakeOpenAiServer } from '../servers/openai-chat-server';
import { createHarness, type Harness } from '../support/core-harness';
import { watch } from '../support/versions-helpers';
import { testServerScript, untilFirstServerConnected } from './mcp-support';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

async function setUp() {
  const fake: FakeOpenAiServer = await startOpenAiChatServer({
    tokenDelayMs: 0,
    context: { style: 'llama.cpp', nCtx: 512 },
  });
  cleanups.push(() => fake.close());
  const h: Harness = await createHarness();
  cleanups.push(() => h.dispose());
  await h.call<ToolServerView>('tools:save-server', {
    server: {
      name: 'words',
      enabled: true,
      transport: 'stdio',
      command: process.execPath,
      args: ['--import', 'tsx', testServerScript, 'words'],
      approval: 'allow-all',
    },
  });
  await untilFirstServerConnected((channel) => h.call(channel));
  const backend = await h.addBackend(fake.baseUrl);
  return { fake, h, backendId: backend.id };
}

/** Forty distinct words: 40 tokens for the fake's tokenizer. */
const words = (tag: string, n = 40) => Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ');

type SentTurn = { role: string; content: string | null; tool_calls?: unknown[]; tool_call_id?: string };
type Sent = { messages: SentTurn[]; max_tokens?: number };
const chats = (f: FakeOpenAiServer) =>
  f.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body as Sent);

/** Counts are the model's own: the tool model's, which answers the turn under test. */
const status = (h: Harness, conversationId: string, backendId: string) =>
  h.call<ContextStatus>('context:status', { conversationId, backendId, model: 'fake-tools' });

/** Until the server's tokenizer has counted every message. */
async function counted(h: Harness, conversationId: string, backendId: string): Promise<ContextStatus> {
  await expect.poll(async () => (await status(h, conversationId, backendId)).estimated, { timeout: 5_000 }).toBe(false);
  return status(h, conversationId, backendId);
}

const branch = async (h: Harness, id: string) =>
  (await h.call<ConversationDetail>('conversations:get', { id })).messages;
const asTurns = (messages: Message[]) => messages.map((m) => ({ role: m.role, content: m.content }));

/** A conversation of plain turns (questions of forty words) on fake-chat, counted by the tokenizer. */
async function history(h: Harness, backendId: string, tags = ['a', 'b', 'c']): Promise<string> {
  let conversationId: string | null = null;
  for (const tag of tags) {
    const run = await h.generate(backendId, 'fake-chat', words(tag), conversationId);
    expect((await run.ended).type).toBe('done');
    conversationId = run.ids.conversationId;
    await counted(h, conversationId, backendId);
  }
  return conversationId!;
}

describe('a new conversation’s tools', () => {
  it('are counted as its first message will offer them: every tool, or the composer’s choice', async () => {
    const { h, backendId } = await setUp();
    const [server] = await h.call<ToolServerView[]>('tools:servers');
    const draft = (tools?: object[]) =>
      h.call<ContextStatus>('context:status', {
        conversationId: null,
        backendId,
        model: 'fake-tools',
        ...(tools ? { tools } : {}),
      });
    const every = await draft();
    expect(every.used).toBeGreaterThan(10);
    expect((await draft([{ serverId: server!.id, tool: null, on: false }])).used).toBe(0);
    expect((await draft([{ serverId: server!.id, tool: 'words', on: true }])).used).toBe(every.used);
  }, 60_000);
});

describe('a tool turn’s rounds in the context window', () => {
  it('the round carrying a large result leaves out the oldest whole turns, byte for byte', async () => {
    const { fake, h, backendId } = await setUp();
    const conversationId = await history(h, backendId);
    const before = chats(fake).length;
    const run = await h.generate(backendId, 'fake-tools', 'Read 100 words', conversationId);
    expect((await run.ended).type).toBe('done');
    const [first, second] = chats(fake).slice(before);
    expect(chats(fake)).toHaveLength(before + 2);
    const stored = await branch(h, conversationId);
    const earlier = asTurns(stored.slice(0, -2));
    const question = { role: 'user', content: 'Read 100 words' };
    // Whole turns from a question on, byte for byte, then the turn under way.
    const startOf = (sent: Sent, tail: number) => {
      const kept = sent.messages.slice(0, sent.messages.length - tail);
      const from = earlier.length - kept.length;
      expect(earlier[from]!.role).toBe('user');
      expect(kept).toEqual(earlier.slice(from));
      return from;
    };
    // The first round already leaves out the oldest turn (three do not fit with the tools).
    expect(first!.messages.at(-1)).toEqual(question);
    const firstFrom = startOf(first!, 1);
    expect(firstFrom).toBe(2);
    // The second carries the call and its 100-word result, so it starts at a later question.
    const tail = second!.messages.slice(-3);
    expect(tail[0]).toEqual(question);
    expect(tail[1]).toMatchObject({
      role: 'assistant',
      content: null,
      tool_calls: [{ function: { name: 'words__words' } }],
    });
    expect(tail[2]).toEqual({ role: 'tool', tool_call_id: expect.any(String), content: words('r', 100) });
    expect(startOf(second!, 3)).toBe(4);
    // The answer quotes the result, and the calls are stored with it.
    expect(run.text()).toContain('r99"');
    expect(stored.at(-1)!.toolCalls?.map((c) => [c.toolName, c.status])).toEqual([['words', 'done']]);
  }, 60_000);

  it('lowers max_tokens for the round to what the window leaves', async () => {
    const { fake, h, backendId } = await setUp();
    const started = await h.call<GenerationStarted>('generation:start', {
      conversationId: null,
      backendId,
      model: 'fake-tools',
      content: 'Read 150 words',
      settings: { systemPrompt: '', params: { maxTokens: 300 } },
    });
    expect((await watch(h, started.assistantMessageId).ended).type).toBe('done');
    const [first, second] = chats(fake);
    expect(first!.max_tokens).toBe(300);
    expect(second!.max_tokens).toBeGreaterThan(16);
    expect(second!.max_tokens).toBeLessThan(300);
    // By the server's own count the request and the lowered answer fit.
    const tokens = second!.messages.reduce((n, m) => n + (m.content ?? '').split(/\s+/).filter(Boolean).length, 0);
    expect(tokens + second!.max_tokens!).toBeLessThanOrEqual(512);
  }, 60_000);

  it('a result too large for the window ends the turn with a clear error; the calls stay, nothing more is sent', async () => {
    const { fake, h, backendId } = await setUp();
    const conversationId = await history(h, backendId);
    const before = chats(fake).length;
    const run = await h.generate(backendId, 'fake-tools', 'Read 700 words', conversationId);
    const end = await run.ended;
    expect(end).toMatchObject({
      type: 'error',
      error: { code: 'invalid_input', contextOverflow: { window: 512, toolResults: true } },
    });
    const error = (end as { error: { message: string; said?: { key: string } } }).error;
    expect(error.message).toMatch(/tool results of this turn are too large for the model's context window/);
    expect(error.said?.key).toBe('context.toolResultTooLarge');
    // The figure told is the turn's own count (700 words and the question), however far past the window.
    const told = Number(/about (\d+) tokens/.exec(error.message)?.[1]);
    expect(told).toBeGreaterThan(700);
    expect(told).toBeLessThan(2000);
    // Only the first round went; the server never saw the result.
    expect(chats(fake)).toHaveLength(before + 1);
    const answer = (await branch(h, conversationId)).at(-1)!;
    expect(answer.status).toBe('error');
    expect(answer.toolCalls?.map((c) => [c.toolName, c.status])).toEqual([['words', 'done']]);
    expect(answer.toolCalls?.[0]?.result).toBe(words('r', 700));
    // The window stays as the server reported it: nothing was learned from our own refusal. The
    // meter counts the latest turn, result included, as it is: over the window, not beyond reckoning.
    const after = await status(h, conversationId, backendId);
    expect(after).toMatchObject({ window: 512, source: { kind: 'server' } });
    expect(after.used).toBeGreaterThan(512);
    expect(after.used).toBeLessThan(2000);
  }, 60_000);

  it('"stop and ask": a round that would leave out older turns is not sent, and says so', async () => {
    const { fake, h, backendId } = await setUp();
    // Two turns and the question fit; with the result they do not.
    const conversationId = await history(h, backendId, ['a', 'b']);
    await h.call('conversations:save-settings', {
      id: conversationId,
      settings: { systemPrompt: '', params: {}, contextOverflow: 'ask' },
    });
    const before = chats(fake).length;
    const run = await h.generate(backendId, 'fake-tools', 'Read 100 words', conversationId);
    const end = await run.ended;
    expect(end).toMatchObject({ type: 'error', error: { contextOverflow: { window: 512, asked: true } } });
    expect((end as { error: { message: string } }).error.message).toMatch(/answer so far and its tool calls are kept/);
    expect(chats(fake)).toHaveLength(before + 1);
    expect(chats(fake).at(-1)!.messages[0]!.content).toBe(words('a'));
    // Trim and retry: the whole turn again, the oldest left out, and its rounds fit.
    const retry = await h.call<GenerationStarted>('generation:regenerate', {
      messageId: run.ids.assistantMessageId,
      backendId,
      model: 'fake-tools',
      trim: true,
    });
    expect((await watch(h, retry.assistantMessageId).ended).type).toBe('done');
    expect(chats(fake).at(-1)!.messages[0]!.content).not.toBe(words('a'));
  }, 60_000);
});
