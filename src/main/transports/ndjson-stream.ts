// Frames a response body as newline-delimited JSON (Ollama's native API): one frame per
// non-empty line, CRLF tolerated, a last line without its newline delivered on a clean end.
import type { NdjsonFrame, TransportLimits } from './types';
import { tooLarge } from './text-stream';

export async function* frameNdjson(
  text: AsyncIterable<string>,
  host: string,
  limits: TransportLimits,
): AsyncGenerator<NdjsonFrame> {
  let buffer = '';
  for await (const piece of text) {
    buffer += piece;
    let newline = buffer.indexOf('\n');
    let start = 0;
    while (newline !== -1) {
      if (newline - start > limits.maxEventBytes) throw tooLarge(host, limits);
      const line = buffer.slice(start, newline).trim();
      if (line) yield { framing: 'ndjson', line };
      start = newline + 1;
      newline = buffer.indexOf('\n', start);
    }
    buffer = buffer.slice(start);
    if (buffer.length > limits.maxEventBytes) throw tooLarge(host, limits);
  }
  const last = buffer.trim();
  if (last) yield { framing: 'ndjson', line: last };
}
