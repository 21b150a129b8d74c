// Renders a growing markdown text. Incremental by construction: the text is split into top-level
// blocks (re-lexing only the tail, see to-blocks.ts), and each block is a memoized component keyed
// by its index and compared on its raw source, so while a message streams only the last, growing
// block re-renders; finished blocks keep their DOM untouched (their formulas are not typeset
// again, their code not highlighted again).
import { memo, useMemo, useState } from 'react';
import type { Token } from 'marked';
import { renderBlock } from './markdown-blocks';
import { createBlockSplitter } from './to-blocks';

interface Props {
  text: string;
  className?: string;
  /** The text is still growing (a streaming answer): its last block is not final yet. */
  live?: boolean;
}

export function MarkdownView({ text, className, live = false }: Props) {
  const [split] = useState(createBlockSplitter);
  const { blocks, refs } = useMemo(() => split(text), [split, text]);
  return (
    <div className={className ?? 'markdown'}>
      {blocks.map((block, i) => (
        <MarkdownBlock
          key={i}
          raw={block.raw}
          token={block.token}
          refs={refs}
          settled={!live || i < blocks.length - 1}
        />
      ))}
    </div>
  );
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
