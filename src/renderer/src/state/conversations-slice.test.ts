// The sidebar list kept right by single-row updates: placement in main's order within the loaded
// range only, pages appended without duplicates, optimistic rename/pin undone on failure, delete
// with undo, and stale search answers dropped. Main is replaced by a table of handlers.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationListItem, ConversationPage, SearchPage } from '../../../shared/domain';
import { asConversationId, asMessageId } from '../../../shared/ids';
import { appendPage, compareListed, placeListed } from './conversations-slice';

type Handler = (input: unknown) => unknown;
const handlers = new Map<string, Handler>();
const calls: [string, unknown][] = [];

vi.mock('../api/api', () => ({
  request: (channel: string, input: unknown) => {
    calls.push([channel, input]);
    const handler = handlers.get(channel);
    return handler ? Promise.resolve().then(() => handler(input)) : Promise.reject(new Error(`unexpected ${channel}`));
  },
  subscribe: () => () => {},
  onReconnect: () => () => {},
}));

const { useAppStore } = await import('./store');

const c = (id: string, updatedAt: number, pinned = false, title = id): ConversationListItem => ({
  id: asConversationId(id),
  title,
  backendId: null,
  model: null,
  pinned,
  createdAt: 0,
  updatedAt,
});
const ids = (list: readonly ConversationListItem[]) => list.map((x) => x.id as string);
const cursor = (x: ConversationListItem) => ({ pinned: x.pinned, updatedAt: x.updatedAt, id: x.id });

describe('listing order helpers', () => {
  const list = [c('p', 1, true), c('d', 40), c('c', 30), c('b', 30), c('a', 10)];

  it('orders pinned first, then newest, then id descending', () => {
    const shuffled = [c('a', 10), c('b', 30), c('p', 1, true), c('c', 30), c('d', 40)];
    expect(ids([...shuffled].sort(compareListed))).toEqual(['p', 'd', 'c', 'b', 'a']);
  });

  it('moves a changed row to its new place', () => {
    expect(ids(placeListed(list, null, asConversationId('a'), c('a', 50)))).toEqual(['p', 'a', 'd', 'c', 'b']);
    expect(ids(placeListed(list, null, asConversationId('b'), c('b', 30, true)))).toEqual(['b', 'p', 'd', 'c', 'a']);
    expect(ids(placeListed(list, null, asConversationId('x'), c('x', 35)))).toEqual(['p', 'd', 'x', 'c', 'b', 'a']);
    expect(ids(placeListed(list, null, asConversationId('c'), null))).toEqual(['p', 'd', 'b', 'a']);
  });

  it('leaves a row that now sorts past the loaded range to the page that covers it', () => {
    const loaded = list.slice(0, 4);
    const next = cursor(loaded[3]!);
    expect(ids(placeListed(loaded, next, asConversationId('d'), c('d', 5)))).toEqual(['p', 'c', 'b']);
    expect(ids(placeListed(loaded, next, asConversationId('z'), c('z', 20)))).toEqual(['p', 'd', 'c', 'b']);
    expect(ids(placeListed(loaded, next, asConversationId('z'), c('z', 31)))).toEqual(['p', 'd', 'z', 'c', 'b']);
  });

  it('appends a page, the fresher copy winning over a row already shown', () => {
    const page = [c('b', 30, false, 'renamed'), c('a', 10)];
    const merged = appendPage(list.slice(0, 4), page);
    expect(ids(merged)).toEqual(['p', 'd', 'c', 'b', 'a']);
    expect(merged[3]?.title).toBe('renamed');
  });
});

beforeEach(() => {
  handlers.clear();
  calls.length = 0;
  useAppStore.setState({
    conversations: [],
    conversationsNext: null,
    conversationsLoaded: false,
    conversationsLoading: false,
    conversationsError: null,
    pendingDeletes: [],
    openId: null,
    searchQuery: '',
    searchedQuery: '',
    searchHits: [],
    searchNext: null,
  });
});

