// A search snippet's text as a reader sees the rendered message: markdown's marks taken out
// (heading and quote marks, list bullets, code fences and backticks, emphasis, link and image
// syntax, table rules and the pipes between cells), code kept as written, math shown as its TeX without the dollar or
// bracket fences, whitespace and line breaks run together into single spaces. Every kept
// character remembers where it came from, so the highlights move with the text.
import { delimiterLength, matchInlineMath } from '../../../shared/math-delimiters';

export interface PlainText {
  text: string;
  /** For each character of `text`, its index in the original. */
  origin: number[];
}

const fence = /^\s*(```|~~~)/;
const tableRule = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
// Repeated, so "> - item" loses both marks; a task box goes with its bullet.
const linePrefix = /^(?:\s{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+(?:\[[ xX]\][ \t]+)?))+/;
const word = /[\p{L}\p{N}]/u;
const space = /\s/;
const escapable = /[\\`*_{}[\]()#+\-.!|~<>$]/;

/** The `)` that closes a link's address starting at `from`, counting parentheses inside it; -1 when none. */
function closingParen(line: string, from: number): number {
  let depth = 0;
  for (let i = from; i < line.length; i++) {
    if (line[i] === '(') depth++;
    else if (line[i] === ')' && depth-- === 0) return i;
  }
  return -1;
}

/** Index ranges of `[text](url)` and `![alt](url)` syntax on one line: the marks, never the text. */
function linkSyntax(line: string): Set<number> {
  const skip = new Set<number>();
  for (let open = line.indexOf('['); open >= 0; open = line.indexOf('[', open + 1)) {
    const close = line.indexOf('](', open + 1);
    if (close < 0) break;
    const end = closingParen(line, close + 2);
    if (end < 0) break;
    // A nested "[" before the close belongs to a later link; only the innermost pair is syntax.
    if (line.lastIndexOf('[', close) !== open) continue;
    if (open > 0 && line[open - 1] === '!') skip.add(open - 1);
    skip.add(open);
    for (let i = close; i <= end; i++) skip.add(i);
    open = end;
  }
  return skip;
}

/** Whether a lone `*` or `_` at `at` is an emphasis mark rather than text (2 * 3, snake_case). */
function isEmphasisMark(line: string, at: number, mark: string): boolean {
  const before = at > 0 ? line[at - 1]! : ' ';
  const after = at + 1 < line.length ? line[at + 1]! : ' ';
  if (mark === '*') return space.test(before) !== space.test(after);
  return word.test(before) !== word.test(after);
}

/** Where math is: its delimiters (dropped) and its TeX (kept as written, no markdown read in it). */
interface MathMarks {
  delimiters: Set<number>;
  tex: Set<number>;
}

/** Where a code span opening at `at` ends: after a run of as many backticks on its line, else after the run. */
function codeSpanEnd(text: string, at: number): number {
  let run = 0;
  while (text[at + run] === '`') run++;
  const lineEnd = text.indexOf('\n', at);
  const closer = new RegExp(`(?<!\`)\`{${run}}(?!\`)`, 'g');
  closer.lastIndex = at + run;
  const close = closer.exec(text);
  return close && (lineEnd < 0 || close.index < lineEnd) ? close.index + run : at + run;
}

/** Finds the math in `markdown`, outside code blocks and code spans (which never hold math). */
function findMath(markdown: string): MathMarks {
  const marks: MathMarks = { delimiters: new Set(), tex: new Set() };
  let inFence = false;
  let i = 0;
  while (i < markdown.length) {
    // At a line's start: a fence line, or a line inside a code block, is passed over whole.
    if (i === 0 || markdown[i - 1] === '\n') {
      const end = markdown.indexOf('\n', i);
      const lineEnd = end < 0 ? markdown.length : end;
      const isFence = fence.test(markdown.slice(i, lineEnd));
      if (isFence) inFence = !inFence;
      if (isFence || inFence) {
        i = lineEnd + 1;
        continue;
      }
    }
    const ch = markdown[i]!;
    if (ch === '`') {
      i = codeSpanEnd(markdown, i);
      continue;
    }
    if (ch === '$' || ch === '\\') {
      const match = matchInlineMath(markdown.slice(i));
      if (match) {
        const fenceLength = delimiterLength(match);
        const end = i + match.raw.length;
        for (let k = i; k < end; k++) {
          const isDelimiter = k < i + fenceLength || k >= end - fenceLength;
          (isDelimiter ? marks.delimiters : marks.tex).add(k);
        }
        i = end;
        continue;
      }
      // An escaped character is never a delimiter.
      if (ch === '\\') i++;
    }
    i++;
  }
  return marks;
}

/**
 * Which lines are a table's rows: every line of a paragraph holding a rule row (`|---|---|`), and any
 * line that starts or ends with a pipe (a snippet may be cut after the rule row).
 */
function tableRows(lines: readonly string[]): Set<number> {
  const rows = new Set<number>();
  let blockStart = 0;
  let hasRule = false;
  for (let i = 0; i <= lines.length; i++) {
    const line = lines[i];
    if (line === undefined || line.trim() === '') {
      if (hasRule) for (let k = blockStart; k < i; k++) rows.add(k);
      blockStart = i + 1;
      hasRule = false;
      continue;
    }
    if (tableRule.test(line)) hasRule = true;
    const trimmed = line.trim();
    if (trimmed.startsWith('|') || (trimmed.endsWith('|') && !trimmed.endsWith('\\|'))) rows.add(i);
  }
  return rows;
}

function plainLine(line: string, offset: number, math: MathMarks, tableRow: boolean, out: PlainText): void {
  // A line inside display math is TeX from its first character.
  const inMath = math.tex.has(offset);
  if (!inMath && (fence.test(line) || tableRule.test(line))) return;
  const start = inMath ? 0 : (linePrefix.exec(line)?.[0].length ?? 0);
  const links = linkSyntax(line);
  for (let i = start; i < line.length; i++) {
    const ch = line[i]!;
    if (math.delimiters.has(offset + i)) continue;
    if (math.tex.has(offset + i)) {
      out.text += ch;
      out.origin.push(offset + i);
      continue;
    }
    if (links.has(i)) continue;
    // A code span: its text as written (`r ** 2` keeps its stars), the backticks dropped.
    if (ch === '`') {
      let run = 0;
      while (line[i + run] === '`') run++;
      const end = codeSpanEnd(line, i);
      for (let k = i + run; k < end - run; k++) {
        out.text += line[k];
        out.origin.push(offset + k);
      }
      i = end - 1;
      continue;
    }
    // The pipes between a table's cells: the cells' text is kept, a space apart.
    if (tableRow && ch === '|') {
      out.text += ' ';
      out.origin.push(offset + i);
      continue;
    }
    if (ch === '\\' && i + 1 < line.length && escapable.test(line[i + 1]!)) {
      i++;
      out.text += line[i];
      out.origin.push(offset + i);
      continue;
    }
    if (ch === '*' || ch === '_' || ch === '~') {
      let run = 1;
      while (line[i + run] === ch) run++;
      if (run >= 2 || (ch !== '~' && isEmphasisMark(line, i, ch))) {
        i += run - 1;
        continue;
      }
    }
    out.text += ch;
    out.origin.push(offset + i);
  }
}

/** The text without markdown's marks, spaces collapsed, trimmed. */
export function plainText(markdown: string): PlainText {
  const raw: PlainText = { text: '', origin: [] };
  const math = findMath(markdown);
  const lines = markdown.split('\n');
  const rows = tableRows(lines);
  let offset = 0;
  let inCode = false;
  for (const [index, line] of lines.entries()) {
    // A code block's lines are kept as written; its fences go.
    const isFence = fence.test(line);
    if (isFence) inCode = !inCode;
    if (inCode && !isFence) {
      for (let i = 0; i < line.length; i++) {
        raw.text += line[i];
        raw.origin.push(offset + i);
      }
    } else {
      plainLine(line, offset, math, rows.has(index), raw);
    }
    offset += line.length + 1;
    if (offset <= markdown.length) {
      raw.text += ' ';
      raw.origin.push(offset - 1);
    }
  }
  const out: PlainText = { text: '', origin: [] };
  for (let i = 0; i < raw.text.length; i++) {
    const ch = raw.text[i]!;
    if (space.test(ch)) {
      if (out.text === '' || out.text.endsWith(' ')) continue;
      out.text += ' ';
    } else {
      out.text += ch;
    }
    out.origin.push(raw.origin[i]!);
  }
  if (out.text.endsWith(' ')) {
    out.text = out.text.slice(0, -1);
    out.origin.pop();
  }
  return out;
}

/** Ranges of the original moved onto the plain text; a range whose every character went is dropped. */
export function mapRanges(ranges: readonly [number, number][], origin: readonly number[]): [number, number][] {
  const mapped: [number, number][] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    while (at < origin.length && origin[at]! < s) at++;
    let end = at;
    while (end < origin.length && origin[end]! < e) end++;
    if (end > at) mapped.push([at, end]);
  }
  return mapped;
}
