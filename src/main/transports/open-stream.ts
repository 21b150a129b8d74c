// The transport entry point: plan in, frames out (in batches on the hot path, frame-batches.ts).
// The one place that picks a framing.
import { eachFrame, singleFrames } from './frame-batches';
import { openGrpcStream } from './grpc-stream';
import { sendHttp } from './http-request';
import { frameNdjsonBatches } from './ndjson-stream';
import { openPolling } from './poll-stream';
import { frameSseBatches } from './sse-stream';
import { readText } from './text-stream';
import {
  defaultLimits,
  limitsFor,
  type Frame,
  type FrameBatch,
  type StreamLink,
  type StreamPlan,
  type TransportLimits,
} from './types';
import { openWebSocket } from './websocket-stream';

export const openStream = (
  plan: StreamPlan,
  signal: AbortSignal,
  limits: TransportLimits = defaultLimits,
): AsyncGenerator<Frame> => eachFrame(openFrameBatches(plan, signal, limits));

export async function* openFrameBatches(
  plan: StreamPlan,
  signal: AbortSignal,
  limits: TransportLimits = defaultLimits,
  /** Told once what carries the stream, when it is known (for the figures beside an answer). */
  onLink?: (link: StreamLink) => void,
): AsyncGenerator<FrameBatch> {
  // The backend's own timeouts hold for the whole stream, whatever carries it.
  limits = limitsFor(plan, limits);
  if (plan.framing === 'websocket') {
    onLink?.({ transport: 'websocket', httpVersion: '1.1' });
    yield* singleFrames(openWebSocket(plan, signal, limits));
    return;
  }
  if (plan.framing === 'grpc') {
    onLink?.({ transport: 'grpc', httpVersion: '2' });
    yield* singleFrames(openGrpcStream(plan, signal, limits));
    return;
  }
  if (plan.framing === 'poll') {
    onLink?.({ transport: 'poll', httpVersion: null });
    yield* singleFrames(openPolling(plan, signal, limits));
    return;
  }
  const host = new URL(plan.url).host;
  const res = await sendHttp(plan, signal, limits);
  onLink?.({ transport: plan.framing, httpVersion: res.httpVersion === '2.0' ? '2' : '1.1' });
  const text = readText(res, host, signal, limits);
  switch (plan.framing) {
    case 'sse':
      yield* frameSseBatches(text, host, limits);
      return;
    case 'ndjson':
      yield* frameNdjsonBatches(text, host, limits);
      return;
  }
}

export type OpenFrameBatches = typeof openFrameBatches;
