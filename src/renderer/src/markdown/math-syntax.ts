// Where math is in markdown: `$…$` and `\(…\)` inline, `$$…$$` and `\[…\]` as display math, as
// marked extensions; the delimiters' rules (prices are not math) are shared/math-delimiters.ts.
// Code spans and code blocks are lexed before any `$` in them is seen.
import type { TokenizerAndRendererExtension, Tokens } from 'marked';
import { blankLine, delimiterLength, matchInlineMath, startOfInlineMath } from '../../../shared/math-delimiters';

export interface MathToken extends Tokens.Generic {
  type: 'math' | 'mathBlock';
  raw: string;
  /** The TeX between the delimiters. */
  text: string;
  display: boolean;
}

export function isMathToken(token: { type: string }): token is MathToken {
  return token.type === 'math' || token.type === 'mathBlock';
}

const inlineMath: TokenizerAndRendererExtension = {
  name: 'math',
  level: 'inline',
  start: startOfInlineMath,
  tokenizer(src) {
    const match = matchInlineMath(src);
    if (!match) return undefined;
    const token: MathToken = { type: 'math', raw: match.raw, text: match.tex, display: match.display };
    return token;
  },
};

// A display block: `$$` or `\[` opening a line (up to three spaces in, as any markdown block), the
// closing delimiter ending a line, and no blank line inside. Content may share the delimiters'
// lines (`$$x^2$$`).
const blockOpen = /^ {0,3}(\$\$|\\\[)/;
// marked asks where a paragraph may be cut with its first character dropped, so a line start is
// always after a newline here. Cutting mid-line would make marked join the halves with a newline.
const blockStart = /\n {0,3}(?:\$\$|\\\[)/;

function matchMathBlock(src: string): { raw: string; tex: string } | null {
  const open = blockOpen.exec(src);
  if (!open?.[1]) return null;
  const close = open[1] === '$$' ? '$$' : '\\]';
  const bodyStart = open[0].length;
  const end = src.indexOf(close, bodyStart);
  if (end < 0) return null;
  const tex = src.slice(bodyStart, end);
  if (tex.trim() === '' || blankLine.test(tex)) return null;
  const rest = /^[ \t]*(?:\n|$)/.exec(src.slice(end + close.length));
  if (!rest) return null;
  return { raw: src.slice(0, end + close.length + rest[0].length), tex: tex.trim() };
}

const blockMath: TokenizerAndRendererExtension = {
  name: 'mathBlock',
  level: 'block',
  start(src) {
    // Asked once per paragraph with the rest of the document: look only as far as the blank line
    // that ends the paragraph anyway, or lexing a long answer turns quadratic.
    const end = src.search(blankLine);
    const match = blockStart.exec(end < 0 ? src : src.slice(0, end));
    return match ? match.index + 1 : undefined;
  },
  tokenizer(src) {
    const match = matchMathBlock(src);
    if (!match) return undefined;
    const token: MathToken = { type: 'mathBlock', raw: match.raw, text: match.tex, display: true };
    return token;
  },
};

export const mathExtensions: TokenizerAndRendererExtension[] = [blockMath, inlineMath];

/**
 * Hides what is inside inline math from the emphasis scanner, so `*` and `_` in TeX (`$a*b$`,
 * `$x_1$`) never pair with emphasis outside it. Lengths are kept: marked indexes into the mask.
 */
export function maskInlineMath(src: string): string {
  let out = '';
  let from = 0;
  for (let i = startOfInlineMath(src); i >= 0;) {
    const match = matchInlineMath(src.slice(i));
    if (match) {
      const delimiter = delimiterLength(match);
      const end = i + match.raw.length;
      out +=
        src.slice(from, i + delimiter) + 'a'.repeat(match.raw.length - 2 * delimiter) + src.slice(end - delimiter, end);
      from = end;
      i = end;
    } else {
      i += 1;
    }
    const next = startOfInlineMath(src.slice(i));
    i = next < 0 ? -1 : i + next;
  }
  return out + src.slice(from);
}
