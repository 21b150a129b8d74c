// The whole tool loop on the real core: a model on the fake OpenAI server calls the tools of a
// real MCP server (server-everything over stdio), each call waits for the user's answer through
// `tools:decide`, runs, and its result goes back in the next request, until the model answers in
// words. Denial, "always allow", Stop during an approval, and a restart mid-approval too.
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationDetail, GenerationEvent, GenerationEventPayload } from '../../src/shared/domain';
import type { ToolCallRecord, ToolServerView } from '../../src/shared/tools';
import { startOpenAiChatServer, type FakeOpenAiServer } from '../servers/openai-chat-server';
import { createHarness, type Harness } from '../support/core-harness';
import { everythingScript, testServerScript, untilFirstServerConnected } from './mcp-support';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

async function setup(approval: 'ask' | 'allow-all' = 'ask', args = [everythingScript, 'stdio']) {
  const fake: FakeOpenAiServer = await startOpenAiChatServer({ tokenDelayMs: 1 });
  cleanups.push(() => fake.close());
  const h: Harness = await createHarness();
  cleanups.push(() => h.dispose());
  const server = await h.call<ToolServerView>('tools:save-server', {
    server: {
      name: 'everything',
      enabled: true,
      transport: 'stdio',
      command: process.execPath,
      args,
      approval,
    },
  });
  await untilFirstServerConnected((channel) => h.call(channel));
  const backend = await h.addBackend(fake.baseUrl);
  /** Every tool-call event, and a hook to answer the ones that wait. */
  const calls: ToolCallRecord[] = [];
  let answer: ((call: ToolCallRecord) => void) | null = null;
  h.core.subscribe((channel, payload) => {
    if (channel !== 'generation:event') return;
    for (const e of (payload as GenerationEventPayload).events as GenerationEvent[]) {
      if (e.type !== 'tool-call') continue;
      calls.push(e.call);
      if (e.call.status === 'awaiting-approval') answer?.(e.call);
    }
  });
  return { fake, h, server, backend, calls, onWaiting: (f: (call: ToolCallRecord) => void) => (answer = f) };
}

const bodies = (fake: FakeOpenAiServer) =>
  fake.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body as Record<string, unknown>);

