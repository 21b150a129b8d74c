// Versions and continue through the store with main mocked: regenerate, edit, moving between versions,
// continuing a cut answer (here or in another window), and opening a search hit on its branch.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationDetail, Message } from '../../../shared/domain';
import { asMessageId } from '../../../shared/ids';
import { ChatFailure, chatError } from '../../../shared/chat-error';
import { emptyMetrics } from './apply-generation-events';
import { b, c, deferred, handlers, resetChat, row, stored } from './chat-fixtures';

vi.mock('../api/api', async () => (await import('./chat-fixtures')).fakeApi);

const { useAppStore } = await import('./store');
const { branchWithNewVersion } = await import('./chat-versions');
const { foldPayloads } = await import('./fold-payloads');
const { OPEN_TAIL } = await import('./chat-session');
const { markStarted } = await import('./live-generations');

beforeEach(() => resetChat(useAppStore));

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
