// Earlier tool turns in the history a model is sent, on the real core with the fake OpenAI and
// Anthropic servers' tool models and the real server-everything MCP server over stdio: the next
// message, Regenerate and Edit send an answer that called tools as the rounds it was (checked
// against what the loop itself sent, and by the fakes, which refuse results that answer no call);
// Continue after a crash resends the earlier rounds and the cut text, or tells the model which
// calls never ran, and numbers its new rounds on.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationDetail, Message } from '../../src/shared/domain';
import { registerGramsFunction } from '../../src/main/db/search/short-grams';
import { notRunResult } from '../../src/main/generation/request-turns';
import { FileSecretStore } from '../../src/main/secrets/secret-store';
import { startAnthropicServer } from '../servers/anthropic-server';
import { startOpenAiChatServer } from '../servers/openai-chat-server';
import { toolResultsAnswer } from '../servers/fake-tool-calls';
import { createHarness, type Harness } from '../support/core-harness';
import { watch } from '../support/versions-helpers';
import { everythingScript, untilFirstServerConnected } from './mcp-support';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

type Wire = { role: string; content: unknown; tool_calls?: { id: string }[]; tool_call_id?: string };
type Body = { messages: Wire[]; continue_final_message?: boolean };

async function connected(h: Harness): Promise<void> {
  await untilFirstServerConnected((channel) => h.call(channel));
}

/** A core with server-everything (asking before each call, or allowing all) and a backend on a fresh fake. */
async function setup(approval: 'ask' | 'allow-all', kind: 'openai-chat' | 'anthropic' = 'openai-chat') {
  const fake = await (kind === 'anthropic' ? startAnthropicServer : startOpenAiChatServer)({ tokenDelayMs: 1 });
  cleanups.push(() => fake.close());
  const h = await createHarness();
  cleanups.push(() => h.dispose());
  const server = { name: 'everything', enabled: true, transport: 'stdio', command: process.execPath };
  await h.call('tools:save-server', { server: { ...server, args: [everythingScript, 'stdio'], approval } });
  await connected(h);
  const backend = await h.addBackend(fake.baseUrl, { kind });
  const path = kind === 'anthropic' ? '/v1/messages' : '/chat/completions';
  const bodies = () => fake.requests.filter((r) => r.path.endsWith(path)).map((r) => r.body as Body);
  return { fake, h, backend, bodies };
}

/** The same data folder opened again, as the next start finds it (interrupted rows marked, calls cancelled). */
async function restart(h: Harness): Promise<Harness> {
  await h.core.close();
  const again = await createHarness({
    dataDir: h.dataDir,
    secrets: new FileSecretStore(join(h.dataDir, 'secrets.plaintext.json')),
  });
  cleanups.push(() => again.dispose());
  await connected(again);
  return again;
}

const answerOf = async (h: Harness, conversationId: string): Promise<Message> =>
  (await h.call<ConversationDetail>('conversations:get', { id: conversationId })).messages.at(-1)!;

describe('earlier tool turns in the history', () => {
  it('the next message, Regenerate and Edit send the tool turn as the loop sent it, then its answer', async () => {
    const { h, backend, bodies } = await setup('allow-all');
    const first = await h.generate(backend.id, 'fake-tools', 'hello tools');
    expect((await first.ended).type).toBe('done');
    const [, loopSent] = bodies();
    const answer = await answerOf(h, first.ids.conversationId);
    expect(answer.toolCalls?.map((c) => [c.round, c.position, c.status])).toEqual([
      [0, 0, 'done'],
      [0, 0, 'done'],
    ]);

    const second = await h.generate(backend.id, 'fake-tools', 'and again', first.ids.conversationId);
    expect((await second.ended).type).toBe('done');
    // Turn 2's first request: turn 1's rounds exactly as its own second request carried them.
    const history = bodies()[2]!.messages;
    expect(history.slice(0, 4)).toEqual(loopSent!.messages);
    expect(history[1]).toMatchObject({ role: 'assistant', content: null });
    expect(history.slice(2, 4).map((m) => m.role)).toEqual(['tool', 'tool']);
    expect(history.slice(4)).toEqual([
      { role: 'assistant', content: answer.content },
      { role: 'user', content: 'and again' },
    ]);

    const again = await h.call<{ assistantMessageId: string }>('generation:regenerate', {
      messageId: second.ids.assistantMessageId,
      backendId: backend.id,
      model: 'fake-tools',
    });
    expect((await watch(h, again.assistantMessageId).ended).type).toBe('done');
    const afterRegenerate = bodies().at(-2)!.messages;
    expect(afterRegenerate).toEqual(history);

    const edited = await h.call<{ assistantMessageId: string }>('generation:edit', {
      messageId: second.ids.userMessageId,
      content: 'or else',
      backendId: backend.id,
      model: 'fake-tools',
    });
    expect((await watch(h, edited.assistantMessageId).ended).type).toBe('done');
    expect(bodies().at(-2)!.messages).toEqual([...history.slice(0, -1), { role: 'user', content: 'or else' }]);
  }, 90_000);

  it('anthropic: text and tool_use blocks in one assistant turn, the results in the next user turn', async () => {
    const { h, backend, bodies } = await setup('allow-all', 'anthropic');
    const first = await h.generate(backend.id, 'fake-tools', 'hello tools');
    expect((await first.ended).type).toBe('done');
    const answer = await answerOf(h, first.ids.conversationId);
    const second = await h.generate(backend.id, 'fake-tools', 'and again', first.ids.conversationId);
    // The fake refuses a tool_use without its tool_result right after, and a result for no call.
    expect((await second.ended).type).toBe('done');
    const loopSent = bodies()[1]!.messages;
    const history = bodies()[2]!.messages;
    expect(history.slice(0, 3)).toEqual(loopSent);
    const blocks = history[1]!.content as { type: string; text?: string }[];
    expect(blocks[0]).toEqual({ type: 'text', text: 'Let me call the tools.' });
    expect(blocks.slice(1).every((b) => b.type === 'tool_use')).toBe(true);
    expect(history.slice(3)).toEqual([
      { role: 'assistant', content: answer.content.slice('Let me call the tools.'.length) },
      { role: 'user', content: 'and again' },
    ]);
  }, 90_000);
});

