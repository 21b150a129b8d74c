// Per-conversation settings and presets through the real core against the fake vLLM server: the
// system prompt goes first and the parameters reach the wire for every kind of generation in the
// conversation, over the backend's defaults and under a request's own; presets are kept locally.
import { describe, expect, it } from 'vitest';
import type { ConversationDetail, ConversationSettings, Preset } from '../../src/shared/domain';
import type { GenerationStarted } from '../../src/shared/ipc/contract';
import { startOpenAiChatServer } from '../servers/openai-chat-server';
import { useFakeBackend } from '../support/fake-backend-suite';

const t = useFakeBackend('openai-chat', () => startOpenAiChatServer({ tokenDelayMs: 1 }));

type Body = { messages: { role: string; content: string }[]; [key: string]: unknown };
const chatBodies = () => t.fake.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body as Body);

async function finish(ids: GenerationStarted): Promise<void> {
  await expect
    .poll(() =>
      t.h.payloads.some(
        (p) => p.messageId === ids.assistantMessageId && p.events.some((e) => e.type === 'done' || e.type === 'error'),
      ),
    )
    .toBe(true);
}

const pirate: ConversationSettings = {
  systemPrompt: 'You are a pirate. Answer in one line.',
  params: { temperature: 0.2, topP: 0.5, maxTokens: 300, seed: 42 },
};

