// A `<tool_call>` block the model is still writing, shown as it grows like a call from the API's
// fields: once its function's name is known, `tool-call-delta` pieces carry its arguments so far.
// Only a preview: the call itself is read from the whole block when it closes (text-tool-calls.ts).
// The JSON form shows its arguments as written; the Qwen3-Coder XML form shows them as JSON, each
// value a string until the block is read.
import type { GrowingText } from './text-tool-call-block';
import { XmlArguments } from './text-tool-call-xml-preview';
import { partialTagAtEnd } from './think-tags';
import type { ChatEvent } from './types';

/** `{"name": "…"` (with `"type": "function"` before it, as some models write), then its arguments. */
const JSON_NAME = /^\s*\{\s*(?:"type"\s*:\s*"function"\s*,\s*)?"name"\s*:\s*"((?:[^"\\]|\\.)*)"\s*/;
const JSON_ARGS = /^,\s*"(?:arguments|parameters)"\s*:\s*/;
const WHITESPACE = /\s/;
const XML_NAME = /^\s*<function=([^>\n]+)>/;
/** Below this many characters a body is looked at on every piece. */
const LOOK_EVERY_PIECE = 4096;

interface Seen {
  name: string;
  /** The arguments as far as they are sure: a later body only adds to them. */
  args: string;
  /** JSON form: where the arguments start in the body, once their first character is written (it then stays). */
  argsFrom?: number;
  /** XML form: where the parameters start in the body (after `<function=…>`), and their reader. */
  xml?: { from: number; reader: XmlArguments };
}

/** What a body written so far shows: the name and the arguments, or nothing yet. */
export function previewOf(body: string): Seen | null {
  const json = JSON_NAME.exec(body);
  if (json) {
    const name = readJsonString(json[1]!);
    if (name === null) return null;
    const args = JSON_ARGS.exec(body.slice(json[0].length));
    if (!args) return { name, args: '' };
    const from = json[0].length + args[0].length;
    return { name, args: jsonArguments(body, from), ...(from < body.length ? { argsFrom: from } : {}) };
  }
  const xml = XML_NAME.exec(body);
  if (!xml) return null;
  const reader = new XmlArguments();
  reader.read(body.slice(xml[0].length));
  return { name: xml[1]!.trim(), args: reader.text, xml: { from: xml[0].length, reader } };
}

/** The JSON form's arguments, from `from`: the object's own closing brace (and what whitespace follows it) is held back. */
function jsonArguments(body: string, from: number): string {
  let end = body.length;
  while (end > from && WHITESPACE.test(body[end - 1]!)) end--;
  return body.slice(from, end > from && body[end - 1] === '}' ? end - 1 : body.length);
}

function readJsonString(inner: string): string | null {
  try {
    const name = JSON.parse(`"${inner}"`) as string;
    return name.trim() || null;
  } catch {
    return null;
  }
}

/** `text.startsWith(start)`, which V8 runs a character at a time: comparing a slice is many times faster on long text. */
const startsWith = (text: string, start: string): boolean =>
  text.length >= start.length && text.slice(0, start.length) === start;

/** One block's preview: emits what its arguments grew by since the last look. */
export class CallPreview {
  private shown: Seen | null = null;
  /** The body's length at the last look. */
  private lookedAt = 0;
  /**
   * Once known, what is not read again at each look: JSON form, the name and where the arguments
   * start; XML form, the name and the reader of its parameters, which says what they grew by.
   */
  private json: { name: string; from: number } | null = null;
  private xml: { name: string; from: number; reader: XmlArguments } | null = null;

  /** `closeTag`: the block's closing tag, which a body written so far may end with the start of. */
  constructor(
    private readonly index: number,
    private readonly closeTag: string,
  ) {}

  /**
   * Looks at the block's body (`growing`: written so far; `cut`: all there will be, the stream ended
   * before its closing tag; `closed`: the whole body); the events say what is new. A growing body
   * over a few kilobytes is looked at again only once it grew by an eighth, so a call of megabytes
   * written a few characters a piece costs a few passes over it, not one per piece.
   */
  look(written: GrowingText, out: ChatEvent[], when: 'growing' | 'cut' | 'closed' = 'growing'): void {
    const step = this.lookedAt < LOOK_EVERY_PIECE ? 1 : this.lookedAt >> 3;
    if (when === 'growing' && written.length < this.lookedAt + step) return;
    const final = when === 'closed';
    const body = written.text();
    this.lookedAt = body.length;
    const tail = body.slice(-this.closeTag.length);
    const sure = final ? body : body.slice(0, body.length - partialTagAtEnd(tail, this.closeTag));
    const { json, xml } = this;
    if (xml) {
      // The reader says what the arguments grew by (nothing once they no longer grow).
      const piece = xml.reader.read(sure.slice(xml.from));
      if (piece) out.push({ type: 'tool-call-delta', index: this.index, name: xml.name, text: piece });
      return;
    }
    const seen = json ? { name: json.name, args: jsonArguments(sure, json.from) } : previewOf(sure);
    if (!seen) return;
    if (seen.argsFrom !== undefined) this.json = { name: seen.name, from: seen.argsFrom };
    if (seen.xml) this.xml = { name: seen.name, ...seen.xml };
    if (!this.shown) {
      this.shown = { name: seen.name, args: '' };
      out.push({ type: 'tool-call-delta', index: this.index, name: seen.name, text: '' });
    }
    // A preview only grows; a body that reads otherwise now (it was not what it seemed) adds nothing.
    if (seen.name !== this.shown.name || !startsWith(seen.args, this.shown.args)) return;
    const piece = seen.args.slice(this.shown.args.length);
    if (!piece) return;
    this.shown.args = seen.args;
    out.push({ type: 'tool-call-delta', index: this.index, name: seen.name, text: piece });
  }
}
