// Incremental splitting must give exactly what lexing the whole text gives, at every step of a
// stream, while keeping finished blocks as the same objects (so their render is skipped).
import { describe, expect, it, vi } from 'vitest';
import { markdown } from './markdown-lexer';
import { splitBlocks, toBlocks, type BlockSplit } from './to-blocks';

const doc = `# Title

A paragraph with **bold**, \`code\` and a [link](https://example.com).
It continues on a second line.

Setext heading
--------------

- one
- two
  - nested

- loose after a blank line
1. ordered

2. loose ordered
3. three

> a quote
lazy continuation

\`\`\`js
const x = 1;

console.log(x);
\`\`\`

    indented code

| a | b |
|---|:-:|
| 1 | 2 |
| 3 | 4 |

<div>raw
html</div>

Term with trailing hard break  
next line

***

- [x] task done
- [ ] task open

Final paragraph with ~~strike~~ and an ![image](https://example.com/i.png).
`;

const shape = (split: BlockSplit) => split.blocks.map((b) => JSON.stringify(b.token));

function stream(text: string, chunk: number): void {
  let previous: BlockSplit | null = null;
  for (let end = chunk; end < text.length + chunk; end += chunk) {
    const prefix = text.slice(0, end);
    const incremental = splitBlocks(prefix, previous);
    expect(shape(incremental), `after ${prefix.length} characters`).toEqual(shape(toBlocks(prefix)));
    previous = incremental;
  }
}

describe('toBlocks', () => {
  it('splits into top-level blocks whose raws add up to the text', () => {
    const split = toBlocks(doc);
    expect(split.blocks.map((b) => b.raw).join('')).toBe(doc);
    expect(split.reusable).toBe(true);
    const types = split.blocks.map((b) => b.token.type).filter((t) => t !== 'space');
    expect(types.slice(0, 4)).toEqual(['heading', 'paragraph', 'heading', 'list']);
    expect(types).toContain('table');
    expect(types).toContain('code');
    expect(types).toContain('html');
  });

  it.each([1, 2, 3, 5, 8, 13, 40])('streams in chunks of %i exactly like a full lex', (chunk) => {
    stream(doc, chunk);
  });

  it('keeps finished blocks as the same objects and re-lexes only the tail', () => {
    const first = toBlocks(doc);
    const next = splitBlocks(`${doc}more text`, first);
    expect(next.blocks[0]).toBe(first.blocks[0]);
    expect(next.blocks[5]).toBe(first.blocks[5]);
    expect(next.blocks.at(-1)?.raw).toContain('more text');
  });

  it('returns the previous split when nothing changed', () => {
    const first = toBlocks(doc);
    expect(splitBlocks(doc, first)).toBe(first);
  });

  it('lexes whole when the text was replaced rather than extended', () => {
    const first = toBlocks('# one\n\ntwo');
    expect(shape(splitBlocks('# uno\n\ntwo', first))).toEqual(shape(toBlocks('# uno\n\ntwo')));
  });

  it('lexes whole once a reference definition appears, so earlier links resolve', () => {
    const text = 'See [the docs][d].\n\nMore.\n\n[d]: https://example.com/docs\n';
    stream(text, 3);
    const split = toBlocks(text);
    expect(split.reusable).toBe(false);
    expect(split.refs).toContain('https://example.com/docs');
  });

  it('matches a full lex on random documents made of awkward fragments, streamed unevenly', () => {
    // Fragments chosen to reach backwards: setext underlines, lazy lines, loose lists, indented
    // code, unclosed fences and HTML blocks, whitespace-only lines.
    const fragments = [
      '# h\n',
      'para text\n',
      '\n',
      '\n\n',
      '- a\n',
      '  - b\n',
      '1. x\n',
      '2. y\n',
      '> q\n',
      'lazy\n',
      '```\n',
      'code\n',
      '    ind\n',
      '| a | b |\n',
      '|---|---|\n',
      '| 1 | 2 |\n',
      '---\n',
      '===\n',
      '<div>\n',
      '</div>\n',
      '***\n',
      'x  \n',
      '* s\n',
      '  cont\n',
      '~~~\n',
      'a *b',
      '<!--\n',
      '-->\n',
      '10) z\n',
      '- [ ] t\n',
      '  > nested\n',
      '   \n',
      '<pre>\n',
      '</pre>\n',
      '>\n',
      '    \n',
      '```js\n',
      'text\n\n',
      '$$\n',
      '$$x = 1$$\n',
      '\\[\n',
      '\\]\n',
      'with $x^2$ math ',
      'a $b\n',
      '  $$\n',
    ];
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let doc = 0; doc < 1500; doc++) {
      let text = '';
      for (let i = 3 + random(14); i > 0; i--) text += fragments[random(fragments.length)];
      let previous: BlockSplit | null = null;
      for (let end = 0; end < text.length;) {
        end = Math.min(text.length, end + 1 + random(6));
        const prefix = text.slice(0, end);
        const incremental = splitBlocks(prefix, previous);
        expect(shape(incremental), JSON.stringify(prefix)).toEqual(shape(toBlocks(prefix)));
        previous = incremental;
      }
    }
  });

  it('handles CRLF text by lexing it whole', () => {
    stream('a\r\n\r\nb\r\n- c\r\n- d\r\n', 2);
  });

  it('lexes only the growing tail while streaming: finished text, math and code are lexed once', () => {
    const answer = [
      '## Derivation',
      '',
      'We want $f(x) = x^2$ and its integral, which is cheap to check:',
      '',
      '$$',
      '\\int_0^1 x^2\\,dx = \\frac{1}{3}',
      '$$',
      '',
      '```python',
      'from sympy import integrate, symbols',
      'x = symbols("x")',
      'print(integrate(x**2, (x, 0, 1)))',
      '```',
      '',
      '| n | $n^2$ |',
      '|--:|:--|',
      '| 2 | 4 |',
      '',
      '- [x] ~~guess~~ the answer',
      '- [ ] prove it, see https://example.com/proof',
      '',
      'So \\(\\frac13\\) it is; that costs $5 and $10 less than a textbook.',
      '',
    ]
      .join('\n')
      .repeat(4);
    const lexer = vi.spyOn(markdown, 'lexer');
    let previous: BlockSplit | null = null;
    let lexed = 0;
    let longest = 0;
    let wholeEachTime = 0;
    try {
      for (let end = 3; end < answer.length + 3; end += 3) {
        const prefix = answer.slice(0, end);
        const before = previous;
        lexer.mockClear();
        previous = splitBlocks(prefix, previous);
        expect(lexer.mock.calls.length).toBeLessThanOrEqual(1);
        const input = lexer.mock.calls[0]?.[0] ?? '';
        lexed += input.length;
        longest = Math.max(longest, input.length);
        wholeEachTime += prefix.length;
        // What was lexed starts where a block of the previous split started: never inside a block.
        if (before && input.length < prefix.length) {
          expect(before.offsets).toContain(prefix.length - input.length);
        }
      }
    } finally {
      lexer.mockRestore();
    }
    expect(shape(previous!)).toEqual(shape(toBlocks(answer)));
    expect(previous!.blocks.filter((b) => b.token.type === 'mathBlock')).toHaveLength(4);
    // Lexing the whole answer at every step would be quadratic; the tail is at most one section
    // (a list is open to more items until a paragraph follows it), however long the answer grows.
    expect(longest).toBeLessThan(answer.length / 4 + 3);
    expect(lexed).toBeLessThan(wholeEachTime / 10);
  });
});