describe('conversation settings', () => {
  it('a new conversation starts with the settings given, and every answer in it uses them', async () => {
    const ids = await t.h.call<GenerationStarted>('generation:start', {
      conversationId: null,
      backendId: t.backendId,
      model: 'fake-chat',
      content: 'Ahoy?',
      settings: pirate,
    });
    await finish(ids);
    expect(chatBodies().at(-1)).toMatchObject({
      messages: [
        { role: 'system', content: pirate.systemPrompt },
        { role: 'user', content: 'Ahoy?' },
      ],
      temperature: 0.2,
      top_p: 0.5,
      max_tokens: 300,
      seed: 42,
    });
    expect(await t.h.call('conversations:settings', { id: ids.conversationId })).toEqual({
      ...pirate,
      contextOverflow: 'drop-oldest',
    });
    // The system prompt is a setting, not a message of the conversation.
    const detail = await t.stored(ids.conversationId);
    expect(detail.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(detail.messages[1]?.params).toEqual(pirate.params);

    // Changed later: the next answer, a regeneration and an edit all use the new settings.
    const calmer: ConversationSettings = { systemPrompt: 'Be calm.', params: { temperature: 0.9 } };
    expect(await t.h.call('conversations:save-settings', { id: ids.conversationId, settings: calmer })).toEqual({
      ...calmer,
      contextOverflow: 'drop-oldest',
    });
    await finish(
      await t.h.call<GenerationStarted>('generation:start', {
        conversationId: ids.conversationId,
        backendId: t.backendId,
        model: 'fake-chat',
        content: 'And now?',
      }),
    );
    await finish(
      await t.h.call<GenerationStarted>('generation:regenerate', {
        messageId: ids.assistantMessageId,
        backendId: t.backendId,
        model: 'fake-chat',
      }),
    );
    await finish(
      await t.h.call<GenerationStarted>('generation:edit', {
        messageId: ids.userMessageId,
        content: 'Ahoy, edited',
        backendId: t.backendId,
        model: 'fake-chat',
      }),
    );
    for (const body of chatBodies().slice(-3)) {
      expect(body.messages[0]).toEqual({ role: 'system', content: 'Be calm.' });
      expect(body.temperature).toBe(0.9);
      expect(body).not.toHaveProperty('seed');
      expect(body).not.toHaveProperty('max_tokens');
    }
  });

  it('an empty system prompt sends no system message; a request’s own parameters win', async () => {
    const ids = await t.h.call<GenerationStarted>('generation:start', {
      conversationId: null,
      backendId: t.backendId,
      model: 'fake-chat',
      content: 'Plain',
      params: { temperature: 1.5 },
      settings: { systemPrompt: '  ', params: { temperature: 0.1, seed: 9 } },
    });
    await finish(ids);
    const body = chatBodies().at(-1)!;
    expect(body.messages.map((m) => m.role)).toEqual(['user']);
    expect(body).toMatchObject({ temperature: 1.5, seed: 9 });
  });

  it('the backend’s default parameters fill in what the conversation does not set', async () => {
    const saved = await t.h.call<{ id: string }>('backends:save', {
      id: t.backendId,
      backend: {
        name: 'Fake with defaults',
        kind: 'openai-chat',
        baseUrl: t.fake.baseUrl,
        defaultParams: { temperature: 0.7, maxTokens: 123 },
      },
    });
    const ids = await t.h.call<GenerationStarted>('generation:start', {
      conversationId: null,
      backendId: saved.id,
      model: 'fake-chat',
      content: 'Defaults?',
      settings: { systemPrompt: '', params: { temperature: 0.05 } },
    });
    await finish(ids);
    expect(chatBodies().at(-1)).toMatchObject({ temperature: 0.05, max_tokens: 123 });
  });

  it('settings are validated, and refused for a conversation that does not exist', async () => {
    await expect(
      t.h.call('conversations:save-settings', { id: 'nope', settings: { systemPrompt: '', params: {} } }),
    ).rejects.toThrow(/no longer exists/);
    const ids = await t.generateWith({});
    await expect(
      t.h.call('conversations:save-settings', {
        id: ids.conversationId,
        settings: { systemPrompt: '', params: { topP: 3 } },
      }),
    ).rejects.toThrow(/topP/);
    await expect(
      t.h.call('conversations:save-settings', { id: ids.conversationId, settings: { systemPrompt: 5, params: {} } }),
    ).rejects.toThrow(/systemPrompt/);
    expect(await t.h.call('conversations:settings', { id: ids.conversationId })).toEqual({
      systemPrompt: '',
      params: {},
      contextOverflow: 'drop-oldest',
    });
  });
});

describe('presets', () => {
  it('are saved, listed by name, renamed, refused twice under one name, deleted, and announced', async () => {
    let announced = 0;
    t.h.core.subscribe((channel) => {
      if (channel === 'presets:changed') announced++;
    });
    const coder = await t.h.call<Preset>('presets:save', {
      name: 'Coder',
      systemPrompt: 'Write TypeScript.',
      params: { temperature: 0.1, maxTokens: 2000 },
    });
    await t.h.call<Preset>('presets:save', { name: 'Bard', systemPrompt: 'Rhyme.', params: { temperature: 1.2 } });
    expect((await t.h.call<Preset[]>('presets:list')).map((p) => p.name)).toEqual(['Bard', 'Coder']);

    const renamed = await t.h.call<Preset>('presets:save', {
      id: coder.id,
      name: 'Senior coder',
      systemPrompt: coder.systemPrompt,
      params: coder.params,
    });
    expect(renamed).toMatchObject({ id: coder.id, name: 'Senior coder', systemPrompt: 'Write TypeScript.' });
    await expect(t.h.call('presets:save', { name: 'bard', systemPrompt: '', params: {} })).rejects.toThrow(
      /already exists/,
    );
    await t.h.call('presets:delete', { id: coder.id });
    expect((await t.h.call<Preset[]>('presets:list')).map((p) => p.name)).toEqual(['Bard']);
    expect(announced).toBe(4);

    // A conversation started from a preset carries its prompt and parameters.
    const bard = (await t.h.call<Preset[]>('presets:list'))[0]!;
    const ids = await t.h.call<GenerationStarted>('generation:start', {
      conversationId: null,
      backendId: t.backendId,
      model: 'fake-chat',
      content: 'A poem',
      settings: { systemPrompt: bard.systemPrompt, params: bard.params },
    });
    await finish(ids);
    expect(chatBodies().at(-1)).toMatchObject({
      messages: [
        { role: 'system', content: 'Rhyme.' },
        { role: 'user', content: 'A poem' },
      ],
      temperature: 1.2,
    });
    expect((await t.h.call<ConversationDetail>('conversations:get', { id: ids.conversationId })).messages).toHaveLength(
      2,
    );
  });
});
