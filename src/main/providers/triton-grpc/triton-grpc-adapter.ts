// The `triton-grpc` kind: Triton Inference Server's KServe v2 gRPC API, streamed through
// inference.GRPCInferenceService/ModelStreamInfer, for the vLLM backend or a TensorRT-LLM
// ensemble (option `tritonBackend`). Triton is prompt-only: the turns, and offered tools, become
// one prompt through the chat template (option `chatTemplate`, ChatML by default); calls come back
// in the text. Each streamed response carries a `text_output` delta (vLLM: shape [1]; TensorRT-LLM:
// [batch, beam], of which the first sequence is the answer); we ask for the empty final response
// and end on `triton_final_response`. Models are listed with the unary RepositoryIndex call
// (triton-probes.ts).
import { chatError, type ChatError } from '../../../shared/chat-error';
import type { Frame, GrpcStreamPlan } from '../../transports/types';
import { renderChatPrompt } from '../prompt/chat-template';
import type { BackendTarget, ChatEvent, ChatInput, FrameDecoder, ProviderAdapter } from '../types';
import { parseRepositoryIndex, repositoryIndexRequest, tritonHeaders } from './triton-probes';
import {
  bytesOutput,
  decodeStreamInferResponse,
  encodeInferRequest,
  ProtoError,
  type InferInput,
  type InferRequest,
} from './triton-proto';

export const MODEL_STREAM_INFER = '/inference.GRPCInferenceService/ModelStreamInfer';
const DEFAULT_MAX_TOKENS = 512;

const utf8 = new TextEncoder();
const bytesOf = (s: string) => utf8.encode(s);

export type TritonBackend = 'vllm' | 'tensorrtllm';
export const tritonBackend = (backend: BackendTarget): TritonBackend =>
  backend.options?.tritonBackend?.trim().toLowerCase() === 'tensorrtllm' ? 'tensorrtllm' : 'vllm';

/**
 * The vLLM backend's inputs (triton-inference-server/vllm_backend README, model.py): text_input
 * and sampling_parameters (a JSON string of vLLM SamplingParams) as BYTES, stream and
 * exclude_input_in_output as BOOL, each of shape [1].
 */
function vllmInputs(prompt: string, stop: string[], input: ChatInput): InferInput[] {
  const p = input.params;
  const sampling: Record<string, unknown> = { max_tokens: p.maxTokens ?? DEFAULT_MAX_TOKENS };
  if (p.temperature !== undefined) sampling.temperature = p.temperature;
  if (p.topP !== undefined) sampling.top_p = p.topP;
  if (p.seed !== undefined) sampling.seed = p.seed;
  if (stop.length) sampling.stop = stop;
  return [
    { name: 'text_input', datatype: 'BYTES', shape: [1], contents: { bytes: [bytesOf(prompt)] } },
    { name: 'stream', datatype: 'BOOL', shape: [1], contents: { bool: [true] } },
    {
      name: 'sampling_parameters',
      datatype: 'BYTES',
      shape: [1],
      contents: { bytes: [bytesOf(JSON.stringify(sampling))] },
    },
    { name: 'exclude_input_in_output', datatype: 'BOOL', shape: [1], contents: { bool: [true] } },
  ];
}

/**
 * The TensorRT-LLM `ensemble` model's inputs (tensorrtllm_backend all_models/inflight_batcher_llm
 * ensemble/config.pbtxt): a batch dimension first, so every input is [1, 1]; max_tokens INT32,
 * temperature/top_p FP32, random_seed UINT64, stream BOOL, stop_words BYTES [1, n].
 */
function tensorrtInputs(prompt: string, stop: string[], input: ChatInput): InferInput[] {
  const p = input.params;
  const inputs: InferInput[] = [
    { name: 'text_input', datatype: 'BYTES', shape: [1, 1], contents: { bytes: [bytesOf(prompt)] } },
    {
      name: 'max_tokens',
      datatype: 'INT32',
      shape: [1, 1],
      contents: { int: [p.maxTokens ?? DEFAULT_MAX_TOKENS] },
    },
    { name: 'stream', datatype: 'BOOL', shape: [1, 1], contents: { bool: [true] } },
  ];
  if (p.temperature !== undefined) {
    inputs.push({ name: 'temperature', datatype: 'FP32', shape: [1, 1], contents: { fp32: [p.temperature] } });
  }
  if (p.topP !== undefined) {
    inputs.push({ name: 'top_p', datatype: 'FP32', shape: [1, 1], contents: { fp32: [p.topP] } });
  }
  if (p.seed !== undefined) {
    // The ensemble's random_seed is UINT64: a negative seed travels as its two's complement.
    const seed = BigInt.asUintN(64, BigInt(p.seed));
    inputs.push({ name: 'random_seed', datatype: 'UINT64', shape: [1, 1], contents: { uint64: [seed] } });
  }
  if (stop.length) {
    inputs.push({
      name: 'stop_words',
      datatype: 'BYTES',
      shape: [1, stop.length],
      contents: { bytes: stop.map(bytesOf) },
    });
  }
  return inputs;
}

