// Which link targets may become links at all; main checks again before opening anything.
const allowed = new Set(['http:', 'https:', 'mailto:']);

/** The normalized URL when it is absolute http(s) or mailto, else null (rendered as plain text). */
export function safeHref(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  return allowed.has(url.protocol) ? url.href : null;
}
