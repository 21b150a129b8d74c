import { describe, expect, it } from 'vitest';
import { sseFrames } from '../../../../tests/support/sse-frames';
import type { Frame, PollStreamPlan } from '../../transports/types';
import type { BackendTarget, ChatEvent } from '../types';
import { koboldCppAdapter } from './koboldcpp-adapter';

const backend: BackendTarget = { kind: 'koboldcpp', baseUrl: 'http://k:5001/api', apiKey: null, http: 'auto' };
const run = (frames: Frame[]): ChatEvent[] => {
  const d = koboldCppAdapter.createDecoder();
  return [...frames.flatMap((f) => d.push(f)), ...d.end()];
};
const poll = (phase: 'start' | 'poll', data: object | string): Frame => ({
  framing: 'poll',
  phase,
  data: typeof data === 'string' ? data : JSON.stringify(data),
});

describe('koboldcpp plan', () => {
  const plan = koboldCppAdapter.plan(
    { model: 'x', messages: [{ role: 'user', content: 'Hi' }], params: { temperature: 0.5, maxTokens: 64 } },
    backend,
  ) as PollStreamPlan;

  it('prefers the SSE route, falls back to generate + check, aborts by genkey', () => {
    const body = JSON.parse(plan.body!) as Record<string, unknown>;
    expect(body).toMatchObject({
      prompt: '<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n',
      max_length: 64,
      temperature: 0.5,
      stop_sequence: ['<|im_end|>'],
    });
    expect(plan.url).toBe('http://k:5001/api/v1/generate');
    expect(plan.preferStream).toMatchObject({
      url: 'http://k:5001/api/extra/generate/stream',
      fallbackStatuses: [404, 405],
    });
    expect(plan.poll(undefined)).toMatchObject({
      url: 'http://k:5001/api/extra/generate/check',
      body: JSON.stringify({ genkey: body.genkey }),
    });
    expect(plan.cancel?.(undefined)).toMatchObject({ url: 'http://k:5001/api/extra/abort' });
  });
});

describe('koboldcpp decoder', () => {
  it('reads SSE tokens, treats finish_reason "null" as none, and finishes on the real one', () => {
    const events = run(
      sseFrames(
        'event: message\ndata: {"token": "Hel", "finish_reason": "null"}\n\nevent: message\ndata: {"token": "lo", "finish_reason": null}\n\nevent: message\ndata: {"token": "", "finish_reason": "stop"}\n\n',
      ),
    );
    expect(events).toEqual([
      { type: 'text', text: 'Hel' },
      { type: 'text', text: 'lo' },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  it('turns cumulative /check texts into deltas, holding back a partial stop string', () => {
    const events = run([
      poll('poll', { results: [{ text: 'Hello' }] }),
      poll('poll', { results: [{ text: 'Hello wor<|im_' }] }),
      poll('start', {
        results: [{ text: 'Hello world', finish_reason: 'stop', prompt_tokens: 9, completion_tokens: 3 }],
      }),
    ]);
    expect(events).toEqual([
      { type: 'text', text: 'Hello' },
      { type: 'text', text: ' wor' },
      { type: 'text', text: 'ld' },
      { type: 'usage', usage: { promptTokens: 9, completionTokens: 3 } },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  it('reports finish_reason "error" as an in-band error and a broken answer as malformed', () => {
    expect(run([poll('poll', '{"results": [{"text": broken')])[0]).toMatchObject({ type: 'malformed' });
    expect(run([poll('start', { results: [{ text: 'ab', finish_reason: 'error' }] })]).at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'server' },
    });
  });

  it('reads the model name out of /api/v1/model', () => {
    expect(koboldCppAdapter.parseModels({ result: 'koboldcpp/Mistral-7B' })).toEqual(['Mistral-7B']);
  });
});
