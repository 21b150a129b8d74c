// Function calls as the Responses API and the Realtime API carry them, both ways. Out: tools are
// flat function tools, a call goes back as a `function_call` item and its result as a
// `function_call_output` item. In: a `function_call` output
// item (`id`, `call_id`, `name`, `arguments`) announced by `response.output_item.added`, its
// arguments in `response.function_call_arguments.delta` pieces, the whole text again in
// `.done`, the finished item in `response.output_item.done`, and every item once more in the
// final response's `output`. Servers send subsets (Ollama's /v1/responses sends the arguments in
// one delta; some Realtime servers only `.done`), so each step fills in what is still missing.
import { isObject, str, type JsonObject } from '../json-fields';
import { dataUrl } from '../request-parts';
import { argumentsOrEmpty, argumentsText, toolCallsEvent } from '../tool-calls';
import type { ChatEvent, ChatTurn, ToolCall, ToolDefinition } from '../types';

/** A tool as both APIs take it: flat, with no nested `function` object (unlike chat completions). */
export const functionTool = (t: ToolDefinition): JsonObject => ({
  type: 'function',
  name: t.name,
  description: t.description,
  parameters: t.parameters,
});

/** A call sent back, echoing its call id, name and arguments; no item `id`, as nothing is stored server-side. */
export const functionCallItem = (call: ToolCall): JsonObject => ({
  type: 'function_call',
  call_id: call.id,
  name: call.name,
  arguments: argumentsOrEmpty(call.arguments),
});

/** A tool turn's result, naming the call it answers. */
export const functionCallOutputItem = (turn: ChatTurn): JsonObject => ({
  type: 'function_call_output',
  call_id: turn.toolCallId ?? '',
  output: turn.content,
});

/**
 * A result with images, as the Responses API takes it: `output` as a list of content parts, the
 * text as `input_text`, then one `input_image` (a base64 data URL) per image.
 */
export const functionCallOutputWithImages = (turn: ChatTurn): JsonObject => ({
  type: 'function_call_output',
  call_id: turn.toolCallId ?? '',
  output: [
    ...(turn.content ? [{ type: 'input_text', text: turn.content }] : []),
    ...(turn.images ?? []).map((image) => ({ type: 'input_image', image_url: dataUrl(image), detail: 'auto' })),
  ],
});

interface Pending extends ToolCall {
  /** The output item's own id (`fc_…`), which the argument events name; the call id is another. */
  itemId: string;
  outputIndex: number | undefined;
  /** `.done` or a finished item gave the whole arguments: later pieces must not add to them. */
  final: boolean;
}

export class FunctionCallItems {
  private readonly calls: Pending[] = [];
  /** What the calls grew by since the last `grown()`: an announced call, argument pieces. */
  private growth: ChatEvent[] = [];

  /** The `tool-call-delta` events since the last call, for showing calls as they are written. */
  grown(): ChatEvent[] {
    const out = this.growth;
    this.growth = [];
    return out;
  }

  /** Takes the event if it is one of the function-call events (by name); false for any other. */
  take(name: string | undefined, event: JsonObject): boolean {
    switch (name) {
      case 'response.output_item.added':
      case 'response.output_item.done':
        this.item(event.item, event.output_index, name === 'response.output_item.done');
        return true;
      case 'response.function_call_arguments.delta':
        this.delta(event);
        return true;
      case 'response.function_call_arguments.done':
        this.done(event);
        return true;
      default:
        return false;
    }
  }

  /** response.output_item.added / .done: the item as it stands (only `function_call` items count). */
  item(item: unknown, outputIndex: unknown, finished: boolean): void {
    if (!isObject(item) || str(item, 'type') !== 'function_call') return;
    const call = this.find(str(item, 'id'), outputIndex, str(item, 'call_id'));
    call.id ||= str(item, 'call_id') ?? '';
    call.name ||= str(item, 'name') ?? '';
    const args = argumentsText(item.arguments);
    if (finished && args) this.settle(call, args);
    else if (!call.final && !call.arguments) {
      call.arguments = args;
      this.growth.push({ type: 'tool-call-delta', index: call.index, name: call.name, text: args });
    }
  }

  /** response.function_call_arguments.delta: the next piece of the arguments. */
  delta(event: JsonObject): void {
    const call = this.find(str(event, 'item_id'), event.output_index, str(event, 'call_id'));
    call.id ||= str(event, 'call_id') ?? '';
    const piece = str(event, 'delta') ?? '';
    if (call.final || !piece) return;
    call.arguments += piece;
    this.growth.push({ type: 'tool-call-delta', index: call.index, name: call.name, text: piece });
  }

  /** response.function_call_arguments.done: the whole arguments (and, in the GA Realtime API, the name). */
  done(event: JsonObject): void {
    const call = this.find(str(event, 'item_id'), event.output_index, str(event, 'call_id'));
    call.id ||= str(event, 'call_id') ?? '';
    call.name ||= str(event, 'name') ?? '';
    const args = str(event, 'arguments');
    if (args !== undefined) this.settle(call, args);
  }

  /** The final response's `output`: calls no event announced (a server that sends only the end). */
  output(response: JsonObject | undefined): void {
    const output = response?.output;
    if (!Array.isArray(output)) return;
    for (const [index, item] of output.entries()) this.item(item, index, true);
  }

  /** The `tool-calls` event for the end of the stream, or nothing. */
  events(): Extract<ChatEvent, { type: 'tool-calls' }>[] {
    return toolCallsEvent(
      this.calls.map(({ index, id, name, arguments: args }) => ({ index, id, name, arguments: args })),
    );
  }

  private settle(call: Pending, args: string): void {
    call.arguments = args;
    call.final = true;
  }

  /** The call an event is about: by item id, else by output index, else by call id; a new one otherwise. */
  private find(itemId: string | undefined, outputIndex: unknown, callId: string | undefined): Pending {
    const at = typeof outputIndex === 'number' && Number.isInteger(outputIndex) ? outputIndex : undefined;
    const known =
      (itemId ? this.calls.find((c) => c.itemId === itemId) : undefined) ??
      (at !== undefined ? this.calls.find((c) => c.outputIndex === at && (!itemId || !c.itemId)) : undefined) ??
      (callId ? this.calls.find((c) => c.id === callId) : undefined);
    if (known) {
      known.itemId ||= itemId ?? '';
      known.outputIndex ??= at;
      return known;
    }
    const call: Pending = {
      index: this.calls.length,
      id: '',
      name: '',
      arguments: '',
      itemId: itemId ?? '',
      outputIndex: at,
      final: false,
    };
    this.calls.push(call);
    return call;
  }
}