describe('the tool loop', () => {
  it('asks, runs the approved calls on the MCP server, sends the results back, and ends in words', async () => {
    const { fake, h, backend, calls, onWaiting } = await setup();
    onWaiting((call) => void h.call('tools:decide', { callId: call.id, decision: 'allow-once' }));
    const run = await h.generate(backend.id, 'fake-tools', 'hello tools');
    expect((await run.ended).type).toBe('done');
    expect(run.text()).toContain('The tools answered');
    expect(run.text()).toContain('Echo: hello tools');
    const sent = bodies(fake);
    expect(sent).toHaveLength(2);
    expect((sent[0]!.tools as { function: { name: string } }[]).map((t) => t.function.name)).toContain(
      'everything__echo',
    );
    const followUp = sent[1]!.messages as { role: string; tool_call_id?: string; content: string | null }[];
    expect(followUp.filter((m) => m.role === 'tool')).toHaveLength(2);
    // Waiting, running, done: every change was told, and what is stored is where it ended.
    expect(calls.filter((c) => c.toolName === 'echo').map((c) => c.status)).toEqual([
      'awaiting-approval',
      'running',
      'done',
    ]);
    const detail = await h.call<ConversationDetail>('conversations:get', { id: run.ids.conversationId });
    const answerRow = detail.messages.at(-1)!;
    expect(answerRow.toolCalls?.map((c) => [c.toolName, c.status, c.serverName])).toEqual([
      ['echo', 'done', 'everything'],
      ['get-annotated-message', 'done', 'everything'],
    ]);
    expect(answerRow.toolCalls?.[0]?.result).toBe('Echo: hello tools');
  }, 60_000);

  it('tells the model when the user denies a call, and runs nothing', async () => {
    const { fake, h, backend, calls, onWaiting } = await setup();
    onWaiting((call) => void h.call('tools:decide', { callId: call.id, decision: 'deny' }));
    const run = await h.generate(backend.id, 'fake-tools', 'please');
    expect((await run.ended).type).toBe('done');
    const followUp = bodies(fake)[1]!.messages as { role: string; content: string }[];
    expect(followUp.filter((m) => m.role === 'tool').map((m) => m.content)).toEqual([
      'The user denied this tool call.',
      'The user denied this tool call.',
    ]);
    expect(calls.filter((c) => c.status === 'running')).toEqual([]);
    expect(calls.filter((c) => c.status === 'denied')).toHaveLength(2);
  }, 60_000);

  it('remembers "always allow" for that tool, and a server set to allow all asks nothing', async () => {
    const { h, backend, calls, onWaiting } = await setup();
    onWaiting((call) => void h.call('tools:decide', { callId: call.id, decision: 'allow-always' }));
    expect((await (await h.generate(backend.id, 'fake-tools', 'one')).ended).type).toBe('done');
    const asked = calls.filter((c) => c.status === 'awaiting-approval').length;
    expect(asked, JSON.stringify(calls.map((c) => [c.toolName, c.status]))).toBe(2);
    expect((await (await h.generate(backend.id, 'fake-tools', 'two')).ended).type).toBe('done');
    expect(calls.filter((c) => c.status === 'awaiting-approval').length).toBe(asked);

    const open = await setup('allow-all');
    open.onWaiting(() => {
      throw new Error('a read-only tool of an allow-all server must not ask');
    });
    expect((await (await open.h.generate(open.backend.id, 'fake-tools', 'three')).ended).type).toBe('done');
  }, 90_000);

  it('Stop while a call waits ends the turn as cancelled, with nothing run', async () => {
    const { h, backend, calls, onWaiting } = await setup();
    const run = await h.generate(backend.id, 'fake-tools', 'stop me');
    onWaiting(() => void h.call('generation:cancel', { messageId: run.ids.assistantMessageId }));
    const end = await run.ended;
    expect(end).toMatchObject({ type: 'done', status: 'cancelled' });
    expect(calls.some((c) => c.status === 'running')).toBe(false);
    expect(calls.filter((c) => c.status === 'cancelled').length).toBeGreaterThan(0);
    const applied = await h.call<{ applied: boolean }>('tools:decide', {
      callId: calls[0]!.id,
      decision: 'allow-once',
    });
    expect(applied).toEqual({ applied: false });
  }, 60_000);

  it('Stop while a call runs cancels it on the MCP server, and the turn ends cancelled with its text', async () => {
    const { h, backend, calls } = await setup('allow-all', ['--import', 'tsx', testServerScript]);
    const run = await h.generate(backend.id, 'fake-tools-slow', 'call never');
    for (let i = 0; !calls.some((c) => c.toolName === 'never' && c.status === 'running'); i++) {
      if (i > 200) throw new Error(`never ran: ${JSON.stringify(calls)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await h.call('generation:cancel', { messageId: run.ids.assistantMessageId });
    expect(await run.ended).toMatchObject({ type: 'done', status: 'cancelled' });
    expect(calls.filter((c) => c.toolName === 'never').map((c) => c.status)).toEqual(['running', 'cancelled']);
    const detail = await h.call<ConversationDetail>('conversations:get', { id: run.ids.conversationId });
    expect(detail.messages.at(-1)).toMatchObject({ status: 'cancelled', content: 'Let me check.' });

    // The server saw the request cancelled (MCP notifications/cancelled): its own list says so.
    const asked = await h.generate(backend.id, 'fake-tools', 'call cancellations', run.ids.conversationId);
    expect((await asked.ended).type).toBe('done');
    const after = await h.call<ConversationDetail>('conversations:get', { id: run.ids.conversationId });
    expect(JSON.parse(after.messages.at(-1)!.toolCalls![0]!.result) as string[]).toHaveLength(1);
  }, 60_000);
});
