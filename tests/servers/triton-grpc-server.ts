// A fake Triton Inference Server on the real gRPC wire (grpc-wire.ts, node:http2), speaking the
// same .proto as Runnel (triton-proto.ts). ModelStreamInfer streams the fake reply as `text_output`
// deltas (raw BYTES, 4-byte little-endian lengths; shape [1] for a vLLM-shaped request, [1, 1] with a batch
// dimension for a TensorRT-LLM one), then the empty response flagged `triton_final_response` when
// the request asked for it. Unary calls: RepositoryIndex, ServerMetadata, ServerLive, ServerReady,
// ModelReady. The model name picks the behaviour, including the faults a real Triton (in-band
// error_message with status OK) or a proxy in front of it (UNAUTHENTICATED, RESOURCE_EXHAUSTED,
// INTERNAL, UNAVAILABLE with grpc-retry-pushback-ms) produces, a stall before or after the
// response headers, and a connection dropped in the middle of a message.
import { GrpcStatus, startGrpcServer, type FakeGrpcServer, type GrpcCall } from './grpc-wire';
import { FAULT_TOKENS, endlessTokens, replyTokens } from './fake-replies';
import { lastUserTurn } from './koboldcpp-server';
import {
  decodeInferRequest,
  decodeModelRef,
  decodeRepositoryIndexRequest,
  encodeFlagResponse,
  encodeRepositoryIndexResponse,
  encodeServerMetadata,
  encodeStreamInferResponse,
  packBytesTensor,
  type InferRequest,
  type StreamInferResponse,
} from '../../src/main/providers/triton-grpc/triton-proto';

export const TRITON_BEHAVIOURS = [
  'fake-chat',
  'fake-utf8',
  'fake-endless',
  'fake-error-midstream',
  'fake-stall-first-byte',
  'fake-stall',
  'fake-silence-midstream',
  'fake-disconnect',
  'fake-malformed',
  'fake-error-401',
  'fake-error-429',
  'fake-error-500',
  'fake-error-503',
  'fake-loading-then-ok',
] as const;
export type TritonBehaviour = (typeof TRITON_BEHAVIOURS)[number];

export const FAKE_TRITON_VERSION = '2.59.0';
export const TRITON_ERROR_MESSAGE = 'Error generating stream: CUDA out of memory (fake)';
/** Triton's words for a streamed request to a model it does not have (in-band, status OK). */
export const unknownModelMessage = (model: string) => `Request for unknown model: '${model}' is not found`;
/** What the proxies in front of the fake say when they refuse a call. */
export const TRITON_PROXY_MESSAGES = {
  unauthenticated: 'Jwt is missing',
  rateLimited: 'local_rate_limited: too many requests, retry later',
  internal: 'CUDA out of memory while loading the model',
  unavailable: 'Loading model: the model is not ready yet',
} as const;
const ENDLESS_DELAY_MS = 50;
const SERVICE = '/inference.GRPCInferenceService';

export interface FakeTritonServer extends FakeGrpcServer {
  /** Every ModelInferRequest received, decoded. */
  requests: InferRequest[];
  /** Every call's method and metadata, in order (unary ones included). */
  calls: { path: string; metadata: Record<string, string> }[];
}

