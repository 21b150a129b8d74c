// Snippets of search hits as plain text plus highlight offsets, never HTML: the renderer draws the
// marks itself. FTS5 marks matches with two Unicode noncharacters (reserved for exactly this kind
// of internal use, so model output does not carry them); short terms are found here.
import type { SearchSnippet } from '../../../shared/domain';

export const markOpen = '\uFDD0';
export const markClose = '\uFDD1';

/** Reads FTS5 `snippet()` output marked with markOpen/markClose into text and offsets. */
export function parseMarked(marked: string): SearchSnippet {
  let text = '';
  const highlights: [number, number][] = [];
  let start = -1;
  for (const ch of marked) {
    if (ch === markOpen) {
      if (start < 0) start = text.length;
    } else if (ch === markClose) {
      if (start >= 0 && text.length > start) highlights.push([start, text.length]);
      start = -1;
    } else {
      text += ch;
    }
  }
  return { text, highlights: merge(highlights) };
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
