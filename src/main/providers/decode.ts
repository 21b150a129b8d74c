// Runs a stream's frames through an adapter's decoder: `adapter.decode(openStream(plan, signal))`.
import type { Frame } from '../transports/types';
import type { ChatEvent, ProviderAdapter } from './types';

export async function* decode(adapter: ProviderAdapter, frames: AsyncIterable<Frame>): AsyncGenerator<ChatEvent> {
  const decoder = adapter.createDecoder();
  for await (const frame of frames) {
    const events = decoder.push(frame);
    for (const event of events) {
      yield event;
      if (event.type === 'error') return;
    }
  }
  yield* decoder.end();
}
