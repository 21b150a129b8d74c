// What a provider asks a transport for (a plan) and what it gets back (frames). Providers import
// only this file from the transport layer, so the N adapters and M transports never meet.
import type { HttpMode, StreamTransport } from '../../shared/domain';

export interface TransportLimits {
  /** Time allowed to connect and receive response headers (a server loading a model can be slow). */
  connectTimeoutMs: number;
  /** Longest silence allowed between bytes once the response has started; keep-alive comments count as life. */
  idleTimeoutMs: number;
  /**
   * Largest single frame held in memory before the stream is stopped: an SSE event (its
   * unfinished line and data lines), an NDJSON line, a WebSocket message, a gRPC message, one
   * answer of a polled job. A server that never sends the end of a frame cannot grow memory past it.
   */
  maxEventBytes: number;
  /** Largest whole answer (every byte of the body, every message, every poll) before the stream is stopped. */
  maxResponseBytes: number;
  /** Largest error body read when the server answers with an HTTP error. */
  maxErrorBodyBytes: number;
}

export const defaultLimits: TransportLimits = {
  connectTimeoutMs: 30_000,
  idleTimeoutMs: 120_000,
  maxEventBytes: 8 * 1024 * 1024,
  // A 128k-token answer with a usage block on every chunk stays well below this.
  maxResponseBytes: 256 * 1024 * 1024,
  maxErrorBodyBytes: 64 * 1024,
};

/** Extra trust for a server with a self-signed or private-CA certificate. */
export interface TlsTrust {
  /** PEM certificate(s), trusted in addition to the bundled root CAs. */
  ca?: string;
}

export interface HttpRequestPlan {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /**
   * Which HTTP to speak (default 'auto': ALPN decides on https, HTTP/1.1 on plain http). The core
   * fills this and `tls` from the backend; adapters leave them out.
   */
  http?: HttpMode;
  tls?: TlsTrust;
  /**
   * The backend's custom headers, filled by the core like `http` and `tls`, sent on every request
   * of the plan (polls, WebSocket handshake and gRPC metadata included). On a clash the plan's
   * own `headers` win, so a custom header cannot break the protocol.
   */
  extraHeaders?: Record<string, string>;
  /** The backend's own timeouts, replacing the limits' defaults for this plan. */
  timeouts?: Partial<Pick<TransportLimits, 'connectTimeoutMs' | 'idleTimeoutMs'>>;
}

/** The headers a request goes out with: the backend's extra ones under the plan's own, names lower-cased. */
export function requestHeaders(plan: Pick<HttpRequestPlan, 'headers' | 'extraHeaders'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(plan.extraHeaders ?? {})) out[k.toLowerCase()] = v;
  for (const [k, v] of Object.entries(plan.headers)) out[k.toLowerCase()] = v;
  return out;
}

/** The limits with a plan's own timeouts applied. */
export function limitsFor(plan: Pick<HttpRequestPlan, 'timeouts'>, limits: TransportLimits): TransportLimits {
  return plan.timeouts ? { ...limits, ...plan.timeouts } : limits;
}

/** A streaming request: which framing to apply to the response body. */
export interface HttpStreamPlan extends HttpRequestPlan {
  framing: 'sse' | 'ndjson';
}

/**
 * A WebSocket session (RFC 6455): the handshake is an HTTP/1.1 GET upgrade, so `method` is
 * always 'GET' and `http` is ignored; `tls` applies to wss://. Once open, `send` goes out in
 * order; every message received is one frame. On abort `cancel` (when set) is sent before closing.
 */
export interface WebSocketStreamPlan extends HttpRequestPlan {
  framing: 'websocket';
  method: 'GET';
  send: string[];
  cancel?: string;
}

/** A request of a polled job, built by the adapter; the plan's `http`, `tls` and `extraHeaders` apply to it too. */
export type JobRequest = Omit<HttpRequestPlan, 'http' | 'tls' | 'extraHeaders' | 'timeouts'>;

