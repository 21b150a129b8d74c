// Snippets of search hits as plain text plus highlight offsets, never HTML: the renderer draws the
// marks itself. FTS5 marks matches with two Unicode noncharacters (reserved for exactly this kind
// of internal use, so model output does not carry them); short terms are found here.
import type { SearchSnippet } from '../../../shared/domain';
import { mapRanges, plainText } from './snippet-plain-text';

export const markOpen = '\uFDD0';
export const markClose = '\uFDD1';

/** Reads FTS5 `highlight()` or `snippet()` output marked with markOpen/markClose into text and offsets. */
export function parseMarked(marked: string): SearchSnippet {
  const parts: string[] = [];
  const highlights: [number, number][] = [];
  let length = 0;
  let at = 0;
  while (at < marked.length) {
    const open = marked.indexOf(markOpen, at);
    const plainEnd = open < 0 ? marked.length : open;
    const plain = marked.slice(at, plainEnd).replaceAll(markClose, '');
    parts.push(plain);
    length += plain.length;
    if (open < 0) break;
    const close = marked.indexOf(markClose, open + 1);
    const inner = marked.slice(open + 1, close < 0 ? marked.length : close).replaceAll(markOpen, '');
    if (inner.length) highlights.push([length, length + inner.length]);
    parts.push(inner);
    length += inner.length;
    at = close < 0 ? marked.length : close + 1;
  }
  return { text: parts.join(''), highlights: merge(highlights) };
}

/** SQLite's LIKE ignores case for ASCII letters only; folding just those keeps every offset. */
const foldAscii = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

function occurrences(text: string, terms: readonly string[]): [number, number][] {
  const folded = foldAscii(text);
  const found: [number, number][] = [];
  for (const term of terms) {
    const needle = foldAscii(term);
    if (!needle) continue;
    for (let i = folded.indexOf(needle); i >= 0; i = folded.indexOf(needle, i + needle.length)) {
      found.push([i, i + needle.length]);
    }
  }
  return found;
}

