// Splits markdown into top-level blocks with marked's lexer (GFM and math), incrementally: while a message
// streams, the text only grows, so blocks closed by a blank line are final and only the tail is
// lexed again. Reference definitions (`[x]: url`) reach back into earlier blocks, so text that has
// one, or that the lexer reshaped (CR line ends), is lexed whole each time.
import type { Token } from 'marked';
import { lexMarkdown } from './markdown-lexer';

export interface Block {
  raw: string;
  token: Token;
}

export interface BlockSplit {
  text: string;
  blocks: Block[];
  /** Where each block starts in `text`; only meaningful when `reusable`. */
  offsets: number[];
  /** The raws add up to the text and no definition reaches across blocks, so the tail can be re-lexed alone. */
  reusable: boolean;
  /** Reference definitions in force; a change must re-render blocks whose raw did not change. */
  refs: string;
}

function lex(text: string): Token[] {
  return lexMarkdown(text);
}

function build(text: string, tokens: Token[], kept: Block[] = [], keptOffsets: number[] = [], start = 0): BlockSplit {
  const blocks = kept.slice();
  const offsets = keptOffsets.slice();
  let at = start;
  for (const token of tokens) {
    blocks.push({ raw: token.raw, token });
    offsets.push(at);
    at += token.raw.length;
  }
  const defs = blocks.filter((b) => b.token.type === 'def');
  return {
    text,
    blocks,
    offsets,
    reusable: at === text.length && defs.length === 0,
    refs: defs.length ? defs.map((d) => d.raw).join('') : '',
  };
}

/** The blocks of a whole text, lexed from scratch. */
export function toBlocks(text: string): BlockSplit {
  return build(text, lex(text));
}

/**
 * The blocks of `text`, reusing `previous` when `text` extends it. Appending can reshape more than
 * the last block: `---` turns the lines above it into a heading, a blank line then `2.` joins an
 * earlier list, more indented lines join indented code. None of that reaches back across a blank
 * line that ends a paragraph-like block, so everything up to the last such line is kept and the
 * rest is lexed again.
 */
export function splitBlocks(text: string, previous: BlockSplit | null): BlockSplit {
  if (!previous || !previous.reusable || !text.startsWith(previous.text)) return toBlocks(text);
  if (text === previous.text) return previous;
  const keep = stablePrefix(previous.blocks);
  if (keep === 0) return toBlocks(text);
  const start = previous.offsets[keep] ?? 0;
  const tail = lex(text.slice(start));
  if (tail.some((t) => t.type === 'def')) return toBlocks(text);
  const split = build(text, tail, previous.blocks.slice(0, keep), previous.offsets.slice(0, keep), start);
  return split.reusable ? split : toBlocks(text);
}

/** How many leading blocks no appended text can change: up to the last closing blank line. */
function stablePrefix(blocks: readonly Block[]): number {
  // The last block may still grow (an open fence swallows blank lines), so its end never counts.
  let lastContent: Block | null = null;
  let keep = 0;
  for (let i = 0; i < blocks.length - 1; i++) {
    const block = blocks[i];
    if (!block) break;
    const isSpace = block.token.type === 'space';
    if (!isSpace) lastContent = block;
    const blankAfter = isSpace || /\n[ \t]*\n[ \t]*$/.test(block.raw);
    // Only where content follows: a block can still absorb whitespace-only lines after it.
    const contentNext = blocks[i + 1]?.token.type !== 'space';
    if (blankAfter && contentNext && lastContent && !continuesAfterBlank(lastContent)) keep = i + 1;
  }
  return keep;
}

/** Blocks that a blank line does not close: list items and indented code go on after one. */
function continuesAfterBlank(block: Block): boolean {
  const token = block.token;
  if (token.type === 'list' || token.type === 'blockquote') return true;
  return token.type === 'code' && token.codeBlockStyle === 'indented';
}

/** Remembers the last split, for a component that renders one growing text. */
export function createBlockSplitter(): (text: string) => BlockSplit {
  let last: BlockSplit | null = null;
  return (text) => {
    last = splitBlocks(text, last);
    return last;
  };
}
