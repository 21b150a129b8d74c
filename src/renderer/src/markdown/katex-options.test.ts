// The options KaTeX typesets model output with, checked on KaTeX itself (renderToString builds the
// same tree that katex.render puts in the page): nothing links, loads or expands without bound.
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { katexOptions, MAX_TEX_CHARS, MAX_TEX_DEPTH, texDepth, typesettable } from './katex-options';

const typeset = (tex: string, display = false): string => katex.renderToString(tex, katexOptions(display));

describe('katexOptions', () => {
  it('typesets ordinary math, inline and display, with MathML for screen readers', () => {
    const inline = typeset('\\frac{a}{b} + \\sqrt{x^2}');
    expect(inline).toContain('class="katex"');
    expect(inline).toContain('<math');
    expect(inline).not.toContain('katex-error');
    expect(typeset('\\int_0^1 f(x)\\,dx', true)).toContain('katex-display');
  });

  it.each([
    '\\href{javascript:alert(1)}{click}',
    '\\href{https://evil.example}{click}',
    '\\url{https://evil.example}',
    '\\includegraphics{https://evil.example/pixel.png}',
    '\\htmlStyle{background:url(https://evil.example/x)}{x}',
    '\\htmlClass{evil}{x}',
    '\\htmlId{root}{x}',
    '\\htmlData{foo=bar}{x}',
  ])('refuses %s: no link, no image, no style, no attribute', (tex) => {
    const html = typeset(tex);
    expect(html).not.toMatch(/<a\s/);
    expect(html).not.toMatch(/<img/);
    // The source survives only as text, in the MathML annotation.
    expect(html).not.toMatch(/style="[^"]*(?:url|evil)/);
    expect(html).not.toContain('class="evil"');
    expect(html).not.toContain('id="root"');
    expect(html).not.toContain('data-foo');
  });

  it('stops an expansion bomb with an error instead of hanging', () => {
    const bomb =
      '\\def\\a{xxxxxxxxxx}\\def\\b{\\a\\a\\a\\a\\a\\a\\a\\a\\a\\a}\\def\\c{\\b\\b\\b\\b\\b\\b\\b\\b\\b\\b}' +
      '\\def\\d{\\c\\c\\c\\c\\c\\c\\c\\c\\c\\c}\\d\\d\\d\\d\\d\\d\\d\\d\\d\\d';
    const html = typeset(bomb);
    expect(html).toContain('katex-error');
    expect(html).toMatch(/Too many expansions/);
    expect(typeset('\\def\\x{\\x}\\x')).toContain('katex-error');
  });

  it('caps sizes, so a rule cannot cover the window', () => {
    const html = typeset('\\rule{100000em}{100000em}');
    expect(html).not.toMatch(/width:\s*100000em/);
    expect(html).not.toContain('katex-error');
    expect(html).toMatch(/border-right-width:\s*20em/);
  });

  it('shows a TeX mistake as an error in place, without throwing', () => {
    expect(() => typeset('\\frac{a}{')).not.toThrow();
    expect(typeset('\\frac{a}{')).toContain('katex-error');
  });
});

describe('typesettable', () => {
  const nested = (n: number) => `${'\\frac{'.repeat(n)}x${'}{y}'.repeat(n)}`;

  it('measures group and \\left…\\right nesting, not escaped braces', () => {
    expect(texDepth('x^{2}')).toBe(1);
    expect(texDepth('\\frac{a}{b}')).toBe(1);
    expect(texDepth('\\{ a \\}')).toBe(0);
    expect(texDepth('\\left( \\frac{\\left[ a \\right]}{b} \\right)')).toBe(3);
    expect(texDepth(nested(300))).toBe(300);
  });

  it('typesets ordinary formulas and leaves deep or huge ones as source', () => {
    expect(typesettable('\\sum_{i=1}^{n} \\frac{x_i}{\\sqrt{n}}')).toBe(true);
    expect(typesettable(nested(MAX_TEX_DEPTH))).toBe(true);
    expect(typesettable(nested(MAX_TEX_DEPTH + 1))).toBe(false);
    expect(typesettable('x'.repeat(MAX_TEX_CHARS + 1))).toBe(false);
  });
});
