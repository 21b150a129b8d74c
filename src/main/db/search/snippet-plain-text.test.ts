import { describe, expect, it } from 'vitest';
import { mapRanges, plainText } from './snippet-plain-text';

const plain = (markdown: string): string => plainText(markdown).text;

describe('plainText', () => {
  it('takes out heading, quote and list marks, and runs lines together', () => {
    expect(plain('## Setup\n\n> quoted\n- one\n* two\n1. three\n- [x] done')).toBe(
      'Setup quoted one two 1. three done',
    );
  });

  it('takes out emphasis, code and link syntax, keeping the words', () => {
    expect(plain('Use **bold**, _soft_, ~~gone~~ and `npm ci`.')).toBe('Use bold, soft, gone and npm ci.');
    expect(plain('See [the docs](https://example.com/a_(b)) and ![a cat](cat.png).')).toBe('See the docs and a cat.');
    expect(plain('```ts\nconst x = 1;\n```')).toBe('const x = 1;');
    expect(plain('| a | b |\n|---|:--:|\n| 1 | 2 |')).toBe('| a | b | | 1 | 2 |');
  });

  it('leaves marks that are text: arithmetic, snake_case, escapes', () => {
    expect(plain('2 * 3 = 6 and a*b')).toBe('2 * 3 = 6 and a*b');
    expect(plain('call snake_case_name now')).toBe('call snake_case_name now');
    expect(plain('a \\*literal\\* star')).toBe('a *literal* star');
  });

  it('remembers where every kept character came from', () => {
    const source = 'a **bold** word';
    const { text, origin } = plainText(source);
    expect(text).toBe('a bold word');
    expect([...text].map((ch, i) => source[origin[i]!] === ch || ch === ' ')).not.toContain(false);
    // "bold" was at 4–8 in the source.
    expect(mapRanges([[4, 8]], origin)).toEqual([[2, 6]]);
    // A range over marks only disappears.
    expect(mapRanges([[2, 4]], origin)).toEqual([]);
  });
});
