// The reader of a Qwen3-Coder block's parameters as they grow reads only what is new each time; it
// must say exactly what reading the whole text so far says, after every piece, however it is cut.
import { describe, expect, it } from 'vitest';
import { XmlArguments } from './text-tool-call-xml-preview';
import { partialTagAtEnd } from './think-tags';

/** The plain reading, all of the text each time (as the preview did before it read only what is new). */
function wholeReading(inner: string): string {
  const parts: string[] = [];
  let open = '';
  for (const match of inner.matchAll(/<parameter=([^>\n]+)>/g)) {
    const from = match.index + match[0].length;
    const close = inner.indexOf('</parameter>', from);
    const key = JSON.stringify(match[1]!.trim());
    if (close >= 0) {
      const value = inner.slice(from, close).replace(/^\n/, '').replace(/\n$/, '');
      parts.push(`${key}: ${JSON.stringify(value)}`);
      continue;
    }
    const value = inner.slice(from);
    let sure = value.slice(0, value.length - partialTagAtEnd(value, '</parameter>'));
    sure = sure.replace(/^\n/, '').replace(/\n$/, '');
    const last = sure.charCodeAt(sure.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) sure = sure.slice(0, -1);
    open = `${key}: "${JSON.stringify(sure).slice(1, -1)}`;
    break;
  }
  const text = `{${[...parts, ...(open ? [open] : [])].join(', ')}`;
  return !open && inner.includes('</function>') ? `${text}}` : text;
}

const texts = [
  '\n<parameter=path>\n/tmp/a b.txt\n</parameter>\n<parameter=limit>\n10\n</parameter>\n</function>\n',
  '<parameter=a>\nfoo <parameter=b> bar\n</parameter>\n</function>',
  '<parameter=a>1</parameter></function><parameter=b>2</parameter></function>',
  '<parameter=emoji>\n\u{1F600}x\u{1F600}\n</parameter><parameter=lone>\ud83d</parameter>\n</function>',
  '<parameter=c>a </param b </parameter c\n</parameter><parameter=d>\n\n\n</parameter><parameter=e></parameter>',
  '<parameter=a\nb>x</parameter><parameter= spaced >"quoted" \\ back\tslash \u0001</parameter></function>',
  '<parameter=code>\nif (a < b && c<d) { return x </ y; }\n<\n</parameter>\n</function>',
];

/** Cuts `text` into pieces of one to `most` characters (the same cuts for the same seed). */
function cuts(text: string, most: number, seed: number): number[] {
  const ends: number[] = [];
  for (let at = 0, state = seed; at < text.length;) {
    state = (state * 48_271) % 2_147_483_647;
    at = Math.min(text.length, at + 1 + (state % most));
    ends.push(at);
  }
  return ends;
}

describe('the parameters of a Qwen3-Coder block read as they grow', () => {
  it('say what the whole text so far says, after every piece, cut a character at a time or in pieces', () => {
    for (const text of texts) {
      for (const [most, seed] of [
        [1, 1],
        [3, 7],
        [12, 11],
        [40, 5],
      ] as const) {
        const reader = new XmlArguments();
        let shown = '';
        let broken = false;
        for (const end of cuts(text, most, seed)) {
          const inner = text.slice(0, end);
          const whole = wholeReading(inner);
          const added = reader.read(inner);
          const where = `${JSON.stringify(inner)} in pieces of up to ${most}`;
          if (added === null) {
            // The whole reading no longer starts with what was shown, now or later.
            broken = true;
            expect(whole.startsWith(shown), where).toBe(false);
            continue;
          }
          expect(broken, where).toBe(false);
          shown += added;
          expect(shown, where).toBe(whole);
          expect(reader.text, where).toBe(whole);
        }
      }
    }
  });

  it('says what the text grew by: a value, its closing quote, the end of the object; nothing once it no longer grows', () => {
    const reader = new XmlArguments();
    expect(reader.read('\n<parameter=path>\n/a')).toBe('{"path": "/a');
    expect(reader.read('\n<parameter=path>\n/a\n</parameter>\n')).toBe('"');
    expect(reader.read('\n<parameter=path>\n/a\n</parameter>\n</function>')).toBe('}');
    expect(reader.text).toBe('{"path": "/a"}');
    // A parameter after the object's end: what was shown is no longer the start of it.
    expect(reader.read('\n<parameter=path>\n/a\n</parameter>\n</function><parameter=b>')).toBeNull();
    expect(reader.read('\n<parameter=path>\n/a\n</parameter>\n</function><parameter=b>2</parameter>')).toBeNull();
  });
});
