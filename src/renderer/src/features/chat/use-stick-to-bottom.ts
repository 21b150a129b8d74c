// Keeps the message list pinned to its end while it grows (a streaming answer, a new message)
// until the user scrolls up to read; scrolling back to the end pins it again. The virtualizer does
// the pinning (anchorTo: 'end'): only it knows when its own measurements move the content, so it
// keeps the end in view without mistaking its corrections for the user's scrolling. This hook
// decides when to jump to the end: a conversation opened, or a new answer starting.
import { useLayoutEffect, useRef } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';
import type { Message } from '../../../../shared/domain';
import type { ConversationId } from '../../../../shared/ids';
import { END_SLACK_PX } from '../../components/scroll-end';

export const stickToBottomOptions = {
  anchorTo: 'end',
  followOnAppend: true,
  scrollEndThreshold: END_SLACK_PX,
} as const;

interface Seen {
  conversationId: ConversationId | null;
  lastId: string | null;
  lastStreaming: boolean;
}

/**
 * Jumps to the end when a conversation's messages first show, and when an answer starts streaming
 * at the end (sent, regenerated, continued), even if the user had scrolled up. Switching a version
 * in the middle changes the end without starting an answer, and keeps the user where they are.
 * `hold`: something else places the view (a search hit to show).
 */
export function useStickToBottom(
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  conversationId: ConversationId | null,
  messages: readonly Message[],
  hold: boolean,
): void {
  const seen = useRef<Seen>({ conversationId: null, lastId: null, lastStreaming: false });
  const last = messages.at(-1);
  const lastId = last?.id ?? null;
  const lastStreaming = last?.status === 'streaming';

  useLayoutEffect(() => {
    const before = seen.current;
    if (lastId === null) {
      // Loading, or a new chat: the next messages to show are an opening.
      seen.current = { conversationId, lastId: null, lastStreaming: false };
      return;
    }
    const opened = before.lastId === null || before.conversationId !== conversationId;
    const answerStarted = lastStreaming && (lastId !== before.lastId || !before.lastStreaming);
    seen.current = { conversationId, lastId, lastStreaming };
    if (hold) return;
    if (opened || answerStarted) virtualizer.scrollToEnd();
  }, [virtualizer, conversationId, lastId, lastStreaming, hold]);
}
