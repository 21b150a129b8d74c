// Recognises tool calls a model wrote into its text instead of the API's fields (a server started
// without its tool parser, or a prompt-only kind whose chat template asked for them), in the answer
// and in the reasoning, however the stream is cut: `<tool_call>…</tool_call>` blocks (Hermes and
// Qwen 2.5 JSON, Qwen3-Coder `<function=…>` XML), and an answer that is one bare JSON call (Llama
// 3.1). Calls are not shown as text; a block that cannot be read is shown as text and reported.
// Every call of the answer, the API's own first, goes out in one `tool-calls` event at the end.
import { excerpt } from './json-fields';
import {
  JsonEndScanner,
  mayBeBareCall,
  mayBeCallBody,
  parseBareCall,
  parseCallBody,
  type TextCall,
} from './text-tool-call-parse';
import { GrowingText, OpenBlock } from './text-tool-call-block';
import { CallPreview } from './text-tool-call-preview';
import { partialTagAtEnd } from './think-tags';
import type { ChatEvent, ToolCall, ToolDefinition } from './types';

const OPEN = '<tool_call>';
const CLOSE = '</tool_call>';
/** Llama 3.1 may put this before a call; only at the start of an answer. */
const PYTHON_TAG = '<|python_tag|>';
/** How much of a block's start decides whether it can be a call at all. */
const HEAD = 64;
const BLANK = /^\s*$/;

let madeUp = 0;
/** Ids for calls read from text (no server gave them one), unique in this process. */
const madeUpId = (): string => `call_${madeUp++}`;

interface Sink {
  out: ChatEvent[];
  calls: TextCall[];
  /** The index a block being written is shown under, among the calls streamed in this request. */
  previewIndex(): number;
}

/**
 * start: nothing shown yet, may be a bare JSON call; bare: inside that JSON; outside: text, watching
 * for `<tool_call>`; inside: after `<tool_call>`, the block's body held.
 */
type Mode = 'start' | 'bare' | 'outside' | 'inside';

/**
 * One stream of text (the answer, or the reasoning) and what it holds back. A block or a bare call
 * being written is gathered piece by piece (text-tool-call-block.ts) and only each new piece is
 * searched, so a call of any length written a character at a time costs in proportion to its length.
 */
class Channel {
  private mode: Mode;
  /** Text not shown yet, outside a block or a bare call. */
  private held = '';
  /** Whitespace before an open block: shown again with it when it is not a call. */
  private gap = '';
  /** After a call, the whitespace that follows it is not part of the text. */
  private trimLead = false;
  /** Whether `held` is only whitespace (so more whitespace needs no look). */
  private heldBlank = true;
  /** Inside a block: what was written after `<tool_call>`. */
  private block = new OpenBlock(CLOSE, HEAD);
  /** In a bare call: what came before its `{` (whitespace, `<|python_tag|>`), its text from the `{`, and where its JSON ends. */
  private bareLead = '';
  private bareText = new GrowingText(HEAD);
  private scanner = new JsonEndScanner();
  private bareEnd = -1;
  /** Inside a block: the call shown growing while it is written. */
  private preview: CallPreview | null = null;

  constructor(
    private readonly type: 'text' | 'reasoning',
    private readonly tools: readonly ToolDefinition[],
    private readonly bare: boolean,
  ) {
    this.mode = bare ? 'start' : 'outside';
  }

  push(text: string, sink: Sink): void {
    if (this.mode === 'inside') this.block.add(text);
    else if (this.mode === 'bare') this.addBare(text);
    else {
      const wasBlank = this.heldBlank;
      this.held += text;
      // Whitespace after whitespace changes nothing yet (a run of newlines is held, not read again).
      if (wasBlank && BLANK.test(text)) return;
    }
    while (this.step(sink, false));
    this.heldBlank = this.mode !== 'inside' && this.mode !== 'bare' && BLANK.test(this.held);
  }

  end(sink: Sink): void {
    while (this.step(sink, true));
  }

  /** Everything held is flushed first (`end`); the channel starts over, as at the start of an answer. */
  restart(): void {
    this.mode = this.bare ? 'start' : 'outside';
    this.held = this.gap = this.bareLead = '';
    this.heldBlank = true;
    this.trimLead = false;
    this.preview = null;
    this.block = new OpenBlock(CLOSE, HEAD);
    this.bareText = new GrowingText(HEAD);
  }

