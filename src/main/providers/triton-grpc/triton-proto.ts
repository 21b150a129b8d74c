// A hand-written protobuf codec for just the KServe v2 / Triton messages Runnel needs:
// ModelInferRequest (encoded by the adapter, decoded by the fake server) and
// ModelStreamInferResponse (the other way round), and the small messages of the unary calls used
// for models and health (RepositoryIndex, ServerLive, ModelReady, ServerMetadata), both ways too.
// Field numbers are those of triton-inference-server/common protobuf/grpc_service.proto; no
// generated code, no protobufjs.

/** InferParameter's oneof (grpc_service.proto: bool_param = 1, int64_param = 2, string_param = 3). */
export type InferParameter = boolean | bigint | string;

/** InferTensorContents, only the repeated fields Runnel uses (1 bool, 2 int32, 5 uint64, 6 fp32, 8 bytes). */
export interface TensorContents {
  bool?: boolean[];
  int?: number[];
  uint64?: bigint[];
  fp32?: number[];
  bytes?: Uint8Array[];
}

/** ModelInferRequest.InferInputTensor: name = 1, datatype = 2, shape = 3, contents = 5. */
export interface InferInput {
  name: string;
  datatype: string;
  shape: number[];
  contents: TensorContents;
}

/** ModelInferRequest: model_name = 1, model_version = 2, id = 3, parameters = 4, inputs = 5, outputs = 6. */
export interface InferRequest {
  modelName: string;
  modelVersion: string;
  id: string;
  parameters: Record<string, InferParameter>;
  inputs: InferInput[];
  /** InferRequestedOutputTensor names (its field 1). */
  outputs: string[];
}

/** ModelInferResponse.InferOutputTensor: name = 1, datatype = 2, shape = 3, contents = 5. */
export interface InferOutput {
  name: string;
  datatype: string;
  shape: number[];
  contents: TensorContents;
}

/** ModelInferResponse: model_name = 1, model_version = 2, id = 3, parameters = 4, outputs = 5, raw_output_contents = 6. */
export interface InferResponse {
  modelName: string;
  modelVersion: string;
  id: string;
  parameters: Record<string, InferParameter>;
  outputs: InferOutput[];
  rawOutputContents: Uint8Array[];
}

/** ModelStreamInferResponse: error_message = 1, infer_response = 2. */
export interface StreamInferResponse {
  errorMessage: string;
  inferResponse: InferResponse | undefined;
}

/** RepositoryIndexResponse: models = 1, each ModelIndex name = 1, version = 2, state = 3, reason = 4. */
export interface ModelIndex {
  name: string;
  version: string;
  /** "READY", "UNAVAILABLE", "LOADING", "UNLOADING" (Triton's model states), or '' when not loaded. */
  state: string;
  reason?: string;
}

/** RepositoryIndexRequest: repository_name = 1 (empty: every repository), ready = 2 (only ready models). */
export interface RepositoryIndexRequest {
  repositoryName: string;
  ready: boolean;
}

/** ModelReadyRequest (and ModelMetadataRequest): name = 1, version = 2 (empty: the server picks). */
export interface ModelRef {
  name: string;
  version: string;
}

/** ServerMetadataResponse: name = 1, version = 2, extensions = 3 (repeated). */
export interface ServerMetadata {
  name: string;
  version: string;
  extensions: string[];
}

export class ProtoError extends Error {}

// Wire types (protobuf encoding spec).
const VARINT = 0;
const I64 = 1;
const LEN = 2;
const I32 = 5;

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8');

class Writer {
  private parts: number[] = [];

  varint(value: bigint | number): this {
    // Negative int64 values are sent as their 64-bit two's complement (10 bytes).
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.parts.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.parts.push(Number(v));
    return this;
  }

