// An answer with tool calls as the list shows it: its text cut where the calls were made, each run
// of calls after the text that came before it. Positions count characters of the content.
import type { ToolCallRecord } from '../../../../shared/tools';

export interface AnswerPart {
  /** The text since the previous calls (or the start). */
  text: string;
  /** The calls made right after it; none after the last part. */
  calls: ToolCallRecord[];
}

/**
 * The parts of an answer, in order. The text so far always ends the list (possibly empty), so
 * while an answer streams its growing tail keeps its place and earlier parts never change. A call
 * placed past the text (the text was moved to reasoning) stands at its end.
 */
export function answerParts(content: string, calls: readonly ToolCallRecord[] | undefined): AnswerPart[] {
  if (!calls?.length) return [{ text: content, calls: [] }];
  const at = (call: ToolCallRecord) => Math.max(0, Math.min(call.position, content.length));
  const placed = calls
    .map((call, order) => ({ call, order, at: at(call) }))
    .sort((a, b) => a.at - b.at || a.order - b.order);
  const parts: AnswerPart[] = [];
  let from = 0;
  for (const { call, at: position } of placed) {
    const last = parts[parts.length - 1];
    if (last && position === from) last.calls.push(call);
    else {
      parts.push({ text: content.slice(from, position), calls: [call] });
      from = position;
    }
  }
  parts.push({ text: content.slice(from), calls: [] });
  return parts;
}
