// The chat slice's tests' common ground: main faked channel by channel, message rows, and a stored
// conversation of two turns whose last answer is still streaming.
import type { StoreApi } from 'zustand';
import type { ConversationDetail, GenerationEventPayload, Message } from '../../../shared/domain';
import { asBackendId, asConversationId, asMessageId } from '../../../shared/ids';
import type { AppState } from './app-state';
import { emptyMetrics } from './apply-generation-events';

type Handler = (input: unknown) => unknown;
/** How main answers each channel in the test running now. */
export const handlers = new Map<string, Handler>();

/** Stands in for api/api.ts (`vi.mock`): a request goes to its channel's handler, or fails. */
export const fakeApi = {
  request: (channel: string, input: unknown) => {
    const handler = handlers.get(channel);
    return handler ? Promise.resolve(handler(input)) : Promise.reject(new Error(`unexpected ${channel}`));
  },
  subscribe: () => () => {},
  onReconnect: () => () => {},
};

export const c = asConversationId('c1');
export const b = asBackendId('b1');
export const row = (id: string, over: Partial<Message>): Message => ({
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

export const first = [
  row('u1', { content: 'hi' }),
  row('a1', { role: 'assistant', content: 'hello', parentId: asMessageId('u1') }),
];
export const stored = (answerText: string): ConversationDetail => ({
  conversation: { id: c, title: 'hi', backendId: b, model: 'm', createdAt: 0, updatedAt: 0 },
  earlier: false,
  messages: [
    ...first,
    row('u2', { content: 'more', parentId: asMessageId('a1') }),
    row('a2', { role: 'assistant', status: 'streaming', content: answerText, parentId: asMessageId('u2') }),
  ],
});
export const events = (text: string): GenerationEventPayload => ({
  conversationId: c,
  messageId: asMessageId('a2'),
  events: [{ type: 'delta', text }],
});

export function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Before each test: main knows the first turn, a model is chosen, and nothing is open. */
export function resetChat(store: StoreApi<AppState>): void {
  handlers.clear();
  handlers.set('conversations:get', () => ({ conversation: stored('').conversation, messages: first, earlier: false }));
  store.setState({
    choice: { backendId: b, model: 'm' },
    live: {},
    messages: [],
    openId: null,
    notice: null,
    compareWith: [],
    comparison: null,
  });
}
