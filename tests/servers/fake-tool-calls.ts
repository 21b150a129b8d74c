// What every fake's tool-calling model decides, whatever wire it speaks: which calls to make for
// the tools a request offers (the first tool, and the second too when there are two or more),
// arguments made from each tool's JSON Schema, and the answer quoting the results once they come
// back. Each kind's file (openai-chat-tools.ts, anthropic-tools.ts, …) puts these on its wire.
import { createHash } from 'node:crypto';
import { tokenize } from './fake-replies';
import { asRecord } from './http-json';

/** A tool as a request offered it: its wire name and its JSON Schema. */
export interface OfferedTool {
  name: string;
  parameters: Record<string, unknown>;
}

/** A call the fake makes: its position, the tool, and the arguments as compact JSON text. */
export interface PlannedCall {
  index: number;
  name: string;
  arguments: string;
}

/** What the fake read from a request: the tools it offers, the results it ends with, or a mistake. */
export interface ToolTurns {
  tools: OfferedTool[];
  /** The contents of the tool results that end the request (null when its last turn is not one). */
  results: string[] | null;
  /** A request a real server would refuse (a result for an unknown call…), in that server's words. */
  problem?: string;
  /** The names of the tools the conversation's earlier answers called, in order (where a kind reads them). */
  earlierCalls?: string[];
  /** Rounds of calls since the user's last words: this turn's (where a kind reads them). */
  roundsThisTurn?: number;
}

/** The text fake-tools uses in string arguments when the user said nothing. */
const NO_TEXT = 'runnel';

/** A user message `call <tool>` asks for that one tool (its wire name, or the part after the server's `__`). */
const namedCall = /^call ([\w-]{1,64})$/;

/**
 * The calls for a request offering `tools`, its last user message filling the string arguments:
 * the first one or two tools, or the one tool the message names (`call get-tiny-image`).
 */
export function plannedCalls(tools: readonly OfferedTool[], lastUserMessage: string): PlannedCall[] {
  const named = namedCall.exec(lastUserMessage.trim())?.[1];
  const picked = named
    ? tools.filter((t) => t.name === named || t.name.endsWith(`__${named}`)).slice(0, 1)
    : tools.slice(0, 2);
  return picked.map((tool, index) => ({
    index,
    name: tool.name,
    arguments: JSON.stringify(argumentsFor(tool.parameters, lastUserMessage || NO_TEXT)),
  }));
}

/**
 * Arguments that satisfy a schema the way a small model would: each required property (every
 * property when none is required), a string from the user's words, numbers 2, true, the first
 * value of an enum, empty arrays and objects.
 */
export function argumentsFor(schema: Record<string, unknown>, text: string): Record<string, unknown> {
  const properties = asRecord(schema['properties']) ?? {};
  const required = Array.isArray(schema['required'])
    ? schema['required'].filter((k): k is string => typeof k === 'string')
    : Object.keys(properties);
  const out: Record<string, unknown> = {};
  for (const key of required) out[key] = valueFor(asRecord(properties[key]) ?? {}, text);
  return out;
}

function valueFor(property: Record<string, unknown>, text: string): unknown {
  const choices = property['enum'];
  if (Array.isArray(choices) && choices.length) return choices[0];
  switch (Array.isArray(property['type']) ? property['type'][0] : property['type']) {
    case 'number':
    case 'integer':
      return 2;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return text;
  }
}

/** The answer to a request that ends with tool results: each result quoted, in order. */
export const toolResultsAnswer = (results: readonly string[]): string =>
  `The tools answered: ${results.map((r) => JSON.stringify(r)).join(', ')}.`;

/**
 * That answer as streamed tokens: a word a token, as usual, unless it is long (results of many
 * kilobytes, like the attack corpus): then pieces of 200 characters (whole code points), so the
 * quote streams in seconds rather than minutes.
 */
export function toolResultsTokens(results: readonly string[]): string[] {
  const text = toolResultsAnswer(results);
  if (text.length <= 4000) return tokenize(text);
  const points = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < points.length; i += 200) out.push(points.slice(i, i + 200).join(''));
  return out;
}

/** A stable, realistic-looking id: `prefix` + hex from the call and the request it answers. */
export const fakeCallId = (prefix: string, call: PlannedCall, lastUserMessage: string, length = 24): string =>
  prefix +
  createHash('sha256').update(`${lastUserMessage}\u0000${call.index}\u0000${call.name}`).digest('hex').slice(0, length);

/** `text` in pieces of `size` characters: argument JSON cut mid-token, as tokenizers cut it. */
export function piecesOf(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Reads a list of tools: each as `pick` finds its name and schema in one entry (or skips it). */
export function offeredTools(
  list: unknown,
  pick: (tool: Record<string, unknown>) => { name: unknown; parameters: unknown } | undefined,
): OfferedTool[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw: unknown) => {
    const found = asRecord(raw) && pick(asRecord(raw)!);
    if (!found || typeof found.name !== 'string') return [];
    return [{ name: found.name, parameters: asRecord(found.parameters) ?? {} }];
  });
}
