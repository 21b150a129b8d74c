// Cutting a snippet at its highlight offsets: marks where main said, text kept whole, bad ranges ignored.
import { describe, expect, it } from 'vitest';
import { snippetParts } from './highlighted-text';

describe('snippetParts', () => {
  it('marks each range and keeps the text around it', () => {
    expect(snippetParts({ text: '…去北京天安门吧', highlights: [[2, 4]] })).toEqual([
      { text: '…去', marked: false },
      { text: '北京', marked: true },
      { text: '天安门吧', marked: false },
    ]);
    expect(snippetParts({ text: 'ab', highlights: [[0, 2]] })).toEqual([{ text: 'ab', marked: true }]);
    expect(snippetParts({ text: 'plain', highlights: [] })).toEqual([{ text: 'plain', marked: false }]);
  });

  it('ignores ranges that overlap, run backwards or past the end', () => {
    const parts = snippetParts({
      text: 'abcdef',
      highlights: [
        [1, 3],
        [2, 4],
        [5, 4],
        [4, 99],
      ],
    });
    expect(parts).toEqual([
      { text: 'a', marked: false },
      { text: 'bc', marked: true },
      { text: 'def', marked: false },
    ]);
    expect(parts.map((p) => p.text).join('')).toBe('abcdef');
  });
});
