// A conversation's first title, made locally from the first message: its first line with text, as
// a reader sees it rendered (markdown's marks taken out, as search snippets do), shortened at a
// word boundary.
import { plainText } from '../db/search/snippet-plain-text';

export function titleFrom(content: string, max = 60): string {
  let line = '';
  for (const raw of content.slice(0, 4000).split(/\r?\n/)) {
    line = plainText(raw).text.replace(/\s+/g, ' ').trim();
    if (line) break;
  }
  if (!line) return 'New chat';
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
