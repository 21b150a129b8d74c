// Versions by regenerate and edit, through the real core on a real SQLite file against the fake
// OpenAI chat server: siblings streamed from the right history, switching brings the branch along, `through`.
import { describe, expect, it } from 'vitest';
import type { ConversationDetail } from '../../src/shared/domain';
import type { GenerationStarted } from '../../src/shared/ipc/contract';
import { expectedText, startOpenAiChatServer } from '../servers/openai-chat-server';
import { useFakeBackend } from '../support/fake-backend-suite';
import { chatOf, lastBody, shown, watch } from '../support/versions-helpers';

const t = useFakeBackend('openai-chat', () => startOpenAiChatServer({ tokenDelayMs: 2 }));

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
