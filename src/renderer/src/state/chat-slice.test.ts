// The store's send/reload/stream choreography with main mocked: whatever order the start answer, a
// reload and the first events arrive in, the open conversation ends with each message once and the whole text.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationDetail } from '../../../shared/domain';
import { asConversationId, asMessageId } from '../../../shared/ids';
import { c, deferred, events, first, handlers, resetChat, row, stored } from './chat-fixtures';

vi.mock('../api/api', async () => (await import('./chat-fixtures')).fakeApi);

const { useAppStore } = await import('./store');
const { OPEN_TAIL } = await import('./chat-session');

beforeEach(() => resetChat(useAppStore));

describe('chat slice', () => {
  it('opens a long conversation at its newest messages, then shows the whole branch', async () => {
    const all = Array.from({ length: 100 }, (_, i) => row(`m${i}`, { content: `message ${i}` }));
    const asked: unknown[] = [];
    const whole = deferred<ConversationDetail>();
    handlers.set('conversations:get', (input) => {
      asked.push(input);
      const tail = (input as { tail?: number }).tail;
      if (tail === undefined) return whole.promise;
      return { conversation: stored('').conversation, messages: all.slice(-tail), earlier: true };
    });
    const opening = useAppStore.getState().openConversation(c);
    // The tail is on screen while the rest is on its way.
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    expect(useAppStore.getState().messages.map((m) => m.content)).toEqual(all.slice(-OPEN_TAIL).map((m) => m.content));
    expect(useAppStore.getState().loadingConversation).toBe(false);
    expect(useAppStore.getState().loadingEarlier).toBe(true);
    whole.resolve({ conversation: stored('').conversation, messages: all, earlier: false });
    await opening;
    expect(asked).toEqual([{ id: c, tail: OPEN_TAIL }, { id: c }]);
    expect(useAppStore.getState().messages).toHaveLength(100);
    expect(useAppStore.getState().loadingEarlier).toBe(false);
  });

  it('asks once when the conversation fits in the first answer', async () => {
    const asked: unknown[] = [];
    handlers.set('conversations:get', (input) => {
      asked.push(input);
      return { conversation: stored('').conversation, messages: first, earlier: false };
    });
    await useAppStore.getState().openConversation(c);
    expect(asked).toEqual([{ id: c, tail: OPEN_TAIL }]);
    expect(useAppStore.getState().messages).toHaveLength(2);
  });

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
    expect(useAppStore.getState().notice).toEqual({ kind: 'failed', message: 'backend is gone' });
  });

  it('asks for a model first when none is chosen, and sends nothing', async () => {
    useAppStore.setState({ choice: null });
    expect(await useAppStore.getState().send('hello')).toBe(false);
    expect(useAppStore.getState().notice).toEqual({ kind: 'choose-model' });
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