/**
 * Long polling (poll-stream.ts): the plan's own request starts a job, then `poll(start)` is sent
 * every `intervalMs` and each answer is one frame. `start` is the start answer's parsed JSON, or
 * undefined while a blocking start has not answered. With `startBlocks` the start request itself
 * runs until the job is done (KoboldCpp /api/v1/generate): polls run beside it, and its answer is
 * the last frame. Otherwise polling goes on until the decoder says `finished()`. On abort every
 * request in flight is aborted and `cancel(start)` (when it gives one) is sent. With
 * `preferStream`, that streaming route is tried first and polling is used only when it answers
 * one of its `fallbackStatuses` (a server too old to have it).
 */
export interface PollStreamPlan extends HttpRequestPlan {
  framing: 'poll';
  startBlocks: boolean;
  poll: (start: unknown) => JobRequest | undefined;
  intervalMs: number;
  cancel?: (start: unknown) => JobRequest | undefined;
  preferStream?: JobRequest & { framing: 'sse' | 'ndjson'; fallbackStatuses: readonly number[] };
}

/**
 * A gRPC bidirectional stream (grpc-stream.ts): `url` is the server (http:// insecure, https://
 * TLS with `tls`), `path` the method (`/package.Service/Method`), `send` the already-encoded
 * protobuf messages written once the call opens; every message received is one frame. Headers
 * become call metadata. The call is cancelled on abort and when the decoder says `finished()`.
 */
export interface GrpcStreamPlan extends HttpRequestPlan {
  framing: 'grpc';
  method: 'POST';
  path: string;
  send: Uint8Array[];
}

export type StreamPlan = HttpStreamPlan | WebSocketStreamPlan | PollStreamPlan | GrpcStreamPlan;

/**
 * A unary gRPC call (grpc-unary.ts): `message` (already encoded) to the method `path` on the
 * server at `url`, with the same channel settings as a GrpcStreamPlan; the answer is the response
 * message's bytes. It is an HttpRequestPlan too, so an adapter's `modelsRequest` can be one
 * (Triton's RepositoryIndex) and the model list goes through the same code as every other kind.
 */
export interface GrpcUnaryPlan extends HttpRequestPlan {
  framing: 'grpc-unary';
  method: 'POST';
  path: string;
  message: Uint8Array;
}

export function isGrpcUnary(plan: HttpRequestPlan): plan is GrpcUnaryPlan {
  return (plan as Partial<GrpcUnaryPlan>).framing === 'grpc-unary';
}

/** One Server-Sent Event. `event` is undefined when the server named none. */
export interface SseFrame {
  framing: 'sse';
  event: string | undefined;
  data: string;
}

/** One line of newline-delimited JSON, not yet parsed (the adapter decides what a bad line means). */
export interface NdjsonFrame {
  framing: 'ndjson';
  line: string;
}

/** One WebSocket message as text (binary messages are read as UTF-8), not yet parsed. */
export interface WebSocketFrame {
  framing: 'websocket';
  data: string;
}

/** One answer of a polled job as text, not yet parsed: the start request's (`start`) or a poll's. */
export interface PollFrame {
  framing: 'poll';
  phase: 'start' | 'poll';
  data: string;
}

/** One gRPC message as its protobuf bytes, not yet decoded (the adapter owns the schema). */
export interface GrpcFrame {
  framing: 'grpc';
  message: Uint8Array;
}

export type Frame = SseFrame | NdjsonFrame | WebSocketFrame | PollFrame | GrpcFrame;

/** What carried a stream: its framing and, where one HTTP version carried it, which (the figures show both). */
export interface StreamLink {
  transport: StreamTransport;
  /** '1.1' or '2'; null when several requests may differ (polling). */
  httpVersion: '1.1' | '2' | null;
}

/** The frames one read of the body held, together (frame-batches.ts). */
export type FrameBatch<F extends Frame = Frame> = readonly F[];

/** A text frame's payload (an SSE event's data, an NDJSON line, a message); null for binary gRPC frames. */
export function frameText(frame: Frame): string | null {
  switch (frame.framing) {
    case 'ndjson':
      return frame.line;
    case 'grpc':
      return null;
    default:
      return frame.data;
  }
}
