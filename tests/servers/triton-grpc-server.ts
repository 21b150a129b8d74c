// A fake Triton Inference Server speaking the real gRPC wire (@grpc/grpc-js Server, Runnel's own
// hand-written codec): ModelStreamInfer streams the fake reply as `text_output` deltas (raw BYTES,
// 4-byte little-endian lengths), then the empty response flagged `triton_final_response` when the
// request asked for it; RepositoryIndex lists the behaviours as models. The model name picks the
// behaviour. Every decoded request is recorded; a call the client cancels is queued for
// nextClientAbort(), like the HTTP fakes.
import { Server, ServerCredentials, status, type ServerDuplexStream, type ServerUnaryCall } from '@grpc/grpc-js';
import type { ClientAbort } from './fake-http-server';
import { FAULT_TOKENS, endlessTokens, replyTokens } from './fake-replies';
import { lastUserTurn } from './koboldcpp-server';
import {
  decodeInferRequest,
  encodeRepositoryIndexResponse,
  encodeStreamInferResponse,
  packBytesTensor,
  type InferRequest,
  type StreamInferResponse,
} from '../../src/main/providers/triton-grpc/triton-proto';

export const TRITON_BEHAVIOURS = ['fake-chat', 'fake-utf8', 'fake-endless', 'fake-error-midstream'] as const;
export type TritonBehaviour = (typeof TRITON_BEHAVIOURS)[number];
export const TRITON_ERROR_MESSAGE = 'Error generating stream: CUDA out of memory (fake)';
const ENDLESS_DELAY_MS = 50;

export interface FakeTritonServer {
  /** http://127.0.0.1:PORT (the gRPC port). */
  baseUrl: string;
  port: number;
  /** Every ModelInferRequest received, decoded. */
  requests: InferRequest[];
  /** Resolves when the client cancels a stream before its final response (queued when nobody waits). */
  nextClientAbort(): Promise<ClientAbort>;
  readonly clientAborts: number;
  close(): Promise<void>;
}

export interface FakeTritonServerOptions {
  host?: string;
  port?: number;
  tokenDelayMs?: number;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();
const identity = (b: Buffer): Buffer => b;
const toBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** The prompt of a request, whichever Triton backend's shape it has (text_input, BYTES). */
export function promptOf(req: InferRequest): string {
  const input = req.inputs.find((i) => i.name === 'text_input');
  const first = input?.contents.bytes?.[0];
  return first ? fromUtf8.decode(first) : '';
}

/** The text a client should end up with (for the error behaviour: what comes before the error). */
export function expectedTritonText(behaviour: TritonBehaviour, lastUserMessage: string): string {
  const tokens = replyTokens(behaviour, lastUserMessage) ?? [];
  return behaviour === 'fake-error-midstream' ? tokens.slice(0, FAULT_TOKENS.midstream).join('') : tokens.join('');
}

function delta(req: InferRequest, text: string, final: boolean): StreamInferResponse {
  return {
    errorMessage: '',
    inferResponse: {
      modelName: req.modelName,
      modelVersion: '1',
      id: req.id,
      parameters: { triton_final_response: final },
      outputs: text || !final ? [{ name: 'text_output', datatype: 'BYTES', shape: [1], contents: {} }] : [],
      rawOutputContents: text || !final ? [packBytesTensor([utf8.encode(text)])] : [],
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startTritonServer(opts: FakeTritonServerOptions = {}): Promise<FakeTritonServer> {
  const tokenDelayMs = opts.tokenDelayMs ?? 15;
  const requests: InferRequest[] = [];
  const abortQueue: ClientAbort[] = [];
  const abortWaiters: ((a: ClientAbort) => void)[] = [];
  let clientAborts = 0;
  const calls = new Set<ServerDuplexStream<Buffer, Buffer>>();

  const play = async (call: ServerDuplexStream<Buffer, Buffer>, req: InferRequest) => {
    const behaviour = (TRITON_BEHAVIOURS as readonly string[]).includes(req.modelName)
      ? (req.modelName as TritonBehaviour)
      : 'fake-chat';
    const lastUser = lastUserTurn(promptOf(req));
    const wantsFinal = req.parameters['triton_enable_empty_final_response'] === true;
    let sent = 0;
    let cancelled = false;
    call.on('cancelled', () => {
      if (cancelled) return;
      cancelled = true;
      clientAborts++;
      const abort = { model: req.modelName, tokensSent: sent };
      const waiter = abortWaiters.shift();
      if (waiter) waiter(abort);
      else abortQueue.push(abort);
    });
    const send = (res: StreamInferResponse) => {
      if (!cancelled) call.write(toBuffer(encodeStreamInferResponse(res)));
    };
    if (behaviour === 'fake-endless') {
      for (let i = 0; !cancelled; i++) {
        send(delta(req, endlessTokens[i % endlessTokens.length]!, false));
        sent++;
        await sleep(ENDLESS_DELAY_MS);
      }
      return;
    }
    const tokens = replyTokens(behaviour, lastUser) ?? [];
    for (const [i, token] of tokens.entries()) {
      if (cancelled) return;
      if (behaviour === 'fake-error-midstream' && i === FAULT_TOKENS.midstream) {
        // Triton reports a failed request in-band: error_message set, gRPC status still OK.
        send({ errorMessage: TRITON_ERROR_MESSAGE, inferResponse: undefined });
        return;
      }
      send(delta(req, token, false));
      sent++;
      await sleep(tokenDelayMs);
    }
    if (wantsFinal) send(delta(req, '', true));
  };

  const server = new Server();
  server.addService(
    {
      ModelStreamInfer: {
        path: '/inference.GRPCInferenceService/ModelStreamInfer',
        requestStream: true,
        responseStream: true,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
      },
      RepositoryIndex: {
        path: '/inference.GRPCInferenceService/RepositoryIndex',
        requestStream: false,
        responseStream: false,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
      },
    },
    {
      ModelStreamInfer: (call: ServerDuplexStream<Buffer, Buffer>) => {
        calls.add(call);
        const inFlight: Promise<void>[] = [];
        call.on('data', (msg: Buffer) => {
          let req: InferRequest;
          try {
            req = decodeInferRequest(msg);
          } catch (err) {
            call.destroy(Object.assign(new Error(String(err)), { code: status.INVALID_ARGUMENT }));
            return;
          }
          requests.push(req);
          inFlight.push(play(call, req));
        });
        // Triton ends the stream once the client has half-closed and every request is answered.
        call.on('end', () => {
          void Promise.all(inFlight).then(() => {
            calls.delete(call);
            call.end();
          });
        });
        call.on('cancelled', () => calls.delete(call));
      },
      RepositoryIndex: (_call: ServerUnaryCall<Buffer, Buffer>, callback: (e: null, b: Buffer) => void) => {
        const models = TRITON_BEHAVIOURS.map((name) => ({ name, version: '1', state: 'READY' }));
        callback(null, toBuffer(encodeRepositoryIndexResponse(models)));
      },
    },
  );

  const host = opts.host ?? '127.0.0.1';
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${opts.port ?? 0}`, ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );

  return {
    baseUrl: `http://${host}:${port}`,
    port,
    requests,
    get clientAborts() {
      return clientAborts;
    },
    nextClientAbort() {
      const queued = abortQueue.shift();
      if (queued) return Promise.resolve(queued);
      return new Promise((resolve) => abortWaiters.push(resolve));
    },
    close() {
      for (const call of calls) call.end();
      server.forceShutdown();
      return Promise.resolve();
    },
  };
}