  tag(field: number, wire: number): this {
    return this.varint((field << 3) | wire);
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, LEN).varint(value.length);
    for (const b of value) this.parts.push(b);
    return this;
  }

  /** Proto3 leaves default scalars out; false is not written. */
  bool(field: number, value: boolean): this {
    return value ? this.tag(field, VARINT).varint(1) : this;
  }

  /** Proto3 leaves default scalars out; an empty string is not written. */
  string(field: number, value: string): this {
    return value ? this.bytes(field, utf8.encode(value)) : this;
  }

  message(field: number, w: Writer): this {
    return this.bytes(field, w.finish());
  }

  /** Packed repeated varints (proto3's default encoding for repeated scalars). */
  packedVarints(field: number, values: readonly (number | bigint)[]): this {
    if (!values.length) return this;
    const inner = new Writer();
    for (const v of values) inner.varint(v);
    return this.message(field, inner);
  }

  /** Packed repeated float (fixed32, little-endian). */
  packedFloats(field: number, values: readonly number[]): this {
    if (!values.length) return this;
    const view = new DataView(new ArrayBuffer(values.length * 4));
    values.forEach((v, i) => view.setFloat32(i * 4, v, true));
    return this.bytes(field, new Uint8Array(view.buffer));
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

function parameterMessage(value: InferParameter): Writer {
  const w = new Writer();
  if (typeof value === 'boolean') w.tag(1, VARINT).varint(value ? 1 : 0);
  else if (typeof value === 'bigint') w.tag(2, VARINT).varint(value);
  else w.bytes(3, utf8.encode(value));
  return w;
}

/** A map<string, InferParameter> is a repeated entry message: key = 1, value = 2. */
function writeParameters(w: Writer, field: number, params: Record<string, InferParameter>): void {
  for (const [key, value] of Object.entries(params)) {
    w.message(field, new Writer().string(1, key).message(2, parameterMessage(value)));
  }
}

function contentsMessage(c: TensorContents): Writer {
  const w = new Writer()
    .packedVarints(
      1,
      (c.bool ?? []).map((b) => (b ? 1 : 0)),
    )
    .packedVarints(2, c.int ?? [])
    .packedVarints(5, c.uint64 ?? [])
    .packedFloats(6, c.fp32 ?? []);
  for (const b of c.bytes ?? []) w.bytes(8, b);
  return w;
}

function tensorMessage(t: InferInput | InferOutput): Writer {
  return new Writer()
    .string(1, t.name)
    .string(2, t.datatype)
    .packedVarints(3, t.shape)
    .message(5, contentsMessage(t.contents));
}

export function encodeInferRequest(req: InferRequest): Uint8Array {
  const w = new Writer().string(1, req.modelName).string(2, req.modelVersion).string(3, req.id);
  writeParameters(w, 4, req.parameters);
  for (const input of req.inputs) w.message(5, tensorMessage(input));
  for (const name of req.outputs) w.message(6, new Writer().string(1, name));
  return w.finish();
}

function inferResponseMessage(res: InferResponse): Writer {
  const w = new Writer().string(1, res.modelName).string(2, res.modelVersion).string(3, res.id);
  writeParameters(w, 4, res.parameters);
  for (const output of res.outputs) w.message(5, tensorMessage(output));
  for (const raw of res.rawOutputContents) w.bytes(6, raw);
  return w;
}

export function encodeStreamInferResponse(res: StreamInferResponse): Uint8Array {
  const w = new Writer().string(1, res.errorMessage);
  if (res.inferResponse) w.message(2, inferResponseMessage(res.inferResponse));
  return w.finish();
}

export function encodeRepositoryIndexResponse(models: readonly ModelIndex[]): Uint8Array {
  const w = new Writer();
  for (const m of models) {
    w.message(
      1,
      new Writer()
        .string(1, m.name)
        .string(2, m.version)
        .string(3, m.state)
        .string(4, m.reason ?? ''),
    );
  }
  return w.finish();
}

export const encodeRepositoryIndexRequest = (req: RepositoryIndexRequest): Uint8Array =>
  new Writer().string(1, req.repositoryName).bool(2, req.ready).finish();

export const encodeModelRef = (ref: ModelRef): Uint8Array =>
  new Writer().string(1, ref.name).string(2, ref.version).finish();

/** ServerLiveResponse `live = 1`, ServerReadyResponse and ModelReadyResponse `ready = 1`: one bool. */
export const encodeFlagResponse = (flag: boolean): Uint8Array => new Writer().bool(1, flag).finish();

export function encodeServerMetadata(meta: ServerMetadata): Uint8Array {
  const w = new Writer().string(1, meta.name).string(2, meta.version);
  for (const e of meta.extensions) w.bytes(3, utf8.encode(e));
  return w.finish();
}

// ---- decoding ----

interface Field {
  field: number;
  wire: number;
  /** The varint value (wire type 0). */
  int: bigint;
  /** The payload (wire types 1, 2 and 5). */
  data: Uint8Array;
}

class Reader {
  private at = 0;
  constructor(private readonly buf: Uint8Array) {}

  private varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.at >= this.buf.length) throw new ProtoError('truncated varint');
      const b = this.buf[this.at++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, result);
    }
    throw new ProtoError('varint too long');
  }

  private take(n: number): Uint8Array {
    if (n < 0 || this.at + n > this.buf.length) throw new ProtoError('truncated field');
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  *fields(): Generator<Field> {
    while (this.at < this.buf.length) {
      const key = this.varint();
      const field = Number(key >> 3n);
      const wire = Number(key & 7n);
      const empty = new Uint8Array();
      if (wire === VARINT) yield { field, wire, int: this.varint(), data: empty };
      else if (wire === LEN) yield { field, wire, int: 0n, data: this.take(Number(this.varint())) };
      else if (wire === I64) yield { field, wire, int: 0n, data: this.take(8) };
      else if (wire === I32) yield { field, wire, int: 0n, data: this.take(4) };
      else throw new ProtoError(`unsupported wire type ${wire}`);
    }
  }
}

