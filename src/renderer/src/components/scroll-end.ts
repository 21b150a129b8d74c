// Where a scrolling list's end is, as the list and what sits in it agree on it.

/** Within this many pixels of the end still counts as at the end (a list there follows new content). */
export const END_SLACK_PX = 48;

/** Pixels between the bottom of what `scroller` shows and the end of its content. */
export function distanceFromEnd(scroller: Element): number {
  return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
}
