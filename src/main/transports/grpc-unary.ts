// A unary gRPC call (a GrpcUnaryPlan): one request message out, one response message back, on the
// same channel settings as the streaming calls (grpc-channel.ts), with the connect timeout as the
// call's deadline and the status mapped like a stream's. Triton's RepositoryIndex, ServerLive,
// ModelReady and ServerMetadata go through here.
import type { Metadata, ServiceError } from '@grpc/grpc-js';
import { ChatFailure, chatError } from '../../shared/chat-error';
import { transportWords } from '../../shared/words/transport-words';
import { grpcClient, metadataOf } from './grpc-channel';
import { grpcCallError } from './grpc-stream';
import { requestHeaders, type GrpcUnaryPlan, type TransportLimits } from './types';

type UnaryClient = {
  call: (
    message: Uint8Array,
    md: Metadata,
    options: { deadline: Date },
    done: (err: ServiceError | null, value?: Buffer) => void,
  ) => { cancel(): void };
};

export function callGrpcUnary(plan: GrpcUnaryPlan, signal: AbortSignal, limits: TransportLimits): Promise<Uint8Array> {
  const host = new URL(plan.url).host;
  if (signal.aborted) return Promise.reject(new ChatFailure(chatError('cancelled', transportWords.say('stopped'))));
  const client = grpcClient(plan, false, limits);
  return new Promise<Uint8Array>((resolve, reject) => {
    const deadline = new Date(Date.now() + limits.connectTimeoutMs);
    const onAbort = () => call.cancel();
    const call = (client as unknown as UnaryClient).call(
      plan.message,
      metadataOf(requestHeaders(plan)),
      { deadline },
      (err, value) => {
        signal.removeEventListener('abort', onAbort);
        client.close();
        if (signal.aborted) return reject(new ChatFailure(chatError('cancelled', transportWords.say('stopped'))));
        if (err) {
          const error = grpcCallError(err, host, limits);
          // grpc-js words an expired deadline as "Deadline exceeded after …": say it like HTTP does.
          const seconds = Math.round(limits.connectTimeoutMs / 1000);
          return reject(
            new ChatFailure(
              error.code === 'timeout'
                ? chatError('timeout', transportWords.say('noAnswerWithin', { host, seconds }))
                : error,
            ),
          );
        }
        const bytes = value ?? Buffer.alloc(0);
        resolve(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      },
    );
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