export function tritonRequest(input: ChatInput, backend: BackendTarget, id: string): InferRequest {
  const { prompt, stop } = renderChatPrompt(input.messages, backend.options?.chatTemplate, 'chatml', input.tools);
  const trt = tritonBackend(backend) === 'tensorrtllm';
  return {
    modelName: input.model,
    modelVersion: '',
    id,
    // Triton sends a last, empty response flagged triton_final_response once the request is done
    // (decoupled models only say so when asked: grpc_service / Triton's decoupled docs).
    parameters: { triton_enable_empty_final_response: true },
    inputs: trt ? tensorrtInputs(prompt, stop, input) : vllmInputs(prompt, stop, input),
    outputs: ['text_output'],
  };
}

const fromUtf8 = () => new TextDecoder('utf-8');

/**
 * An in-band error_message as a ChatError. Triton answers a streamed request for a model it does
 * not have (or has not loaded) in-band too, with "Request for unknown model: 'x' is not found"
 * or "… has no available versions": those are not_found; anything else failed in the server.
 */
export function inBandError(message: string): ChatError {
  if (/unknown model|is not found|has no available versions|is not ready/i.test(message)) {
    return chatError('not_found', message);
  }
  return chatError('server', message);
}

class TritonDecoder implements FrameDecoder {
  private done = false;
  // One streaming decoder: a multi-byte character split across two responses stays whole.
  private readonly text = fromUtf8();

  push(frame: Frame): ChatEvent[] {
    if (this.done || frame.framing !== 'grpc') return [];
    let res;
    try {
      res = decodeStreamInferResponse(frame.message);
    } catch (err) {
      const why = err instanceof ProtoError ? err.message : String(err);
      return [{ type: 'malformed', excerpt: `protobuf: ${why}` }];
    }
    if (res.errorMessage) {
      // An in-band error with status OK: the request failed inside Triton or the model.
      this.done = true;
      return [{ type: 'error', error: inBandError(res.errorMessage) }];
    }
    const infer = res.inferResponse;
    if (!infer) return [];
    const events: ChatEvent[] = [];
    let pieces: Uint8Array[] | undefined;
    try {
      pieces = bytesOutput(infer, 'text_output');
    } catch (err) {
      return [{ type: 'malformed', excerpt: err instanceof Error ? err.message : String(err) }];
    }
    const final = infer.parameters['triton_final_response'] === true;
    // One element per sequence (TensorRT-LLM: [batch, beam]); ours is the first. Each is a delta.
    const piece = pieces?.[0];
    const text = piece ? this.text.decode(piece, { stream: true }) : '';
    if (text) events.push({ type: 'text', text });
    if (final) {
      this.done = true;
      const rest = this.text.decode();
      if (rest) events.push({ type: 'text', text: rest });
      events.push({ type: 'finish', reason: 'stop' });
    }
    return events;
  }

  end(): ChatEvent[] {
    return [];
  }

  finished(): boolean {
    return this.done;
  }
}

let counter = 0;

export const tritonGrpcAdapter: ProviderAdapter = {
  kind: 'triton-grpc',
  // Tools go into the prompt through the chat template; the calls come back in the text.
  carriesTools: 'prompt',
  plan(input, backend): GrpcStreamPlan {
    const id = `runnel-${Date.now().toString(36)}-${(counter++).toString(36)}`;
    return {
      framing: 'grpc',
      method: 'POST',
      url: backend.baseUrl,
      headers: tritonHeaders(backend.apiKey),
      path: MODEL_STREAM_INFER,
      send: [encodeInferRequest(tritonRequest(input, backend, id))],
    };
  },
  createDecoder: () => new TritonDecoder(),
  modelsRequest: repositoryIndexRequest,
  parseModels: parseRepositoryIndex,
};
