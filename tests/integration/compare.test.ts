// Compare through the real core on a real SQLite file against two fake OpenAI servers on real
// sockets, one of them like llama.cpp with one slot (its /props says so): the answers to that
// server run one after another (the later one says it waits), the other streams beside them,
// every answer is a version of the same reply, Stop while waiting sends nothing, and "Continue
// with this" shows that answer's branch and makes its model the conversation's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationDetail, GenerationEvent, Message } from '../../src/shared/domain';
import type { ComparisonStarted } from '../../src/shared/ipc/contract';
import { forgetCapacities } from '../../src/main/generation/server-capacity';
import { expectedText, startOpenAiChatServer, type FakeOpenAiServer } from '../servers/openai-chat-server';
import { createHarness, type Harness } from '../support/core-harness';
import { watch } from '../support/versions-helpers';

let h: Harness;
let oneSlot: FakeOpenAiServer;
let parallel: FakeOpenAiServer;
let slotBackend: string;
let parallelBackend: string;

beforeEach(async () => {
  forgetCapacities();
  oneSlot = await startOpenAiChatServer({ tokenDelayMs: 3, slots: 1 });
  parallel = await startOpenAiChatServer({ tokenDelayMs: 3 });
  h = await createHarness();
  slotBackend = (await h.addBackend(oneSlot.baseUrl)).id;
  parallelBackend = (await h.addBackend(parallel.baseUrl)).id;
});

afterEach(async () => {
  await h.dispose();
  await oneSlot.close();
  await parallel.close();
});

const chats = (fake: FakeOpenAiServer) => fake.requests.filter((r) => r.path.endsWith('/chat/completions'));
const firstIndex = (events: GenerationEvent[], type: GenerationEvent['type']) =>
  events.findIndex((e) => e.type === type);

