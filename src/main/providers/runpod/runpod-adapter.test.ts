import { describe, expect, it } from 'vitest';
import type { Frame, PollStreamPlan } from '../../transports/types';
import type { BackendTarget, ChatEvent } from '../types';
import { runPodAdapter } from './runpod-adapter';
import { sayIn } from '../../../shared/words/all-words';

const backend: BackendTarget = { kind: 'runpod', baseUrl: 'https://api.runpod.ai/v2/abc', apiKey: 'k', http: 'auto' };
const run = (frames: Frame[]): ChatEvent[] => {
  const d = runPodAdapter.createDecoder();
  return [...frames.flatMap((f) => d.push(f)), ...d.end()];
};
const poll = (data: object, phase: 'start' | 'poll' = 'poll'): Frame => ({
  framing: 'poll',
  phase,
  data: JSON.stringify(data),
});

describe('runpod plan', () => {
  it('runs the job with worker-vllm input and polls /stream/{id}, cancels /cancel/{id}', () => {
    const plan = runPodAdapter.plan(
      { model: 'm', messages: [{ role: 'user', content: 'Hi' }], params: { maxTokens: 10, seed: 1 } },
      backend,
    ) as PollStreamPlan;
    expect(plan.url).toBe('https://api.runpod.ai/v2/abc/run');
    expect(plan.headers.authorization).toBe('Bearer k');
    expect(JSON.parse(plan.body!)).toEqual({
      input: {
        messages: [{ role: 'user', content: 'Hi' }],
        sampling_params: { max_tokens: 10, seed: 1 },
        stream: true,
      },
    });
    expect(plan.poll({ id: 'j1', status: 'IN_QUEUE' })).toMatchObject({
      method: 'GET',
      url: 'https://api.runpod.ai/v2/abc/stream/j1',
    });
    expect(plan.cancel?.({ id: 'j1' })).toMatchObject({
      method: 'POST',
      url: 'https://api.runpod.ai/v2/abc/cancel/j1',
    });
    expect(plan.cancel?.(undefined)).toBeUndefined();
  });
});

describe('runpod decoder', () => {
  it('reads worker-vllm batches, strings, {text} and OpenAI-like deltas, and finishes on COMPLETED', () => {
    const events = run([
      poll({ id: 'j1', status: 'IN_QUEUE' }, 'start'),
      poll({
        status: 'IN_PROGRESS',
        stream: [{ output: { choices: [{ tokens: ['He', 'l'] }], usage: { input: 4, output: 2 } } }],
      }),
      poll({ status: 'IN_PROGRESS', stream: [{ output: 'l' }, { output: { text: ['o'] } }] }),
      poll({
        status: 'COMPLETED',
        stream: [{ output: { choices: [{ delta: { content: '!' }, finish_reason: 'length' }] } }],
      }),
    ]);
    expect(events).toEqual([
      { type: 'text', text: 'Hel' },
      { type: 'usage', usage: { promptTokens: 4, completionTokens: 2 } },
      { type: 'text', text: 'l' },
      { type: 'text', text: 'o' },
      { type: 'text', text: '!' },
      { type: 'finish', reason: 'length' },
    ]);
  });

  it('a FAILED, CANCELLED or TIMED_OUT job is an error with the job’s error', () => {
    const [failed] = run([poll({ status: 'FAILED', error: 'CUDA out of memory' })]);
    expect(failed).toEqual({
      type: 'error',
      error: {
        code: 'server',
        message: 'RunPod job FAILED: CUDA out of memory',
        retryable: true,
        said: { key: 'provider.runpodJob', values: { status: 'FAILED', why: 'CUDA out of memory' } },
      },
    });
    // The job's own words stay as RunPod wrote them inside Runnel's sentence.
    expect(failed?.type === 'error' && sayIn('zh', failed.error.said!)).toBe('RunPod 任务 FAILED：CUDA out of memory');
    expect(run([poll({ status: 'TIMED_OUT' })])[0]).toMatchObject({ type: 'error', error: { code: 'timeout' } });
    expect(run([poll({ status: 'CANCELLED' })])[0]).toMatchObject({
      type: 'error',
      error: { message: 'RunPod job CANCELLED' },
    });
  });

  it('an {"error"} output from worker-vllm ends the answer in error', () => {
    const events = run([poll({ status: 'IN_PROGRESS', stream: [{ output: { error: { message: 'bad sampling' } } }] })]);
    expect(events).toEqual([{ type: 'error', error: { code: 'server', message: 'bad sampling', retryable: true } }]);
  });
});
