// The codec (protobufjs, grpc-inference-service.proto) against bytes computed by hand from the
// protocol's field numbers.
import { describe, expect, it } from 'vitest';
import {
  bytesOutput,
  decodeFlagResponse,
  decodeInferRequest,
  decodeModelRef,
  decodeRepositoryIndexRequest,
  decodeRepositoryIndexResponse,
  decodeServerMetadata,
  decodeStreamInferResponse,
  encodeFlagResponse,
  encodeInferRequest,
  encodeModelRef,
  encodeRepositoryIndexRequest,
  encodeRepositoryIndexResponse,
  encodeServerMetadata,
  encodeStreamInferResponse,
  packBytesTensor,
  unpackBytesTensor,
  type InferRequest,
} from './triton-proto';

const ascii = (s: string) => [...Buffer.from(s, 'utf8')];
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('triton protobuf codec', () => {
  it('encodes a ModelInferRequest field by field', () => {
    const req: InferRequest = {
      modelName: 'm',
      modelVersion: '',
      id: '',
      parameters: { s: true },
      inputs: [{ name: 'x', datatype: 'BOOL', shape: [1], contents: { bool: [true] } }],
      outputs: ['o'],
    };
    const expected = [
      ...[0x0a, 0x01, ...ascii('m')], // model_name = 1
      ...[0x22, 0x07, 0x0a, 0x01, ...ascii('s'), 0x12, 0x02, 0x08, 0x01], // parameters = 4: {s: bool_param = 1 true}
      ...[0x2a, 0x11], // inputs = 5, 17 bytes:
      ...[0x0a, 0x01, ...ascii('x'), 0x12, 0x04, ...ascii('BOOL'), 0x1a, 0x01, 0x01], // name, datatype, shape [1] packed
      ...[0x2a, 0x03, 0x0a, 0x01, 0x01], // contents = 5 { bool_contents = 1 packed [true] }
      ...[0x32, 0x03, 0x0a, 0x01, ...ascii('o')], // outputs = 6 { name = 1 }
    ];
    const bytes = encodeInferRequest(req);
    expect(hex(bytes)).toBe(hex(Uint8Array.from(expected)));
    expect(decodeInferRequest(bytes)).toEqual(req);
  });

  it('round-trips int64, string, INT32, FP32 and BYTES contents', () => {
    const req: InferRequest = {
      modelName: 'ensemble',
      modelVersion: '1',
      id: 'r1',
      parameters: { n: -3n, t: 'x', triton_enable_empty_final_response: true },
      inputs: [
        { name: 'max_tokens', datatype: 'INT32', shape: [1, 1], contents: { int: [512] } },
        { name: 'temperature', datatype: 'FP32', shape: [1, 1], contents: { fp32: [0.5] } },
        { name: 'text_input', datatype: 'BYTES', shape: [1], contents: { bytes: [Uint8Array.from(ascii('héllo'))] } },
      ],
      outputs: [],
    };
    expect(decodeInferRequest(encodeInferRequest(req))).toEqual(req);
  });

  it('decodes a ModelStreamInferResponse with a raw BYTES output and triton_final_response', () => {
    const key = ascii('triton_final_response');
    const bytes = Uint8Array.from([
      ...[0x12, 0x3e], // infer_response = 2, 62 bytes:
      ...[0x22, 0x1b, 0x0a, 0x15, ...key, 0x12, 0x02, 0x08, 0x01], // parameters = 4 {key: bool_param true}
      ...[0x2a, 0x17, 0x0a, 0x0b, ...ascii('text_output'), 0x12, 0x05, ...ascii('BYTES'), 0x1a, 0x01, 0x01], // outputs = 5
      ...[0x32, 0x06, 0x02, 0x00, 0x00, 0x00, ...ascii('hi')], // raw_output_contents = 6: LE length 2, "hi"
    ]);
    const res = decodeStreamInferResponse(bytes);
    expect(res.errorMessage).toBe('');
    expect(res.inferResponse?.parameters).toEqual({ triton_final_response: true });
    expect(res.inferResponse?.outputs[0]).toMatchObject({ name: 'text_output', datatype: 'BYTES', shape: [1] });
    expect(bytesOutput(res.inferResponse!, 'text_output')?.map((b) => Buffer.from(b).toString())).toEqual(['hi']);
    expect(decodeStreamInferResponse(encodeStreamInferResponse(res))).toEqual(res);
  });

  it('decodes an in-band error_message', () => {
    const res = decodeStreamInferResponse(Uint8Array.from([0x0a, 0x04, ...ascii('boom')]));
    expect(res).toEqual({ errorMessage: 'boom', inferResponse: undefined });
  });

  it('packs BYTES elements with 4-byte little-endian lengths', () => {
    const packed = packBytesTensor([Uint8Array.from(ascii('ab')), new Uint8Array()]);
    expect(hex(packed)).toBe('020000006162' + '00000000');
    expect(unpackBytesTensor(packed).map((b) => Buffer.from(b).toString())).toEqual(['ab', '']);
    expect(() => unpackBytesTensor(Uint8Array.from([5, 0, 0, 0, 1]))).toThrow('cut short');
  });

  it('rejects a truncated message', () => {
    expect(() => decodeStreamInferResponse(Uint8Array.from([0x0a, 0x05, 0x61]))).toThrow('truncated');
  });

  it('encodes the unary requests: RepositoryIndexRequest and ModelReadyRequest', () => {
    // repository_name = 1 (left out when empty), ready = 2 (bool, varint 1)
    const index = encodeRepositoryIndexRequest({ repositoryName: '', ready: true });
    expect(hex(index)).toBe('1001');
    expect(decodeRepositoryIndexRequest(index)).toEqual({ repositoryName: '', ready: true });
    expect(hex(encodeRepositoryIndexRequest({ repositoryName: 'r', ready: false }))).toBe('0a0172');
    // name = 1, version = 2
    const ref = encodeModelRef({ name: 'm', version: '2' });
    expect(hex(ref)).toBe(hex(Uint8Array.from([0x0a, 0x01, ...ascii('m'), 0x12, 0x01, ...ascii('2')])));
    expect(decodeModelRef(ref)).toEqual({ name: 'm', version: '2' });
  });

  it('decodes RepositoryIndexResponse entries with their state and reason', () => {
    const entry = [
      ...[0x0a, 0x01, ...ascii('m')], // name = 1
      ...[0x12, 0x01, ...ascii('1')], // version = 2
      ...[0x1a, 0x07, ...ascii('LOADING')], // state = 3
      ...[0x22, 0x02, ...ascii('hi')], // reason = 4
    ];
    const bytes = Uint8Array.from([0x0a, entry.length, ...entry]); // models = 1
    const models = decodeRepositoryIndexResponse(bytes);
    expect(models).toEqual([{ name: 'm', version: '1', state: 'LOADING', reason: 'hi' }]);
    expect(hex(encodeRepositoryIndexResponse(models))).toBe(hex(bytes));
  });

  it('reads the one bool of ServerLive/ModelReady answers, false when left out (proto3 default)', () => {
    expect(hex(encodeFlagResponse(true))).toBe('0801');
    expect(encodeFlagResponse(false)).toEqual(new Uint8Array());
    expect(decodeFlagResponse(Uint8Array.from([0x08, 0x01]))).toBe(true);
    expect(decodeFlagResponse(new Uint8Array())).toBe(false);
  });

  it('decodes ServerMetadataResponse: name, version and the repeated extensions', () => {
    const bytes = Uint8Array.from([
      ...[0x0a, 0x06, ...ascii('triton')],
      ...[0x12, 0x06, ...ascii('2.59.0')],
      ...[0x1a, 0x03, ...ascii('sequence').slice(0, 3)],
      ...[0x1a, 0x02, ...ascii('ab')],
    ]);
    expect(decodeServerMetadata(bytes)).toEqual({ name: 'triton', version: '2.59.0', extensions: ['seq', 'ab'] });
    const meta = { name: 'triton', version: '2.59.0', extensions: ['seq', 'ab'] };
    expect(hex(encodeServerMetadata(meta))).toBe(hex(bytes));
  });
});
