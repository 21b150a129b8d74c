// Compare in the store with main mocked: Send goes to every ticked model in one request, the reply
// shows the first answer and the comparison all of them, each streams on its own, the composer's
// Stop stops every one still streaming, more than four are refused, and "Continue with this"
// shows that answer's branch and chooses its model.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationDetail, GenerationEventPayload } from '../../../shared/domain';
import { asBackendId, asMessageId } from '../../../shared/ids';
import type { ComparisonStarted } from '../../../shared/ipc/contract';
import { b, c, first, handlers, resetChat, row, stored } from './chat-fixtures';

vi.mock('../api/api', async () => (await import('./chat-fixtures')).fakeApi);

const { useAppStore } = await import('./store');
const { comparedAnswers } = await import('./chat-compare');

beforeEach(() => resetChat(useAppStore));

const b2 = asBackendId('b2');
const started: ComparisonStarted = {
  conversationId: c,
  userMessageId: asMessageId('u2'),
  answers: [
    { assistantMessageId: asMessageId('x1'), backendId: b, model: 'm' },
    { assistantMessageId: asMessageId('x2'), backendId: b2, model: 'n' },
    { assistantMessageId: asMessageId('x3'), backendId: b2, model: 'o' },
  ],
};
const delta = (id: string, text: string): GenerationEventPayload => ({
  conversationId: c,
  messageId: asMessageId(id),
  events: [{ type: 'delta', text }],
});

async function compareThree() {
  await useAppStore.getState().openConversation(c);
  const asked: unknown[] = [];
  handlers.set('generation:compare', (input) => {
    asked.push(input);
    return started;
  });
  useAppStore.getState().setCompareWith([
    { backendId: b, model: 'm' }, // the current model is never one of the others
    { backendId: b2, model: 'n' },
    { backendId: b2, model: 'o' },
  ]);
  expect(useAppStore.getState().compareWith).toHaveLength(2);
  expect(await useAppStore.getState().send('Which?')).toBe(true);
  return asked;
}

describe('compare in the store', () => {
  it('sends once to every model, shows the first answer in the branch and all of them compared', async () => {
    const asked = await compareThree();
    expect(asked).toEqual([
      {
        conversationId: c,
        backendId: b,
        model: 'm',
        content: 'Which?',
        others: [
          { backendId: b2, model: 'n' },
          { backendId: b2, model: 'o' },
        ],
      },
    ]);
    const state = useAppStore.getState();
    // One-shot: the next Send goes to the chosen model only.
    expect(state.compareWith).toEqual([]);
    expect(state.messages.map((m) => m.id)).toEqual(['u1', 'a1', 'u2', 'x1']);
    expect(state.messages.at(-1)?.versions).toEqual({ index: 0, count: 3, models: 3 });
    expect(state.comparison?.answers.map((a) => a.id)).toEqual(['x1', 'x2', 'x3']);

    state.applyPayloads([delta('x2', 'Two'), delta('x1', 'One')]);
    state.applyPayloads([{ conversationId: c, messageId: asMessageId('x3'), events: [{ type: 'queued' }] }]);
    const after = useAppStore.getState();
    const shown = comparedAnswers(after.comparison!, after.live);
    expect(shown.map((a) => a.content)).toEqual(['One', 'Two', '']);
    expect(after.live['x3']?.queued).toBe(true);
    expect(after.messages.at(-1)?.content).toBe('One');
  });

  it('keeps the compared answers whole once their live records are pruned', async () => {
    await compareThree();
    const done = { type: 'done' as const, status: 'done' as const, metrics: { ...row('x', {}).metrics, totalMs: 900 } };
    useAppStore.getState().applyPayloads([
      { ...delta('x1', 'One'), events: [{ type: 'delta', text: 'One' }, done] },
      { ...delta('x2', 'Two'), events: [{ type: 'delta', text: 'Two' }, done] },
    ]);
    useAppStore.setState({ live: {} });
    const { comparison, live } = useAppStore.getState();
    expect(comparedAnswers(comparison!, live).map((a) => [a.content, a.status, a.metrics.totalMs])).toEqual([
      ['One', 'done', 900],
      ['Two', 'done', 900],
      ['', 'streaming', undefined],
    ]);
  });

  it("the composer's Stop stops every compared answer still streaming", async () => {
    await compareThree();
    useAppStore.getState().applyPayloads([
      {
        conversationId: c,
        messageId: asMessageId('x2'),
        events: [{ type: 'done', status: 'done', metrics: row('x', {}).metrics }],
      },
    ]);
    const cancelled: unknown[] = [];
    handlers.set('generation:cancel', (input) => {
      cancelled.push((input as { messageId: string }).messageId);
      return null;
    });
    await useAppStore.getState().stop();
    expect(new Set(cancelled)).toEqual(new Set(['x1', 'x3']));
  });

  it('refuses more than four in all before asking main', async () => {
    await useAppStore.getState().openConversation(c);
    handlers.set('generation:compare', () => {
      throw new Error('must not be asked');
    });
    useAppStore.getState().setCompareWith(['n', 'o', 'p', 'q'].map((model) => ({ backendId: b2, model })));
    expect(await useAppStore.getState().send('Too many')).toBe(false);
    expect(useAppStore.getState().notice).toEqual({ kind: 'too-many-compared', max: 4 });
  });

  it('"Continue with this" shows that branch, closes the comparison and chooses its model', async () => {
    await compareThree();
    const branch: ConversationDetail = {
      conversation: { ...stored('').conversation, backendId: b2, model: 'n' },
      earlier: false,
      messages: [
        ...first,
        row('u2', { content: 'Which?' }),
        row('x2', { role: 'assistant', backendId: b2, model: 'n' }),
      ],
    };
    handlers.set('conversations:continue-with', (input) => {
      expect(input).toEqual({ id: c, messageId: 'x2' });
      return branch;
    });
    useAppStore.setState({ backends: [{ id: b2, name: 'Two' } as never] });
    await useAppStore.getState().continueWith(asMessageId('x2'));
    const state = useAppStore.getState();
    expect(state.comparison).toBeNull();
    expect(state.messages.at(-1)?.id).toBe('x2');
    expect(state.choice).toEqual({ backendId: b2, model: 'n' });
  });
});
