// Splits raw `<think>…</think>` out of streamed answer text into reasoning, for every backend kind
// (DeepSeek-R1, QwQ and Qwen3 served without a reasoning parser put their thoughts in the content).
// Tags may be split anywhere across chunks. Two shapes exist: the answer opens with `<think>`, or
// the chat template already opened it in the prompt and the stream shows only `</think>`; in the
// second case the text seen so far is reclassified as reasoning when the closing tag arrives.
import { GrowingText } from './text-tool-call-block';
import type { ChatEvent } from './types';

const OPEN = '<think>';
const CLOSE = '</think>';

/**
 * Length of the longest suffix of `text` that is a proper prefix of `tag` (a tag possibly cut in
 * two). `tag` must hold one `<`, its first character (as `<think>` and `</think>` do), so only a
 * suffix from the last `<` can be one: a single look per token, which matters at thousands of
 * tokens a second.
 */
export function partialTagAtEnd(text: string, tag: string): number {
  const at = text.lastIndexOf('<');
  if (at < 0 || text.length - at >= tag.length) return 0;
  return tag.startsWith(text.slice(at)) ? text.length - at : 0;
}

type State = 'start' | 'inside' | 'before-close' | 'after';

export class ThinkTagSplitter {
  /** start: nothing decided; inside: after <think>; before-close: plain text that a lone </think> may yet turn into reasoning; after: answer. */
  private state: State = 'start';
  private held = '';
  /**
   * Whitespace before anything was decided, kept aside in its pieces: a long run of it streamed a
   * piece at a time is then looked at once, not again at every piece (grown into `held` and trimmed
   * each time, 200,000 characters of it took 37 s).
   */
  private space = new GrowingText();
  private trimNextAnswer = false;

  push(event: ChatEvent): ChatEvent[] {
    if (event.type !== 'text') return [event];
    if (this.state === 'start' && this.held === '') {
      const body = event.text.trimStart();
      this.space.add(event.text.slice(0, event.text.length - body.length));
      this.held = body;
    } else {
      this.held += event.text;
    }
    return this.drain(false);
  }

  end(): ChatEvent[] {
    return this.drain(true);
  }

  private drain(final: boolean): ChatEvent[] {
    const out: ChatEvent[] = [];
    for (;;) {
      const before = this.state;
      this.step(out, final);
      if (this.state === before) return out;
    }
  }

  private step(out: ChatEvent[], final: boolean): void {
    if (this.state === 'start') {
      // `held` starts at the first character that is not whitespace (push keeps what came before aside).
      if (this.held.startsWith(OPEN)) {
        this.held = this.held.slice(OPEN.length);
        this.state = 'inside';
      } else if (!final && OPEN.startsWith(this.held)) {
        return; // still could become <think>
      } else {
        this.held = this.space.text() + this.held;
        this.state = 'before-close';
      }
      this.space = new GrowingText();
      return;
    }
    if (this.state === 'inside' || this.state === 'before-close') {
      const at = this.held.indexOf(CLOSE);
      if (at !== -1) {
        const thought = this.held.slice(0, at);
        if (this.state === 'before-close') out.push({ type: 'reasoning-reclassify' });
        if (thought) out.push({ type: 'reasoning', text: thought });
        this.held = this.held.slice(at + CLOSE.length);
        this.trimNextAnswer = true;
        this.state = 'after';
        return;
      }
      const keep = final ? 0 : partialTagAtEnd(this.held, CLOSE);
      const ready = this.held.slice(0, this.held.length - keep);
      this.held = this.held.slice(ready.length);
      if (ready) out.push({ type: this.state === 'inside' ? 'reasoning' : 'text', text: ready });
      return;
    }
    // after: the answer proper; the newlines a model puts after </think> are not part of it.
    let text = this.held;
    if (this.trimNextAnswer) {
      text = text.replace(/^\s+/, '');
      if (text) this.trimNextAnswer = false;
    }
    this.held = '';
    if (text) out.push({ type: 'text', text });
  }
}
