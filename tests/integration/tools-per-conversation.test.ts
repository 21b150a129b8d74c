// The tools a conversation offers, on the real core (real SQLite file) against the fake model
// servers and a real MCP server (server-everything over stdio): a choice made before the first
// message or later goes into the requests exactly, none means a request without `tools`, a call
// of a tool the conversation does not offer is an error result and never runs, "Send without
// tools" after each of the three refusals, and Ollama's "does not support tools" remembered per
// model across a restart until the user asks to try again.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatError } from '../../src/shared/chat-error';
import type { ConversationDetail, GenerationEvent, GenerationEventPayload } from '../../src/shared/domain';
import type { RequestOutput } from '../../src/shared/ipc/contract';
import type { ModelToolRefusal, ToolChoice } from '../../src/shared/tool-choice';
import type { ToolCallRecord, ToolServerView } from '../../src/shared/tools';
import { startOpenAiChatServer, type FakeOpenAiServer } from '../servers/openai-chat-server';
import { OLLAMA_NO_TOOLS_MODEL, startTextToolServer } from '../servers/text-tool-call-server';
import { AFTER_TOOL_ANSWER } from '../servers/text-tool-replies';
import type { FakeServer } from '../servers/fake-http-server';
import { createHarness, type Harness, type Run } from '../support/core-harness';
import { everythingScript, startLimitMs } from './mcp-support';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

async function harness(dataDir?: string): Promise<Harness> {
  const h = await createHarness(dataDir ? { dataDir } : {});
  // Every tool call that waits is allowed once; the events are kept for the checks.
  h.core.subscribe((channel, payload) => {
    if (channel !== 'generation:event') return;
    for (const e of (payload as GenerationEventPayload).events as GenerationEvent[]) {
      if (e.type === 'tool-call' && e.call.status === 'awaiting-approval')
        void h.call('tools:decide', { callId: e.call.id, decision: 'allow-once' });
    }
  });
  return h;
}

