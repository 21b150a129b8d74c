// What every kind's tool-call wire shares, whatever its framing: an id made up where the server
// sends none, empty arguments read as `{}`, and arguments turned into the object some wires carry.
import { isObject, parseJson, type JsonObject } from './json-fields';
import type { ToolCall } from './types';

/**
 * The id of a call the server left without one (Ollama's native API before its parsers gave ids,
 * llama.cpp builds without them, some proxies): `call_<index>`, the same for the same stream
 * however it is cut, and unique in the answer because indexes are.
 */
export const madeUpCallId = (index: number): string => `call_${index}`;

/** Arguments a server sent as text (the OpenAI wires) or as an object (Ollama, some proxies), as JSON text. */
export function argumentsText(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  return raw === undefined || raw === null ? '' : JSON.stringify(raw);
}

/** A call with no arguments at all (`""`, missing, whitespace) takes none: `{}`, which every server and tool accepts. */
export const argumentsOrEmpty = (text: string): string => (text.trim() === '' ? '{}' : text);

/**
 * The arguments as the object that Anthropic's `tool_use.input` and Ollama's `arguments` must be.
 * Text that is not a JSON object (a model's broken output) becomes `{}`: the server would refuse
 * the whole request otherwise, and the tool already answered that call with an error.
 */
export function argumentsObject(text: string): JsonObject {
  const parsed = parseJson(argumentsOrEmpty(text));
  return isObject(parsed) ? parsed : {};
}

/** A call as the contract promises it: an id, and arguments that are JSON text (`{}` when none came). */
export const completeCall = (call: ToolCall): ToolCall => ({
  ...call,
  id: call.id || madeUpCallId(call.index),
  arguments: argumentsOrEmpty(call.arguments),
});

/** The calls of an answer, complete and in index order; nothing when there were none. */
export function toolCallsEvent(calls: Iterable<ToolCall>): { type: 'tool-calls'; calls: ToolCall[] }[] {
  const done = [...calls].map(completeCall).sort((a, b) => a.index - b.index);
  return done.length ? [{ type: 'tool-calls', calls: done }] : [];
}
