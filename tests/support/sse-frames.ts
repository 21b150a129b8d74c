// Reads a recorded SSE capture into frames with the same parser the transport uses, so adapter
// tests see exactly what the pipeline would.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createParser } from 'eventsource-parser';
import type { SseFrame } from '../../src/main/transports/types';

export const fixturePath = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/streams/${name}`, import.meta.url));

export function sseFrames(text: string): SseFrame[] {
  const frames: SseFrame[] = [];
  const parser = createParser({ onEvent: (e) => frames.push({ framing: 'sse', event: e.event, data: e.data }) });
  parser.feed(`${text}\n\n`);
  return frames;
}

export const captureFrames = (name: string): SseFrame[] => sseFrames(readFileSync(fixturePath(name), 'utf8'));