export interface FakeTritonServerOptions {
  host?: string;
  port?: number;
  tokenDelayMs?: number;
  /** Serve over TLS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
  /** When set, every call needs `authorization: Bearer <apiKey>` (a proxy in front answers UNAUTHENTICATED). */
  apiKey?: string;
  /** Models in the repository that are still loading: not READY, and ModelReady says false. */
  loading?: readonly string[];
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** The prompt of a request, whichever Triton backend's shape it has (text_input, BYTES). */
export function promptOf(req: InferRequest): string {
  const input = req.inputs.find((i) => i.name === 'text_input');
  const first = input?.contents.bytes?.[0];
  return first ? fromUtf8.decode(first) : '';
}

/** The text a client should end up with (faulty behaviours: what comes before the fault). */
export function expectedTritonText(behaviour: TritonBehaviour, lastUserMessage: string): string {
  const tokens = replyTokens(behaviour, lastUserMessage) ?? replyTokens('fake-chat', lastUserMessage) ?? [];
  switch (behaviour) {
    case 'fake-error-midstream':
    case 'fake-silence-midstream':
      return tokens.slice(0, FAULT_TOKENS.midstream).join('');
    case 'fake-disconnect':
      return tokens.slice(0, FAULT_TOKENS.disconnect).join('');
    case 'fake-malformed':
      return tokens.slice(0, FAULT_TOKENS.malformedBefore + FAULT_TOKENS.malformedAfter).join('');
    default:
      return tokens.join('');
  }
}

const isBehaviour = (name: string): name is TritonBehaviour => (TRITON_BEHAVIOURS as readonly string[]).includes(name);

/**
 * A TensorRT-LLM ensemble request carries a batch dimension ([1, 1] text_input): its text_output
 * comes back as [batch, beam] = [1, 1]. The vLLM backend's is [1].
 */
const outputShape = (req: InferRequest): number[] =>
  (req.inputs.find((i) => i.name === 'text_input')?.shape.length ?? 1) > 1 ? [1, 1] : [1];

function delta(req: InferRequest, text: string, final: boolean): StreamInferResponse {
  const carries = text !== '' || !final;
  return {
    errorMessage: '',
    inferResponse: {
      modelName: req.modelName,
      modelVersion: '1',
      id: req.id,
      parameters: { triton_final_response: final },
      outputs: carries ? [{ name: 'text_output', datatype: 'BYTES', shape: outputShape(req), contents: {} }] : [],
      rawOutputContents: carries ? [packBytesTensor([utf8.encode(text)])] : [],
    },
  };
}

export async function startTritonServer(opts: FakeTritonServerOptions = {}): Promise<FakeTritonServer> {
  const tokenDelayMs = opts.tokenDelayMs ?? 15;
  const requests: InferRequest[] = [];
  const calls: FakeTritonServer['calls'] = [];
  const loading = new Set(opts.loading ?? []);
  const loadedFor = new Set<string>();
  const serves = (model: string) => isBehaviour(model) && !loading.has(model);

  /** One streamed request: its responses on `call`, until done or the client goes. */
  const play = async (call: GrpcCall, req: InferRequest): Promise<void> => {
    call.model = req.modelName;
    const send = (res: StreamInferResponse, cut = false) =>
      call.send(encodeStreamInferResponse(res), { cutInsideCharacters: cut });
    const token = async (text: string) => {
      await call.pause(tokenDelayMs);
      await send(delta(req, text, false), req.modelName === 'fake-utf8');
      call.tokensSent++;
    };
    if (!serves(req.modelName)) {
      // Triton reports a request it cannot run in-band, on a stream that stays open and OK.
      const why = loading.has(req.modelName)
        ? `Request for unknown model: '${req.modelName}' has no available versions`
        : unknownModelMessage(req.modelName);
      return send({ errorMessage: why, inferResponse: undefined });
    }
    const behaviour = req.modelName as TritonBehaviour;
    const tokens =
      replyTokens(behaviour, lastUserTurn(promptOf(req))) ??
      replyTokens('fake-chat', lastUserTurn(promptOf(req))) ??
      [];
    switch (behaviour) {
      case 'fake-endless':
        for (let i = 0; ; i++) {
          await call.pause(ENDLESS_DELAY_MS);
          await send(delta(req, endlessTokens[i % endlessTokens.length]!, false));
          call.tokensSent++;
        }
      case 'fake-error-midstream':
        for (const t of tokens.slice(0, FAULT_TOKENS.midstream)) await token(t);
        await call.pause(tokenDelayMs);
        // Triton reports a failed request in-band: error_message set, gRPC status still OK.
        return send({ errorMessage: TRITON_ERROR_MESSAGE, inferResponse: undefined });
      case 'fake-silence-midstream':
        for (const t of tokens.slice(0, FAULT_TOKENS.midstream)) await token(t);
        return; // the call stays open, and nothing more comes
      case 'fake-disconnect': {
        for (const t of tokens.slice(0, FAULT_TOKENS.disconnect)) await token(t);
        await call.pause(tokenDelayMs);
        return call.drop(encodeStreamInferResponse(delta(req, tokens[FAULT_TOKENS.disconnect] ?? ' lost', false)));
      }
      case 'fake-malformed': {
        const { malformedBefore, malformedAfter } = FAULT_TOKENS;
        for (const t of tokens.slice(0, malformedBefore)) await token(t);
        await call.pause(tokenDelayMs);
        // Not a ModelStreamInferResponse: field 1 with wire type 7, which protobuf does not have.
        await call.send(Uint8Array.from([0x0f, 0xff, 0xff]));
        for (const t of tokens.slice(malformedBefore, malformedBefore + malformedAfter)) await token(t);
        break;
      }
      default:
        for (const t of tokens) await token(t);
    }
    if (req.parameters['triton_enable_empty_final_response'] === true) await send(delta(req, '', true));
  };

  /** Faults that end the call before any response, as a proxy or a busy server does: true when one did. */
  const refuse = (call: GrpcCall, req: InferRequest): boolean => {
    const m = TRITON_PROXY_MESSAGES;
    switch (req.modelName) {
      case 'fake-error-401':
        call.end(GrpcStatus.UNAUTHENTICATED, m.unauthenticated);
        return true;
      case 'fake-error-429':
        call.end(GrpcStatus.RESOURCE_EXHAUSTED, m.rateLimited, { 'grpc-retry-pushback-ms': '1000' });
        return true;
      case 'fake-error-500':
        call.end(GrpcStatus.INTERNAL, m.internal);
        return true;
      case 'fake-error-503':
        call.end(GrpcStatus.UNAVAILABLE, m.unavailable);
        return true;
      case 'fake-loading-then-ok': {
        // Busy loading the first time a given prompt comes, with a pushback; a normal answer after.
        const key = promptOf(req);
        if (loadedFor.has(key)) return false;
        loadedFor.add(key);
        call.end(GrpcStatus.UNAVAILABLE, m.unavailable, { 'grpc-retry-pushback-ms': '1000' });
        return true;
      }
      default:
        return false;
    }
  };

  const streamInfer = (call: GrpcCall) => {
    const inFlight: Promise<void>[] = [];
    call.onMessage((msg) => {
      let req: InferRequest;
      try {
        req = decodeInferRequest(msg);
      } catch (err) {
        return call.end(GrpcStatus.INVALID_ARGUMENT, String(err));
      }
      requests.push(req);
      call.model = req.modelName;
      if (refuse(call, req)) return;
      if (req.modelName === 'fake-stall-first-byte') return; // not even the response headers
      call.sendHeaders();
      if (req.modelName === 'fake-stall') return; // headers, then nothing
      inFlight.push(
        play(call, req).catch(() => {
          // pause() rejects once the client has gone: the answer just stops.
        }),
      );
    });
    // Triton ends the stream once the client has half-closed and every request is answered.
    call.onHalfClose(() => {
      void Promise.all(inFlight).then(() => call.end());
    });
  };

  /** A unary call: its one request message, answered once the client half-closes. */
  const unary = (call: GrpcCall, answer: (message: Uint8Array) => Uint8Array) => {
    let request: Uint8Array = new Uint8Array();
    call.onMessage((m) => (request = m));
    call.onHalfClose(() => {
      void call.send(answer(request)).then(() => call.end());
    });
  };

  const server = await startGrpcServer({
    host: opts.host,
    port: opts.port,
    tls: opts.tls,
    onCall(call) {
      calls.push({ path: call.path, metadata: call.metadata });
      if (opts.apiKey !== undefined && call.metadata['authorization'] !== `Bearer ${opts.apiKey}`) {
        return call.end(GrpcStatus.UNAUTHENTICATED, TRITON_PROXY_MESSAGES.unauthenticated);
      }
      switch (call.path) {
        case `${SERVICE}/ModelStreamInfer`:
          return streamInfer(call);
        case `${SERVICE}/RepositoryIndex`:
          return unary(call, (m) => {
            const { ready } = decodeRepositoryIndexRequest(m);
            const all = TRITON_BEHAVIOURS.map((name) =>
              loading.has(name) ? { name, version: '1', state: 'LOADING' } : { name, version: '1', state: 'READY' },
            );
            return encodeRepositoryIndexResponse(ready ? all.filter((x) => x.state === 'READY') : all);
          });
        case `${SERVICE}/ServerMetadata`:
          return unary(call, () =>
            encodeServerMetadata({
              name: 'triton',
              version: FAKE_TRITON_VERSION,
              extensions: ['classification', 'sequence', 'model_repository', 'schedule_policy', 'statistics'],
            }),
          );
        case `${SERVICE}/ServerLive`:
        case `${SERVICE}/ServerReady`:
          return unary(call, () => encodeFlagResponse(true));
        case `${SERVICE}/ModelReady`:
          return unary(call, (m) => encodeFlagResponse(serves(decodeModelRef(m).name)));
        default:
          return call.end(GrpcStatus.UNIMPLEMENTED, `unknown method ${call.path}`);
      }
    },
  });
  return Object.assign(server, { requests, calls });
}
