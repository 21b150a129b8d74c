// The open conversation's messages in a virtualized column that follows a streaming answer, offers
// "Jump to latest" when scrolled up during one, and brings a search hit into view, marked for a moment.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import type { Message } from '../../../../shared/domain';
import type { ConversationId, MessageId } from '../../../../shared/ids';
import { useAppStore } from '../../state/store';
import { JumpToLatest, useAwayFromLatest } from './jump-to-latest';
import { MessageView } from './message-view';
import { ComparisonContainer } from '../compare/comparison-container';
import { ContextCut } from '../context/context-meter';
import { stickToBottomOptions, useStickToBottom } from './use-stick-to-bottom';

interface Props {
  conversationId: ConversationId | null;
  messages: readonly Message[];
  loading: boolean;
  /** The newest messages are shown and older ones are on their way: the list says it is busy. */
  loadingEarlier: boolean;
  /** The first message the next request sends when older ones are left out (a separator goes above it). */
  cutBefore?: string | null;
}

/** How long a search hit stays marked after it is scrolled into view. */
const FOCUS_MARK_MS = 2500;

export function MessageList({ conversationId, messages, loading, loadingEarlier, cutBefore = null }: Props) {
  // The search hit to show is the chat slice's; this list is the one place that can scroll to it.
  const focusMessageId = useAppStore((s) => s.focusMessageId);
  const clearFocus = useAppStore((s) => s.clearFocus);
  // A comparison shows in place of the reply it compares.
  const comparedQuestion = useAppStore((s) =>
    s.comparison && s.comparison.conversationId === conversationId ? s.comparison.questionId : null,
  );
  const scrollerRef = useRef<HTMLDivElement>(null);

  // Keys only change when the list of ids does, not on every streamed paint batch, so the virtualizer
  // keeps its measurements instead of rebuilding them.
  const idList = useMemo(() => messages.map((message) => message.id).join('\n'), [messages]);
  const ids = useMemo(() => (idList ? idList.split('\n') : []), [idList]);
  const getItemKey = useCallback((index: number) => ids[index] ?? index, [ids]);
  const estimateSize = useCallback((index: number) => estimateHeight(messages[index]), [messages]);

  // TanStack Virtual hands back a mutable instance (the React Compiler cannot memoize around it);
  // this component is not compiled, and re-renders on the instance's own change notifications.
  // Only the rows near the viewport are in the DOM, each measured as it renders (answers differ wildly
  // in height), so a conversation of thousands of messages scrolls as lightly as a short one.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize,
    getItemKey,
    overscan: 4,
    paddingStart: 16,
    paddingEnd: 32,
    // Rows are moved by the virtualizer itself while scrolling; React renders only range changes.
    directDomUpdates: true,
    ...stickToBottomOptions,
  });

  const focusIndex = focusMessageId ? ids.indexOf(focusMessageId) : -1;
  useStickToBottom(virtualizer, conversationId, messages, focusMessageId !== null);
  useScrollToFocus(virtualizer, focusMessageId, focusIndex, clearFocus);
  const last = messages.at(-1);
  const streamingId = last?.status === 'streaming' ? last.id : null;
  const latest = useAwayFromLatest(scrollerRef, streamingId);

  const items = virtualizer.getVirtualItems();
  return (
    <div className="message-pane">
      <div className="message-scroller" ref={scrollerRef} aria-busy={loading || loadingEarlier}>
        <div className="message-column">
          <div className="message-rows" ref={virtualizer.containerRef}>
            {items.map((item) => {
              const message = messages[item.index];
              if (!message) return null;
              const focused = message.id === focusMessageId;
              return (
                <div
                  key={item.key}
                  className={focused ? 'message-row message-row-focused' : 'message-row'}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                >
                  {message.id === cutBefore && <ContextCut />}
                  {message.role === 'assistant' && message.parentId === comparedQuestion ? (
                    <ComparisonContainer />
                  ) : (
                    <MessageView message={message} />
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {latest.away && <JumpToLatest virtualizer={virtualizer} onJumped={latest.back} />}
    </div>
  );
}

/**
 * A search hit: once its message is loaded, centre it (the virtualizer re-aims while the rows on
 * the way are measured), keep it marked for a moment, then clear the request.
 */
function useScrollToFocus(
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  focusMessageId: MessageId | null,
  focusIndex: number,
  clearFocus: () => void,
): void {
  const shown = useRef<MessageId | null>(null);
  const ready = focusMessageId !== null && focusIndex >= 0;

  useLayoutEffect(() => {
    if (focusMessageId === null) shown.current = null;
    if (!ready || shown.current === focusMessageId) return;
    shown.current = focusMessageId;
    virtualizer.scrollToIndex(focusIndex, { align: 'center' });
  }, [virtualizer, ready, focusMessageId, focusIndex]);

  useEffect(() => {
    if (!ready) return;
    const timer = setTimeout(clearFocus, FOCUS_MARK_MS);
    return () => clearTimeout(timer);
  }, [ready, focusMessageId, clearFocus]);
}

/** A first guess at a row's height from its text, before it is measured: close enough to keep the scrollbar steady. */
function estimateHeight(message: Message | undefined): number {
  if (!message) return 120;
  const chars = message.content.length + (message.reasoning ? 60 : 0);
  return Math.min(4000, 72 + Math.ceil(chars / 85) * 24 + (message.toolCalls?.length ?? 0) * 44);
}
