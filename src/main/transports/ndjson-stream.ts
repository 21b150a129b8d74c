// Frames a response body as newline-delimited JSON (Ollama's native API): one frame per
// non-empty line, CRLF tolerated, a last line without its newline delivered on a clean end. An
// unfinished line is kept as pieces and never past maxEventBytes, so a server that never sends a
// newline is stopped there; each piece is searched once, so a long line costs linear time.
import type { NdjsonFrame, TransportLimits } from './types';
import { frameTooLarge } from './size-limits';

export async function* frameNdjson(
  text: AsyncIterable<string>,
  host: string,
  limits: TransportLimits,
): AsyncGenerator<NdjsonFrame> {
  let pending: string[] = [];
  let pendingLength = 0;
  const tooLong = () => frameTooLarge(host, 'an NDJSON line', limits);
  for await (const piece of text) {
    let start = 0;
    let newline = piece.indexOf('\n');
    while (newline !== -1) {
      let line = piece.slice(start, newline);
      if (pending.length) {
        if (pendingLength + line.length > limits.maxEventBytes) throw tooLong();
        line = pending.join('') + line;
        pending = [];
        pendingLength = 0;
      } else if (line.length > limits.maxEventBytes) {
        throw tooLong();
      }
      line = line.trim();
      if (line) yield { framing: 'ndjson', line };
      start = newline + 1;
      newline = piece.indexOf('\n', start);
    }
    if (start < piece.length) {
      pending.push(piece.slice(start));
      pendingLength += piece.length - start;
      if (pendingLength > limits.maxEventBytes) throw tooLong();
    }
  }
  const last = pending.join('').trim();
  if (last) yield { framing: 'ndjson', line: last };
}
