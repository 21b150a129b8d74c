// The gRPC framing: one @grpc/grpc-js channel and one bidirectional call per answer. Owns the
// channel credentials (insecure for http://, TLS with the backend's trusted CA for https://), the
// messages sent once the call opens, each received message as a frame, the connect and idle
// timeouts, cancelling the call (the server sees CANCELLED) on abort or when the consumer stops,
// and mapping gRPC status codes to ChatErrors with the server's own details.
import {
  credentials,
  makeGenericClientConstructor,
  Metadata,
  status,
  type ClientDuplexStream,
  type ServiceError,
} from '@grpc/grpc-js';
import { ChatFailure, chatError, type ChatError } from '../../shared/chat-error';
import { trustedCas } from './tls-connect';
import { requestHeaders, type GrpcFrame, type GrpcStreamPlan, type TransportLimits } from './types';

/** How long a finished call may take to end after we half-close it. */
const HALF_CLOSE_GRACE_MS = 5_000;

type Settled = { kind: 'end' } | { kind: 'fail'; error: ChatError };

/** gRPC status codes (grpc/doc/statuscodes.md) as the ChatError a user can act on. */
export function grpcStatusError(code: number, details: string, host: string): ChatError {
  const why = details || `gRPC status ${status[code] ?? code}`;
  switch (code) {
    case status.UNAVAILABLE:
      // grpc-js puts the socket's error in the details ("connect ECONNREFUSED 127.0.0.1:8001").
      if (/ECONNREFUSED/.test(why)) {
        return chatError('connect', `Nothing is listening at ${host} (connection refused). Is the server running?`);
      }
      return chatError('connect', `${host} is unavailable: ${why}`);
    case status.DEADLINE_EXCEEDED:
      return chatError('timeout', `${host} did not answer in time: ${why}`);
    case status.UNAUTHENTICATED:
    case status.PERMISSION_DENIED:
      return chatError('auth', `${host} refused the credentials: ${why}`);
    case status.NOT_FOUND:
    case status.UNIMPLEMENTED:
      return chatError('not_found', `${host}: ${why}`);
    case status.RESOURCE_EXHAUSTED:
      return chatError('rate_limited', `${host} is over its limits: ${why}`);
    case status.INVALID_ARGUMENT:
    case status.FAILED_PRECONDITION:
    case status.OUT_OF_RANGE:
      return chatError('invalid_input', `${host} refused the request: ${why}`);
    case status.CANCELLED:
      return chatError('connect', `${host} cancelled the call: ${why}`);
    case status.INTERNAL:
    case status.UNKNOWN:
    case status.DATA_LOSS:
    case status.ABORTED:
      return chatError('server', `${host} failed: ${why}`);
    default:
      return chatError('server', `${host} answered gRPC status ${code}: ${why}`);
  }
}

const isServiceError = (err: unknown): err is ServiceError =>
  typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'number';

/** host:port for the channel; without a port, the scheme's (gRPC has no default of its own). */
function grpcTarget(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}

export function grpcCredentials(url: URL, ca: string | undefined) {
  if (url.protocol !== 'https:') return credentials.createInsecure();
  // createSsl replaces the default roots, so the system's CAs go in too.
  const roots = trustedCas(ca);
  return credentials.createSsl(roots ? Buffer.from(roots.join('\n')) : null);
}

const identity = (b: Buffer): Buffer => b;

/** One-method client constructor for a path; messages are bytes the adapter encodes and decodes. */
function clientFor(path: string, streaming: boolean) {
  return makeGenericClientConstructor(
    {
      call: {
        path,
        requestStream: streaming,
        responseStream: streaming,
        requestSerialize: (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength),
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
      },
    },
    'RunnelGrpc',
  );
}

function metadataOf(headers: Record<string, string>): Metadata {
  const md = new Metadata();
  for (const [k, v] of Object.entries(headers)) md.set(k.toLowerCase(), v);
  return md;
}

export async function* openGrpcStream(
  plan: GrpcStreamPlan,
  signal: AbortSignal,
  limits: TransportLimits,
): AsyncGenerator<GrpcFrame> {
  const url = new URL(plan.url);
  const host = url.host;
  if (signal.aborted) throw new ChatFailure(chatError('cancelled', 'Stopped'));

  const queue: Uint8Array[] = [];
  let settled: Settled | undefined;
  let wake: (() => void) | undefined;
  const settle = (s: Settled) => {
    if (settled) return;
    settled = s;
    clearTimeout(timer);
    wake?.();
  };
  let timer: NodeJS.Timeout | undefined;
  const arm = (ms: number, what: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      settle({ kind: 'fail', error: chatError('timeout', `${host} ${what} for ${Math.round(ms / 1000)} s`) });
      call.cancel();
    }, ms);
  };

  const Client = clientFor(plan.path, true);
  const client = new Client(grpcTarget(url), grpcCredentials(url, plan.tls?.ca), {
    'grpc.max_receive_message_length': limits.maxEventBytes,
  });
  const callOf = client as unknown as { call: (md: Metadata) => ClientDuplexStream<Uint8Array, Buffer> };
  const call = callOf.call(metadataOf(requestHeaders(plan)));
  arm(limits.connectTimeoutMs, 'sent nothing');

  call.on('data', (msg: Buffer) => {
    if (settled) return;
    queue.push(new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength));
    arm(limits.idleTimeoutMs, 'went silent');
    wake?.();
  });
  call.on('error', (err: unknown) => {
    if (signal.aborted) return settle({ kind: 'fail', error: chatError('cancelled', 'Stopped') });
    if (isServiceError(err)) return settle({ kind: 'fail', error: grpcStatusError(err.code, err.details, host) });
    settle({ kind: 'fail', error: chatError('connect', `gRPC call to ${host} failed: ${String(err)}`) });
  });
  call.on('end', () => settle({ kind: 'end' }));
  const onAbort = () => {
    settle({ kind: 'fail', error: chatError('cancelled', 'Stopped') });
    call.cancel();
  };
  signal.addEventListener('abort', onAbort, { once: true });

  // Triton's ModelStreamInfer keeps answering while the request side is open; half-closing after
  // the request is fine too (it finishes the requests in flight), but it is not needed.
  for (const message of plan.send) call.write(message);

  try {
    for (;;) {
      const next = queue.shift();
      if (next) {
        yield { framing: 'grpc', message: next };
        continue;
      }
      if (settled) {
        if (settled.kind === 'fail') throw new ChatFailure(settled.error);
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    clearTimeout(timer);
    if (signal.aborted || settled?.kind === 'fail') {
      // Stop or an error of ours (a timeout): CANCELLED tells the server to stop generating.
      call.cancel();
    } else if (!settled) {
      // The decoder has the whole answer (Triton's final response) but the call is still open:
      // half-close so the server ends it cleanly, and cancel only if it does not soon.
      call.end();
      setTimeout(() => call.cancel(), HALF_CLOSE_GRACE_MS).unref();
    }
    // Does not cancel a call still ending; the channel goes once it has.
    client.close();
  }
}
