// Cuts a large JSON document into its entries as the text streams in, so a 200 MB export is never
// parsed (or held) as one string: the elements of a top-level array, or of one array-valued field
// of a top-level object, come out one at a time; the object's other fields come out whole.
// It tracks only structure (strings, nesting); each entry is then checked by JSON.parse.
import { transferWords } from '../../shared/words/transfer-words';
import { WordsError } from './words-error';
import type { Spoken } from '../../shared/words/define-words';

export type SplitEvent =
  /** What the document is, as soon as its first character arrives. */
  | { kind: 'root'; root: 'array' | 'object' }
  /** One entry; `text` is null when it was larger than the limit or not asked for. */
  | { kind: 'entry'; index: number; text: string | null; oversized: boolean }
  /** A field of the top-level object other than the streamed array, as raw JSON text (null: not kept). */
  | { kind: 'field'; key: string; text: string | null };

export interface SplitterOptions {
  /** In a top-level object, the field whose array elements are streamed one by one. */
  arrayField: string;
  /** Entries longer than this many characters are skipped (their text is not kept). */
  maxEntryChars: number;
  /** Kept fields longer than this fail the document. */
  maxFieldChars?: number;
  /** Which entries to keep the text of: all (the default), only the first (to sniff a format), or none (to count). */
  keepEntries?: 'all' | 'first' | 'none';
  /** Which fields of a top-level object to keep the text of (default: all). */
  keepFields?: readonly string[];
}

export class JsonStructureError extends WordsError {
  constructor(words: Spoken) {
    super(words);
    this.name = 'JsonStructureError';
  }
}

type State =
  | 'start'
  | 'root-array' // between the elements of a top-level array
  | 'object-key' // before a key of the top-level object
  | 'key' // inside that key's string
  | 'colon'
  | 'object-value' // before the value of a top-level field
  | 'after-value' // after a top-level field's value: `,` or `}`
  | 'inner-array' // between the elements of the streamed array
  | 'capture' // inside a value being collected
  | 'end';

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * Not @streamparser/json (measured against it on a 70 MB ChatGPT export): a full parser stops the
 * whole file at one conversation with broken JSON inside, where this hands that one out for
 * JSON.parse to refuse and goes on; it builds every entry as objects, so an oversized one is held
 * whole instead of skipped; and it was 2.2× slower reading and 3× slower counting.
 */
