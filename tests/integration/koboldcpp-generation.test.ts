// The whole pipeline for the koboldcpp kind (chat template, the SSE route or, on an older
// KoboldCpp without it, the blocking generate polled through /check) against the fake KoboldCpp
// on a real socket: exact text, the prompt as rendered, Stop seen by the server, and the faults.
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationDetail, GenerationEvent } from '../../src/shared/domain';
import { renderChatPrompt } from '../../src/main/providers/prompt/chat-template';
import { expectedKoboldText, startKoboldServer, type FakeKoboldServer } from '../servers/koboldcpp-server';
import { createHarness, type Harness } from '../support/core-harness';

let fake: FakeKoboldServer;
let h: Harness;

afterEach(async () => {
  await h.dispose();
  await fake.close();
});

const stored = (conversationId: string) => h.call<ConversationDetail>('conversations:get', { id: conversationId });

describe.each([
  { route: 'SSE route', sse: true, path: '/api/extra/generate/stream' },
  { route: 'polling fallback', sse: false, path: '/api/v1/generate' },
])('koboldcpp over the $route', ({ sse, path }) => {
  let backendId: string;
  const setup = async (options: Record<string, string> = {}) => {
    fake = await startKoboldServer({ sse, tokenDelayMs: 2 });
    h = await createHarness({ limits: { idleTimeoutMs: 1_000 } });
    backendId = (await h.addBackend(fake.baseUrl, { kind: 'koboldcpp', options: { pollIntervalMs: '20', ...options } }))
      .id;
  };
  const failure = async (behaviour: FakeKoboldServer['behaviour']) => {
    fake.behaviour = behaviour;
    const run = await h.generate(backendId, 'koboldcpp', 'Hi');
    const end = (await run.ended) as Extract<GenerationEvent, { type: 'error' }>;
    const answer = (await stored(run.ids.conversationId)).messages[1]!;
    return { end, answer, run };
  };

  it('stores the answer byte for byte, from the prompt the template renders', async () => {
    await setup();
    const run = await h.generate(backendId, 'koboldcpp', 'Hello there');
    expect((await run.ended).type).toBe('done');
    const expected = expectedKoboldText('fake-chat', 'Hello there');
    expect(run.text()).toBe(expected);
    const answer = (await stored(run.ids.conversationId)).messages[1]!;
    expect(answer.content).toBe(expected);
    expect(answer.metrics.finishReason).toBe('stop');

    const sent = fake.requests.find((r) => r.path === path)!;
    const rendered = renderChatPrompt([{ role: 'user', content: 'Hello there' }], undefined);
    expect(sent.body).toMatchObject({ prompt: rendered.prompt, stop_sequence: ['<|im_end|>'], max_length: 512 });
    expect(rendered.prompt).toBe('<|im_start|>user\nHello there<|im_end|>\n<|im_start|>assistant\n');
    if (sse) expect(fake.requests.some((r) => r.path === '/api/v1/generate')).toBe(false);
    else {
      expect(fake.requests.some((r) => r.path === '/api/extra/generate/stream')).toBe(true); // tried first: 404
      expect(fake.requests.some((r) => r.path === '/api/extra/generate/check')).toBe(true);
    }
  });

  it('uses the chat template option (a preset by name)', async () => {
    await setup({ chatTemplate: 'llama3' });
    const run = await h.generate(backendId, 'koboldcpp', 'Hey');
    expect((await run.ended).type).toBe('done');
    const sent = fake.requests.find((r) => r.path === path)!;
    expect(sent.body).toMatchObject({
      prompt:
        '<|start_header_id|>user<|end_header_id|>\n\nHey<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
      stop_sequence: ['<|eot_id|>'],
    });
  });

  it('decodes text split inside multi-byte characters exactly', async () => {
    await setup();
    fake.behaviour = 'fake-utf8';
    const run = await h.generate(backendId, 'koboldcpp', 'Hi 👋');
    expect((await run.ended).type).toBe('done');
    expect((await stored(run.ids.conversationId)).messages[1]!.content).toBe(expectedKoboldText('fake-utf8', 'Hi 👋'));
  });

  it('Stop calls /api/extra/abort with the genkey and keeps the partial text', async () => {
    await setup();
    fake.behaviour = 'fake-endless';
    const run = await h.generate(backendId, 'koboldcpp', 'Go on');
    await expect.poll(() => run.text().length, { timeout: 5_000 }).toBeGreaterThan(0);
    const aborted = fake.nextAbortRequest();
    await h.call('generation:cancel', { messageId: run.ids.assistantMessageId });
    const seen = await aborted;
    const started = fake.requests.find((r) => r.path === path)!.body as { genkey: string };
    expect(seen.genkey).toBe(started.genkey);
    expect(seen.tokensSent).toBeGreaterThan(0);
    expect(await run.ended).toMatchObject({ type: 'done', status: 'cancelled' });
    const answer = (await stored(run.ids.conversationId)).messages[1]!;
    expect(answer.status).toBe('cancelled');
    expect(answer.content).toBe(run.text());
    expect(answer.content.length).toBeGreaterThan(0);
  });

  it('keeps the text before finish_reason "error"', async () => {
    await setup();
    const { end, answer, run } = await failure('fake-error-midstream');
    expect(end.error).toMatchObject({ code: 'server' });
    expect(end.error.message).toContain('KoboldCpp stopped the generation with an error');
    expect(answer.content).toBe(run.text());
    expect(answer.content).toBe(expectedKoboldText('fake-error-midstream', 'Hi'));
  });

  it('keeps the text before a dropped connection', async () => {
    await setup();
    const { end, answer, run } = await failure('fake-disconnect');
    expect(end.error.code).toBe('connect');
    expect(end.error.message).toContain('closed the connection');
    expect(answer.content).toBe(run.text());
    expect(answer.content).toBe(expectedKoboldText('fake-disconnect', 'Hi'));
  });

  it('skips a malformed answer, keeps every valid token, and says one was lost', async () => {
    await setup();
    const { end, answer } = await failure('fake-malformed');
    expect(end.error.code).toBe('protocol');
    expect(end.error.message).toContain('could not be read');
    expect(answer.content).toBe(expectedKoboldText('fake-malformed', 'Hi'));
  });

  it('times out a server that goes silent', async () => {
    await setup();
    const { end } = await failure('fake-stall');
    expect(end.error.code).toBe('timeout');
    expect(end.error.message).toContain('went silent');
  });

  it('lists the one model of /api/v1/model', async () => {
    await setup();
    const result = await h.call<{ models: string[] }>('backends:test', { id: backendId });
    expect(result.models).toEqual(['fake-chat']);
  });
});