describe('conversations slice', () => {
  it('loads a page, then the next from its cursor', async () => {
    const first: ConversationPage = { items: [c('b', 2), c('a', 1)], next: cursor(c('a', 1)) };
    const second: ConversationPage = { items: [c('z', 0)], next: null };
    handlers.set('conversations:list', (input) => ((input as { after?: unknown }).after ? second : first));
    await useAppStore.getState().loadConversations();
    expect(calls.at(-1)).toEqual(['conversations:list', { limit: 100 }]);
    await useAppStore.getState().loadMoreConversations();
    expect(calls.at(-1)).toEqual(['conversations:list', { after: first.next, limit: 100 }]);
    expect(ids(useAppStore.getState().conversations)).toEqual(['b', 'a', 'z']);
    expect(useAppStore.getState().conversationsNext).toBeNull();
    await useAppStore.getState().loadMoreConversations();
    expect(calls).toHaveLength(2);
  });

  it('updates one row when main says it changed, and reloads when it does not say which', async () => {
    useAppStore.setState({ conversations: [c('b', 2), c('a', 1)], conversationsLoaded: true });
    handlers.set('conversations:summary', () => c('a', 3, false, 'a again'));
    await useAppStore.getState().conversationChanged(asConversationId('a'));
    expect(useAppStore.getState().conversations.map((x) => x.title)).toEqual(['a again', 'b']);
    handlers.set('conversations:summary', () => null);
    await useAppStore.getState().conversationChanged(asConversationId('b'));
    expect(ids(useAppStore.getState().conversations)).toEqual(['a']);
    expect(calls.filter(([ch]) => ch === 'conversations:list')).toHaveLength(0);

    handlers.set('conversations:list', () => ({ items: [c('n', 9)], next: null }));
    await useAppStore.getState().conversationChanged(null);
    expect(ids(useAppStore.getState().conversations)).toEqual(['n']);
  });

  it('renames at once and puts the old title back when main refuses', async () => {
    useAppStore.setState({ conversations: [c('a', 1, false, 'Old')] });
    let release: () => void = () => {};
    handlers.set(
      'conversations:rename',
      () => new Promise((_, reject) => (release = () => reject(new Error('disk full')))),
    );
    const renaming = useAppStore.getState().renameConversation(asConversationId('a'), '  New   title ');
    await Promise.resolve();
    expect(useAppStore.getState().conversations[0]?.title).toBe('New title');
    release();
    await renaming;
    expect(useAppStore.getState().conversations[0]?.title).toBe('Old');
    expect(useAppStore.getState().conversationsError).toEqual({ action: 'rename', reason: 'disk full' });
  });

  it('pins into the Pinned place at once', async () => {
    useAppStore.setState({ conversations: [c('b', 2), c('a', 1)] });
    handlers.set('conversations:pin', () => c('a', 1, true));
    await useAppStore.getState().pinConversation(asConversationId('a'), true);
    expect(useAppStore.getState().conversations.map((x) => [x.id, x.pinned])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });

  it('deletes with an undo window, leaves the open conversation, and undoing brings it back there', async () => {
    useAppStore.setState({ conversations: [c('b', 2), c('a', 1)], openId: asConversationId('a') });
    handlers.set('conversations:delete', () => ({ undoMs: 8000 }));
    const before = Date.now();
    await useAppStore.getState().deleteConversation(asConversationId('a'));
    const state = useAppStore.getState();
    expect(ids(state.conversations)).toEqual(['b']);
    expect(state.openId).toBeNull();
    expect(state.pendingDeletes).toHaveLength(1);
    expect(state.pendingDeletes[0]!.until).toBeGreaterThanOrEqual(before + 7000);
    expect(state.pendingDeletes[0]!.until).toBeLessThanOrEqual(Date.now() + 7000);

    handlers.set('conversations:restore', () => c('a', 1));
    handlers.set('conversations:get', () => ({ conversation: c('a', 1), messages: [] }));
    await useAppStore.getState().undoDelete(asConversationId('a'));
    expect(ids(useAppStore.getState().conversations)).toEqual(['b', 'a']);
    expect(useAppStore.getState().pendingDeletes).toEqual([]);
    expect(useAppStore.getState().openId).toBe('a');
  });

  it('puts a conversation back when main refuses to delete it', async () => {
    useAppStore.setState({ conversations: [c('a', 1)] });
    handlers.set('conversations:delete', () => {
      throw new Error('locked');
    });
    await useAppStore.getState().deleteConversation(asConversationId('a'));
    expect(ids(useAppStore.getState().conversations)).toEqual(['a']);
    expect(useAppStore.getState().pendingDeletes).toEqual([]);
    expect(useAppStore.getState().conversationsError?.action).toBe('delete');
  });
});

describe('search slice', () => {
  const hit = (id: string, conversation = 'c1') => ({
    messageId: asMessageId(id),
    conversationId: asConversationId(conversation),
    conversationTitle: 'T',
    role: 'user' as const,
    createdAt: 0,
    snippet: { text: id, highlights: [] as [number, number][] },
  });

  it('keeps only the answer to the newest query', async () => {
    const answers = new Map<string, (p: SearchPage) => void>();
    handlers.set('search:messages', (input) => {
      const { query } = input as { query: string };
      return new Promise<SearchPage>((resolve) => answers.set(query, resolve));
    });
    const store = useAppStore.getState();
    store.setSearchQuery('bei');
    const older = store.runSearch();
    store.setSearchQuery('beijing');
    const newer = useAppStore.getState().runSearch();
    await Promise.resolve();
    await Promise.resolve();
    answers.get('beijing')?.({ hits: [hit('new')], next: null });
    await newer;
    answers.get('bei')?.({ hits: [hit('old')], next: null });
    await older;
    expect(useAppStore.getState().searchHits.map((h) => h.messageId)).toEqual(['new']);
    expect(useAppStore.getState().searchedQuery).toBe('beijing');
  });

  it('goes on by itself while a short-term search has read only part of the messages', async () => {
    const answers: Record<string, SearchPage> = {
      start: { hits: [hit('a')], next: 5 },
      '5': { hits: [], next: 3 },
      '3': { hits: [hit('b')], next: null },
    };
    const seen: string[][] = [];
    handlers.set('search:messages', (input) => {
      seen.push(useAppStore.getState().searchHits.map((h) => h.messageId));
      const before = (input as { before?: number }).before;
      return answers[before === undefined ? 'start' : String(before)];
    });
    useAppStore.getState().setSearchQuery('北');
    await useAppStore.getState().runSearch();
    // Each part showed as it came, before the next was asked for.
    expect(seen).toEqual([[], ['a'], ['a']]);
    const state = useAppStore.getState();
    expect(state.searchHits.map((h) => h.messageId)).toEqual(['a', 'b']);
    expect(state.searchNext).toBeNull();
    expect(state.searchLoading).toBe(false);
  });

  it('pages on from the last hit, and follows renamed or deleted conversations', async () => {
    handlers.set('search:messages', (input) =>
      (input as { before?: number }).before === 7
        ? { hits: [hit('m3', 'c2')], next: null }
        : { hits: [hit('m1'), hit('m2')], next: 7 },
    );
    useAppStore.getState().setSearchQuery('x');
    await useAppStore.getState().runSearch();
    await useAppStore.getState().loadMoreHits();
    expect(calls.at(-1)).toEqual(['search:messages', { query: 'x', before: 7, limit: 30 }]);
    expect(useAppStore.getState().searchHits.map((h) => h.messageId)).toEqual(['m1', 'm2', 'm3']);

    useAppStore.getState().searchConversationChanged(asConversationId('c1'), c('c1', 0, false, 'Renamed'));
    expect(useAppStore.getState().searchHits.map((h) => h.conversationTitle)).toEqual(['Renamed', 'Renamed', 'T']);
    useAppStore.getState().searchConversationChanged(asConversationId('c1'), null);
    expect(useAppStore.getState().searchHits.map((h) => h.messageId)).toEqual(['m3']);
  });
});
