// "Jump to latest": while an answer streams and the user has scrolled up, a button over the list's foot
// takes them back to the end, where the list follows the answer again (use-stick-to-bottom.ts).
import { ArrowDown } from 'lucide-react';
import { useCallback, useEffect, useState, type RefObject } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';
import type { MessageId } from '../../../../shared/ids';
import { useMessages } from '../../i18n/use-messages';
import { messageListMessages } from './message-list-messages';
import { END_SLACK_PX, distanceFromEnd } from '../../components/scroll-end';

/**
 * Whether the user is away from the end of the list while `streamingId` streams. Only scrolling
 * moves the view away: an answer growing below a view at its end keeps it there.
 */
export function useAwayFromLatest(
  scrollerRef: RefObject<HTMLElement | null>,
  streamingId: MessageId | null,
): { away: boolean; back: () => void } {
  // The answer the user left: a later answer starts at the end, so an old "away" means nothing.
  const [awayFrom, setAwayFrom] = useState<MessageId | null>(null);

  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller || streamingId === null) return;
    let frame = 0;
    const check = (): void => {
      frame = 0;
      setAwayFrom(distanceFromEnd(scroller) > END_SLACK_PX ? streamingId : null);
    };
    const onScroll = (): void => {
      if (!frame) frame = requestAnimationFrame(check);
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      scroller.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, [scrollerRef, streamingId]);

  const back = useCallback(() => setAwayFrom(null), []);
  return { away: streamingId !== null && awayFrom === streamingId, back };
}

interface Props {
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  onJumped: () => void;
}

export function JumpToLatest({ virtualizer, onJumped }: Props) {
  const m = useMessages(messageListMessages);
  return (
    <button
      type="button"
      className="jump-to-latest"
      onClick={(event) => {
        const hadFocus = document.activeElement === event.currentTarget;
        virtualizer.scrollToEnd();
        onJumped();
        // The button goes away with the jump: a keyboard user carries on in the composer.
        if (hadFocus) document.querySelector<HTMLTextAreaElement>('.composer textarea')?.focus();
      }}
    >
      <ArrowDown size={16} strokeWidth={2} aria-hidden focusable={false} />
      {m.jumpToLatest}
    </button>
  );
}
