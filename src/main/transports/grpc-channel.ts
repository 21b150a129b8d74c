// What every gRPC call of Runnel shares: the target and channel credentials from the plan's URL
// (http:// insecure, https:// TLS trusting the backend's CA on top of the system's), the message
// size limit, headers as call metadata, and a client for one method whose messages are bytes the
// adapter encodes and decodes (no generated code). Streaming and unary calls build on this.
import { credentials, makeGenericClientConstructor, Metadata, type ChannelOptions } from '@grpc/grpc-js';
import { trustedCas } from './tls-connect';
import type { HttpRequestPlan, TransportLimits } from './types';

/** host:port for the channel; without a port, the scheme's (gRPC has no default of its own). */
export function grpcTarget(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}

export function grpcCredentials(url: URL, ca: string | undefined) {
  if (url.protocol !== 'https:') return credentials.createInsecure();
  // createSsl replaces the default roots, so the system's CAs go in too.
  const roots = trustedCas(ca);
  return credentials.createSsl(roots ? Buffer.from(roots.join('\n')) : null);
}

export function metadataOf(headers: Record<string, string>): Metadata {
  const md = new Metadata();
  for (const [k, v] of Object.entries(headers)) md.set(k.toLowerCase(), v);
  return md;
}

const identity = (b: Buffer): Buffer => b;
const toBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** A generic client with one method, `call`, at `path`; close() it when the call is over. */
export function grpcClient(plan: HttpRequestPlan & { path: string }, streaming: boolean, limits: TransportLimits) {
  const Client = makeGenericClientConstructor(
    {
      call: {
        path: plan.path,
        requestStream: streaming,
        responseStream: streaming,
        requestSerialize: toBuffer,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
      },
    },
    'RunnelGrpc',
  );
  const url = new URL(plan.url);
  const options: ChannelOptions = {
    // grpc-js fails the call with RESOURCE_EXHAUSTED "Received message larger than max" above it.
    'grpc.max_receive_message_length': limits.maxEventBytes,
  };
  return new Client(grpcTarget(url), grpcCredentials(url, plan.tls?.ca), options);
}
