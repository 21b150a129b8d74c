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
  });

  it('reads a table as its cells a space apart, without pipes or rule rows', () => {
    expect(plain('| a | b |\n|---|:--:|\n| 1 | 2 |')).toBe('a b 1 2');
    // Without the outer pipes (GFM allows it): the rule row tells it is a table.
    expect(plain('name | size\n--- | ---\nvLLM | 1.1')).toBe('name size vLLM 1.1');
    // A snippet cut after the rule row: a row still starts or ends with a pipe.
    expect(plain('LM | SSE | 1.1 |\n| Ollama | NDJSON | 1.1 |')).toBe('LM SSE 1.1 Ollama NDJSON 1.1');
    // An escaped pipe is a cell's text; prose with a pipe in it is not a table.
    expect(plain('| a \\| b | c |')).toBe('a | b c');
    expect(plain('cat file | grep x')).toBe('cat file | grep x');
  });

  it('shows math as its TeX, without the fences', () => {
    expect(plain('Then $E = mc^2$ holds.')).toBe('Then E = mc^2 holds.');
    expect(plain('$$\\int_0^1 x^2 \\, dx = \\frac{1}{3}$$')).toBe('\\int_0^1 x^2 \\, dx = \\frac{1}{3}');
    expect(plain('Before\n\n$$\n\\sum_{i=1}^n i\n$$\n\nafter')).toBe('Before \\sum_{i=1}^n i after');
    expect(plain('So \\(a_1 * b_2\\) and \\[x\\]')).toBe('So a_1 * b_2 and x');
    // TeX is kept as written: no emphasis or escapes are read in it.
    expect(plain('$a *b* \\{c\\}$')).toBe('a *b* \\{c\\}');
  });

  it('leaves dollars that are not math: prices, code, escapes', () => {
    expect(plain('It costs $5 and $10.')).toBe('It costs $5 and $10.');
    expect(plain('Run `echo $HOME$` now')).toBe('Run echo $HOME$ now');
    expect(plain('```sh\necho $a$\n```')).toBe('echo $a$');
    expect(plain('a \\$x$ b')).toBe('a $x$ b');
  });

  it('keeps the highlight on a match inside a table cell and inside math', () => {
    const table = '| server | framing |\n|---|---|\n| vLLM | SSE |';
    const cell = plainText(table);
    expect(cell.text).toBe('server framing vLLM SSE');
    const at = table.indexOf('vLLM');
    const [range] = mapRanges([[at, at + 4]], cell.origin);
    expect(cell.text.slice(...range!)).toBe('vLLM');

    const formula = 'So $x^2 + y^2$ and $$\\frac{a}{b}$$';
    const math = plainText(formula);
    expect(math.text).toBe('So x^2 + y^2 and \\frac{a}{b}');
    const y = formula.indexOf('y^2');
    const frac = formula.indexOf('frac');
    const ranges = mapRanges(
      [
        [y, y + 3],
        [frac, frac + 4],
      ],
      math.origin,
    );
    expect(ranges.map((r) => math.text.slice(...r))).toEqual(['y^2', 'frac']);
  });

  it('keeps code as written: no emphasis, table or math read in it', () => {
    expect(plain('```python\nreturn 3.14 * r ** 2\n| a | b |\n```')).toBe('return 3.14 * r ** 2 | a | b |');
    expect(plain('Use `a **b** c` and `x_1_`.')).toBe('Use a **b** c and x_1_.');
    expect(plain('``one ` tick`` here')).toBe('one ` tick here');
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