/** Sorted, with overlapping or touching ranges joined. */
function merge(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Adds highlights for every occurrence of the terms in the snippet's text. */
export function highlightTerms(snippet: SearchSnippet, terms: readonly string[]): SearchSnippet {
  const extra = occurrences(snippet.text, terms);
  if (extra.length === 0) return snippet;
  return { text: snippet.text, highlights: merge([...snippet.highlights, ...extra]) };
}

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * A window of a marked text around its first highlight (`before` characters ahead of it, `length`
 * in all), with an ellipsis where it was cut and the highlights moved with it.
 */
export function cutAround(snippet: SearchSnippet, before: number, length: number): SearchSnippet {
  const { text, highlights } = snippet;
  if (text.length <= length) return snippet;
  const first = highlights[0]?.[0] ?? 0;
  let start = Math.max(0, Math.min(first - before, text.length - length));
  let end = Math.min(text.length, start + length);
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start--;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end++;
  const lead = start > 0 ? 1 : 0;
  return {
    text: `${lead ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`,
    highlights: highlights
      .filter(([s, e]) => e > start && s < end)
      .map(([s, e]): [number, number] => [Math.max(s, start) - start + lead, Math.min(e, end) - start + lead]),
  };
}

/**
 * A window of `content` around the first occurrence of any term (`before` characters ahead of it,
 * `length` in all), with an ellipsis where it was cut, and every occurrence highlighted.
 */
export function snippetAround(content: string, terms: readonly string[], before = 30, length = 140): SearchSnippet {
  const first = occurrences(content, terms).reduce((min, [s]) => Math.min(min, s), Number.POSITIVE_INFINITY);
  let start = Number.isFinite(first) ? Math.max(0, first - before) : 0;
  let end = Math.min(content.length, start + length);
  // Never cut a surrogate pair in half.
  if (start > 0 && isLowSurrogate(content.charCodeAt(start))) start--;
  if (end < content.length && isLowSurrogate(content.charCodeAt(end))) end++;
  const text = `${start > 0 ? '…' : ''}${content.slice(start, end)}${end < content.length ? '…' : ''}`;
  return highlightTerms({ text, highlights: [] }, terms);
}

// Scripts written without spaces between words: a snippet is cut between any two characters there.
const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const wordChar = /[\p{L}\p{N}]/u;
/** How far a cut may move to reach a space before it gives up and cuts inside the word. */
const snapReach = 20;

/** Moves a cut at the start forward past a partial word (when `partial` says it may be one). */
function snapStart(text: string, start: number, limit: number, partial: boolean): number {
  if (start >= text.length) return start;
  if (isLowSurrogate(text.charCodeAt(start))) start--;
  if (unspaced.test(text[start]!)) return start;
  if (!partial && !wordChar.test(text[start - 1] ?? ' ')) return start;
  const space = text.slice(start, Math.min(limit, start + snapReach)).search(/\s/);
  return space >= 0 ? start + space + 1 : start;
}

/** Moves a cut at the end back before a partial word, never before `limit`. */
function snapEnd(text: string, end: number, limit: number, partial: boolean): number {
  if (end <= 0) return end;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end++;
  if (unspaced.test(text[end - 1]!)) return end;
  if (!partial && !wordChar.test(text[end] ?? ' ')) return end;
  const from = Math.max(limit, end - snapReach);
  const space = text.slice(from, end).search(/\s\S*$/);
  return space >= 0 ? from + space : end;
}

/** Half as many characters fit a line when most of them are wide (CJK). */
function budgetFor(text: string, length: number): number {
  let wide = 0;
  for (const ch of text) if (unspaced.test(ch)) wide++;
  return wide * 3 > text.length ? Math.round(length / 2) : length;
}

/**
 * The snippet as the result list shows it: plain text (markdown's marks out, see
 * snippet-plain-text.ts), at most about `length` characters centred on the first match (90: the
 * three lines the sidebar shows, so a match near the end is not clamped out of sight), cut
 * between words (between characters in CJK), with an ellipsis where it was cut. `snippet` may
 * itself be a cut (FTS5's, or snippetAround's), marked by a leading or trailing ellipsis.
 */
export function readableSnippet(snippet: SearchSnippet, length = 90): SearchSnippet {
  let source = snippet.text;
  let marks = snippet.highlights;
  const cutBefore = source.startsWith('…');
  const cutAfter = source.endsWith('…') && source.length > 1;
  if (cutBefore) {
    source = source.slice(1);
    marks = marks.map(([s, e]): [number, number] => [s - 1, e - 1]).filter(([, e]) => e > 0);
  }
  if (cutAfter) source = source.slice(0, -1);
  const plain = plainText(source);
  const text = plain.text;
  const highlights = mapRanges(marks, plain.origin);

  const budget = budgetFor(text, length);
  const [first, firstEnd] = highlights[0] ?? [0, 0];
  let start = 0;
  let end = text.length;
  if (text.length > budget) {
    const span = Math.min(firstEnd - first, budget);
    start = Math.max(0, Math.min(text.length - budget, first - Math.floor((budget - span) / 2)));
    end = start + budget;
  }
  const cutStart = start > 0 || cutBefore;
  const cutEnd = end < text.length || cutAfter;
  // An edge someone else cut may be inside a word; one cut here is, when a letter is on each side.
  if (cutStart) start = snapStart(text, start, highlights.length ? first : end, start === 0);
  if (cutEnd) end = snapEnd(text, end, highlights.length ? Math.max(firstEnd, start) : start, end === text.length);
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;

  const lead = cutStart ? 1 : 0;
  const shown = highlights
    .map(([s, e]): [number, number] => [Math.max(s, start) - start + lead, Math.min(e, end) - start + lead])
    .filter(([s, e]) => e > s);
  return { text: `${cutStart ? '…' : ''}${text.slice(start, end)}${cutEnd ? '…' : ''}`, highlights: shown };
}
