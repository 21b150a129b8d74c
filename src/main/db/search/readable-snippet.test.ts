import { describe, expect, it } from 'vitest';
import type { SearchSnippet } from '../../../shared/domain';
import { cutAround, markClose, markOpen, parseMarked, readableSnippet, snippetAround } from './search-snippet';

const marked = (s: SearchSnippet): string[] => s.highlights.map(([a, b]) => s.text.slice(a, b));

const long = (words: number, from = 0): string => Array.from({ length: words }, (_, i) => `word${from + i}`).join(' ');

describe('readableSnippet', () => {
  it('keeps a short plain text whole', () => {
    const s = readableSnippet({ text: 'The quick fox', highlights: [[4, 9]] });
    expect(s).toEqual({ text: 'The quick fox', highlights: [[4, 9]] });
  });

  it('centres the first match, cuts between words and marks both cuts', () => {
    const text = `${long(40)} needle ${long(40, 100)}`;
    const s = readableSnippet(snippetAround(text, ['needle']), 80);
    expect(marked(s)).toEqual(['needle']);
    expect(s.text.startsWith('…word')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    // Whole words only on each side.
    const inner = s.text.slice(1, -1);
    for (const w of inner.split(' ')) expect(w).toMatch(/^(word\d+|needle)$/);
    const at = s.text.indexOf('needle');
    expect(Math.abs(at - (s.text.length - at - 'needle'.length))).toBeLessThan(20);
  });

  it('drops the partial words at edges another cut left (FTS5’s ellipses)', () => {
    const fts = {
      text: '…rown fox jumps over the lazy dog and then some more te…',
      highlights: [[10, 15]] as [number, number][],
    };
    const s = readableSnippet(fts);
    expect(s.text).toBe('…fox jumps over the lazy dog and then some more…');
    expect(marked(s)).toEqual(['jumps']);
  });

  it('cuts CJK text between characters, with a smaller budget for wide characters', () => {
    const text = `${'天气很好我们'.repeat(20)}北京${'明天去广场看升旗'.repeat(20)}`;
    const s = readableSnippet(snippetAround(text, ['北京']), 120);
    expect(marked(s)).toEqual(['北京']);
    expect(s.text.length).toBeLessThanOrEqual(62);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
  });

  it('strips markdown and keeps the highlight on the matched words', () => {
    const s = readableSnippet({
      text: '# Title\n\nUse **the `needle` here** and [a link](http://x.y).',
      highlights: [[20, 26]],
    });
    expect(s.text).toBe('Title Use the needle here and a link.');
    expect(marked(s)).toEqual(['needle']);
    expect(s.text).not.toMatch(/[*`#[\]()]/);
  });

  it('reads a table row as its cells and math as its TeX, the match still marked', () => {
    const table = 'Servers:\n\n| server | framing |\n|---|---|\n| vLLM | SSE |\n| Ollama | NDJSON |';
    const cell = readableSnippet(snippetAround(table, ['ndjson'], 200, 400));
    expect(cell.text).toBe('Servers: server framing vLLM SSE Ollama NDJSON');
    expect(marked(cell)).toEqual(['NDJSON']);
    // Cut inside the table (as FTS5 and snippetAround cut), the rows still lose their pipes.
    const cut = readableSnippet(snippetAround(table, ['ndjson'], 20));
    expect(cut.text).toBe('…Ollama NDJSON');
    expect(marked(cut)).toEqual(['NDJSON']);

    const math = readableSnippet(snippetAround('The area is $$\\pi r^2$$ and $d = 2r$.', ['2r'], 100));
    expect(math.text).toBe('The area is \\pi r^2 and d = 2r.');
    expect(marked(math)).toEqual(['2r']);
  });

  it('keeps a match that starts the text and never splits a surrogate pair', () => {
    const text = `needle ${'😀'.repeat(200)}`;
    const s = readableSnippet(snippetAround(text, ['needle']), 40);
    expect(marked(s)).toEqual(['needle']);
    expect(s.text.startsWith('needle')).toBe(true);
    expect(s.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('parseMarked and cutAround', () => {
  it('reads match marks into offsets, and cuts a window around the first one', () => {
    const s = parseMarked(`one ${markOpen}two${markClose} three ${markOpen}four${markClose}`);
    expect(s).toEqual({
      text: 'one two three four',
      highlights: [
        [4, 7],
        [14, 18],
      ],
    });
    const cut = cutAround({ text: `${'x'.repeat(50)}needle${'y'.repeat(50)}`, highlights: [[50, 56]] }, 10, 30);
    expect(cut.text).toBe(`…${'x'.repeat(10)}needle${'y'.repeat(14)}…`);
    expect(marked(cut)).toEqual(['needle']);
    expect(cutAround(s, 10, 100)).toBe(s);
  });
});
