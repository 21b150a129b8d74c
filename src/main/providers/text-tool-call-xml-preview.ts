// The arguments of a Qwen3-Coder `<function=…>` block still being written, as the text of a JSON
// object of its parameters so far (text-tool-call-preview.ts shows them growing). Read again each
// time the block grew, it reads only what is new and says what the object's text grew by: the
// parameters already closed are not read again, the open one's value is escaped as it grows, and
// each search starts where the last one stopped.
import { partialTagAtEnd } from './think-tags';

const PARAMETER_OPEN = /<parameter=([^>\n]+)>/g;
const PARAMETER_CLOSE = '</parameter>';
const FUNCTION_CLOSE = '</function>';

/** The newline after a parameter's opening tag and before its closing tag is markup. */
const markupTrimmed = (value: string): string => value.replace(/^\n/, '').replace(/\n$/, '');

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/** A parameter whose closing tag has not come yet. */
interface OpenParameter {
  /** Its name as JSON text. */
  key: string;
  /** Where its value starts, and how far it was searched for the closing tag. */
  from: number;
  searched: number;
  /** Its value is shown escaped (as in a JSON string) from `start` to `escapedTo`, in this many characters. */
  start: number | null;
  escapedTo: number;
  escaped: number;
}

/**
 * Reads the text after `<function=NAME>` as it grows: each `read` is given that text longer than (or
 * as long as) the last time, starting with it. A parameter is every `<parameter=KEY>` found in
 * order (one written inside a value counts too), closed by the first `</parameter>` after it; the
 * object's `}` comes once no parameter is open and `</function>` was written.
 */
export class XmlArguments {
  /** The object's text so far. */
  private shown = '';
  /** Parameters closed, the one open, and whether the object's `}` was given. */
  private closed = 0;
  private open: OpenParameter | null = null;
  private ended = false;
  /** A parameter came after the object's `}`: the text no longer grows from what it was. */
  private broken = false;
  /** Where the search for the next opening tag starts (just after the last one found). */
  private scanFrom = 0;
  /** How far `</function>` was searched for, and whether it was found. */
  private functionSearched = 0;
  private functionClosed = false;

  /** The object's text as the last `read` left it. */
  get text(): string {
    return this.shown;
  }

  /**
   * Reads the text grown since the last time; what the object's text grew by, or null when it no
   * longer starts with what it was (a parameter after `</function>`; it stays so).
   */
  read(inner: string): string | null {
    if (this.broken) return null;
    let added = this.shown ? '' : '{';
    for (;;) {
      const open = this.open;
      if (open) {
        const close = inner.indexOf(PARAMETER_CLOSE, Math.max(open.from, open.searched - PARAMETER_CLOSE.length + 1));
        if (close < 0) {
          open.searched = inner.length;
          break;
        }
        // The value whole: what was not shown of it yet, then its closing quote.
        const value = JSON.stringify(markupTrimmed(inner.slice(open.from, close))).slice(1, -1);
        added += `${value.slice(open.escaped)}"`;
        this.closed++;
        this.open = null;
      }
      PARAMETER_OPEN.lastIndex = this.scanFrom;
      const match = PARAMETER_OPEN.exec(inner);
      if (!match) break;
      if (this.ended) {
        this.broken = true;
        return null;
      }
      this.scanFrom = match.index + match[0].length;
      const key = JSON.stringify(match[1]!.trim());
      added += `${this.closed ? ', ' : ''}${key}: "`;
      this.open = { key, from: this.scanFrom, searched: this.scanFrom, start: null, escapedTo: 0, escaped: 0 };
    }
    if (!this.functionClosed) {
      const from = Math.max(0, this.functionSearched - FUNCTION_CLOSE.length + 1);
      this.functionClosed = inner.indexOf(FUNCTION_CLOSE, from) >= 0;
      this.functionSearched = inner.length;
    }
    if (this.open) added += this.escapeMore(this.open, inner);
    else if (this.functionClosed && !this.ended) {
      added += '}';
      this.ended = true;
    }
    this.shown += added;
    return added;
  }

  /**
   * What the open value adds, escaped, as far as it is sure: a newline at its start is markup, and
   * what may yet be markup at its end waits (a newline, a cut closing tag), as does half of a
   * surrogate pair (escaped otherwise once the other half comes).
   */
  private escapeMore(open: OpenParameter, inner: string): string {
    const tail = inner.slice(Math.max(open.from, inner.length - PARAMETER_CLOSE.length));
    let end = inner.length - partialTagAtEnd(tail, PARAMETER_CLOSE);
    if (end <= open.from) return '';
    if (open.start === null) {
      open.start = inner[open.from] === '\n' ? open.from + 1 : open.from;
      open.escapedTo = open.start;
    }
    if (end > open.start && inner[end - 1] === '\n') end--;
    if (end > open.start && isHighSurrogate(inner.charCodeAt(end - 1))) end--;
    if (end <= open.escapedTo) return '';
    const more = JSON.stringify(inner.slice(open.escapedTo, end)).slice(1, -1);
    open.escaped += more.length;
    open.escapedTo = end;
    return more;
  }
}