describe('Continue of a turn cut during its tools', () => {
  it('after a crash in the text after the tools: the earlier round, then the cut text as the prefill', async () => {
    const { h, backend, bodies } = await setup('allow-all');
    const first = await h.generate(backend.id, 'fake-tools', 'hello tools');
    expect((await first.ended).type).toBe('done');
    const loopSent = bodies()[1]!.messages;
    const id = first.ids.assistantMessageId;
    // As a crash leaves it: streaming, with the first 12 characters of the text after the tools.
    h.core.db
      .prepare("UPDATE messages SET status = 'streaming', content = substr(content, 1, 12) WHERE id = ?")
      .run(id);
    const next = await restart(h);
    const cut = await answerOf(next, first.ids.conversationId);
    expect(cut).toMatchObject({ status: 'interrupted', content: 'The tools an' });

    const run = watch(next, id);
    await next.call('generation:continue', { messageId: id });
    expect((await run.ended).type).toBe('done');
    const sent = bodies();
    const resumed = sent[2]!;
    expect(resumed.messages).toEqual([...loopSent, { role: 'assistant', content: 'The tools an' }]);
    expect(resumed.continue_final_message).toBe(true);

    // The fake calls the tools again: the new round is numbered on, stands after the cut text, and
    // its made-up ids do not repeat the first round's.
    const done = await answerOf(next, first.ids.conversationId);
    expect(done.toolCalls?.map((c) => [c.round, c.index, c.position, c.status])).toEqual([
      [0, 0, 0, 'done'],
      [0, 1, 0, 'done'],
      [1, 0, 12, 'done'],
      [1, 1, 12, 'done'],
    ]);
    // The cut text and the new round's calls went back as one assistant turn.
    const last = sent.at(-1)!.messages;
    expect(last).toHaveLength(7);
    expect(last[4]).toMatchObject({ role: 'assistant', content: 'The tools an' });
    const ids = last.flatMap((m) => m.tool_calls?.map((c) => c.id) ?? []);
    expect(new Set(ids).size).toBe(4);
    expect(done.content.startsWith('The tools an')).toBe(true);
    expect(done.status).toBe('done');

    // And a later message sends both rounds just as the loop did, then the rest of the text.
    const later = await next.generate(backend.id, 'fake-tools', 'and again', first.ids.conversationId);
    expect((await later.ended).type).toBe('done');
    const history = bodies().at(-2)!.messages;
    expect(history.slice(0, 7)).toEqual(last);
    expect(history.slice(7)).toEqual([
      { role: 'assistant', content: done.content.slice(12) },
      { role: 'user', content: 'and again' },
    ]);
  }, 90_000);

  it('after a crash during an approval: the calls go back as not run, nothing runs, the model answers', async () => {
    const { h, backend, bodies } = await setup('ask');
    const waiting = new Promise<void>((resolve) =>
      h.core.subscribe((channel, payload) => {
        if (channel !== 'generation:event') return;
        const events = (payload as { events: { type: string; call?: { status: string } }[] }).events;
        if (events.some((e) => e.type === 'tool-call' && e.call?.status === 'awaiting-approval')) resolve();
      }),
    );
    const first = await h.generate(backend.id, 'fake-tools', 'hello tools');
    await waiting;
    const id = first.ids.assistantMessageId;
    await h.core.close();
    // As a crash leaves it: the answer streaming, its calls still waiting for the user.
    const raw = new Database(join(h.dataDir, 'runnel.sqlite'));
    registerGramsFunction(raw);
    raw.prepare("UPDATE messages SET status = 'streaming' WHERE id = ?").run(id);
    raw.prepare("UPDATE tool_calls SET status = 'awaiting-approval', ended_at = NULL WHERE message_id = ?").run(id);
    raw.close();
    const next = await restart(h);
    const cut = await answerOf(next, first.ids.conversationId);
    expect(cut.status).toBe('interrupted');
    expect(cut.toolCalls?.map((c) => c.status)).toEqual(['cancelled', 'cancelled']);

    const run = watch(next, id);
    await next.call('generation:continue', { messageId: id });
    expect((await run.ended).type).toBe('done');
    const resumed = bodies().at(-1)!;
    expect(resumed.continue_final_message).toBeUndefined();
    expect(resumed.messages.slice(2)).toEqual([
      { role: 'tool', tool_call_id: resumed.messages[1]!.tool_calls![0]!.id, content: notRunResult },
      { role: 'tool', tool_call_id: resumed.messages[1]!.tool_calls![1]!.id, content: notRunResult },
    ]);
    expect(run.events().some((e) => e.type === 'tool-call')).toBe(false);
    const done = await answerOf(next, first.ids.conversationId);
    expect(done).toMatchObject({ status: 'done', content: toolResultsAnswer([notRunResult, notRunResult]) });
    expect(done.toolCalls?.map((c) => c.status)).toEqual(['cancelled', 'cancelled']);
  }, 90_000);
});