  /** One move of the state machine; true while there is more to do now. */
  private step(sink: Sink, final: boolean): boolean {
    switch (this.mode) {
      case 'start':
        return this.atStart(final);
      case 'bare':
        return this.inBare(sink, final);
      case 'outside':
        return this.outside(sink, final);
      case 'inside':
        return this.inside(sink, final);
    }
  }

  private atStart(final: boolean): boolean {
    const lead = this.held.trimStart();
    const tagged = lead.startsWith(PYTHON_TAG);
    const json = tagged ? lead.slice(PYTHON_TAG.length).trimStart() : lead;
    if (!final && (!json || (!tagged && PYTHON_TAG.startsWith(lead)))) return false;
    if (json.startsWith('{')) {
      this.mode = 'bare';
      this.bareLead = this.held.slice(0, this.held.length - json.length);
      this.bareText = new GrowingText(HEAD);
      this.scanner = new JsonEndScanner();
      this.bareEnd = -1;
      this.held = '';
      this.addBare(json);
    } else this.mode = 'outside';
    return true;
  }

  private addBare(text: string): void {
    this.bareText.add(text);
    this.bareEnd = this.scanner.feed(text);
  }

  private inBare(sink: Sink, final: boolean): boolean {
    const end = mayBeBareCall(this.bareText.head) ? this.bareEnd : -2;
    if (end === -1 && !final) return false;
    const text = this.bareText.text();
    const call = end >= 0 ? parseBareCall(text.slice(0, end)) : undefined;
    this.mode = 'outside';
    if (call) {
      sink.calls.push(call);
      this.held = text.slice(end);
      this.trimLead = true;
    } else this.held = this.bareLead + text; // not a call: the text goes out as any other
    this.bareLead = '';
    this.bareText = new GrowingText(HEAD);
    return true;
  }

  private outside(sink: Sink, final: boolean): boolean {
    const at = this.held.indexOf(OPEN);
    if (at >= 0) {
      const before = this.held.slice(0, at);
      const visible = before.trimEnd();
      this.show(sink, visible);
      this.gap = before.slice(visible.length);
      this.block = new OpenBlock(CLOSE, HEAD);
      this.block.add(this.held.slice(at + OPEN.length));
      this.held = '';
      this.mode = 'inside';
      this.preview = new CallPreview(sink.previewIndex(), CLOSE);
      return true;
    }
    if (final) {
      this.show(sink, this.held);
      this.held = '';
      return false;
    }
    // A tag may be cut in two, and whitespace before it is not shown if a call follows.
    const ready = this.held.slice(0, this.held.length - partialTagAtEnd(this.held, OPEN)).trimEnd();
    this.show(sink, ready);
    this.held = this.held.slice(ready.length);
    return false;
  }

  private inside(sink: Sink, final: boolean): boolean {
    const { block } = this;
    if (!mayBeCallBody(block.start.head)) {
      // `<tool_call>` followed by prose: a mention, not a call; the body is read again as text.
      this.show(sink, this.gap + OPEN);
      this.gap = '';
      this.held = block.all();
      this.leaveBlock();
      return true;
    }
    if (block.closed) {
      const body = block.body.text();
      this.held = block.after;
      this.leaveBlock();
      this.preview?.look(block.body, sink.out, 'closed');
      this.closeBlock(sink, body, true);
      return true;
    }
    // Like a call from the API's fields, shown growing once its name is known (all of it when the stream ends).
    this.preview?.look(block.body, sink.out, final ? 'cut' : 'growing');
    if (!final) return false;
    this.leaveBlock();
    this.closeBlock(sink, block.body.text(), false); // cut off before its closing tag (a stop string, the token limit)
    return true;
  }

  private leaveBlock(): void {
    this.mode = 'outside';
    this.block = new OpenBlock(CLOSE, HEAD);
  }

