// Names offered for saved files: readable, safe on Windows, macOS and Linux, and dated.

// Control characters are exactly what must go, so the pattern names them.
// eslint-disable-next-line no-control-regex
const unsafe = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;

/** "My chat" → "My chat.md"; characters no file system accepts become "-", and long titles are cut. */
export function fileNameFor(title: string, extension: string, fallback = 'conversation'): string {
  const cleaned = title
    .replace(unsafe, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.-]+|[\s.]+$/g, '');
  const short = Array.from(cleaned).slice(0, 80).join('').trim();
  return `${short || fallback}.${extension}`;
}

/** 2025-03-04-1530 in local time, for names of backups and full exports. */
export function stamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}`;
}