describe('compare', () => {
  it('runs answers to a one-slot server one after another and the other server beside them', async () => {
    const started = await h.call<ComparisonStarted>('generation:compare', {
      conversationId: null,
      backendId: slotBackend,
      model: 'fake-chat',
      content: 'Which is faster?',
      others: [
        { backendId: slotBackend, model: 'fake-long' },
        { backendId: parallelBackend, model: 'fake-chat' },
      ],
    });
    expect(started.answers.map((a) => [a.backendId, a.model])).toEqual([
      [slotBackend, 'fake-chat'],
      [slotBackend, 'fake-long'],
      [parallelBackend, 'fake-chat'],
    ]);
    const runs = started.answers.map((a) => watch(h, a.assistantMessageId));
    // `watch` only sees events from now on: read every event of each answer instead.
    const all = (id: string) => h.payloads.filter((p) => p.messageId === id).flatMap((p) => p.events);
    const ends = await Promise.all(runs.map((r) => r.ended));
    expect(ends.map((e) => e.type)).toEqual(['done', 'done', 'done']);

    // The one-slot server never had two requests open; the second waited and said so first.
    expect(oneSlot.busiest).toBe(1);
    expect(chats(oneSlot)).toHaveLength(2);
    expect(chats(parallel)).toHaveLength(1);
    const [current, queued, beside] = started.answers.map((a) => all(a.assistantMessageId));
    expect(firstIndex(queued!, 'queued')).toBeGreaterThanOrEqual(0);
    expect(firstIndex(queued!, 'queued')).toBeLessThan(firstIndex(queued!, 'delta'));
    expect(firstIndex(current!, 'queued')).toBe(-1);
    expect(firstIndex(beside!, 'queued')).toBe(-1);
    // The other server was not held back: its request went out before the slot's second one.
    const longRequest = chats(oneSlot).find((r) => (r.body as { model: string }).model === 'fake-long')!;
    expect(chats(parallel)[0]!.receivedAt).toBeLessThanOrEqual(longRequest.receivedAt);

    // Figures as they arrive (the stream's carrier, then the first token), and in full at the end.
    const figures = beside!.filter((e) => e.type === 'figures');
    expect(figures[0]).toEqual({ type: 'figures', metrics: { transport: 'sse', httpVersion: '1.1' } });
    expect(figures[1]).toMatchObject({ type: 'figures', metrics: { ttftMs: expect.any(Number) } });
    for (const end of ends) {
      if (end.type !== 'done') continue;
      expect(end.metrics).toMatchObject({ transport: 'sse', httpVersion: '1.1', ttftMs: expect.any(Number) });
      expect(end.metrics.totalMs).toBeGreaterThan(0);
    }

    // Stored as versions of one reply; the current model's answer is the one shown.
    const id = started.conversationId;
    const detail = await h.call<ConversationDetail>('conversations:get', { id });
    expect(detail.messages.map((m) => m.id)).toEqual([started.userMessageId, started.answers[0]!.assistantMessageId]);
    expect(detail.messages[1]!.versions).toEqual({ index: 0, count: 3, models: 3 });
    const answers = await h.call<Message[]>('conversations:answers', { id, messageId: started.userMessageId });
    expect(answers.map((a) => a.id)).toEqual(started.answers.map((a) => a.assistantMessageId));
    expect(answers.map((a) => a.content)).toEqual([
      expectedText('fake-chat', 'Which is faster?'),
      expectedText('fake-long', 'Which is faster?'),
      expectedText('fake-chat', 'Which is faster?'),
    ]);
    expect(answers.every((a) => a.status === 'done' && a.parentId === started.userMessageId)).toBe(true);
  });

  it('Stop on an answer still waiting for its slot ends it cancelled and sends nothing', async () => {
    const started = await h.call<ComparisonStarted>('generation:compare', {
      conversationId: null,
      backendId: slotBackend,
      model: 'fake-endless',
      content: 'Go on',
      others: [{ backendId: slotBackend, model: 'fake-chat' }],
    });
    const [endless, waiting] = started.answers.map((a) => watch(h, a.assistantMessageId));
    await expect.poll(() => endless!.text().length).toBeGreaterThan(0);
    await h.call('generation:cancel', { messageId: started.answers[1]!.assistantMessageId });
    expect(await waiting!.ended).toMatchObject({ type: 'done', status: 'cancelled' });
    expect(chats(oneSlot)).toHaveLength(1);

    await h.call('generation:cancel', { messageId: started.answers[0]!.assistantMessageId });
    expect(await endless!.ended).toMatchObject({ type: 'done', status: 'cancelled' });
    const answers = await h.call<Message[]>('conversations:answers', {
      id: started.conversationId,
      messageId: started.userMessageId,
    });
    expect(answers.map((a) => a.status)).toEqual(['cancelled', 'cancelled']);
    expect(answers[0]!.content.length).toBeGreaterThan(0);
    expect(answers[1]!.content).toBe('');
  });

  it('"Continue with this" shows that answer and makes its model the conversation’s', async () => {
    const started = await h.call<ComparisonStarted>('generation:compare', {
      conversationId: null,
      backendId: slotBackend,
      model: 'fake-chat',
      content: 'Pick one',
      others: [{ backendId: parallelBackend, model: 'fake-long' }],
    });
    await Promise.all(started.answers.map((a) => watch(h, a.assistantMessageId).ended));
    const chosen = started.answers[1]!;
    const detail = await h.call<ConversationDetail>('conversations:continue-with', {
      id: started.conversationId,
      messageId: chosen.assistantMessageId,
    });
    expect(detail.messages.at(-1)?.id).toBe(chosen.assistantMessageId);
    expect(detail.conversation).toMatchObject({ backendId: parallelBackend, model: 'fake-long' });

    // The conversation goes on from that answer.
    const next = await h.generate(parallelBackend, 'fake-chat', 'And then?', started.conversationId);
    expect((await next.ended).type).toBe('done');
    const after = await h.call<ConversationDetail>('conversations:get', { id: started.conversationId });
    expect(after.messages.map((m) => m.id).slice(0, 2)).toEqual([started.userMessageId, chosen.assistantMessageId]);
    await expect(
      h.call('conversations:continue-with', { id: started.conversationId, messageId: started.userMessageId }),
    ).rejects.toThrow(/Only an answer/);
  });

  it('refuses the same model twice and more than four in all', async () => {
    const base = { conversationId: null, backendId: slotBackend, model: 'fake-chat', content: 'x' };
    await expect(
      h.call('generation:compare', { ...base, others: [{ backendId: slotBackend, model: 'fake-chat' }] }),
    ).rejects.toThrow(/only once/);
    const four = ['fake-long', 'fake-reasoning', 'fake-utf8', 'fake-endless'].map((model) => ({
      backendId: parallelBackend,
      model,
    }));
    await expect(h.call('generation:compare', { ...base, others: four })).rejects.toThrow(/others/);
    expect(chats(oneSlot)).toHaveLength(0);
  });
});