export class JsonSplitter {
  /** What the document turned out to be once its first character arrived. */
  root: 'array' | 'object' | null = null;
  private state: State = 'start';
  private entries = 0;
  // The value being captured: its pieces so far, nesting inside it, string state.
  private parts: string[] = [];
  private partsLength = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private literal = false;
  private oversized = false;
  private capturing: 'entry' | 'field' = 'entry';
  private returnTo: State = 'end';
  private key = '';
  private keyParts: string[] = [];
  private streamedArrayOpen = false;
  private keepCurrent = true;
  private readonly maxFieldChars: number;
  private readonly stringEnd = /["\\]/g;

  constructor(private readonly options: SplitterOptions) {
    this.maxFieldChars = options.maxFieldChars ?? 1024 * 1024;
  }

  /** Feeds the next piece of text; returns the entries and fields it completed. */
  push(chunk: string): SplitEvent[] {
    const out: SplitEvent[] = [];
    let i = 0;
    if (this.state === 'start' && this.entries === 0 && chunk.charCodeAt(0) === 0xfeff) i = 1;
    let captureFrom = this.state === 'capture' ? i : -1;
    const n = chunk.length;
    while (i < n) {
      if (this.state === 'capture') {
        if (captureFrom < 0) captureFrom = i;
        const done = this.scanCapture(chunk, i);
        if (done < 0) {
          this.keep(chunk.slice(captureFrom));
          captureFrom = -1;
          i = n;
          break;
        }
        // A literal ends before its delimiter; a string, object or array at its closing character.
        const endExclusive = this.literal ? done : done + 1;
        this.keep(chunk.slice(captureFrom, endExclusive));
        out.push(this.finishCapture());
        captureFrom = -1;
        i = endExclusive;
        continue;
      }
      if (this.state === 'key') {
        const done = this.scanKey(chunk, i);
        if (done < 0) {
          this.keyParts.push(chunk.slice(i));
          i = n;
          break;
        }
        this.keyParts.push(chunk.slice(i, done + 1));
        this.key = parseKey(this.keyParts.join(''));
        this.keyParts = [];
        this.state = 'colon';
        i = done + 1;
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      const before = this.root;
      this.step(c);
      if (before === null && this.root !== null) out.push({ kind: 'root', root: this.root });
      // step() moved the state on; read it afresh.
      const next = this.state as State;
      if (next === 'capture') captureFrom = i;
      else if (next === 'key') this.keyParts = ['"'];
      if (next !== 'capture' || !this.literal) i++;
    }
    // A value that began on this chunk's last character continues in the next chunk.
    if (this.state === 'capture' && captureFrom >= 0 && captureFrom < n) this.keep(chunk.slice(captureFrom));
    return out;
  }

  /** The text ended: throws when the document is not complete. */
  end(): void {
    if (this.state === 'end') return;
    if (this.state === 'start') throw new JsonStructureError(transferWords.say('fileEmpty'));
    throw new JsonStructureError(transferWords.say('fileCutOff'));
  }

  /** One structural character outside any captured value. */
  private step(c: number): void {
    switch (this.state) {
      case 'start':
        if (c === OPEN_BRACKET) {
          this.root = 'array';
          this.state = 'root-array';
        } else if (c === OPEN_BRACE) {
          this.root = 'object';
          this.state = 'object-key';
        } else throw new JsonStructureError(transferWords.say('notJson'));
        return;
      case 'root-array':
      case 'inner-array':
        if (c === COMMA) return;
        if (c === CLOSE_BRACKET) {
          this.state = this.state === 'root-array' ? 'end' : 'after-value';
          return;
        }
        this.beginCapture('entry', this.state, c);
        return;
      case 'object-key':
        if (c === COMMA) return;
        if (c === CLOSE_BRACE) {
          this.state = 'end';
          return;
        }
        if (c !== QUOTE) throw new JsonStructureError(transferWords.say('expectedFieldName'));
        this.escaped = false;
        this.state = 'key';
        return;
      case 'colon':
        if (c !== COLON) throw new JsonStructureError(transferWords.say('expectedColon'));
        this.state = 'object-value';
        return;
      case 'object-value':
        if (this.key === this.options.arrayField && c === OPEN_BRACKET && !this.streamedArrayOpen) {
          this.streamedArrayOpen = true;
          this.state = 'inner-array';
          return;
        }
        this.beginCapture('field', 'after-value', c);
        return;
      case 'after-value':
        if (c === COMMA) this.state = 'object-key';
        else if (c === CLOSE_BRACE) this.state = 'end';
        else throw new JsonStructureError(transferWords.say('expectedCommaOrBrace'));
        return;
      case 'end':
        throw new JsonStructureError(transferWords.say('textAfterEnd'));
      default:
        return;
    }
  }

  private beginCapture(kind: 'entry' | 'field', returnTo: State, c: number): void {
    this.capturing = kind;
    const keepEntries = this.options.keepEntries ?? 'all';
    this.keepCurrent =
      kind === 'entry'
        ? keepEntries === 'all' || (keepEntries === 'first' && this.entries === 0)
        : !this.options.keepFields || this.options.keepFields.includes(this.key);
    this.returnTo = returnTo === 'inner-array' || returnTo === 'root-array' ? returnTo : 'after-value';
    this.parts = [];
    this.partsLength = 0;
    this.oversized = false;
    // The opening character is consumed here, so scanning resumes inside the value.
    this.depth = c === OPEN_BRACE || c === OPEN_BRACKET ? 1 : 0;
    this.inString = c === QUOTE;
    this.escaped = false;
    this.literal = c !== OPEN_BRACE && c !== OPEN_BRACKET && c !== QUOTE;
    this.state = 'capture';
  }

  /** Index of the character that completes the captured value (for a literal, its delimiter), or -1. */
  private scanCapture(s: string, from: number): number {
    let i = from;
    const n = s.length;
    if (this.literal) {
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c === COMMA || c === CLOSE_BRACKET || c === CLOSE_BRACE || isSpace(c)) return i;
      }
      return -1;
    }
    while (i < n) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          i++;
          continue;
        }
        this.stringEnd.lastIndex = i;
        const m = this.stringEnd.exec(s);
        if (!m) return -1;
        i = m.index;
        if (s.charCodeAt(i) === BACKSLASH) {
          this.escaped = true;
          i++;
          continue;
        }
        this.inString = false;
        if (this.depth === 0) return i;
        i++;
        continue;
      }
      const c = s.charCodeAt(i);
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        this.depth--;
        if (this.depth === 0) return i;
        if (this.depth < 0) throw new JsonStructureError(transferWords.say('closesEarly'));
      }
      i++;
    }
    return -1;
  }

  private scanKey(s: string, from: number): number {
    for (let i = from; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (this.escaped) this.escaped = false;
      else if (c === BACKSLASH) this.escaped = true;
      else if (c === QUOTE) return i;
    }
    return -1;
  }

  private keep(piece: string): void {
    this.partsLength += piece.length;
    if (this.capturing === 'entry' && this.partsLength > this.options.maxEntryChars) {
      this.oversized = true;
      this.parts = [];
      return;
    }
    if (!this.keepCurrent || this.oversized) return;
    if (this.capturing === 'field' && this.partsLength > this.maxFieldChars) {
      throw new JsonStructureError(transferWords.say('fieldTooLarge', { field: this.key.slice(0, 60) }));
    }
    this.parts.push(piece);
  }

  private finishCapture(): SplitEvent {
    const text = this.keepCurrent && !this.oversized ? this.parts.join('') : null;
    this.parts = [];
    this.state = this.returnTo;
    if (this.capturing === 'field') return { kind: 'field', key: this.key, text };
    const index = this.entries++;
    return { kind: 'entry', index, text, oversized: this.oversized };
  }
}

function parseKey(quoted: string): string {
  try {
    const key = JSON.parse(quoted) as unknown;
    return typeof key === 'string' ? key : '';
  } catch {
    throw new JsonStructureError(transferWords.say('badFieldName'));
  }
}
