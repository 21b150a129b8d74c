// The browser skips a finished markdown group off screen even before it was ever laid out, giving
// it a guessed height (markdown-view.tsx). When the reader scrolls up to such a group, it is laid
// out just before it comes into view and its real height replaces the guess. The change happens
// above what the reader sees, inside a message that reaches down into the view: the list's own
// anchoring leaves such a change alone (it cannot tell where in the message it was), and the
// browser's is off for the list. So the view moves by the difference itself, before the frame is
// painted: what the reader sees stays where it was. Near the end of the list nothing is done: the
// list follows the end there.
import { useEffect, useState } from 'react';
import { END_SLACK_PX, distanceFromEnd } from '../components/scroll-end';

type Watch = (group: HTMLElement | null) => (() => void) | undefined;

/** A ref for the groups that may be skipped: a change of height above the view keeps the view still. */
export function useSteadyAbove(): Watch {
  const [steady] = useState(steadyAbove);
  useEffect(() => steady.dispose, [steady]);
  return steady.watch;
}

function steadyAbove(): { watch: Watch; dispose: () => void } {
  const heights = new WeakMap<Element, number>();
  let observer: ResizeObserver | null = null;

  const resized = (entries: ResizeObserverEntry[]): void => {
    let delta = 0;
    let scroller: Element | null = null;
    for (const entry of entries) {
      const height = entry.borderBoxSize[0]?.blockSize ?? entry.contentRect.height;
      const before = heights.get(entry.target);
      heights.set(entry.target, height);
      if (before === undefined || before === height) continue; // first seen: the height to start from
      scroller ??= scrollerOf(entry.target);
      if (scroller && entry.target.getBoundingClientRect().top < scroller.getBoundingClientRect().top)
        delta += height - before;
    }
    if (!scroller || delta === 0 || distanceFromEnd(scroller) <= END_SLACK_PX + Math.abs(delta)) return;
    scroller.scrollTop += delta;
  };

  return {
    watch: (group) => {
      if (!group) return undefined;
      observer ??= new ResizeObserver(resized);
      observer.observe(group);
      return () => {
        observer?.unobserve(group);
        heights.delete(group);
      };
    },
    dispose: () => {
      observer?.disconnect();
      observer = null;
    },
  };
}

/** The nearest ancestor that scrolls vertically. */
function scrollerOf(element: Element): Element | null {
  for (let at = element.parentElement; at; at = at.parentElement) {
    const { overflowY } = getComputedStyle(at);
    if (overflowY === 'auto' || overflowY === 'scroll') return at;
  }
  return null;
}
