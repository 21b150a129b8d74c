// Runs a stream's frames through an adapter's decoder, then through the reasoning normalizer
// every kind shares: `decode(adapter, openFrameBatches(plan, signal))`.
import type { FrameBatch } from '../transports/types';
import { ThinkTagSplitter } from './think-tags';
import type { BackendTarget, ChatEvent, ProviderAdapter } from './types';

/** Yields the events of each batch of frames together: one await per network read, not one per frame or event. */
export async function* decode(
  adapter: ProviderAdapter,
  batches: AsyncIterable<FrameBatch>,
  backend?: BackendTarget,
): AsyncGenerator<ChatEvent[]> {
  const decoder = adapter.createDecoder(backend);
  const thoughts = new ThinkTagSplitter();
  for await (const batch of batches) {
    const out: ChatEvent[] = [];
    let finished = false;
    for (const frame of batch) {
      for (const event of decoder.push(frame)) {
        if (event.type === 'error') {
          out.push(...thoughts.end(), event);
          yield out;
          return;
        }
        for (const normal of thoughts.push(event)) out.push(normal);
      }
      if ((finished = decoder.finished?.() ?? false)) break;
    }
    if (out.length) yield out;
    if (finished) break;
  }
  const tail = [...decoder.end().flatMap((event) => thoughts.push(event)), ...thoughts.end()];
  if (tail.length) yield tail;
}
