// Where inline and display math starts and ends in markdown text: `$…$` and `\(…\)` inline, `$$…$$`
// and `\[…\]` display. Prices are not math: like Pandoc, an opening `$` must touch the text after it
// and a closing `$` the text before it, and a closing `$` may not run into a digit or letter, so
// "$5 and $10" stays prose. The renderer's markdown lexer (markdown/math-syntax.ts) and main's
// plain-text reading of messages (search snippets, titles) both find math with these rules.

export interface MathMatch {
  /** The math with its delimiters, as it starts the text given. */
  raw: string;
  /** The TeX between the delimiters, trimmed. */
  tex: string;
  display: boolean;
}

/** A blank line ends a paragraph in markdown and is an error in TeX math: no span crosses one. */
export const blankLine = /\n[ \t]*\n/;

// `$…$`: not `$ ` or `$$` at the start, no unescaped `$` or line break pair inside, no space
// before the closing `$`, and no digit or ASCII letter right after it.
const dollarInline = /^\$(?![\s$])((?:\\[\s\S]|[^\\$])+?)(?<!\s)\$(?![0-9A-Za-z])/;
const dollarDisplay = /^\$\$(?!\$)((?:\\[\s\S]|[^\\$])+?)\$\$/;
const parenInline = /^\\\(([\s\S]+?)\\\)/;
const bracketDisplay = /^\\\[([\s\S]+?)\\\]/;

/** The math that starts exactly at the beginning of `src`, if any. */
export function matchInlineMath(src: string): MathMatch | null {
  const first = src[0];
  if (first !== '$' && first !== '\\') return null;
  let match: RegExpExecArray | null = null;
  let display = false;
  if (first === '$') {
    match = dollarDisplay.exec(src);
    display = match !== null;
    match ??= dollarInline.exec(src);
  } else if (src[1] === '(') {
    match = parenInline.exec(src);
  } else if (src[1] === '[') {
    match = bracketDisplay.exec(src);
    display = true;
  }
  const tex = match?.[1];
  if (!match || tex === undefined) return null;
  if (!acceptable(tex, first === '\\')) return null;
  return { raw: match[0], tex: tex.trim(), display };
}

function acceptable(tex: string, backslashDelimited: boolean): boolean {
  if (tex.trim() === '' || blankLine.test(tex)) return false;
  // A backtick belongs to a code span that the math would otherwise swallow.
  if (tex.includes('`')) return false;
  // `\[1\]` is how markdown escapes a bracketed citation, not display math.
  if (backslashDelimited && /^[\s\d.,;:-]*$/.test(tex)) return false;
  return true;
}

/** Where the first possible math starts in `src`, or -1. */
export function startOfInlineMath(src: string): number {
  return src.search(/\$|\\[([]/);
}

/** How long the opening (and closing) delimiter of a match is: 1 for `$…$`, 2 for the others. */
export function delimiterLength(match: MathMatch): number {
  return match.raw.startsWith('$') && !match.display ? 1 : 2;
}
