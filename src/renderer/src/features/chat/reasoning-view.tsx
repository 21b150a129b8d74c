// A message's reasoning as a collapsible group named "Reasoning": open while the model thinks
// ("Thinking…"), folded once the answer begins, with how long the thinking took ("Thought for
// 12 s"). That figure is main's (first reasoning token to first answer token); until it arrives
// with the end of the stream, the time this view saw the thinking take stands in for it.
import { useEffect, useState } from 'react';
import { useMessages } from '../../i18n/use-messages';
import { MarkdownView } from '../../markdown/markdown-view';
import { figuresMessages, formatThinking } from './figures-messages';

interface Props {
  reasoning: string;
  /** Measured in main; null or absent until the message ends, or when it was never measured. */
  reasoningMs: number | null | undefined;
  streaming: boolean;
  /** Answer text has started. */
  answering: boolean;
}

export function ReasoningView({ reasoning, reasoningMs, streaming, answering }: Props) {
  const m = useMessages(figuresMessages);
  const thinking = streaming && !answering;
  const seen = useThinkingSeen(thinking);
  const took = reasoningMs ?? seen;
  const summary = thinking ? m.thinking : took !== null ? m.thoughtFor(formatThinking(took, m)) : m.reasoning;
  return (
    <details className="reasoning" data-part="reasoning" open={thinking} aria-label={m.reasoning}>
      <summary>{summary}</summary>
      <MarkdownView text={reasoning} className="markdown reasoning-text" live={thinking} />
    </details>
  );
}

/** How long this view watched the model think, known once the thinking stops; null before. */
function useThinkingSeen(thinking: boolean): number | null {
  const [seen, setSeen] = useState<number | null>(null);
  useEffect(() => {
    if (!thinking) return;
    const started = performance.now();
    return () => setSeen(performance.now() - started);
  }, [thinking]);
  return seen;
}
