// Runs a stream's frames through an adapter's decoder, then through the reasoning normalizer
// every kind shares: `decode(adapter, openStream(plan, signal))`.
import type { Frame } from '../transports/types';
import { ThinkTagSplitter } from './think-tags';
import type { BackendTarget, ChatEvent, ProviderAdapter } from './types';

/** Yields the events of each frame together: one await per frame, not one per event. */
export async function* decode(
  adapter: ProviderAdapter,
  frames: AsyncIterable<Frame>,
  backend?: BackendTarget,
): AsyncGenerator<ChatEvent[]> {
  const decoder = adapter.createDecoder(backend);
  const thoughts = new ThinkTagSplitter();
  for await (const frame of frames) {
    const out: ChatEvent[] = [];
    for (const event of decoder.push(frame)) {
      if (event.type === 'error') {
        out.push(...thoughts.end(), event);
        yield out;
        return;
      }
      out.push(...thoughts.push(event));
    }
    if (out.length) yield out;
    if (decoder.finished?.()) break;
  }
  const tail = [...decoder.end().flatMap((event) => thoughts.push(event)), ...thoughts.end()];
  if (tail.length) yield tail;
}
