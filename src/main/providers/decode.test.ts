// decode over batches of frames: one array of events per batch, the frames of a batch decoded in
// order, and nothing after the frame that finished the answer, even within the same batch.
import { describe, expect, it } from 'vitest';
import { singleFrames } from '../transports/frame-batches';
import type { Frame, FrameBatch } from '../transports/types';
import { decode } from './decode';
import { openAiChatAdapter } from './openai-chat/openai-chat-adapter';
import type { BackendTarget, ChatEvent } from './types';
import { webSocketJsonAdapter } from './websocket-json/websocket-json-adapter';

const sse = (content: string): Frame => ({
  framing: 'sse',
  event: undefined,
  data: JSON.stringify({ choices: [{ index: 0, delta: { content } }] }),
});
const ws = (message: unknown): Frame => ({ framing: 'websocket', data: JSON.stringify(message) });

async function* of(...batches: FrameBatch[]): AsyncGenerator<FrameBatch> {
  yield* batches;
}

async function collect(events: AsyncIterable<ChatEvent[]>): Promise<ChatEvent[][]> {
  const out: ChatEvent[][] = [];
  for await (const batch of events) out.push(batch);
  return out;
}

const gateway: BackendTarget = { kind: 'websocket-json', baseUrl: 'http://gw.local/ws', apiKey: null, http: 'auto' };

describe('decode', () => {
  it('yields the events of a whole batch together, in order', async () => {
    const out = await collect(decode(openAiChatAdapter, of([sse('a'), sse('b'), sse('c')], [sse('d')])));
    expect(out.map((events) => events.map((e) => (e.type === 'text' ? e.text : e.type)))).toEqual([
      ['a', 'b', 'c'],
      ['d'],
    ]);
  });

  it('reads nothing after the frame that finished the answer, in the same batch or later', async () => {
    const batches = of(
      [ws({ delta: 'x' }), ws({ delta: 'y', done: true }), ws({ delta: 'after' })],
      [ws({ delta: 'later' })],
    );
    const texts = (await collect(decode(webSocketJsonAdapter, batches, gateway)))
      .flat()
      .flatMap((e) => (e.type === 'text' ? [e.text] : []));
    expect(texts).toEqual(['x', 'y']);
  });

  it('gives the same events whether frames come one by one or together', async () => {
    const frames = ['<think>hm', 'm</think>', 'answer'].map(sse);
    const apart = (await collect(decode(openAiChatAdapter, singleFrames(frames)))).flat();
    const together = (await collect(decode(openAiChatAdapter, of(frames)))).flat();
    expect(together).toEqual(apart);
    expect(together.filter((e) => e.type === 'reasoning').map((e) => (e.type === 'reasoning' ? e.text : ''))).toEqual([
      'hm',
      'm',
    ]);
  });
});
