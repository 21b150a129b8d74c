// The gRPC wire a fake server speaks, written on node:http2 rather than @grpc/grpc-js's Server so
// a fake can misbehave the way real servers and proxies do: take a call and never answer, send
// the response headers and go quiet, cut a message in half and drop the connection, refuse with a
// status in a trailers-only response, add grpc-retry-pushback-ms, cut messages inside UTF-8
// characters across DATA frames. Messages are length-prefixed (1 byte "compressed" flag, 4 bytes
// big-endian length); the status travels in trailers (grpc-status, grpc-message percent-encoded).
// Like the HTTP fakes: a real socket on port 0, every socket tracked so close() cuts it, and a
// call the client cancels (RST_STREAM CANCEL) queued for nextClientAbort().
import http2, { type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import type { ClientAbort } from './fake-http-server';
import { AbortQueue, listenTracked } from './fake-listener';
import { pause, splitUtf8WriteBytes } from './paced-writer';

/** gRPC status codes the fakes send (grpc/doc/statuscodes.md). */
export const GrpcStatus = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

export interface GrpcCall {
  /** The method, e.g. /inference.GRPCInferenceService/ModelStreamInfer. */
  readonly path: string;
  /** Request headers (metadata), names lower-case, pseudo-headers left out. */
  readonly metadata: Record<string, string>;
  /** Aborted when the client cancels, the connection goes, or the server closes. */
  readonly signal: AbortSignal;
  /** What a client abort is reported with (set by the fake once it knows). */
  model: string;
  tokensSent: number;
  /** Called with each request message as it arrives. */
  onMessage(handler: (message: Uint8Array) => void): void;
  /** Called once the client has half-closed (sent all its messages). */
  onHalfClose(handler: () => void): void;
  /** Sends the response headers now (once); a call that sends nothing more stalls after them. */
  sendHeaders(): void;
  /** Sends one message; `cutInsideCharacters` writes it in pieces cut after each UTF-8 lead byte. */
  send(message: Uint8Array, opts?: { cutInsideCharacters?: boolean }): Promise<void>;
  /** Ends the call with a status (OK by default): trailers, or a trailers-only response when no headers went out. */
  end(code?: number, message?: string, trailers?: Record<string, string>): void;
  /** Writes a message's length prefix and part of its bytes, then drops the TCP connection. */
  drop(message: Uint8Array): Promise<void>;
  /** Sleeps `ms`; rejects once the call is over. */
  pause(ms: number): Promise<void>;
}

export interface GrpcServerSetup {
  host?: string;
  port?: number;
  /** PEM key and certificate: serve gRPC over TLS (https:// base URL), else h2c. */
  tls?: { key: string; cert: string };
  /** Runs one call; unknown paths included (answer UNIMPLEMENTED). */
  onCall(call: GrpcCall): void;
}

export interface FakeGrpcServer {
  /** http://host:port or https://host:port. */
  baseUrl: string;
  port: number;
  nextClientAbort(): Promise<ClientAbort>;
  readonly clientAborts: number;
  close(): Promise<void>;
}

/** grpc-message is percent-encoded: every byte outside printable ASCII, and '%' itself. */
export function encodeGrpcMessage(message: string): string {
  let out = '';
  for (const byte of Buffer.from(message, 'utf8')) {
    out +=
      byte >= 0x20 && byte <= 0x7e && byte !== 0x25
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** One message with its 5-byte prefix: not compressed, big-endian length. */
export function grpcFrame(message: Uint8Array): Buffer {
  const frame = Buffer.alloc(5 + message.length);
  frame.writeUInt32BE(message.length, 1);
  frame.set(message, 5);
  return frame;
}

/** Splits the request body into messages, across whatever DATA frames they came in. */
class MessageReader {
  private pending: Buffer = Buffer.alloc(0);
  constructor(private readonly onMessage: (m: Uint8Array) => void) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (this.pending.length >= 5) {
      const length = this.pending.readUInt32BE(1);
      if (this.pending.length < 5 + length) return;
      this.onMessage(new Uint8Array(this.pending.subarray(5, 5 + length)));
      this.pending = this.pending.subarray(5 + length);
    }
  }
}

function metadataOf(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith(':') && value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export async function startGrpcServer(setup: GrpcServerSetup): Promise<FakeGrpcServer> {
  const host = setup.host ?? '127.0.0.1';
  const aborts = new AbortQueue<ClientAbort>();
  const live = new Set<AbortController>();
  let closing = false;
  const server = setup.tls
    ? http2.createSecureServer({ key: setup.tls.key, cert: setup.tls.cert, ALPNProtocols: ['h2'] })
    : http2.createServer();
  // A client that goes away mid-call resets its streams; nothing here should crash the fake.
  server.on('sessionError', () => undefined);

  const accept = (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => {
    const controller = new AbortController();
    live.add(controller);
    let headersSent = false;
    let ended = false;
    const messageHandlers: ((m: Uint8Array) => void)[] = [];
    const halfCloseHandlers: (() => void)[] = [];
    const reader = new MessageReader((m) => messageHandlers.forEach((h) => h(m)));
    stream.on('data', (chunk: Buffer) => reader.push(chunk));
    stream.on('end', () => halfCloseHandlers.forEach((h) => h()));
    stream.on('error', () => undefined);
    stream.on('close', () => {
      live.delete(controller);
      controller.abort();
      // A cancel (or a dropped connection) before the server ended the call: the client went away.
      if (!ended && !closing) aborts.record({ model: call.model, tokensSent: call.tokensSent });
    });

    const write = (chunk: Buffer) =>
      new Promise<void>((resolve) => {
        if (stream.destroyed || stream.closed) return resolve();
        stream.write(chunk, () => resolve());
      });

    const call: GrpcCall = {
      path: String(headers[':path'] ?? ''),
      metadata: metadataOf(headers),
      signal: controller.signal,
      model: '',
      tokensSent: 0,
      onMessage: (h) => messageHandlers.push(h),
      onHalfClose: (h) => halfCloseHandlers.push(h),
      sendHeaders() {
        if (headersSent || stream.destroyed) return;
        headersSent = true;
        stream.respond(
          { ':status': 200, 'content-type': 'application/grpc', 'grpc-accept-encoding': 'identity' },
          { waitForTrailers: true },
        );
      },
      async send(message, opts = {}) {
        call.sendHeaders();
        const frame = grpcFrame(message);
        if (opts.cutInsideCharacters) await splitUtf8WriteBytes(stream, frame, controller.signal);
        else await write(frame);
      },
      end(code = GrpcStatus.OK, message = '', trailers = {}) {
        if (ended || stream.destroyed) return;
        ended = true;
        const statusFields: Record<string, string> = { 'grpc-status': String(code), ...trailers };
        if (message) statusFields['grpc-message'] = encodeGrpcMessage(message);
        if (!headersSent) {
          headersSent = true;
          stream.respond({ ':status': 200, 'content-type': 'application/grpc', ...statusFields }, { endStream: true });
          return;
        }
        stream.once('wantTrailers', () => stream.sendTrailers(statusFields));
        stream.end();
      },
      async drop(message) {
        call.sendHeaders();
        const frame = grpcFrame(message);
        await write(frame.subarray(0, 5 + (message.length >> 1)));
        ended = true; // the server's doing, not a client abort
        listening.socketFrom(stream.session?.socket.remotePort)?.destroy();
      },
      pause: (ms) => pause(ms, controller.signal),
    };
    setup.onCall(call);
  };
  server.on('stream', accept);

  const listening = await listenTracked(server, host, setup.port, setup.tls ? 'https' : 'http');
  return {
    baseUrl: listening.origin,
    port: listening.port,
    get clientAborts() {
      return aborts.count;
    },
    nextClientAbort: () => aborts.next(),
    async close() {
      closing = true;
      for (const controller of live) controller.abort();
      await listening.close();
    },
  };
}
