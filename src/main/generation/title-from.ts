// A conversation's first title, made locally from the first message: its first line with text, as
// a reader sees it rendered (markdown's marks taken out, table pipes and math fences too, as search
// snippets do), shortened at a word boundary.
import { plainText } from '../db/search/snippet-plain-text';

export function titleFrom(content: string, max = 60): string {
  const source = content.slice(0, 4000);
  // Read whole, so math or a table over several lines reads as it renders; then the kept
  // characters of the first source line that kept any.
  const { text, origin } = plainText(source);
  if (!text) return 'New chat';
  const lineEnd = source.indexOf('\n', origin[0]);
  let end = 0;
  while (end < text.length && (lineEnd < 0 || origin[end]! < lineEnd)) end++;
  const line = text.slice(0, end).trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
