// The sidebar's conversations, grouped (Pinned, Today, Yesterday, …, then months) and virtualized:
// only the rows in view exist in the page, so tens of thousands stay smooth. Scrolling near the end
// asks for the next page.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ConversationListItem } from '../../../../shared/domain';
import type { ConversationId } from '../../../../shared/ids';
import { useMessages } from '../../i18n/use-messages';
import type { Language } from '../../i18n/languages';
import { ConversationRow, type RowActions } from './conversation-row';
import { conversationsMessages, monthLabel } from './conversations-messages';
import { toListRows, type DateGroup } from './date-groups';

const headerHeight = 30;
const rowHeight = 36;
/** Rows from the end at which the next page is asked for. */
const prefetchRows = 30;

interface Props extends Omit<RowActions, 'onStartRename' | 'onCancelRename' | 'onRename'> {
  conversations: readonly ConversationListItem[];
  openId: ConversationId | null;
  language: Language;
  loaded: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  /** Local time the groups are counted from; re-read as the day changes. */
  now: number;
  onRename(id: ConversationId, title: string): void;
  onLoadMore(): void;
}

export function ConversationList(props: Props) {
  const { conversations, openId, language, loaded, hasMore, loadingMore, now, onLoadMore } = props;
  const m = useMessages(conversationsMessages);
  const scroller = useRef<HTMLDivElement>(null);
  const [editing, setEditing] = useState<ConversationId | null>(null);
  // After a rename or a delete, where the keyboard focus goes (the title, or the row that moved up).
  const [refocus, setRefocus] = useState<{ id: ConversationId | null; index: number } | null>(null);

  const rows = useMemo(() => toListRows(conversations, now), [conversations, now]);

  // Nothing here memoizes the virtualizer's functions: it is read afresh on every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i]?.kind === 'header' ? headerHeight : rowHeight),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastShown >= rows.length - prefetchRows) onLoadMore();
  }, [hasMore, loadingMore, lastShown, rows.length, onLoadMore]);

  useLayoutEffect(() => {
    if (!refocus || !scroller.current) return;
    const index = refocus.id ? rows.findIndex((r) => r.key === refocus.id) : refocus.index;
    const target =
      rows.slice(Math.max(0, index)).find((r) => r.kind === 'item') ?? rows.findLast((r) => r.kind === 'item');
    setRefocus(null);
    if (!target || target.kind !== 'item') return;
    virtualizer.scrollToIndex(rows.indexOf(target), { align: 'auto' });
    requestAnimationFrame(() =>
      scroller.current
        ?.querySelector<HTMLButtonElement>(`[data-conversation-id="${CSS.escape(target.conversation.id)}"]`)
        ?.focus(),
    );
  }, [refocus, rows, virtualizer]);

  // Stable across renders, so rows that did not change are not drawn again.
  const latest = useRef({ props, rows });
  useEffect(() => {
    latest.current = { props, rows };
  });
  const actions = useMemo<RowActions>(
    () => ({
      onOpen: (id) => latest.current.props.onOpen(id),
      onPin: (id, pinned) => latest.current.props.onPin(id, pinned),
      onStartRename: setEditing,
      onCancelRename: (id) => {
        setEditing(null);
        setRefocus({ id, index: -1 });
      },
      onRename: (id, title) => {
        setEditing(null);
        latest.current.props.onRename(id, title);
        setRefocus({ id, index: -1 });
      },
      onDelete: (id) => {
        const wasFocused = document.activeElement?.closest('.conversation-row') != null;
        const index = latest.current.rows.findIndex((r) => r.key === id);
        latest.current.props.onDelete(id);
        if (wasFocused) setRefocus({ id: null, index });
      },
    }),
    [],
  );

  const groupName = (g: DateGroup): string => (g.kind === 'month' ? monthLabel(language, g.year, g.month) : m[g.kind]);

  return (
    <nav className="conversation-list" aria-label={m.navigation}>
      <div className="conversation-scroller" ref={scroller}>
        {loaded && conversations.length === 0 && <p className="sidebar-empty">{m.empty}</p>}
        <ul className="conversation-rows" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((v) => {
            const row = rows[v.index];
            if (!row) return null;
            return (
              <li
                key={v.key}
                className={row.kind === 'header' ? 'conversation-group' : 'conversation-entry'}
                style={{ height: v.size, transform: `translateY(${v.start}px)` }}
              >
                {row.kind === 'header' ? (
                  <h2 className="sidebar-group">{groupName(row.group)}</h2>
                ) : (
                  <ConversationRow
                    conversation={row.conversation}
                    current={row.conversation.id === openId}
                    editing={row.conversation.id === editing}
                    {...actions}
                  />
                )}
              </li>
            );
          })}
        </ul>
        {loadingMore && hasMore && <p className="sidebar-more">{m.loadingMore}</p>}
      </div>
    </nav>
  );
}
