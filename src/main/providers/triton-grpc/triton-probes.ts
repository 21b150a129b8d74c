// The unary calls of Triton's gRPC API that say what a server is and whether it can answer:
// RepositoryIndex (the model list), ServerMetadata (who and which version), ServerLive and
// ModelReady (health). Each is a GrpcUnaryPlan on the same URL, key and TLS as ModelStreamInfer,
// plus a reader for its answer; backends/ sends them.
import { chatError, type ChatError } from '../../../shared/chat-error';
import { providerWords } from '../../../shared/words/provider-words';
import type { GrpcUnaryPlan } from '../../transports/types';
import type { BackendTarget } from '../types';
import {
  decodeFlagResponse,
  decodeRepositoryIndexResponse,
  decodeServerMetadata,
  encodeModelRef,
  encodeRepositoryIndexRequest,
  type ServerMetadata,
} from './triton-proto';

const SERVICE = '/inference.GRPCInferenceService';
export const REPOSITORY_INDEX = `${SERVICE}/RepositoryIndex`;
export const SERVER_METADATA = `${SERVICE}/ServerMetadata`;
export const SERVER_LIVE = `${SERVICE}/ServerLive`;
export const MODEL_READY = `${SERVICE}/ModelReady`;

/** The key as a bearer token: Triton has none of its own, but gateways and proxies in front of it do. */
export function tritonHeaders(apiKey: string | null | undefined): Record<string, string> {
  return apiKey ? { authorization: `Bearer ${apiKey}` } : {};
}

function unary(baseUrl: string, apiKey: string | null | undefined, path: string, message: Uint8Array): GrpcUnaryPlan {
  return { framing: 'grpc-unary', method: 'POST', url: baseUrl, headers: tritonHeaders(apiKey), path, message };
}

/** RepositoryIndex with `ready: true`: only the models that can answer now, as a chat picker wants. */
export const repositoryIndexRequest = (backend: BackendTarget): GrpcUnaryPlan =>
  unary(
    backend.baseUrl,
    backend.apiKey,
    REPOSITORY_INDEX,
    encodeRepositoryIndexRequest({ repositoryName: '', ready: true }),
  );

/** Model names from a RepositoryIndexResponse (the answer's bytes), each once whatever its versions. */
export function parseRepositoryIndex(body: unknown): string[] {
  if (!(body instanceof Uint8Array)) return [];
  const names = decodeRepositoryIndexResponse(body)
    .filter((m) => m.name && (m.state === '' || m.state === 'READY'))
    .map((m) => m.name);
  return [...new Set(names)];
}

export const serverMetadataRequest = (baseUrl: string, apiKey?: string | null): GrpcUnaryPlan =>
  unary(baseUrl, apiKey, SERVER_METADATA, new Uint8Array());

/** The metadata when the answer is a Triton's ServerMetadataResponse ("triton", "2.59.0"), else null. */
export function parseServerMetadata(body: unknown): ServerMetadata | null {
  if (!(body instanceof Uint8Array)) return null;
  try {
    const meta = decodeServerMetadata(body);
    return meta.name ? meta : null;
  } catch {
    return null;
  }
}

/** "Triton 2.59.0" (Triton calls itself "triton"; a KServe v2 server with another name keeps it). */
export function serverLabel(meta: ServerMetadata): string {
  const name = meta.name.toLowerCase() === 'triton' ? 'Triton' : meta.name;
  return meta.version ? `${name} ${meta.version}` : name;
}

/** A health question whose answer is one bool, and what the user is told when it is false. */
export interface TritonHealthCheck {
  request: GrpcUnaryPlan;
  passes(body: unknown): boolean;
  failure: ChatError;
}

const flag = (body: unknown): boolean => body instanceof Uint8Array && decodeFlagResponse(body);

/** ServerLive, then ModelReady for the model a chat would use. */
export function tritonHealthChecks(backend: BackendTarget, model: string): TritonHealthCheck[] {
  const host = new URL(backend.baseUrl).host;
  return [
    {
      request: unary(backend.baseUrl, backend.apiKey, SERVER_LIVE, new Uint8Array()),
      passes: flag,
      failure: chatError('server', providerWords.say('tritonNotLive', { host })),
    },
    {
      request: unary(backend.baseUrl, backend.apiKey, MODEL_READY, encodeModelRef({ name: model, version: '' })),
      passes: flag,
      failure: chatError('not_found', providerWords.say('tritonModelNotReady', { host, model })),
    },
  ];
}
