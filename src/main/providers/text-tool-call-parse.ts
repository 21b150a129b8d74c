// Reads one tool call a model wrote into its text: the body of a `<tool_call>` block (Hermes and
// Qwen 2.5 JSON, or the Qwen3-Coder XML form) or a whole answer that is one bare JSON call (Llama 3.1).
import { isObject, parseJson } from './json-fields';
import type { ToolDefinition } from './types';

/** A call as read from the text; its index and id are given when the answer ends. */
export interface TextCall {
  name: string;
  /** JSON text of an object. */
  arguments: string;
}

export type ParsedBody = { ok: true; calls: TextCall[] } | { ok: false; why: string };

const fail = (why: string): ParsedBody => ({ ok: false, why });

/**
 * `{"name", "arguments"}` (Hermes, Qwen 2.5; `parameters` in Llama 3.1's words), arguments an
 * object or JSON text of one, missing meaning `{}`. `type: "function"` may stand beside them.
 */
function jsonCall(value: unknown): TextCall | string {
  if (!isObject(value)) return 'not a JSON object';
  const { name } = value;
  if (typeof name !== 'string' || !name.trim()) return 'no function name';
  const extra = Object.keys(value).filter((k) => !['name', 'arguments', 'parameters', 'type'].includes(k));
  if (extra.length) return `unexpected field "${extra[0]}"`;
  const args = value.arguments ?? value.parameters ?? {};
  if (isObject(args)) return { name: name.trim(), arguments: JSON.stringify(args) };
  if (typeof args === 'string') {
    // Some models send the arguments as JSON text, as the OpenAI API does.
    if (!args.trim()) return { name: name.trim(), arguments: '{}' };
    if (isObject(parseJson(args))) return { name: name.trim(), arguments: args };
  }
  return 'arguments are not a JSON object';
}

/** The JSON form: one call object, or an array of them. */
function parseJsonBody(body: string): ParsedBody {
  const value = parseJson(body);
  if (value === undefined) return fail('not valid JSON');
  const items = Array.isArray(value) ? value : [value];
  if (!items.length) return fail('an empty list');
  const calls: TextCall[] = [];
  for (const item of items) {
    const call = jsonCall(item);
    if (typeof call === 'string') return fail(call);
    calls.push(call);
  }
  return { ok: true, calls };
}

/** Whether the schema says this parameter is a string (its value is then taken as written). */
function isStringParameter(tool: ToolDefinition | undefined, key: string): boolean {
  const properties = tool?.parameters.properties;
  const schema = isObject(properties) ? properties[key] : undefined;
  const type = isObject(schema) ? schema.type : undefined;
  return type === 'string' || (Array.isArray(type) && type.length > 0 && type.every((t) => t === 'string'));
}

const FUNCTION = /^<function=([^>\n]+)>([\s\S]*)<\/function>$/;
const PARAMETER = /<parameter=([^>\n]+)>([\s\S]*?)<\/parameter>/g;

/**
 * The Qwen3-Coder form: `<function=NAME>` then `<parameter=KEY>\nVALUE\n</parameter>` for each
 * argument. The newline after the opening and before the closing tag is markup (as vLLM's
 * qwen3_coder parser reads it); a value is JSON when it parses as JSON, else a string, and always a
 * string where the tool's schema says so.
 */
function parseXmlBody(body: string, tools: readonly ToolDefinition[]): ParsedBody {
  const fn = FUNCTION.exec(body);
  if (!fn) return fail('a <function=…> block without its </function>');
  const name = fn[1]!.trim();
  const inner = fn[2]!;
  const tool = tools.find((t) => t.name === name);
  const args: Record<string, unknown> = {};
  let rest = '';
  let last = 0;
  for (const match of inner.matchAll(PARAMETER)) {
    rest += inner.slice(last, match.index);
    last = match.index + match[0].length;
    const key = match[1]!.trim();
    const raw = match[2]!.replace(/^\n/, '').replace(/\n$/, '');
    const parsed = isStringParameter(tool, key) ? undefined : parseJson(raw);
    // defineProperty: a key named __proto__ stays an own property, as JSON.parse would make it.
    Object.defineProperty(args, key, { value: parsed ?? raw, enumerable: true, writable: true, configurable: true });
  }
  rest += inner.slice(last);
  if (rest.trim()) return fail('text between the parameters');
  if (!name) return fail('no function name');
  return { ok: true, calls: [{ name, arguments: JSON.stringify(args) }] };
}

/** The body of a `<tool_call>…</tool_call>` block, tags excluded. */
export function parseCallBody(body: string, tools: readonly ToolDefinition[]): ParsedBody {
  const text = body.trim();
  if (text.startsWith('{') || text.startsWith('[')) return parseJsonBody(text);
  if (text.startsWith('<function=')) return parseXmlBody(text, tools);
  return fail(text ? 'neither JSON nor <function=…>' : 'an empty block');
}

/** A whole answer written as one bare JSON call (Llama 3.1's format); undefined when it is not one. */
export function parseBareCall(text: string): TextCall | undefined {
  const call = jsonCall(parseJson(text));
  return typeof call === 'string' ? undefined : call;
}

/** Whether the body of a block so far can still become a call (JSON, or `<function=`). */
export function mayBeCallBody(body: string): boolean {
  const text = body.trimStart();
  if (!text) return true;
  if (text[0] === '{' || text[0] === '[') return true;
  return text.startsWith('<function=') || '<function='.startsWith(text);
}

/**
 * Whether an answer opening with `text` (which starts with `{`) can still be a bare call: after the
 * brace, the first key must be "name" or "type" (Llama 3.1 and 3.2 write one of them first).
 */
export function mayBeBareCall(text: string): boolean {
  const after = text.slice(1).trimStart();
  if (!after) return true;
  if (after[0] !== '"') return false;
  const close = after.indexOf('"', 1);
  const key = close < 0 ? after.slice(1) : after.slice(1, close);
  return close < 0 ? ['name', 'type'].some((k) => k.startsWith(key)) : key === 'name' || key === 'type';
}

/** Finds where a JSON value opened by `{` or `[` closes, reading the text piece by piece as it streams in. */
export class JsonEndScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Characters read so far, and where the value ends once found. */
  private read = 0;
  private found = -1;

  /** Reads the next piece; the index in all the text fed just after the closing bracket, or -1 while open. */
  feed(piece: string): number {
    if (this.found >= 0) return this.found;
    for (let i = 0; i < piece.length; i++) {
      const c = piece[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') this.inString = false;
      } else if (c === '"') this.inString = true;
      else if (c === '{' || c === '[') this.depth++;
      else if ((c === '}' || c === ']') && --this.depth === 0) {
        this.found = this.read + i + 1;
        return this.found;
      }
    }
    this.read += piece.length;
    return -1;
  }
}
