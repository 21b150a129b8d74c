// Paces a burst. When a fast server's answer lands in one flush (100 KB arriving within a frame or
// two), rendering all of it in one go is a long task that freezes the window. Instead, text that
// grows by more than a fast stream adds in a frame is revealed a step at a time, each step as a
// React transition: its render is cut into slices the browser can paint between, and an arriving
// token batch or a keystroke is served first. What is left for one task is the step's commit (its
// DOM put in place) and the frame that draws it, which stays small because finished markdown off
// screen is not laid out (markdown-view.tsx). Normal streaming (a few hundred characters a flush)
// and text shown whole (history, an edited message) are not held back at all.
import { startTransition, useEffect, useState } from 'react';

/** Growth shown at once: more than even a very fast server streams in a frame. */
export const AT_ONCE = 2000;
/**
 * Characters a step reveals at most: committing 100 KB of markdown (its DOM put in place, formulas
 * moved in) and drawing the frame after it costs about 20 ms here (bench 11); a bigger burst takes
 * several steps.
 */
export const STEP = 100_000;
/** How far past the step a cut may move to end at a line break. */
const LINE_SLACK = 1500;

/** Where the shown text ends after one step from `shown` characters toward all of `text`. */
export function revealEnd(text: string, shown: number, step = STEP): number {
  if (text.length - shown <= step) return text.length;
  const at = shown + step;
  const lineEnd = text.indexOf('\n', at);
  if (lineEnd !== -1 && lineEnd - at <= LINE_SLACK) return lineEnd + 1;
  // Never between the halves of a surrogate pair.
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at + 1 : at;
}

/** What a render shows of `text` given what was `shown` before: all of it when it grew by little or changed. */
export function shownNow(text: string, shown: string): string {
  return text.length - shown.length <= AT_ONCE || !text.startsWith(shown) ? text : shown;
}

/**
 * The part of `text` to render now, and whether more is still to come. `live`: the text is still
 * streaming when this first renders, so even its first render is paced (a fast server's answer can
 * be whole before the answer is first drawn); text shown whole from the start (history) is not.
 */
export function useRevealedText(text: string, live = false): { shown: string; pending: boolean } {
  const [shown, setShown] = useState(() => (live ? '' : text));
  const current = shownNow(text, shown);
  if (current !== shown) setShown(current);
  const pending = current.length < text.length;
  useEffect(() => {
    if (!pending) return;
    // One step a frame at most, after the previous step was drawn.
    const id = requestAnimationFrame(() =>
      startTransition(() => setShown(text.slice(0, revealEnd(text, current.length)))),
    );
    return () => cancelAnimationFrame(id);
  }, [pending, current, text]);
  return { shown: current, pending };
}
