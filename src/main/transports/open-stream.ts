// The transport entry point: plan in, frames out. The one place that picks a framing.
import { sendHttp } from './http-request';
import { readSse } from './sse-stream';
import { defaultLimits, type Frame, type StreamPlan, type TransportLimits } from './types';

export async function* openStream(
  plan: StreamPlan,
  signal: AbortSignal,
  limits: TransportLimits = defaultLimits,
): AsyncGenerator<Frame> {
  const host = new URL(plan.url).host;
  const res = await sendHttp(plan, signal, limits);
  switch (plan.framing) {
    case 'sse':
      yield* readSse(res, host, signal, limits);
      return;
  }
}

export type OpenStream = typeof openStream;
