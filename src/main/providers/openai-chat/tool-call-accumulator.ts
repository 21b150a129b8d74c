// Collects streamed tool-call deltas (OpenAI chat format) by their `index`: the first delta of a
// call carries its id and function name, later ones append pieces of the JSON arguments, split
// anywhere. Servers bend the format in ways that must not merge two calls or split one:
// - Ollama's /v1 puts every call of a parallel batch at index 0, each whole, told apart by its id;
// - some gateways (Poolside) change the id between a call's first and later deltas, without a name;
// - LiteLLM repeats the same id on every delta; llama.cpp re-sends the whole name when its parser
//   saw more of it (common_chat_msg_diff in common/chat.cpp);
// - arguments may come as an object instead of text, or not at all.
import { isObject, num, obj, str } from '../json-fields';
import { argumentsText, toolCallsEvent } from '../tool-calls';
import type { ChatEvent, ToolCall } from '../types';

export class ToolCallAccumulator {
  private readonly calls: ToolCall[] = [];
  /** The call each wire index is feeding now (a reused index moves on to a new call). */
  private readonly open = new Map<number, ToolCall>();

  /**
   * Takes `delta.tool_calls` of one chunk (anything else is ignored); returns what it added to
   * each call (a new call, even without arguments yet, and each piece) for showing it as it grows.
   */
  add(toolCalls: unknown): ChatEvent[] {
    if (!Array.isArray(toolCalls)) return [];
    const grown: ChatEvent[] = [];
    for (const [position, raw] of toolCalls.entries()) {
      if (!isObject(raw)) continue;
      // Some servers omit `index` when there is a single call; its position stands in.
      const wireIndex = num(raw, 'index') ?? position;
      const fn = obj(raw, 'function');
      const id = str(raw, 'id') ?? '';
      const name = str(fn, 'name') ?? '';
      let call = this.open.get(wireIndex);
      const opened = !call || startsAnother(call, id, name);
      if (!call || opened) {
        call = { index: this.freeIndex(wireIndex), id: '', name: '', arguments: '' };
        this.calls.push(call);
        this.open.set(wireIndex, call);
      }
      call.id ||= id;
      // A name is sent once; a longer one that begins with it is the same name seen further.
      if (name && name.startsWith(call.name)) call.name = name;
      const piece = argumentsText(fn?.arguments);
      call.arguments += piece;
      if (opened || piece) grown.push({ type: 'tool-call-delta', index: call.index, name: call.name, text: piece });
    }
    return grown;
  }

  /** The calls so far, complete (ids made up where none came, `{}` for no arguments), by index. */
  take(): ToolCall[] {
    return this.events()[0]?.calls ?? [];
  }

  /** The `tool-calls` event for the end of the stream, or nothing. */
  events(): Extract<ChatEvent, { type: 'tool-calls' }>[] {
    return toolCallsEvent(this.calls);
  }

  /** The wire index itself, unless a call already has it (a reused index): then the next after all. */
  private freeIndex(wireIndex: number): number {
    if (!this.calls.some((c) => c.index === wireIndex)) return wireIndex;
    return Math.max(...this.calls.map((c) => c.index)) + 1;
  }
}

/** A delta with a new id and a name of its own opens a new call at a reused index; a new id alone does not. */
const startsAnother = (call: ToolCall, id: string, name: string): boolean =>
  id !== '' && call.id !== '' && id !== call.id && name !== '';