const text = (f: Field): string => fromUtf8.decode(f.data);

/** Repeated varints, packed (LEN) or not (one VARINT per element). */
function varints(f: Field): bigint[] {
  if (f.wire === VARINT) return [f.int];
  const out: bigint[] = [];
  for (const inner of new Reader(concatVarints(f.data)).fields()) out.push(inner.int);
  return out;
}

/** Reads a packed run of varints by giving each a fake tag (field 1, wire 0). */
function concatVarints(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let start = true;
  for (const b of data) {
    if (start) out.push(0x08);
    out.push(b);
    start = b < 0x80;
  }
  return Uint8Array.from(out);
}

const int64 = (v: bigint): number => Number(BigInt.asIntN(64, v));

function decodeParameter(data: Uint8Array): InferParameter | undefined {
  let value: InferParameter | undefined;
  for (const f of new Reader(data).fields()) {
    if (f.field === 1) value = f.int !== 0n;
    else if (f.field === 2) value = BigInt.asIntN(64, f.int);
    else if (f.field === 3) value = text(f);
  }
  return value;
}

function decodeParameterEntry(data: Uint8Array, into: Record<string, InferParameter>): void {
  let key = '';
  let value: InferParameter | undefined;
  for (const f of new Reader(data).fields()) {
    if (f.field === 1) key = text(f);
    else if (f.field === 2) value = decodeParameter(f.data);
  }
  if (value !== undefined) into[key] = value;
}

function decodeContents(data: Uint8Array): TensorContents {
  const c: TensorContents = {};
  for (const f of new Reader(data).fields()) {
    if (f.field === 1) (c.bool ??= []).push(...varints(f).map((v) => v !== 0n));
    else if (f.field === 2) (c.int ??= []).push(...varints(f).map((v) => Number(BigInt.asIntN(32, v))));
    else if (f.field === 5) (c.uint64 ??= []).push(...varints(f));
    else if (f.field === 6) {
      const view = new DataView(f.data.buffer, f.data.byteOffset, f.data.byteLength);
      for (let i = 0; i + 4 <= f.data.length; i += 4) (c.fp32 ??= []).push(view.getFloat32(i, true));
    } else if (f.field === 8) (c.bytes ??= []).push(f.data.slice());
  }
  return c;
}

