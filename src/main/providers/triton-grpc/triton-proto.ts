// Runnel's view of the KServe v2 / Triton messages it sends and reads. protobufjs does the wire
// format from grpc-inference-service.proto (loaded from its generated descriptor); this file maps
// those messages to the plain types below, and packs and unpacks Triton's raw BYTES tensors.
import protobuf, { type IConversionOptions, type Type } from 'protobufjs/light.js';
import { descriptor } from './grpc-inference-service.descriptor';

/** InferParameter's oneof, as far as Runnel reads it: bool_param, int64_param, string_param. */
export type InferParameter = boolean | bigint | string;

/** InferTensorContents, only the lists Runnel uses; a list is present when the message has it. */
export interface TensorContents {
  bool?: boolean[];
  int?: number[];
  uint64?: bigint[];
  fp32?: number[];
  bytes?: Uint8Array[];
}

/** ModelInferRequest.InferInputTensor (and ModelInferResponse.InferOutputTensor, the same fields). */
export interface InferInput {
  name: string;
  datatype: string;
  shape: number[];
  contents: TensorContents;
}

export type InferOutput = InferInput;

export interface InferRequest {
  modelName: string;
  modelVersion: string;
  id: string;
  parameters: Record<string, InferParameter>;
  inputs: InferInput[];
  /** The names of the InferRequestedOutputTensors. */
  outputs: string[];
}

export interface InferResponse {
  modelName: string;
  modelVersion: string;
  id: string;
  parameters: Record<string, InferParameter>;
  outputs: InferOutput[];
  rawOutputContents: Uint8Array[];
}

export interface StreamInferResponse {
  errorMessage: string;
  inferResponse: InferResponse | undefined;
}

/** One entry of a RepositoryIndexResponse. */
export interface ModelIndex {
  name: string;
  version: string;
  /** "READY", "UNAVAILABLE", "LOADING", "UNLOADING" (Triton's model states), or '' when not loaded. */
  state: string;
  reason?: string;
}

export interface RepositoryIndexRequest {
  repositoryName: string;
  ready: boolean;
}

/** ModelReadyRequest: a model name and version (empty: the server picks). */
export interface ModelRef {
  name: string;
  version: string;
}

export interface ServerMetadata {
  name: string;
  version: string;
  extensions: string[];
}

export class ProtoError extends Error {}

const root = protobuf.Root.fromJSON(descriptor);
const type = (name: string) => root.lookupType(`inference.${name}`);
const types = {
  inferRequest: type('ModelInferRequest'),
  streamResponse: type('ModelStreamInferResponse'),
  indexRequest: type('RepositoryIndexRequest'),
  indexResponse: type('RepositoryIndexResponse'),
  modelReady: type('ModelReadyRequest'),
  // ServerLiveResponse, ServerReadyResponse and ModelReadyResponse are all one bool, field 1.
  flag: type('ModelReadyResponse'),
  metadata: type('ServerMetadataResponse'),
};

// ---- the wire objects protobufjs encodes, and returns from decode + toObject ----

/** int64 as protobufjs takes it without losing bits: two 32-bit halves. */
interface LongBits {
  low: number;
  high: number;
}

interface WireParameter {
  boolParam?: boolean;
  int64Param?: LongBits | string;
  stringParam?: string;
}

interface WireContents {
  boolContents?: boolean[];
  intContents?: number[];
  uint64Contents?: (LongBits | string)[];
  fp32Contents?: number[];
  bytesContents?: Uint8Array[];
}

interface WireTensor {
  name?: string;
  datatype?: string;
  shape?: (number | string)[];
  contents?: WireContents | null;
}

interface WireInferMessage {
  modelName?: string;
  modelVersion?: string;
  id?: string;
  parameters?: Record<string, WireParameter>;
  inputs?: WireTensor[];
  outputs?: (WireTensor | { name?: string })[];
  rawOutputContents?: Uint8Array[];
}

const longBits = (v: bigint): LongBits => {
  const bits = BigInt.asUintN(64, v);
  return { low: Number(BigInt.asUintN(32, bits)) | 0, high: Number(bits >> 32n) | 0 };
};

/**
 * Proto3 leaves default scalars (empty strings, false) off the wire; protobufjs writes every field
 * an object has, so those are left out of the object first.
 */
function set<T extends object>(fields: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(fields) as [keyof T, T[keyof T]][]) {
    if (value !== '' && value !== false && value !== undefined) out[key] = value;
  }
  return out;
}

