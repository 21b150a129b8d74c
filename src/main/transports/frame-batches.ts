// Frames travel in batches on the hot path: every frame a piece of the body held, together, so a
// fast server's hundreds of tokens per network read cost one pass through the async generators
// (transport, decode, generation), not one each. The one-frame-at-a-time view is kept for callers
// that want it.
import type { Frame, FrameBatch } from './types';

/** Frames one at a time, from batches. */
export async function* eachFrame<F extends Frame>(batches: AsyncIterable<FrameBatch<F>>): AsyncGenerator<F> {
  for await (const batch of batches) yield* batch;
}

/** Batches of one, for transports whose messages arrive one by one anyway (WebSocket, gRPC, polling). */
export async function* singleFrames<F extends Frame>(
  frames: AsyncIterable<F> | Iterable<F>,
): AsyncGenerator<FrameBatch<F>> {
  for await (const frame of frames) yield [frame];
}
