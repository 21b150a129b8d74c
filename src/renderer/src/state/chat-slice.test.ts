// The store's send/reload/stream choreography with main mocked: whatever order the start answer,
// a reload and the first events arrive in, the open conversation ends with each message once and
// the answer's whole text.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationDetail, GenerationEventPayload, Message } from '../../../shared/domain';
import { asBackendId, asConversationId, asMessageId } from '../../../shared/ids';
import { ChatFailure, chatError } from '../../../shared/chat-error';
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
const { branchWithNewVersion, foldPayloads, OPEN_TAIL } = await import('./chat-slice');
const { markStarted } = await import('./live-generations');

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
  earlier: false,
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
  handlers.set('conversations:get', () => ({ conversation: stored('').conversation, messages: first, earlier: false }));
  useAppStore.setState({ choice: { backendId: b, model: 'm' }, live: {}, messages: [], openId: null, notice: null });
});

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

describe('versions and continue in the chat slice', () => {
  const m = asMessageId;
  const branch = (rows: Message[]): ConversationDetail => ({
    conversation: stored('').conversation,
    messages: rows,
    earlier: false,
  });
  const q = row('q', { content: 'question', versions: { index: 0, count: 1 } });
  const a = row('a', { role: 'assistant', content: 'old answer', parentId: m('q'), versions: { index: 0, count: 1 } });

  it('sends a new chat with its draft settings (a preset), then forgets the draft', async () => {
    const inputs: unknown[] = [];
    handlers.set('generation:start', (input) => {
      inputs.push(input);
      return { conversationId: c, userMessageId: m('u'), assistantMessageId: m('x') };
    });
    const settings = { systemPrompt: 'Be brief.', params: { temperature: 0.2 } };
    useAppStore.setState({ draftSettings: settings, draftPresetId: null });
    await useAppStore.getState().send('hello');
    expect(inputs[0]).toMatchObject({ conversationId: null, settings });
    expect(useAppStore.getState().draftSettings).toEqual({ systemPrompt: '', params: {} });
    // An open conversation keeps its own settings in main: none are sent.
    await useAppStore.getState().send('again');
    expect(inputs[1]).not.toHaveProperty('settings');
  });

  it('opens a search hit on its own branch through `through`', async () => {
    const asked: unknown[] = [];
    handlers.set('conversations:get', (input) => {
      asked.push(input);
      return branch([q, a]);
    });
    await useAppStore.getState().openConversation(c, m('a'));
    await useAppStore.getState().openConversation(c);
    expect(asked).toEqual([
      { id: c, through: 'a' },
      { id: c, tail: OPEN_TAIL },
    ]);
    expect(useAppStore.getState().focusMessageId).toBeNull();

    // A hit whose message is gone opens the conversation as it is.
    asked.length = 0;
    handlers.set('conversations:get', (input) => {
      asked.push(input);
      if ((input as { through?: string }).through) {
        throw new ChatFailure(chatError('not_found', 'That message is no longer in this conversation'));
      }
      return branch([q, a]);
    });
    await useAppStore.getState().openConversation(c, m('gone'));
    expect(asked).toEqual([
      { id: c, through: 'gone' },
      { id: c, tail: OPEN_TAIL },
    ]);
    expect(useAppStore.getState().messages.map((x) => x.id)).toEqual(['q', 'a']);
    expect(useAppStore.getState().notice).toBeNull();
  });

  it('regenerate shows the new version streaming as "2 / 2" under the same question', async () => {
    handlers.set('conversations:get', () => branch([q, a]));
    await useAppStore.getState().openConversation(c);
    const started = deferred<unknown>();
    handlers.set('generation:regenerate', () => started.promise);
    const regenerating = useAppStore.getState().regenerate(m('a'));
    // The first tokens may beat main's answer; they are kept.
    useAppStore
      .getState()
      .applyPayloads([{ conversationId: c, messageId: m('a2'), events: [{ type: 'delta', text: 'New' }] }]);
    // A reload asked before main answered still shows the old version: it must not land.
    const stale = deferred<unknown>();
    handlers.set('conversations:get', () => stale.promise);
    const reloading = useAppStore.getState().reloadOpen(false);
    started.resolve({ conversationId: c, userMessageId: m('q'), assistantMessageId: m('a2') });
    expect(await regenerating).toBe(true);
    stale.resolve(branch([q, a]));
    await reloading;
    const { messages } = useAppStore.getState();
    expect(messages.map((x) => [x.id, x.status, x.content, x.versions])).toEqual([
      ['q', 'done', 'question', { index: 0, count: 1 }],
      ['a2', 'streaming', 'New', { index: 1, count: 2 }],
    ]);
  });

  it('edit replaces the rest of the branch with the new question and its answer', async () => {
    const more = row('q2', { content: 'more', parentId: m('a') });
    handlers.set('conversations:get', () => branch([q, a, more]));
    await useAppStore.getState().openConversation(c);
    const inputs: unknown[] = [];
    handlers.set('generation:edit', (input) => {
      inputs.push(input);
      return { conversationId: c, userMessageId: m('q-v2'), assistantMessageId: m('a-v2') };
    });
    handlers.set('conversations:get', () => new Promise(() => {})); // the reload never lands here
    expect(await useAppStore.getState().editMessage(m('q'), 'question, better')).toBe(true);
    expect(inputs).toEqual([{ messageId: 'q', content: 'question, better', backendId: b, model: 'm' }]);
    expect(useAppStore.getState().messages.map((x) => [x.id, x.content, x.versions])).toEqual([
      ['q-v2', 'question, better', { index: 1, count: 2 }],
      ['a-v2', '', { index: 0, count: 1 }],
    ]);
  });

  it('moves between versions with the branch main returns', async () => {
    handlers.set('conversations:get', () => branch([q, { ...a, versions: { index: 1, count: 2 } }]));
    await useAppStore.getState().openConversation(c);
    const other = row('a-old', {
      role: 'assistant',
      content: 'first',
      parentId: m('q'),
      versions: { index: 0, count: 2 },
    });
    const asked: unknown[] = [];
    handlers.set('conversations:select-version', (input) => {
      asked.push(input);
      return branch([q, other]);
    });
    await useAppStore.getState().selectVersion(m('a'), 'previous');
    expect(asked).toEqual([{ id: c, messageId: 'a', direction: 'previous' }]);
    expect(useAppStore.getState().messages.map((x) => x.id)).toEqual(['q', 'a-old']);
  });

  it('continue: the answer streams again from its own text, even after an ended record of it', async () => {
    const cut = { ...a, status: 'cancelled' as const, content: 'Partial ' };
    handlers.set('conversations:get', () => branch([q, cut]));
    await useAppStore.getState().openConversation(c);
    // This window saw the first run end: its record is finished.
    useAppStore.setState({
      live: markStarted({}, c, m('a')),
    });
    useAppStore.getState().applyPayloads([
      {
        conversationId: c,
        messageId: m('a'),
        events: [{ type: 'done', status: 'cancelled', metrics: emptyMetrics }],
      },
    ]);
    const started = deferred<unknown>();
    handlers.set('generation:continue', () => started.promise);
    const continuing = useAppStore.getState().continueAnswer(m('a'));
    expect(useAppStore.getState().messages[1]?.status).toBe('streaming');
    useAppStore.getState().applyPayloads([
      {
        conversationId: c,
        messageId: m('a'),
        events: [
          { type: 'resume', content: 'Partial ', reasoning: '' },
          { type: 'delta', text: 'and more' },
        ],
      },
    ]);
    started.resolve({ conversationId: c, assistantMessageId: m('a') });
    expect(await continuing).toBe(true);
    useAppStore
      .getState()
      .applyPayloads([{ conversationId: c, messageId: m('a'), events: [{ type: 'delta', text: '.' }] }]);
    expect(useAppStore.getState().messages[1]).toMatchObject({ status: 'streaming', content: 'Partial and more.' });
    // A reload while it streams shows the live text, not the lagging row.
    handlers.set('conversations:get', () => branch([q, { ...cut, status: 'streaming', content: 'Partial and' }]));
    await useAppStore.getState().reloadOpen(false);
    expect(useAppStore.getState().messages[1]?.content).toBe('Partial and more.');
  });

  it('continue refused by main puts the answer back as it was, with the reason', async () => {
    const cut = { ...a, status: 'interrupted' as const, content: 'Half' };
    handlers.set('conversations:get', () => branch([q, cut]));
    await useAppStore.getState().openConversation(c);
    handlers.set('generation:continue', () => {
      throw new Error('The backend that wrote this answer no longer exists');
    });
    expect(await useAppStore.getState().continueAnswer(m('a'))).toBe(false);
    expect(useAppStore.getState().messages[1]).toMatchObject({ status: 'interrupted', content: 'Half' });
    expect(useAppStore.getState().notice).toEqual({
      kind: 'failed',
      message: expect.stringMatching(/no longer exists/),
    });
  });

  it('a window that did not start the continue follows it from the resume event', () => {
    const state = { openId: c, live: {}, messages: [q, { ...a, status: 'done' as const, content: 'Cut' }] };
    const folded = foldPayloads(state, [
      {
        conversationId: c,
        messageId: m('a'),
        events: [
          { type: 'resume', content: 'Cut', reasoning: 'thought' },
          { type: 'delta', text: ' short' },
        ],
      },
    ]);
    expect(folded.messages[1]).toMatchObject({ status: 'streaming', content: 'Cut short', reasoning: 'thought' });
    expect(folded.live[m('a')]).toMatchObject({ content: 'Cut short', complete: true });
  });

  it('branchWithNewVersion counts the new version after the existing ones', () => {
    const next = branchWithNewVersion([q, { ...a, versions: { index: 0, count: 3 } }], m('a'), [
      row('n', { role: 'assistant' }),
    ]);
    expect(next?.map((x) => [x.id, x.versions])).toEqual([
      ['q', { index: 0, count: 1 }],
      ['n', { index: 3, count: 4 }],
    ]);
    expect(branchWithNewVersion([q], m('missing'), [row('n', {})])).toBeNull();
  });
});
