// The whole pipeline for the runpod kind (POST /run, GET /stream/{id} polled until a final status,
// POST /cancel/{id} on Stop) against the fake RunPod worker-vllm endpoint on a real socket.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationDetail, GenerationEvent } from '../../src/shared/domain';
import {
  RUNPOD_JOB_ERROR,
  expectedRunPodText,
  startRunPodServer,
  type FakeRunPodServer,
} from '../servers/runpod-server';
import { createHarness, type Harness } from '../support/core-harness';

let fake: FakeRunPodServer;
let h: Harness;
let backendId: string;

beforeEach(async () => {
  fake = await startRunPodServer({ tokenDelayMs: 2, apiKey: 'rp-key' });
  h = await createHarness({ limits: { idleTimeoutMs: 1_000 } });
  backendId = (
    await h.addBackend(fake.baseUrl, { kind: 'runpod', apiKey: 'rp-key', options: { pollIntervalMs: '20' } })
  ).id;
});
afterEach(async () => {
  await h.dispose();
  await fake.close();
});

const stored = (conversationId: string) => h.call<ConversationDetail>('conversations:get', { id: conversationId });
const failure = async (behaviour: FakeRunPodServer['behaviour']) => {
  fake.behaviour = behaviour;
  const run = await h.generate(backendId, 'default', 'Hi');
  const end = (await run.ended) as Extract<GenerationEvent, { type: 'error' }>;
  const answer = (await stored(run.ids.conversationId)).messages[1]!;
  return { end, answer, run };
};

describe('runpod', () => {
  it('stores the answer byte for byte, with worker-vllm usage, from a /run with the messages', async () => {
    const run = await h.generate(backendId, 'default', 'Hello there');
    expect((await run.ended).type).toBe('done');
    const expected = expectedRunPodText('fake-chat', 'Hello there');
    expect(run.text()).toBe(expected);
    const answer = (await stored(run.ids.conversationId)).messages[1]!;
    expect(answer.content).toBe(expected);
    expect(answer.metrics).toMatchObject({ finishReason: 'stop', promptTokens: 'Hello there'.length });
    expect(answer.metrics.completionTokens).toBeGreaterThan(0);

    const start = fake.requests.find((r) => r.path.endsWith('/run'))!;
    expect(start.method).toBe('POST');
    expect(start.headers['authorization']).toBe('Bearer rp-key');
    expect(start.body).toEqual({
      input: { messages: [{ role: 'user', content: 'Hello there' }], sampling_params: {}, stream: true },
    });
    const job = [...fake.jobs.keys()][0]!;
    expect(fake.requests.filter((r) => r.path.endsWith(`/stream/${job}`)).length).toBeGreaterThan(0);
  });

  it('decodes answers split inside multi-byte characters exactly', async () => {
    const { answer } = await failure('fake-utf8');
    expect(answer.status).toBe('done');
    expect(answer.content).toBe(expectedRunPodText('fake-utf8', 'Hi'));
  });

  it('Stop posts /cancel/{id} and keeps the partial text', async () => {
    fake.behaviour = 'fake-endless';
    const run = await h.generate(backendId, 'default', 'Go on');
    await expect.poll(() => run.text().length, { timeout: 5_000 }).toBeGreaterThan(0);
    const cancelled = fake.nextCancel();
    await h.call('generation:cancel', { messageId: run.ids.assistantMessageId });
    const seen = await cancelled;
    expect(fake.jobs.get(seen.id)?.status).toBe('CANCELLED');
    expect(seen.tokensSent).toBeGreaterThan(0);
    expect(await run.ended).toMatchObject({ type: 'done', status: 'cancelled' });
    const answer = (await stored(run.ids.conversationId)).messages[1]!;
    expect(answer.status).toBe('cancelled');
    expect(answer.content).toBe(run.text());
  });

  it('a FAILED job ends in error with the job’s error, keeping the text before it', async () => {
    const { end, answer, run } = await failure('fake-error-midstream');
    expect(end.error.code).toBe('server');
    expect(end.error.message).toBe(`RunPod job FAILED: ${RUNPOD_JOB_ERROR}`);
    expect(answer.content).toBe(run.text());
    expect(answer.content).toBe(expectedRunPodText('fake-error-midstream', 'Hi'));
  });

  it('keeps the text before a dropped connection', async () => {
    const { end, answer } = await failure('fake-disconnect');
    expect(end.error.code).toBe('connect');
    expect(answer.content).toBe(expectedRunPodText('fake-disconnect', 'Hi'));
  });

  it('skips a malformed poll answer, keeps every token, and says one was lost', async () => {
    const { end, answer } = await failure('fake-malformed');
    expect(end.error.code).toBe('protocol');
    expect(answer.content).toBe(expectedRunPodText('fake-malformed', 'Hi'));
  });

  it('times out a /stream that goes silent', async () => {
    const { end } = await failure('fake-stall');
    expect(end.error.code).toBe('timeout');
    expect(end.error.message).toContain('went silent');
  });

  it('refuses a wrong key with the server’s words', async () => {
    const other = await h.addBackend(fake.baseUrl, { kind: 'runpod', apiKey: 'wrong', name: 'Wrong key' });
    const run = await h.generate(other.id, 'default', 'Hi');
    const end = (await run.ended) as Extract<GenerationEvent, { type: 'error' }>;
    expect(end.error).toMatchObject({ code: 'auth', status: 401 });
  });

  it('lists no models without an error (an endpoint serves one)', async () => {
    const result = await h.call<{ models: string[]; error: unknown }>('backends:test', { id: backendId });
    expect(result.models).toEqual([]);
    expect(result.error).toBeNull();
  });
});