  private closeBlock(sink: Sink, body: string, closed: boolean): void {
    const parsed = parseCallBody(body, this.tools);
    if (parsed.ok) {
      sink.calls.push(...parsed.calls);
      this.gap = '';
      this.trimLead = true;
      return;
    }
    const raw = `${OPEN}${body}${closed ? CLOSE : ''}`;
    this.show(sink, this.gap + raw);
    this.gap = '';
    const where = this.type === 'text' ? 'answer' : 'reasoning';
    const why = closed ? parsed.why : `${parsed.why}, and never closed`;
    sink.out.push({
      type: 'malformed',
      toolCall: true,
      excerpt: `a tool call in the ${where} could not be read (${why}); it is shown as text: ${excerpt(raw)}`,
    });
  }

  private show(sink: Sink, text: string): void {
    if (this.trimLead) {
      text = text.trimStart();
      if (!text) return;
      this.trimLead = false;
    }
    if (text) sink.out.push({ type: this.type, text });
  }
}

/**
 * Wraps the text and reasoning events of one answer (after the think-tag splitter). Make one only
 * when the request offered tools: without them a `<tool_call>` in the text is just text. Calls in
 * the reasoning count only when the answer itself calls nothing (a server that kept the whole
 * answer as reasoning): otherwise they were drafts of the answer's calls, and would run twice.
 */
export class TextToolCallSplitter {
  private readonly answer: Channel;
  private readonly thoughts: Channel;
  private inAnswer: TextCall[] = [];
  private readonly inThoughts: TextCall[] = [];
  private readonly fromApi: ToolCall[] = [];
  /** What the API's calls must go back with (ChatTurn.replay), passed on untouched. */
  private replay: string | undefined;
  /** Indices for blocks shown while written: after the API's own calls being written, then in order. */
  private apiWriting = 0;
  private previews = 0;
  private readonly previewIndex = (): number => this.apiWriting + this.previews++;

  constructor(tools: readonly ToolDefinition[]) {
    this.answer = new Channel('text', tools, true);
    this.thoughts = new Channel('reasoning', tools, false);
  }

  push(event: ChatEvent): ChatEvent[] {
    const out: ChatEvent[] = [];
    switch (event.type) {
      case 'text':
        this.answer.push(event.text, this.sink(out, this.inAnswer));
        return out;
      case 'reasoning':
        this.thoughts.push(event.text, this.sink(out, this.inThoughts));
        return out;
      case 'tool-calls':
        this.fromApi.push(...event.calls); // merged with ours at the end
        this.replay = event.replay ?? this.replay;
        return [];
      case 'tool-call-delta':
        this.apiWriting = Math.max(this.apiWriting, event.index + 1);
        return [event];
      case 'reasoning-reclassify':
        // The text shown so far was reasoning: what the answer still holds goes out before the
        // event, so it is moved with the rest, and so are its calls; the answer starts over after it.
        this.answer.end(this.sink(out, this.inAnswer));
        this.answer.restart();
        this.inThoughts.push(...this.inAnswer);
        this.inAnswer = [];
        out.push(event);
        return out;
      default:
        return [event];
    }
  }

  /** What is still held, then every call of the answer (the API's, then those read from the text). */
  end(): ChatEvent[] {
    const out = this.flush();
    const ours = this.fromApi.length || this.inAnswer.length ? this.inAnswer : this.inThoughts;
    const base = this.fromApi.reduce((next, call) => Math.max(next, call.index + 1), 0);
    const taken = new Set(this.fromApi.map((call) => call.id));
    const id = (): string => {
      let made = madeUpId();
      while (taken.has(made)) made = madeUpId();
      return made;
    };
    const calls: ToolCall[] = [...this.fromApi, ...ours.map((call, i) => ({ index: base + i, id: id(), ...call }))];
    if (calls.length) out.push({ type: 'tool-calls', calls, ...(this.replay ? { replay: this.replay } : {}) });
    return out;
  }

  /** The stream failed: what is still held goes out, and no call (an answer cut by an error calls nothing). */
  abandon(): ChatEvent[] {
    return this.flush();
  }

  private sink(out: ChatEvent[], calls: TextCall[]): Sink {
    return { out, calls, previewIndex: this.previewIndex };
  }

  private flush(): ChatEvent[] {
    const out: ChatEvent[] = [];
    this.thoughts.end(this.sink(out, this.inThoughts));
    this.answer.end(this.sink(out, this.inAnswer));
    return out;
  }
}