function encode(t: Type, message: object): Uint8Array {
  // The plain Writer, not Node's BufferWriter: callers get a Uint8Array, never a Buffer.
  return t.encode(message, new protobuf.Writer()).finish();
}

const wireParameter = (v: InferParameter): WireParameter =>
  typeof v === 'boolean' ? { boolParam: v } : typeof v === 'bigint' ? { int64Param: longBits(v) } : { stringParam: v };

const wireParameters = (params: Record<string, InferParameter>): Record<string, WireParameter> =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, wireParameter(v)]));

const wireTensor = (t: InferInput): WireTensor => ({
  ...set({ name: t.name, datatype: t.datatype }),
  shape: t.shape,
  contents: {
    boolContents: t.contents.bool,
    intContents: t.contents.int,
    uint64Contents: t.contents.uint64?.map(longBits),
    fp32Contents: t.contents.fp32,
    bytesContents: t.contents.bytes,
  },
});

export const encodeInferRequest = (req: InferRequest): Uint8Array =>
  encode(types.inferRequest, {
    ...set({ modelName: req.modelName, modelVersion: req.modelVersion, id: req.id }),
    parameters: wireParameters(req.parameters),
    inputs: req.inputs.map(wireTensor),
    outputs: req.outputs.map((name) => set({ name })),
  } satisfies WireInferMessage);

export const encodeStreamInferResponse = (res: StreamInferResponse): Uint8Array => {
  const infer = res.inferResponse;
  return encode(types.streamResponse, {
    ...set({ errorMessage: res.errorMessage }),
    inferResponse: infer && {
      ...set({ modelName: infer.modelName, modelVersion: infer.modelVersion, id: infer.id }),
      parameters: wireParameters(infer.parameters),
      outputs: infer.outputs.map(wireTensor),
      rawOutputContents: infer.rawOutputContents,
    },
  });
};

export const encodeRepositoryIndexResponse = (models: readonly ModelIndex[]): Uint8Array =>
  encode(types.indexResponse, { models: models.map((m) => set({ ...m })) });

export const encodeRepositoryIndexRequest = (req: RepositoryIndexRequest): Uint8Array =>
  encode(types.indexRequest, set({ ...req }));

export const encodeModelRef = (ref: ModelRef): Uint8Array => encode(types.modelReady, set({ ...ref }));

/** The one bool of ServerLiveResponse (`live`), ServerReadyResponse and ModelReadyResponse (`ready`). */
export const encodeFlagResponse = (flag: boolean): Uint8Array => encode(types.flag, set({ ready: flag }));

export const encodeServerMetadata = (meta: ServerMetadata): Uint8Array =>
  encode(types.metadata, { ...set({ name: meta.name, version: meta.version }), extensions: meta.extensions });

// ---- decoding ----

/** Every field present (defaults filled in), 64-bit integers as decimal strings. */
const asObject: IConversionOptions = { longs: String, defaults: true, arrays: true, objects: true };

/**
 * The message as a plain object of the shape `T` (what protobufjs guarantees for this type with
 * `asObject`), or a ProtoError for bytes that are not one.
 */
function decode<T>(t: Type, data: Uint8Array): T {
  try {
    return t.toObject(t.decode(data), asObject) as T;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    // protobufjs reports a length or varint running past the end as a RangeError.
    throw new ProtoError(err instanceof RangeError ? `truncated message (${why})` : why);
  }
}

/** A (possibly pooled, possibly Buffer) view as a Uint8Array of its own. */
const own = (b: Uint8Array): Uint8Array => new Uint8Array(b);

function parameters(wire: Record<string, WireParameter> | undefined): Record<string, InferParameter> {
  const out: Record<string, InferParameter> = {};
  for (const [key, p] of Object.entries(wire ?? {})) {
    // double_param and uint64_param are left out: nothing Runnel reads comes as either.
    if (p.boolParam !== undefined) out[key] = p.boolParam;
    else if (p.int64Param !== undefined) out[key] = BigInt(String(p.int64Param));
    else if (p.stringParam !== undefined) out[key] = p.stringParam;
  }
  return out;
}

