// The Triton decoder on ModelStreamInferResponse messages as the two backends send them: the vLLM
// backend's text_output (shape [1]) is a delta to append, never the text so far; a TensorRT-LLM
// ensemble's is shaped [batch, beam], and only the first sequence is the answer. Also the end on
// triton_final_response and the in-band errors.
import { describe, expect, it } from 'vitest';
import type { GrpcFrame } from '../../transports/types';
import type { ChatEvent } from '../types';
import { inBandError, tritonGrpcAdapter } from './triton-grpc-adapter';
import { encodeStreamInferResponse, packBytesTensor, type StreamInferResponse } from './triton-proto';

const utf8 = new TextEncoder();

function response(elements: (string | Uint8Array)[], shape: number[], final = false): GrpcFrame {
  const res: StreamInferResponse = {
    errorMessage: '',
    inferResponse: {
      modelName: 'm',
      modelVersion: '1',
      id: 'r',
      parameters: { triton_final_response: final },
      outputs: elements.length ? [{ name: 'text_output', datatype: 'BYTES', shape, contents: {} }] : [],
      rawOutputContents: elements.length
        ? [packBytesTensor(elements.map((e) => (typeof e === 'string' ? utf8.encode(e) : e)))]
        : [],
    },
  };
  return { framing: 'grpc', message: encodeStreamInferResponse(res) };
}

function run(frames: GrpcFrame[]): { text: string; events: ChatEvent[]; finished: boolean } {
  const decoder = tritonGrpcAdapter.createDecoder();
  const events = frames.flatMap((f) => decoder.push(f));
  const text = events.map((e) => (e.type === 'text' ? e.text : '')).join('');
  return { text, events, finished: decoder.finished?.() ?? false };
}

describe('triton-grpc decoder', () => {
  it('appends the vLLM backend’s text_output deltas: each response is new text, not the text so far', () => {
    const out = run([response(['Hel'], [1]), response(['lo'], [1]), response([' wor'], [1]), response(['ld'], [1])]);
    expect(out.text).toBe('Hello world');
    // Were they cumulative, the same start would repeat; a delta stream never repeats it.
    expect(out.text.match(/Hel/g)).toHaveLength(1);
    expect(out.finished).toBe(false);
  });

  it('reads a TensorRT-LLM [batch, beam] text_output: only the first sequence is the answer', () => {
    const out = run([
      response(['The'], [1, 1]),
      response([' cat', ' dog'], [1, 2]), // beam width 2: the second beam is not shown
      response([' sat'], [1, 1]),
    ]);
    expect(out.text).toBe('The cat sat');
  });

  it('keeps a character split across two responses whole', () => {
    const bytes = utf8.encode('🌍');
    const out = run([response([bytes.subarray(0, 2)], [1]), response([bytes.subarray(2)], [1])]);
    expect(out.text).toBe('🌍');
  });

  it('ends on the empty response flagged triton_final_response', () => {
    const out = run([response(['ok'], [1]), response([], [1], true), response(['late'], [1])]);
    expect(out.text).toBe('ok');
    expect(out.finished).toBe(true);
    expect(out.events.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
  });

  it('reads an in-band error_message: an unknown model is not_found, anything else a server failure', () => {
    const frame = (errorMessage: string): GrpcFrame => ({
      framing: 'grpc',
      message: encodeStreamInferResponse({ errorMessage, inferResponse: undefined }),
    });
    const unknown = "Request for unknown model: 'x' is not found";
    expect(run([frame(unknown)]).events).toEqual([{ type: 'error', error: inBandError(unknown) }]);
    expect(inBandError(unknown)).toMatchObject({ code: 'not_found', message: unknown, retryable: false });
    expect(inBandError("Request for unknown model: 'x' has no available versions").code).toBe('not_found');
    expect(inBandError('Error generating stream: CUDA error')).toMatchObject({ code: 'server', retryable: true });
  });

  it('reports a message that is not protobuf as malformed and goes on', () => {
    const out = run([
      response(['a'], [1]),
      { framing: 'grpc', message: Uint8Array.from([0x0f]) },
      response(['b'], [1]),
    ]);
    expect(out.text).toBe('ab');
    expect(out.events.some((e) => e.type === 'malformed')).toBe(true);
  });
});
