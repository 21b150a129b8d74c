// The transport entry point: plan in, frames out. The one place that picks a framing.
import { openGrpcStream } from './grpc-stream';
import { sendHttp } from './http-request';
import { frameNdjson } from './ndjson-stream';
import { openPolling } from './poll-stream';
import { frameSse } from './sse-stream';
import { readText } from './text-stream';
import { defaultLimits, limitsFor, type Frame, type StreamPlan, type TransportLimits } from './types';
import { openWebSocket } from './websocket-stream';

export async function* openStream(
  plan: StreamPlan,
  signal: AbortSignal,
  limits: TransportLimits = defaultLimits,
): AsyncGenerator<Frame> {
  // The backend's own timeouts hold for the whole stream, whatever carries it.
  limits = limitsFor(plan, limits);
  if (plan.framing === 'websocket') {
    yield* openWebSocket(plan, signal, limits);
    return;
  }
  if (plan.framing === 'grpc') {
    yield* openGrpcStream(plan, signal, limits);
    return;
  }
  if (plan.framing === 'poll') {
    yield* openPolling(plan, signal, limits);
    return;
  }
  const host = new URL(plan.url).host;
  const res = await sendHttp(plan, signal, limits);
  const text = readText(res, host, signal, limits);
  switch (plan.framing) {
    case 'sse':
      yield* frameSse(text, host, limits);
      return;
    case 'ndjson':
      yield* frameNdjson(text, host, limits);
      return;
  }
}

export type OpenStream = typeof openStream;
