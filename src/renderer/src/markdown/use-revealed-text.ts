// Paces a burst. When a fast server's answer lands in one flush (100 KB arriving within a frame or
// two), rendering all of it at once is one long task that freezes the window. Instead, text that
// grows by more than a frame's budget is shown a budget at a time, one step per animation frame, so
// each frame's markdown work stays small. The budget follows this machine's measured speed (how
// many characters a step rendered per millisecond), aiming at STEP_MS of work a frame. Normal
// streaming (a few hundred bytes a flush) and text shown whole (history, an edited message) are not
// held back at all.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/** Milliseconds of rendering a paced step aims at: well under a 50 ms long task. */
const STEP_MS = 12;
const MIN_BUDGET = 1000;
const MAX_BUDGET = 32_000;
/** How far past the budget a cut may move to end at a line break. */
const LINE_SLACK = 1500;

/** Characters rendered per millisecond, learnt from paced steps (starts cautious). */
let charsPerMs = 250;

/** The characters of new text the next step may render. */
export function revealBudget(): number {
  return Math.round(Math.min(MAX_BUDGET, Math.max(MIN_BUDGET, charsPerMs * STEP_MS)));
}

/** Learns from a step that rendered `chars` new characters in `ms`. */
export function noteStep(chars: number, ms: number): void {
  if (chars < MIN_BUDGET || ms <= 0) return;
  charsPerMs = charsPerMs * 0.5 + (chars / ms) * 0.5;
}

/** Where the shown text ends after one step from `shown` characters toward all of `text`. */
export function revealEnd(text: string, shown: number, budget: number): number {
  if (text.length - shown <= budget) return text.length;
  const at = shown + budget;
  const lineEnd = text.indexOf('\n', at);
  if (lineEnd !== -1 && lineEnd - at <= LINE_SLACK) return lineEnd + 1;
  // Never between the halves of a surrogate pair.
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at + 1 : at;
}

/**
 * The part of `text` to render now, and whether more is still to come. `live`: the text is still
 * streaming when this first renders, so even its first render is paced (a fast server's answer can
 * be whole before the answer is first drawn); text shown whole from the start (history) is not.
 */
export function useRevealedText(text: string, live = false): { shown: string; pending: boolean } {
  const [shown, setShown] = useState(() => (live ? '' : text));
  // Text that replaced what was shown, or grew by less than a step, is shown at once.
  const current = !text.startsWith(shown) || text.length - shown.length <= revealBudget() ? text : shown;
  if (current !== shown) setShown(current);
  const pending = current.length < text.length;
  const step = useRef<{ at: number; from: number } | null>(null);
  // After the DOM is updated, before paint: how long the step's render took.
  useLayoutEffect(() => {
    if (!step.current) return;
    noteStep(current.length - step.current.from, performance.now() - step.current.at);
    step.current = null;
  });
  useEffect(() => {
    if (!pending) return;
    const id = requestAnimationFrame(() => {
      step.current = { at: performance.now(), from: current.length };
      setShown(text.slice(0, revealEnd(text, current.length, revealBudget())));
    });
    return () => cancelAnimationFrame(id);
  }, [pending, current, text]);
  return { shown: current, pending };
}
