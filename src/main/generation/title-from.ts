// A conversation's first title, made locally from the first message: its first line, shortened
// at a word boundary.
export function titleFrom(content: string, max = 60): string {
  const line = content.trim().split(/\r?\n/, 1)[0]?.replace(/\s+/g, ' ').trim() ?? '';
  if (!line) return 'New chat';
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
