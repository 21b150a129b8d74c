// What a provider asks a transport for (a plan) and what it gets back (frames). Providers import
// only this file from the transport layer, so the N adapters and M transports never meet.
import type { HttpMode } from '../../shared/domain';

export interface TransportLimits {
  /** Time allowed to connect and receive response headers (a server loading a model can be slow). */
  connectTimeoutMs: number;
  /** Longest silence allowed between bytes once the response has started; keep-alive comments count as life. */
  idleTimeoutMs: number;
  /** Largest single event the framer buffers before it gives up on the stream. */
  maxEventBytes: number;
  /** Largest error body read when the server answers with an HTTP error. */
  maxErrorBodyBytes: number;
}

export const defaultLimits: TransportLimits = {
  connectTimeoutMs: 30_000,
  idleTimeoutMs: 120_000,
  maxEventBytes: 8 * 1024 * 1024,
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
}

/** A streaming request: which framing to apply to the response body. */
export interface StreamPlan extends HttpRequestPlan {
  framing: 'sse' | 'ndjson';
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

export type Frame = SseFrame | NdjsonFrame;
