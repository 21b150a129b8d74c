// Works out what is listening at an origin from the endpoints each server family answers:
// Ollama `/api/version`, KoboldCpp `/api/extra/version`, llama.cpp `/props`, SGLang
// `/get_server_info`, LM Studio `/api/v0/models`, vLLM `/version`, any OpenAI-compatible
// server `/v1/models`, and Triton's gRPC port its ServerMetadata call. Every probe is short and
// they run side by side, with the backend's key and trusted certificate when there is a backend.
import type { BackendKind } from '../../shared/domain';
import { isObject, joinUrl, str } from '../providers/json-fields';
import { parseServerMetadata, serverLabel, serverMetadataRequest } from '../providers/triton-grpc/triton-probes';
import { defaultLimits, type HttpRequestPlan } from '../transports/types';
import { sendRequest } from '../transports/unary-request';

export interface ServerIdentity {
  /** Who answered, e.g. "Ollama 0.12.0", "llama.cpp b6881", "vLLM 0.11.0". */
  server: string;
  kind: BackendKind;
  baseUrl: string;
}

/** What a backend adds to the probes: its key, the certificate it trusts, and its custom headers (a gateway's token). */
export interface ProbeConnection {
  apiKey?: string | null;
  tlsCa?: string | null;
  headers?: Record<string, string>;
}

async function probe(plan: HttpRequestPlan, timeoutMs: number, connection: ProbeConnection): Promise<unknown> {
  try {
    return await sendRequest(
      {
        ...plan,
        ...(connection.tlsCa ? { tls: { ca: connection.tlsCa } } : {}),
        ...(connection.headers ? { extraHeaders: connection.headers } : {}),
      },
      AbortSignal.timeout(timeoutMs),
      { ...defaultLimits, connectTimeoutMs: timeoutMs, maxEventBytes: 1024 * 1024 },
    );
  } catch {
    return undefined;
  }
}

const version = (body: unknown): string | undefined => (isObject(body) ? str(body, 'version') : undefined);
const withVersion = (name: string, v: string | undefined) => (v ? `${name} ${v}` : name);

/** Identifies the server at `origin` (scheme://host:port), or null when nothing known answers. */
export async function identifyServer(
  origin: string,
  timeoutMs = 800,
  connection: ProbeConnection = {},
): Promise<ServerIdentity | null> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (connection.apiKey) headers.authorization = `Bearer ${connection.apiKey}`;
  const at = (path: string) => probe({ method: 'GET', url: joinUrl(origin, path), headers }, timeoutMs, connection);
  const [ollama, kobold, props, sglang, lmstudio, vllm, models, grpcMetadata] = await Promise.all([
    at('/api/version'),
    at('/api/extra/version'),
    at('/props'),
    at('/get_server_info'),
    at('/api/v0/models'),
    at('/version'),
    at('/v1/models'),
    // Triton's gRPC port (8001) speaks only HTTP/2 gRPC: the HTTP probes above fail there.
    probe(serverMetadataRequest(origin, connection.apiKey), timeoutMs, connection),
  ]);
  const triton = parseServerMetadata(grpcMetadata);
  if (triton) return { server: serverLabel(triton), kind: 'triton-grpc', baseUrl: origin };
  const v1 = joinUrl(origin, '/v1');
  if (isObject(kobold) && str(kobold, 'result') === 'KoboldCpp') {
    return { server: withVersion('KoboldCpp', version(kobold)), kind: 'openai-chat', baseUrl: v1 };
  }
  if (version(ollama) && !isObject(props)) {
    return { server: withVersion('Ollama', version(ollama)), kind: 'ollama', baseUrl: origin };
  }
  if (isObject(props) && ('default_generation_settings' in props || 'build_info' in props)) {
    const build = str(props, 'build_info');
    return { server: withVersion('llama.cpp', build), kind: 'openai-chat', baseUrl: v1 };
  }
  if (isObject(sglang) && ('model_path' in sglang || 'tokenizer_path' in sglang || 'version' in sglang)) {
    return { server: withVersion('SGLang', version(sglang)), kind: 'openai-chat', baseUrl: v1 };
  }
  if (isObject(lmstudio) && Array.isArray(lmstudio.data)) {
    return { server: 'LM Studio', kind: 'openai-chat', baseUrl: v1 };
  }
  if (version(vllm) && isObject(models)) {
    return { server: withVersion('vLLM', version(vllm)), kind: 'openai-chat', baseUrl: v1 };
  }
  if (isObject(models) && Array.isArray(models.data)) {
    return { server: 'OpenAI-compatible server', kind: 'openai-chat', baseUrl: v1 };
  }
  return null;
}