/** Adds server-everything (unless the data folder has it already) and waits until it is connected. */
async function withEverything(h: Harness): Promise<ToolServerView> {
  const saved =
    (await h.call<ToolServerView[]>('tools:servers')).find((v) => v.name === 'everything') ??
    (await h.call<ToolServerView>('tools:save-server', {
      server: {
        name: 'everything',
        enabled: true,
        transport: 'stdio',
        command: process.execPath,
        args: [everythingScript, 'stdio'],
      },
    }));
  const deadline = Date.now() + startLimitMs;
  for (;;) {
    const view = (await h.call<ToolServerView[]>('tools:servers')).find((v) => v.id === saved.id);
    if (view?.status.state === 'connected') return view;
    if (Date.now() > deadline) throw new Error(`server not connected: ${JSON.stringify(view?.status)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function setup() {
  const fake: FakeOpenAiServer = await startOpenAiChatServer({ tokenDelayMs: 1 });
  cleanups.push(() => fake.close());
  const h = await harness();
  cleanups.push(() => h.dispose());
  const server = await withEverything(h);
  const backend = await h.addBackend(fake.baseUrl);
  return { fake, h, server, backend };
}

type Body = { tools?: { function: { name: string } }[]; messages: { role: string; content: unknown }[] };
const chatBodies = (fake: FakeServer): Body[] =>
  fake.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body as Body);
const offered = (body: Body | undefined): string[] | undefined => body?.tools?.map((t) => t.function.name);

async function start(h: Harness, input: Record<string, unknown>): Promise<Run> {
  const ids = await h.call<RequestOutput<'generation:start'>>('generation:start', { conversationId: null, ...input });
  return follow(h, ids);
}

/**
 * Waits for the end of the answer `ids` names (a start's, a regenerate's, or from the payloads
 * from `from` on, a continue's: the same answer ended before).
 */
function follow(h: Harness, ids: RequestOutput<'generation:start'>, from = 0): Run {
  const events = () =>
    h.payloads
      .slice(from)
      .filter((p) => p.messageId === ids.assistantMessageId)
      .flatMap((p) => p.events as GenerationEvent[]);
  const ended = (async () => {
    for (;;) {
      const end = events().find((e) => e.type === 'done' || e.type === 'error');
      if (end) return end;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const text = () =>
    events()
      .map((e) => (e.type === 'delta' ? e.text : ''))
      .join('');
  return { ids, ended, events, text };
}

const errorOf = (end: GenerationEvent): ChatError | null => (end.type === 'error' ? end.error : null);
const callsOf = (run: Run): ToolCallRecord[] => {
  const last = new Map<string, ToolCallRecord>();
  for (const e of run.events()) if (e.type === 'tool-call') last.set(e.call.id, e.call);
  return [...last.values()];
};

describe('the tools a conversation offers', () => {
  it('a new conversation offers every tool of the connected servers, under stable wire names', async () => {
    const { fake, h, backend, server } = await setup();
    const run = await h.generate(backend.id, 'fake-tools', 'all of them');
    expect((await run.ended).type).toBe('done');
    expect(offered(chatBodies(fake)[0])).toHaveLength(server.tools.length);
    expect(await h.call('conversations:tools', { id: run.ids.conversationId })).toEqual([]);
  }, 60_000);

  it('a choice sent with the first message is stored and is what every request of it offers', async () => {
    const { fake, h, backend, server } = await setup();
    const choice: ToolChoice = [{ serverId: server.id, tool: 'echo', on: false }];
    const run = await start(h, { backendId: backend.id, model: 'fake-tools', content: 'no echo', tools: choice });
    expect((await run.ended).type).toBe('done');
    const [first, second] = chatBodies(fake);
    expect(offered(first)).toHaveLength(server.tools.length - 1);
    expect(offered(first)).not.toContain('everything__echo');
    expect(offered(second)).toEqual(offered(first));
    // The model called the first two tools it was offered: neither is echo.
    expect(callsOf(run).map((c) => c.toolName)).not.toContain('echo');
    expect(await h.call('conversations:tools', { id: run.ids.conversationId })).toEqual(choice);
  }, 60_000);

  it('a server turned off later: the next request carries no tools at all, and the answer is words', async () => {
    const { fake, h, backend, server } = await setup();
    const first = await h.generate(backend.id, 'fake-chat', 'hello');
    expect((await first.ended).type).toBe('done');
    const id = first.ids.conversationId;
    const changed: unknown[] = [];
    h.core.subscribe((channel) => channel === 'tools:changed' && changed.push(channel));
    const saved = await h.call('conversations:save-tools', {
      id,
      choice: [{ serverId: server.id, tool: null, on: false }],
    });
    expect(saved).toEqual([{ serverId: server.id, tool: null, on: false }]);
    expect(changed.length).toBeGreaterThan(0);
    const before = chatBodies(fake).length;
    const second = await h.generate(backend.id, 'fake-tools', 'no tools now', id);
    expect((await second.ended).type).toBe('done');
    const body = chatBodies(fake)[before]!;
    expect(body).not.toHaveProperty('tools');
    expect(callsOf(second)).toEqual([]);
    expect(second.text()).not.toBe('');
  }, 60_000);

  it('a call of a tool the conversation no longer offers ends as an error result and never runs', async () => {
    const { fake, h, backend, server } = await setup();
    const first = await h.generate(backend.id, 'fake-tools-again', 'say it');
    expect((await first.ended).type).toBe('done');
    expect(callsOf(first).map((c) => [c.toolName, c.status])).toEqual([
      ['echo', 'done'],
      ['get-annotated-message', 'done'],
    ]);
    const id = first.ids.conversationId;
    await h.call('conversations:save-tools', { id, choice: [{ serverId: server.id, tool: 'echo', on: false }] });
    const before = chatBodies(fake).length;
    const second = await h.generate(backend.id, 'fake-tools-again', 'say it again', id);
    expect((await second.ended).type).toBe('done');
    expect(offered(chatBodies(fake)[before])).not.toContain('everything__echo');
    const echo = callsOf(second).find((c) => c.toolName === 'everything__echo')!;
    expect(echo.status).toBe('error');
    expect(echo.startedAt).toBeNull();
    expect(echo.result).toMatch(/no tool named "everything__echo"/);
    expect(callsOf(second).find((c) => c.toolName === 'get-annotated-message')?.status).toBe('done');
    // The model is told, as the tool's result.
    const followUp = chatBodies(fake)[before + 1]!;
    const results = followUp.messages.filter((m) => m.role === 'tool').map((m) => m.content);
    expect(results.at(-2)).toMatch(/no tool named "everything__echo"/);
    expect(second.text()).not.toContain('Echo: say it again');
  }, 60_000);
});

describe('Send without tools, and a model remembered to take none', () => {
  async function refusals() {
    const text = await startTextToolServer({ tokenDelayMs: 1 });
    cleanups.push(() => text.close());
    const h = await harness();
    cleanups.push(() => h.dispose());
    await withEverything(h);
    return { text, h };
  }

  it.each([
    ['vLLM without --enable-auto-tool-choice', 'fake-vllm-no-tool-parser'],
    ['llama-server without --jinja', 'fake-llamacpp-no-jinja'],
  ])(
    '%s: refused, then sent again without tools by the same turn; nothing remembered',
    async (_name, model) => {
      const { text, h } = await refusals();
      const backend = await h.addBackend(`${text.baseUrl}/v1`);
      const run = await h.generate(backend.id, model, 'weather?');
      expect(errorOf(await run.ended)).toMatchObject({ toolsRefused: 'server' });
      const again = follow(
        h,
        await h.call('generation:regenerate', {
          messageId: run.ids.assistantMessageId,
          backendId: backend.id,
          model,
          withoutTools: true,
        }),
      );
      expect((await again.ended).type).toBe('done');
      expect(again.ids.userMessageId).toBe(run.ids.userMessageId);
      expect(again.text()).toBe(AFTER_TOOL_ANSWER);
      const bodies = chatBodies(text);
      expect(bodies[0]).toHaveProperty('tools');
      expect(bodies.at(-1)).not.toHaveProperty('tools');
      expect(await h.call('tools:model-refusals')).toEqual([]);
      // The next turn offers tools again (the fix is the server's flags), and is refused again.
      const next = await h.generate(backend.id, model, 'and now?', run.ids.conversationId);
      expect(errorOf(await next.ended)).toMatchObject({ toolsRefused: 'server' });
    },
    60_000,
  );

  it('an answer sent without tools and cut at its length limit is continued without tools too', async () => {
    const { text, h } = await refusals();
    const model = 'fake-vllm-no-tool-parser';
    const backend = await h.addBackend(`${text.baseUrl}/v1`);
    const run = await h.generate(backend.id, model, 'weather?');
    expect(errorOf(await run.ended)).toMatchObject({ toolsRefused: 'server' });
    const cut = follow(
      h,
      await h.call('generation:regenerate', {
        messageId: run.ids.assistantMessageId,
        backendId: backend.id,
        model,
        params: { maxTokens: 4 },
        withoutTools: true,
      }),
    );
    const end = await cut.ended;
    expect(end).toMatchObject({ type: 'done', metrics: { finishReason: 'length' } });
    const partial = cut.text();
    expect(partial).toBe(AFTER_TOOL_ANSWER.slice(0, 12));

    const asked = chatBodies(text).length;
    const from = h.payloads.length;
    const resumed = await h.call<RequestOutput<'generation:continue'>>('generation:continue', {
      messageId: cut.ids.assistantMessageId,
    });
    const more = follow(h, { ...resumed, userMessageId: cut.ids.userMessageId }, from);
    expect(errorOf(await more.ended)).toBeNull();
    const continued = chatBodies(text).slice(asked);
    expect(continued).toHaveLength(1);
    expect(continued[0]).not.toHaveProperty('tools');
    expect(continued[0]!.messages.at(-1)).toMatchObject({ role: 'assistant', content: partial });
    // The same row grew: the cut text, then what the model added.
    const detail = await h.call<ConversationDetail>('conversations:get', { id: run.ids.conversationId });
    expect(detail.messages.find((m) => m.id === cut.ids.assistantMessageId)).toMatchObject({
      status: 'done',
      content: partial + AFTER_TOOL_ANSWER,
    });
  }, 60_000);

  it('Ollama: remembered per model across a restart; its turns go without tools until tried again', async () => {
    const { text, h } = await refusals();
    const ollama = await h.addBackend(text.baseUrl, { kind: 'ollama', name: 'Ollama' });
    const chats = () => text.requests.filter((r) => r.path === '/api/chat').map((r) => r.body as Body);
    const changed: unknown[] = [];
    h.core.subscribe((channel) => channel === 'tools:changed' && changed.push(channel));

    const run = await h.generate(ollama.id, OLLAMA_NO_TOOLS_MODEL, 'weather?');
    expect(errorOf(await run.ended)).toMatchObject({ toolsRefused: 'model', status: 400 });
    expect(chats()[0]).toHaveProperty('tools');
    expect(changed.length).toBeGreaterThan(0);
    const remembered = await h.call<ModelToolRefusal[]>('tools:model-refusals');
    expect(remembered).toMatchObject([{ backendId: ollama.id, model: OLLAMA_NO_TOOLS_MODEL }]);
    expect(remembered[0]!.message).toContain('does not support tools');

    // Send without tools (the error's button) works at once, like the later turns.
    const again = follow(
      h,
      await h.call('generation:regenerate', {
        messageId: run.ids.assistantMessageId,
        backendId: ollama.id,
        model: OLLAMA_NO_TOOLS_MODEL,
        withoutTools: true,
      }),
    );
    expect((await again.ended).type).toBe('done');

    // A restart on the same data folder: still remembered, and a new turn goes without tools.
    const dataDir = h.dataDir;
    await h.core.close();
    cleanups.pop();
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const h2 = await harness(dataDir);
    cleanups.push(() => h2.core.close());
    expect(await h2.call('tools:model-refusals')).toEqual(remembered);
    await withEverything(h2);
    const later = await h2.generate(ollama.id, OLLAMA_NO_TOOLS_MODEL, 'and tomorrow?', run.ids.conversationId);
    expect((await later.ended).type).toBe('done');
    expect(later.text()).toBe(AFTER_TOOL_ANSWER);
    expect(chats().at(-1)).not.toHaveProperty('tools');

    // "Try tools again": the next turn offers tools, and the model refuses them again.
    await h2.call('tools:forget-refusal', { backendId: ollama.id, model: OLLAMA_NO_TOOLS_MODEL });
    expect(await h2.call('tools:model-refusals')).toEqual([]);
    const retried = await h2.generate(ollama.id, OLLAMA_NO_TOOLS_MODEL, 'once more', run.ids.conversationId);
    expect(errorOf(await retried.ended)).toMatchObject({ toolsRefused: 'model' });
    expect(chats().at(-1)).toHaveProperty('tools');
  }, 90_000);
});
