// The text of a tool call the model is still writing (text-tool-calls.ts), gathered piece by piece
// so that each piece costs its own length, not the length of all before it. A string grown with
// `+=` is copied whole whenever it is read (sliced, searched) after a piece, so reading a block of
// 200,000 characters after each of its characters copied it 200,000 times.

/** Text that grows piece by piece: kept as its pieces, joined once when it is read. */
export class GrowingText {
  private pieces: string[] = [];
  private size = 0;
  /** Its first `headSize` characters, which decide whether it can be a call at all. */
  head = '';

  constructor(private readonly headSize = 0) {}

  get length(): number {
    return this.size;
  }

  /** Whether the head is whole: what it decides no longer changes. */
  get headWhole(): boolean {
    return this.head.length >= this.headSize;
  }

  add(piece: string): void {
    if (!piece) return;
    if (this.head.length < this.headSize) this.head += piece.slice(0, this.headSize - this.head.length);
    this.pieces.push(piece);
    this.size += piece.length;
  }

  /** Drops the last `count` characters. */
  dropEnd(count: number): void {
    const kept = this.text().slice(0, this.size - count);
    this.pieces = [kept];
    this.size = kept.length;
  }

  text(): string {
    if (this.pieces.length > 1) this.pieces = [this.pieces.join('')];
    return this.pieces[0] ?? '';
  }
}

/**
 * Everything written after a block's opening tag: its body, then, once its closing tag came, what
 * follows it. Each piece is searched for the closing tag together with the few characters before
 * it (a tag cut in two), never the whole body again.
 */
export class OpenBlock {
  /** The body: what came before the closing tag (all that came, while it has not). */
  readonly body = new GrowingText();
  /** The first characters after the opening tag, the closing tag and what follows included. */
  readonly start: GrowingText;
  /** The end of the body (as long as the closing tag less one), where a cut closing tag may start. */
  private tail = '';
  /** Once the closing tag came: the text after it. */
  private rest: string | null = null;

  constructor(
    private readonly closeTag: string,
    headSize: number,
  ) {
    this.start = new GrowingText(headSize);
  }

  get closed(): boolean {
    return this.rest !== null;
  }

  /** The text after the closing tag (empty while it has not come). */
  get after(): string {
    return this.rest ?? '';
  }

  add(piece: string): void {
    if (!this.start.headWhole) this.start.add(piece);
    if (this.rest !== null) {
      this.rest += piece;
      return;
    }
    const around = this.tail + piece;
    const at = around.indexOf(this.closeTag);
    if (at < 0) {
      this.body.add(piece);
      this.tail = around.slice(-(this.closeTag.length - 1));
      return;
    }
    // The closing tag may start in the tail, before this piece: the body then ends before the piece.
    const cut = at - this.tail.length;
    if (cut >= 0) this.body.add(piece.slice(0, cut));
    else this.body.dropEnd(-cut);
    this.rest = around.slice(at + this.closeTag.length);
  }

  /** Everything written after the opening tag, as it came. */
  all(): string {
    return this.rest === null ? this.body.text() : `${this.body.text()}${this.closeTag}${this.rest}`;
  }
}
