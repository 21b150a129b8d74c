// Reads the recorded Ollama NDJSON captures (tests/fixtures/streams/ollama-*.ndjson) into frames
// with the transport's own framer, so adapter tests see exactly what the pipeline would.
import { readFileSync } from 'node:fs';
import { frameNdjson } from '../../src/main/transports/ndjson-stream';
import { defaultLimits, type NdjsonFrame } from '../../src/main/transports/types';
import { fixturePath } from '../support/sse-frames';

export const ollamaCaptures = [
  'ollama-chat.ndjson',
  'ollama-chat-tools.ndjson',
  'ollama-chat-tools-parallel.ndjson',
  'ollama-generate.ndjson',
  'ollama-generate-midstream-error.ndjson',
] as const;
export type OllamaCapture = (typeof ollamaCaptures)[number];

export const readOllamaCapture = (name: OllamaCapture): string => readFileSync(fixturePath(name), 'utf8');

/** Frames a text as the transport would (one frame per non-empty line). */
export async function ndjsonFrames(text: string): Promise<NdjsonFrame[]> {
  const frames: NdjsonFrame[] = [];
  for await (const frame of frameNdjson(toPieces([text]), 'capture', defaultLimits)) frames.push(frame);
  return frames;
}

export const ollamaCaptureFrames = (name: OllamaCapture): Promise<NdjsonFrame[]> =>
  ndjsonFrames(readOllamaCapture(name));

async function* toPieces(pieces: string[]): AsyncGenerator<string> {
  yield* pieces;
}
