// A search snippet drawn as text with its matches in <mark>: main sends offsets, never HTML.
import type { SearchSnippet } from '../../../../shared/domain';

/** The snippet cut at its highlight offsets; ranges out of bounds or out of order are skipped. */
export function snippetParts(snippet: SearchSnippet): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [start, end] of snippet.highlights) {
    if (start < at || end <= start || end > snippet.text.length) continue;
    if (start > at) parts.push({ text: snippet.text.slice(at, start), marked: false });
    parts.push({ text: snippet.text.slice(start, end), marked: true });
    at = end;
  }
  if (at < snippet.text.length) parts.push({ text: snippet.text.slice(at), marked: false });
  return parts;
}

export function HighlightedText({ snippet }: { snippet: SearchSnippet }) {
  return <>{snippetParts(snippet).map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : part.text))}</>;
}