function contents(wire: WireContents | null | undefined): TensorContents {
  const c: TensorContents = {};
  if (wire?.boolContents?.length) c.bool = wire.boolContents;
  if (wire?.intContents?.length) c.int = wire.intContents;
  if (wire?.uint64Contents?.length) c.uint64 = wire.uint64Contents.map((v) => BigInt(String(v)));
  if (wire?.fp32Contents?.length) c.fp32 = wire.fp32Contents;
  if (wire?.bytesContents?.length) c.bytes = wire.bytesContents.map(own);
  return c;
}

const tensor = (t: WireTensor): InferInput => ({
  name: t.name ?? '',
  datatype: t.datatype ?? '',
  shape: (t.shape ?? []).map(Number),
  contents: contents(t.contents),
});

export function decodeInferRequest(data: Uint8Array): InferRequest {
  const m = decode<WireInferMessage>(types.inferRequest, data);
  return {
    modelName: m.modelName ?? '',
    modelVersion: m.modelVersion ?? '',
    id: m.id ?? '',
    parameters: parameters(m.parameters),
    inputs: (m.inputs ?? []).map(tensor),
    outputs: (m.outputs ?? []).map((o) => o.name ?? ''),
  };
}

export function decodeStreamInferResponse(data: Uint8Array): StreamInferResponse {
  const m = decode<{ errorMessage?: string; inferResponse?: WireInferMessage | null }>(types.streamResponse, data);
  const infer = m.inferResponse;
  return {
    errorMessage: m.errorMessage ?? '',
    inferResponse: infer
      ? {
          modelName: infer.modelName ?? '',
          modelVersion: infer.modelVersion ?? '',
          id: infer.id ?? '',
          parameters: parameters(infer.parameters),
          outputs: (infer.outputs ?? []).map(tensor),
          rawOutputContents: (infer.rawOutputContents ?? []).map(own),
        }
      : undefined,
  };
}

export function decodeRepositoryIndexResponse(data: Uint8Array): ModelIndex[] {
  const m = decode<{ models?: Partial<ModelIndex>[] }>(types.indexResponse, data);
  return (m.models ?? []).map(({ name = '', version = '', state = '', reason }) =>
    reason ? { name, version, state, reason } : { name, version, state },
  );
}

export function decodeRepositoryIndexRequest(data: Uint8Array): RepositoryIndexRequest {
  const m = decode<Partial<RepositoryIndexRequest>>(types.indexRequest, data);
  return { repositoryName: m.repositoryName ?? '', ready: m.ready ?? false };
}

export function decodeModelRef(data: Uint8Array): ModelRef {
  const m = decode<Partial<ModelRef>>(types.modelReady, data);
  return { name: m.name ?? '', version: m.version ?? '' };
}

/** The one bool of ServerLiveResponse, ServerReadyResponse and ModelReadyResponse (false when left out). */
export const decodeFlagResponse = (data: Uint8Array): boolean =>
  decode<{ ready?: boolean }>(types.flag, data).ready === true;

export function decodeServerMetadata(data: Uint8Array): ServerMetadata {
  const m = decode<Partial<ServerMetadata>>(types.metadata, data);
  return { name: m.name ?? '', version: m.version ?? '', extensions: m.extensions ?? [] };
}

// ---- BYTES tensors ----

/**
 * Triton's raw BYTES layout (raw_input_contents / raw_output_contents): each element is a 4-byte
 * little-endian length, then the bytes. `contents.bytes_contents` instead holds one element per entry.
 */
export function packBytesTensor(elements: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(elements.reduce((n, e) => n + 4 + e.length, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const e of elements) {
    view.setUint32(at, e.length, true);
    out.set(e, at + 4);
    at += 4 + e.length;
  }
  return out;
}

export function unpackBytesTensor(raw: Uint8Array): Uint8Array[] {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out: Uint8Array[] = [];
  let at = 0;
  while (at < raw.length) {
    if (at + 4 > raw.length) throw new ProtoError('BYTES element length cut short');
    const n = view.getUint32(at, true);
    if (at + 4 + n > raw.length) throw new ProtoError('BYTES element cut short');
    out.push(raw.subarray(at + 4, at + 4 + n));
    at += 4 + n;
  }
  return out;
}

/** The elements of a BYTES output: from raw_output_contents (by output index) or from contents. */
export function bytesOutput(res: InferResponse, name: string): Uint8Array[] | undefined {
  const index = res.outputs.findIndex((o) => o.name === name);
  if (index === -1) return undefined;
  const raw = res.rawOutputContents[index];
  if (raw) return unpackBytesTensor(raw);
  return res.outputs[index]!.contents.bytes ?? [];
}
