// Frames a response body as Server-Sent Events with eventsource-parser, within the event size
// limit: its maxBufferSize bounds both an unfinished line and the data lines of an event whose
// blank line never comes, so a server that never ends an event cannot grow memory without bound.
// A last event without its blank line is still delivered on a clean end (some servers end on
// `data: [DONE]`). The events of each piece of text come as one batch.
import { createParser } from 'eventsource-parser';
import { eachFrame } from './frame-batches';
import type { FrameBatch, SseFrame, TransportLimits } from './types';
import { frameTooLarge } from './size-limits';

export const frameSse = (
  text: AsyncIterable<string>,
  host: string,
  limits: TransportLimits,
): AsyncGenerator<SseFrame> => eachFrame(frameSseBatches(text, host, limits));

export async function* frameSseBatches(
  text: AsyncIterable<string>,
  host: string,
  limits: TransportLimits,
): AsyncGenerator<FrameBatch<SseFrame>> {
  let queue: SseFrame[] = [];
  let overflow = false;
  const parser = createParser({
    maxBufferSize: limits.maxEventBytes,
    onEvent: (e) => queue.push({ framing: 'sse', event: e.event, data: e.data }),
    onError: (e) => {
      if (e.type === 'max-buffer-size-exceeded') overflow = true;
    },
  });
  const drain = () => {
    const ready = queue;
    queue = [];
    return ready;
  };
  for await (const piece of text) {
    parser.feed(piece);
    if (overflow) throw frameTooLarge(host, 'an SSE event', limits);
    if (queue.length) yield drain();
  }
  parser.feed('\n\n');
  if (queue.length) yield drain();
}
