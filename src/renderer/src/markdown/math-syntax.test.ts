// Where math begins and ends in model output: the four delimiters, prices and shell variables
// that are not math, code that never holds math, and emphasis that never reaches into it.
import type { Token } from 'marked';
import { describe, expect, it } from 'vitest';
import { lexMarkdown } from './markdown-lexer';
import { matchInlineMath } from '../../../shared/math-delimiters';
import { maskInlineMath } from './math-syntax';

/** Every token of a text, depth first, as `type:text` for math and plain type names otherwise. */
function flat(text: string): string[] {
  const out: string[] = [];
  const walk = (tokens: readonly Token[] | undefined): void => {
    for (const t of tokens ?? []) {
      if (t.type === 'math' || t.type === 'mathBlock') {
        out.push(`${t.type}${(t as { display?: boolean }).display ? '(display)' : ''}:${String(t.text)}`);
      } else out.push(t.type);
      if ('tokens' in t) walk(t.tokens as Token[] | undefined);
      if (t.type === 'list') for (const item of (t as { items: Token[] }).items) walk([item]);
    }
  };
  walk(lexMarkdown(text));
  return out;
}

const maths = (text: string): string[] => flat(text).filter((t) => t.startsWith('math'));

describe('inline math', () => {
  it.each([
    ['$x^2$', ['math:x^2']],
    ['a $x$, b', ['math:x']],
    ['\\(a + b\\)', ['math:a + b']],
    ['$$\\sum_i x_i$$ inline', ['math(display):\\sum_i x_i']],
    ['see \\[E = mc^2\\] here', ['math(display):E = mc^2']],
    ['设$x$为实数', ['math:x']],
    ['$\\$5$', ['math:\\$5']],
    ['$a\\\\$', ['math:a\\\\']],
    ['two $a$ and $b$', ['math:a', 'math:b']],
  ])('finds math in %j', (text, expected) => {
    expect(maths(text)).toEqual(expected);
  });

  it.each([
    'It costs $5 and $10.',
    'between $5-$10 a month',
    'Prices: $5.99/month, or $12.99/month',
    'echo $HOME/$USER',
    'US$5 and US$10',
    '$ x$ is spaced',
    '$x $ is spaced too',
    'a lone $ sign',
    'escaped \\$x\\$ dollars',
    '$$ alone',
    'an empty $$$$ pair',
    '\\[1\\] Smith et al. (a citation, escaped)',
  ])('leaves %j as prose', (text) => {
    expect(maths(text)).toEqual([]);
    expect(flat(text).join(' ')).not.toContain('math');
  });

  it('does not span a blank line, but does span a single line break', () => {
    expect(maths('$a\n\nb$')).toEqual([]);
    expect(maths('$a +\nb$')).toEqual(['math:a +\nb']);
  });

  it('never finds math inside code spans or code blocks', () => {
    expect(flat('`$x$` and `\\(y\\)`')).toEqual(['paragraph', 'codespan', 'text', 'codespan']);
    expect(flat('```\n$$\nx\n$$\n```')).toEqual(['code']);
    expect(flat('    $x$ indented')).toEqual(['code']);
    // A code span inside would-be math wins: math may not swallow a backtick.
    expect(flat('$a `b$ c`')).toEqual(['paragraph', 'text', 'codespan']);
  });

  it('keeps TeX markup out of emphasis and emphasis around math', () => {
    expect(flat('$a*b$ and *c*')).toEqual(['paragraph', 'math:a*b', 'text', 'em', 'text']);
    expect(flat('*x $a*b$ y*')).toEqual(['paragraph', 'em', 'text', 'math:a*b', 'text']);
    expect(flat('$x_1$ and $x_2$')).toEqual(['paragraph', 'math:x_1', 'text', 'math:x_2']);
    expect(flat('**$E$**')).toEqual(['paragraph', 'strong', 'math:E']);
  });

  it('matches only at the start and reports the raw it consumed', () => {
    expect(matchInlineMath('$x$ rest')).toEqual({ raw: '$x$', tex: 'x', display: false });
    expect(matchInlineMath('x $y$')).toBeNull();
  });

  it('masks math for the emphasis scanner without changing lengths', () => {
    const src = 'a *b $c*d$ e* \\(f\\) $5 and $10';
    const masked = maskInlineMath(src);
    expect(masked).toHaveLength(src.length);
    expect(masked).toBe('a *b $aaa$ e* \\(a\\) $5 and $10');
  });
});

describe('display math blocks', () => {
  it.each([
    ['$$\nx = 1\n$$', 'x = 1'],
    ['$$x = 1$$', 'x = 1'],
    ['\\[\n\\frac{a}{b}\n\\]', '\\frac{a}{b}'],
    ['   $$\n  a\n  $$   ', 'a'],
  ])('reads %j as one block', (text, tex) => {
    expect(flat(text)).toEqual([`mathBlock(display):${tex}`]);
  });

  it('interrupts a paragraph at a line that opens a block, without joining lines', () => {
    expect(flat('text\n$$\nx\n$$\nafter')).toEqual(['paragraph', 'text', 'mathBlock(display):x', 'paragraph', 'text']);
  });

  it('leaves an unclosed block as text (a stream still writing it) and one with a blank line', () => {
    expect(flat('$$\nx = 1')).toEqual(['paragraph', 'text']);
    expect(flat('$$\nx\n\ny\n$$')).not.toContain('mathBlock(display):x\n\ny');
    const para = lexMarkdown('intro\n$$\nstill writing')[0];
    expect(para).toMatchObject({ type: 'paragraph', text: 'intro\n$$\nstill writing' });
  });

  it('works inside lists and quotes', () => {
    expect(maths('- $$\n  y\n  $$\n\n> $$z$$')).toEqual(['mathBlock(display):y', 'mathBlock(display):z']);
  });
});
