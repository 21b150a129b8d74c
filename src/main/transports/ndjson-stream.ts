// Frames a response body as newline-delimited JSON (Ollama's native API): one frame per
// non-empty line, CRLF tolerated, a last line without its newline delivered on a clean end. An
// unfinished line is kept as pieces and never past maxEventBytes, so a server that never sends a
// newline is stopped there; each piece is searched once, so a long line costs linear time. The
// lines of each piece of text come as one batch.
import { eachFrame } from './frame-batches';
import type { FrameBatch, NdjsonFrame, TransportLimits } from './types';
import { frameTooLarge } from './size-limits';

export const frameNdjson = (
  text: AsyncIterable<string>,
  host: string,
  limits: TransportLimits,
): AsyncGenerator<NdjsonFrame> => eachFrame(frameNdjsonBatches(text, host, limits));

export async function* frameNdjsonBatches(
  text: AsyncIterable<string>,
  host: string,
  limits: TransportLimits,
): AsyncGenerator<FrameBatch<NdjsonFrame>> {
  let pending: string[] = [];
  let pendingLength = 0;
  const tooLong = () => frameTooLarge(host, 'an NDJSON line', limits);
  for await (const piece of text) {
    const batch: NdjsonFrame[] = [];
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
      if (line) batch.push({ framing: 'ndjson', line });
      start = newline + 1;
      newline = piece.indexOf('\n', start);
    }
    if (start < piece.length) {
      pending.push(piece.slice(start));
      pendingLength += piece.length - start;
      if (pendingLength > limits.maxEventBytes) throw tooLong();
    }
    if (batch.length) yield batch;
  }
  const last = pending.join('').trim();
  if (last) yield [{ framing: 'ndjson', line: last }];
}
