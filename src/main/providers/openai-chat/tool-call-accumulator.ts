// Collects streamed tool-call deltas (OpenAI chat format) by their `index`: the first delta of a
// call carries its id and function name, later ones append pieces of the JSON arguments. Runnel
// does not run tools yet; the calls are still put together, so a finished answer knows them.
import { isObject, num, obj, str } from '../json-fields';
import type { ToolCall } from '../types';

export class ToolCallAccumulator {
  private readonly calls = new Map<number, ToolCall>();

  /** Takes `delta.tool_calls` of one chunk (anything else is ignored). */
  add(toolCalls: unknown): void {
    if (!Array.isArray(toolCalls)) return;
    for (const [position, raw] of toolCalls.entries()) {
      if (!isObject(raw)) continue;
      // Some servers omit `index` when there is a single call; its position stands in.
      const index = num(raw, 'index') ?? position;
      const call = this.calls.get(index) ?? { index, id: '', name: '', arguments: '' };
      const fn = obj(raw, 'function');
      call.id ||= str(raw, 'id') ?? '';
      call.name ||= str(fn, 'name') ?? '';
      call.arguments += str(fn, 'arguments') ?? '';
      this.calls.set(index, call);
    }
  }

  /** The calls so far, by index. */
  take(): ToolCall[] {
    return [...this.calls.values()].sort((a, b) => a.index - b.index);
  }
}
