// Renders a growing markdown text. Incremental by construction: the text is split into top-level
// blocks (re-lexing only the tail, see to-blocks.ts), and each block is a memoized component keyed
// by its index and compared on its raw source, so while a message streams only the last, growing
// block re-renders; finished blocks keep their DOM untouched.
import { memo, useMemo, useState } from 'react';
import type { Token } from 'marked';
import { renderBlock } from './markdown-blocks';
import { createBlockSplitter } from './to-blocks';

interface Props {
  text: string;
  className?: string;
}

export function MarkdownView({ text, className }: Props) {
  const [split] = useState(createBlockSplitter);
  const { blocks, refs } = useMemo(() => split(text), [split, text]);
  return (
    <div className={className ?? 'markdown'}>
      {blocks.map((block, i) => (
        <MarkdownBlock key={i} raw={block.raw} token={block.token} refs={refs} />
      ))}
    </div>
  );
}

interface BlockProps {
  raw: string;
  token: Token;
  /** Reference definitions in force: a new one changes links in blocks whose raw did not change. */
  refs: string;
}

const MarkdownBlock = memo(
  function MarkdownBlock({ token }: BlockProps) {
    return renderBlock(token, 0);
  },
  (before, after) => before.raw === after.raw && before.refs === after.refs,
);
