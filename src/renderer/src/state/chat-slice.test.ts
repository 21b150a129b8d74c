// The store's send/reload/stream choreography with main mocked: whatever order the start answer,
// a reload and the first events arrive in, the open conversation ends with each message once and
// the answer's whole text.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationDetail, GenerationEventPayload, Message } from '../../../shared/domain';
import { asBackendId, asConversationId, asMessageId } from '../../../shared/ids';
import { emptyMetrics } from './apply-generation-events';

type Handler = (input: unknown) => unknown;
const handlers = new Map<string, Handler>();

vi.mock('../api/api', () => ({
  request: (channel: string, input: unknown) => {
    const handler = handlers.get(channel);
    return handler ? Promise.resolve(handler(input)) : Promise.reject(new Error(`unexpected ${channel}`));
  },
  subscribe: () => () => {},
  onReconnect: () => () => {},
}));

const { useAppStore } = await import('./store');

const c = asConversationId('c1');
const b = asBackendId('b1');
const row = (id: string, over: Partial<Message>): Message => ({
  id: asMessageId(id),
  conversationId: c,
  parentId: null,
  role: 'user',
  content: '',
  reasoning: '',
  status: 'done',
  error: null,
  backendId: b,
  model: 'm',
  params: {},
  metrics: emptyMetrics,
  createdAt: 0,
  updatedAt: 0,
  ...over,
});

const first = [
  row('u1', { content: 'hi' }),
  row('a1', { role: 'assistant', content: 'hello', parentId: asMessageId('u1') }),
];
const stored = (answerText: string): ConversationDetail => ({
  conversation: { id: c, title: 'hi', backendId: b, model: 'm', createdAt: 0, updatedAt: 0 },
  messages: [
    ...first,
    row('u2', { content: 'more', parentId: asMessageId('a1') }),
    row('a2', { role: 'assistant', status: 'streaming', content: answerText, parentId: asMessageId('u2') }),
  ],
});
const events = (text: string): GenerationEventPayload => ({
  conversationId: c,
  messageId: asMessageId('a2'),
  events: [{ type: 'delta', text }],
});

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

beforeEach(() => {
  handlers.clear();
  handlers.set('conversations:get', () => ({ conversation: stored('').conversation, messages: first }));
  useAppStore.setState({ choice: { backendId: b, model: 'm' }, live: {}, messages: [], openId: null, notice: null });
});

describe('chat slice', () => {
  it('survives a reload and early events racing the start answer', async () => {
    const store = useAppStore.getState();
    await store.openConversation(c);
    expect(useAppStore.getState().messages).toHaveLength(2);

    const started = deferred<unknown>();
    handlers.set('generation:start', () => started.promise);
    const sending = useAppStore.getState().send('more');

    // Main announced the change before answering; the database lags the stream.
    useAppStore.getState().applyPayloads([events('Hel')]);
    handlers.set('conversations:get', () => stored(''));
    await useAppStore.getState().reloadOpen(false);
    useAppStore.getState().applyPayloads([events('lo')]);

    started.resolve({ conversationId: c, userMessageId: asMessageId('u2'), assistantMessageId: asMessageId('a2') });
    expect(await sending).toBe(true);
    useAppStore.getState().applyPayloads([events('!')]);

    const { messages } = useAppStore.getState();
    expect(messages.map((m) => m.id)).toEqual(['u1', 'a1', 'u2', 'a2']);
    expect(messages[3]?.content).toBe('Hello!');

    // A later reload from a lagging database keeps the live text.
    handlers.set('conversations:get', () => stored('He'));
    await useAppStore.getState().reloadOpen(false);
    expect(useAppStore.getState().messages[3]?.content).toBe('Hello!');
  });

  it('starts a new conversation from a new chat and opens it', async () => {
    handlers.set('generation:start', () => ({
      conversationId: c,
      userMessageId: asMessageId('u9'),
      assistantMessageId: asMessageId('a9'),
    }));
    expect(await useAppStore.getState().send('hello')).toBe(true);
    const state = useAppStore.getState();
    expect(state.openId).toBe(c);
    expect(state.messages.map((m) => [m.role, m.status, m.content])).toEqual([
      ['user', 'done', 'hello'],
      ['assistant', 'streaming', ''],
    ]);
  });

  it('does not drop the answer into a conversation the user moved to meanwhile', async () => {
    const started = deferred<unknown>();
    handlers.set('generation:start', () => started.promise);
    const sending = useAppStore.getState().send('hello');
    await useAppStore.getState().openConversation(c);
    started.resolve({
      conversationId: asConversationId('c2'),
      userMessageId: asMessageId('u'),
      assistantMessageId: asMessageId('a'),
    });
    await sending;
    expect(useAppStore.getState().openId).toBe(c);
    expect(useAppStore.getState().messages.map((m) => m.id)).toEqual(['u1', 'a1']);
  });

  it('gives the text back when main refuses to start', async () => {
    handlers.set('generation:start', () => {
      throw new Error('backend is gone');
    });
    expect(await useAppStore.getState().send('hello')).toBe(false);
    expect(useAppStore.getState().notice).toBe('backend is gone');
  });

  it('cancels the streaming answer', async () => {
    const cancelled: unknown[] = [];
    handlers.set('generation:cancel', (input) => {
      cancelled.push(input);
      return null;
    });
    useAppStore.setState({ messages: stored('x').messages });
    await useAppStore.getState().stop();
    expect(cancelled).toEqual([{ messageId: 'a2' }]);
  });
});
