// The last lines a stdio server wrote to stderr, kept to explain a failure (shown as text only).
export class StderrTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(
    private readonly maxLines = 20,
    private readonly maxLineChars = 1_000,
  ) {}

  push(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = (parts.pop() ?? '').slice(-this.maxLineChars * 4);
    for (const line of parts) this.add(line);
  }

  private clip(line: string): string {
    return line.length > this.maxLineChars ? `${line.slice(0, this.maxLineChars)}…` : line;
  }

  /** Blank lines say nothing and would push out lines that do. */
  private add(line: string): void {
    if (!line.trim()) return;
    this.lines.push(this.clip(line));
    if (this.lines.length > this.maxLines) this.lines.splice(0, this.lines.length - this.maxLines);
  }

  /** The kept lines, the unfinished last one included. */
  tail(): string[] {
    const all = this.partial.trim() ? [...this.lines, this.clip(this.partial)] : this.lines;
    return all.slice(-this.maxLines);
  }
}
