// Renders a growing markdown text. Incremental by construction: the text is split into top-level
// blocks (re-lexing only the tail, see to-blocks.ts), and each block is a memoized component keyed
// by its index and compared on its raw source, so while a message streams only the last, growing
// block re-renders; finished blocks keep their DOM untouched (their formulas are not typeset
// again, their code not highlighted again). Finished groups between others are also left out of the
// browser's style, layout and paint while off screen (content-visibility), from their first render
// on, with a guessed height until they are first drawn: a long answer growing at its end, or opened
// from history, costs each frame the work of what is near the view, not of the whole article.
import { createContext, memo, useContext, useMemo, useState, type CSSProperties } from 'react';
import type { Token } from 'marked';
import { renderBlock } from './markdown-blocks';
import { createBlockSplitter, type Block } from './to-blocks';
import { useRevealedText } from './use-revealed-text';
import { useSteadyAbove } from './use-steady-above';

interface Props {
  text: string;
  className?: string;
  /** The text is still growing (a streaming answer): its last block is not final yet. */
  live?: boolean;
  /**
   * The text arrived in this window just now (an answer generated here), so even a first render of
   * it whole is paced: a fast server's answer can be done before it is first drawn.
   */
  fresh?: boolean;
}

/**
 * Finished blocks are rendered in groups of this many, each group memoized, so a flush of an answer
 * of a thousand blocks compares a few dozen groups instead of every block.
 */
export const GROUP = 32;

export function MarkdownView({ text, className, live = false, fresh = false }: Props) {
  const [split] = useState(createBlockSplitter);
  // A burst (a whole answer in one flush) is revealed as a transition (use-revealed-text.ts);
  // aria-busy says so while it catches up.
  const { shown, pending } = useRevealedText(text, live || fresh);
  const { blocks, refs } = useMemo(() => split(shown), [split, shown]);
  const steady = useSteadyAbove();
  return (
    <div className={className ?? 'markdown'} aria-busy={pending || undefined}>
      <SkippedGroups.Provider value={steady}>
        {groupsOf(blocks, refs, live || pending).map((group) => (
          <BlockGroup key={group.start} {...group} />
        ))}
      </SkippedGroups.Provider>
    </div>
  );
}

/** The ref a group that may be skipped off screen is given (use-steady-above.ts). */
const SkippedGroups = createContext<ReturnType<typeof useSteadyAbove> | undefined>(undefined);

/** The blocks in groups of GROUP; while streaming (`live`), the last block is not final. */
export function groupsOf(blocks: readonly Block[], refs: string, live: boolean): GroupProps[] {
  const settledEnd = live ? blocks.length - 1 : blocks.length;
  const groups: GroupProps[] = [];
  for (let start = 0; start < blocks.length; start += GROUP) {
    const end = Math.min(blocks.length, start + GROUP);
    const settled = Math.min(end, settledEnd);
    const between = start > 0 && end < blocks.length && settled === end;
    groups.push({ blocks, start, end, settledEnd: settled, between, refs });
  }
  return groups;
}

export interface GroupProps {
  blocks: readonly Block[];
  start: number;
  end: number;
  /** Blocks before this index are final. */
  settledEnd: number;
  /**
   * All final, with groups before and after: the browser may skip its layout and paint while it is
   * off screen (with the height it had when last drawn, or a guess). Not the first or last group,
   * whose outer margins meet the answer's own.
   */
  between: boolean;
  refs: string;
}

/** A group renders again only when one of its blocks, their finality or the reference definitions changed. */
export function groupUnchanged(before: GroupProps, after: GroupProps): boolean {
  if (before.start !== after.start || before.end !== after.end) return false;
  if (before.settledEnd !== after.settledEnd || before.between !== after.between || before.refs !== after.refs)
    return false;
  for (let i = before.start; i < before.end; i++) {
    const a = before.blocks[i]!;
    const b = after.blocks[i]!;
    if (a !== b && a.raw !== b.raw) return false;
  }
  return true;
}

const BlockGroup = memo(function BlockGroup({ blocks, start, end, settledEnd, between, refs }: GroupProps) {
  const steady = useContext(SkippedGroups);
  const out = [];
  for (let i = start; i < end; i++) {
    const block = blocks[i]!;
    out.push(<MarkdownBlock key={i} raw={block.raw} token={block.token} refs={refs} settled={i < settledEnd} />);
  }
  // The same element whether or not it may be skipped, so its blocks are never mounted again. Every
  // group carries a height guess with `auto`, so the browser records its real height whenever it is
  // laid out, and uses that once the group is skipped.
  return (
    <div
      className={between ? 'md-group md-group-between' : 'md-group'}
      style={groupSizeGuess(blocks, start, end)}
      ref={between ? steady : undefined}
    >
      {out}
    </div>
  );
}, groupUnchanged);

/** Pixels a line of answer text takes, and characters in it: a first guess only. */
const LINE_PX = 24;
const LINE_CHARS = 85;
const BLOCK_GAP_PX = 10;

/**
 * The height a skipped group has until it is first drawn: near enough that the scrollbar hardly
 * moves when it comes into view (and the view itself does not, use-steady-above.ts).
 */
export function groupSizeGuess(blocks: readonly Block[], start: number, end: number): CSSProperties {
  let px = 0;
  for (let i = start; i < end; i++) {
    const raw = blocks[i]!.raw;
    if (!raw.trim()) continue; // the blank lines between blocks
    let lines = 0;
    for (const line of raw.split('\n')) if (line.trim()) lines += Math.ceil(line.length / LINE_CHARS);
    px += lines * LINE_PX + BLOCK_GAP_PX;
  }
  return { containIntrinsicSize: `auto ${px}px` };
}

interface BlockProps {
  raw: string;
  token: Token;
  /** Reference definitions in force: a new one changes links in blocks whose raw did not change. */
  refs: string;
  settled: boolean;
}

const MarkdownBlock = memo(
  function MarkdownBlock({ token, settled }: BlockProps) {
    return renderBlock(token, 0, settled);
  },
  (before, after) => before.raw === after.raw && before.refs === after.refs && before.settled === after.settled,
);
