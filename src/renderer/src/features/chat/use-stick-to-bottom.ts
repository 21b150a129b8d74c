// Keeps a scrolling list pinned to its end while content grows (a streaming answer), until the user
// scrolls up to read; scrolling back to the end pins it again.
import { useCallback, useEffect, useRef } from 'react';

/** Within this many pixels of the end still counts as "at the end". */
const SLACK_PX = 48;

export function useStickToBottom() {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const stuckRef = useRef(true);

  useEffect(() => {
    const box = scrollerRef.current;
    const inner = contentRef.current;
    if (!box || !inner) return;
    const onScroll = (): void => {
      stuckRef.current = box.scrollHeight - box.scrollTop - box.clientHeight < SLACK_PX;
    };
    // Growth (new text, a reasoning block opening) fires no scroll event; a resize does.
    const observer = new ResizeObserver(() => {
      if (stuckRef.current) box.scrollTop = box.scrollHeight;
    });
    observer.observe(inner);
    box.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      observer.disconnect();
      box.removeEventListener('scroll', onScroll);
    };
  }, []);

  /** Pins to the end now: a conversation was opened or the user sent a message. */
  const stick = useCallback(() => {
    stuckRef.current = true;
    const box = scrollerRef.current;
    if (box) box.scrollTop = box.scrollHeight;
  }, []);

  return { scrollerRef, contentRef, stick };
}