function decodeTensor(data: Uint8Array): InferInput {
  const t: InferInput = { name: '', datatype: '', shape: [], contents: {} };
  for (const f of new Reader(data).fields()) {
    if (f.field === 1) t.name = text(f);
    else if (f.field === 2) t.datatype = text(f);
    else if (f.field === 3) t.shape.push(...varints(f).map(int64));
    else if (f.field === 5) t.contents = decodeContents(f.data);
  }
  return t;
}

export function decodeInferRequest(data: Uint8Array): InferRequest {
  const req: InferRequest = { modelName: '', modelVersion: '', id: '', parameters: {}, inputs: [], outputs: [] };
  for (const f of new Reader(data).fields()) {
    if (f.field === 1) req.modelName = text(f);
    else if (f.field === 2) req.modelVersion = text(f);
    else if (f.field === 3) req.id = text(f);
    else if (f.field === 4) decodeParameterEntry(f.data, req.parameters);
    else if (f.field === 5) req.inputs.push(decodeTensor(f.data));
    else if (f.field === 6) {
      for (const o of new Reader(f.data).fields()) if (o.field === 1) req.outputs.push(text(o));
    }
  }
  return req;
}

function decodeInferResponse(data: Uint8Array): InferResponse {
  const res: InferResponse = {
    modelName: '',
    modelVersion: '',
    id: '',
    parameters: {},
    outputs: [],
    rawOutputContents: [],
  };
  for (const f of new Reader(data).fields()) {
    if (f.field === 1) res.modelName = text(f);
    else if (f.field === 2) res.modelVersion = text(f);
    else if (f.field === 3) res.id = text(f);
    else if (f.field === 4) decodeParameterEntry(f.data, res.parameters);
    else if (f.field === 5) res.outputs.push(decodeTensor(f.data));
    else if (f.field === 6) res.rawOutputContents.push(f.data.slice());
  }
  return res;
}

export function decodeStreamInferResponse(data: Uint8Array): StreamInferResponse {
  const res: StreamInferResponse = { errorMessage: '', inferResponse: undefined };
  for (const f of new Reader(data).fields()) {
    if (f.field === 1) res.errorMessage = text(f);
    else if (f.field === 2) res.inferResponse = decodeInferResponse(f.data);
  }
  return res;
}

export function decodeRepositoryIndexResponse(data: Uint8Array): ModelIndex[] {
  const models: ModelIndex[] = [];
  for (const f of new Reader(data).fields()) {
    if (f.field !== 1 || f.wire !== LEN) continue;
    const m: ModelIndex = { name: '', version: '', state: '' };
    for (const g of new Reader(f.data).fields()) {
      if (g.field === 1) m.name = text(g);
      else if (g.field === 2) m.version = text(g);
      else if (g.field === 3) m.state = text(g);
      else if (g.field === 4) m.reason = text(g);
    }
    models.push(m);
  }
  return models;
}

export function decodeRepositoryIndexRequest(data: Uint8Array): RepositoryIndexRequest {
  const req: RepositoryIndexRequest = { repositoryName: '', ready: false };
  for (const f of new Reader(data).fields()) {
    if (f.field === 1) req.repositoryName = text(f);
    else if (f.field === 2) req.ready = f.int !== 0n;
  }
  return req;
}

export function decodeModelRef(data: Uint8Array): ModelRef {
  const ref: ModelRef = { name: '', version: '' };
  for (const f of new Reader(data).fields()) {
    if (f.field === 1) ref.name = text(f);
    else if (f.field === 2) ref.version = text(f);
  }
  return ref;
}

/** The one bool of ServerLiveResponse, ServerReadyResponse and ModelReadyResponse (false when left out). */
export function decodeFlagResponse(data: Uint8Array): boolean {
  let flag = false;
  for (const f of new Reader(data).fields()) if (f.field === 1 && f.wire === VARINT) flag = f.int !== 0n;
  return flag;
}

export function decodeServerMetadata(data: Uint8Array): ServerMetadata {
  const meta: ServerMetadata = { name: '', version: '', extensions: [] };
  for (const f of new Reader(data).fields()) {
    if (f.field === 1) meta.name = text(f);
    else if (f.field === 2) meta.version = text(f);
    else if (f.field === 3) meta.extensions.push(text(f));
  }
  return meta;
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
