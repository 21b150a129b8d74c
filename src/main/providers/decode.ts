// Runs a stream's frames through an adapter's decoder, then through the reasoning normalizer
// every kind shares: `decode(adapter, openStream(plan, signal))`.
import type { Frame } from '../transports/types';
import { ThinkTagSplitter } from './think-tags';
import type { BackendTarget, ChatEvent, ProviderAdapter } from './types';

export async function* decode(
  adapter: ProviderAdapter,
  frames: AsyncIterable<Frame>,
  backend?: BackendTarget,
): AsyncGenerator<ChatEvent> {
  const decoder = adapter.createDecoder(backend);
  const thoughts = new ThinkTagSplitter();
  for await (const frame of frames) {
    for (const event of decoder.push(frame)) {
      if (event.type === 'error') {
        yield* thoughts.end();
        yield event;
        return;
      }
      yield* thoughts.push(event);
    }
    if (decoder.finished?.()) break;
  }
  for (const event of decoder.end()) yield* thoughts.push(event);
  yield* thoughts.end();
}
