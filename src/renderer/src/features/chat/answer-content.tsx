// An answer's text as markdown, with its tool calls in place: the text is cut at the calls'
// positions and each part is its own incremental markdown view, memoized on its text, so while the
// answer streams only the growing last part is parsed again and the parts before the calls stay.
import { Fragment, memo } from 'react';
import type { ToolCallRecord, WritingToolCall } from '../../../../shared/tools';
import { MarkdownView } from '../../markdown/markdown-view';
import { answerParts } from './answer-parts';
import { ToolCallView, WritingToolCallView } from './tool-call-view';

interface Props {
  content: string;
  toolCalls: readonly ToolCallRecord[] | undefined;
  /** Calls the model is writing now: after the text so far, until they are stored. */
  writingCalls?: readonly WritingToolCall[] | undefined;
  streaming: boolean;
  /** Generated in this window (not read from history): a first render is paced even when done. */
  fresh?: boolean;
}

export function AnswerContent({ content, toolCalls, writingCalls, streaming, fresh = false }: Props) {
  const parts = answerParts(content, toolCalls);
  const shown = parts.map((part, i) => (
    // Parts only ever grow at the end, so an index keeps each part's view (and its block cache).
    <Fragment key={i}>
      <TextPart text={part.text} live={streaming && i === parts.length - 1} fresh={fresh} />
      {part.calls.length > 0 && (
        <div className="tool-calls">
          {part.calls.map((call) => (
            <ToolCallView key={call.id} call={call} />
          ))}
        </div>
      )}
    </Fragment>
  ));
  if (!writingCalls?.length) return shown;
  return (
    <>
      {shown}
      <div className="tool-calls">
        {writingCalls.map((call) => (
          <WritingToolCallView key={`writing-${call.index}`} call={call} />
        ))}
      </div>
    </>
  );
}

const TextPart = memo(function TextPart({ text, live, fresh }: { text: string; live: boolean; fresh: boolean }) {
  return text ? <MarkdownView text={text} live={live} fresh={fresh} /> : null;
});
