// The setup and checks every per-kind generation test shares: a fake server of the kind, a real
// core on a real SQLite file with one backend pointing at the fake, and the assertions that read
// the same whatever the wire (stored byte for byte, partial text kept, a Stop the server sees).
import { afterEach, beforeEach, expect } from 'vitest';
import type { Backend, BackendKind, ConversationDetail, GenerationEvent, Message } from '../../src/shared/domain';
import type { RequestOutput } from '../../src/shared/ipc/contract';
import type { FakeServer } from '../servers/fake-http-server';
import { replyTokens } from '../servers/fake-replies';
import { createHarness, type Harness, type Run } from './core-harness';

export type ErrorEnd = Extract<GenerationEvent, { type: 'error' }>;

export interface FakeBackendSuite<F extends FakeServer> {
  /** The fake of this test (a new one per test). */
  readonly fake: F;
  readonly h: Harness;
  /** The backend pointing at `fake`. */
  readonly backendId: string;
  generate(model: string, content: string, conversationId?: string | null): Promise<Run>;
  stored(conversationId: string): Promise<ConversationDetail>;
  /** The last message of the conversation's active branch (the answer). */
  answerOf(conversationId: string): Promise<Message>;
  /** Starts a fake-chat generation with parameters (generate sends none) and waits for its end. */
  generateWith(
    params: object,
    content?: string,
    conversationId?: string | null,
  ): Promise<RequestOutput<'generation:start'>>;
  /**
   * Runs fake-chat (prompt 'Hi') with `maxTokens` and expects the server to stop there: the answer
   * done with exactly the first `maxTokens` tokens, counted, and the API's `finishReason`.
   */
  expectStopsAtTokenLimit(maxTokens: number, finishReason: string): Promise<void>;
  /**
   * Runs `model` (prompt 'Hi') and expects the answer stored as an error with `code` and the
   * server's words (containing `words`); with `partial`, the text before the fault kept exactly.
   */
  expectFault(model: string, expected: { code: string; words: string; partial?: string }): Promise<Failure>;
  /**
   * Waits for `run` to end done and expects the stored answer to hold exactly `expected.text`
   * (and `expected.reasoning` when given), as streamed to the renderer unless `streamed` is false
   * (a lone </think> moves streamed text to reasoning after the fact).
   */
  expectStoredExactly(
    run: Run,
    expected: { text: string; reasoning?: string; streamed?: boolean },
  ): Promise<{ end: Extract<GenerationEvent, { type: 'done' }>; answer: Message }>;
  /**
   * Starts `model` (an endless one), cancels once text arrived, and expects the server to see the
   * client go, the run to end cancelled and the partial text to be kept.
   */
  expectCancelSeenByServer(model?: string): Promise<void>;
  /**
   * Starts a fake that wants `apiKey` (`startSecured`), expects backends:test without the key to
   * be refused as auth, saves a backend with the key and runs fake-chat on it to done; `check`
   * sees the rest, and the fake is closed after it.
   */
  withKeyedFake<S extends FakeServer>(
    startSecured: () => Promise<S>,
    apiKey: string,
    check: (keyed: {
      secured: S;
      saved: Backend;
      denied: { ok: boolean; error: { code: string; message: string } };
    }) => Promise<void>,
  ): Promise<void>;
}

export interface Failure {
  end: ErrorEnd;
  answer: Message;
  run: Run;
}

/** Registers beforeEach/afterEach that start a fresh fake (`start`), harness and backend of `kind` for every test. */
export function useFakeBackend<F extends FakeServer>(kind: BackendKind, start: () => Promise<F>): FakeBackendSuite<F> {
  let fake: F | undefined;
  let h: Harness | undefined;
  let backendId: string | undefined;
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useFakeBackend: only usable inside a test');
    return value;
  };

  beforeEach(async () => {
    fake = await start();
    h = await createHarness({ limits: { idleTimeoutMs: 1_000 } });
    backendId = (await h.addBackend(fake.baseUrl, { kind })).id;
  });
  afterEach(async () => {
    await h?.dispose();
    await fake?.close();
    [fake, h, backendId] = [undefined, undefined, undefined];
  });

  const suite: FakeBackendSuite<F> = {
    get fake() {
      return need(fake);
    },
    get h() {
      return need(h);
    },
    get backendId() {
      return need(backendId);
    },
    generate: (model, content, conversationId = null) =>
      suite.h.generate(suite.backendId, model, content, conversationId),
    stored: (conversationId) => suite.h.call<ConversationDetail>('conversations:get', { id: conversationId }),
    answerOf: async (conversationId) => (await suite.stored(conversationId)).messages.at(-1)!,

    async generateWith(params, content = 'Hi', conversationId = null) {
      const ids = await suite.h.call<RequestOutput<'generation:start'>>('generation:start', {
        conversationId,
        backendId: suite.backendId,
        model: 'fake-chat',
        content,
        params,
      });
      const ended = () =>
        suite.h.payloads.some((p) => p.messageId === ids.assistantMessageId && p.events.some((e) => e.type === 'done'));
      await expect.poll(ended).toBe(true);
      return ids;
    },

    async expectStopsAtTokenLimit(maxTokens, finishReason) {
      const answer = await suite.answerOf((await suite.generateWith({ maxTokens })).conversationId);
      expect(answer.status).toBe('done');
      expect(answer.content).toBe(replyTokens('fake-chat', 'Hi')!.slice(0, maxTokens).join(''));
      expect(answer.metrics).toMatchObject({ completionTokens: maxTokens, finishReason });
    },

    async expectFault(model, { code, words, partial }) {
      const run = await suite.generate(model, 'Hi');
      const ended = await run.ended;
      expect(ended.type).toBe('error');
      const end = ended as ErrorEnd;
      const answer = await suite.answerOf(run.ids.conversationId);
      expect(end.error.code).toBe(code);
      expect(end.error.message).toContain(words);
      expect(answer.status).toBe('error');
      expect(answer.error?.message).toBe(end.error.message);
      if (partial !== undefined) expectPartialKept(answer, run, partial);
      return { end, answer, run };
    },

    async expectStoredExactly(run, { text, reasoning, streamed = true }) {
      const end = await run.ended;
      expect(end.type).toBe('done');
      if (streamed) expect(run.text()).toBe(text);
      const answer = await suite.answerOf(run.ids.conversationId);
      expect(answer.status).toBe('done');
      expect(answer.content).toBe(text);
      if (reasoning !== undefined) expect(answer.reasoning).toBe(reasoning);
      return { end: end as Extract<GenerationEvent, { type: 'done' }>, answer };
    },

    async expectCancelSeenByServer(model = 'fake-endless') {
      const run = await suite.generate(model, 'Go on forever');
      await expect.poll(() => run.text().length, { timeout: 5_000 }).toBeGreaterThan(0);
      const aborted = suite.fake.nextClientAbort();
      const stoppedAt = performance.now();
      await suite.h.call('generation:cancel', { messageId: run.ids.assistantMessageId });
      const seen = await aborted;
      // The bound for a stream that never ends: the server sees Stop within half a second.
      expect(performance.now() - stoppedAt).toBeLessThan(500);
      expect(seen.model).toBe(model);
      expect(seen.tokensSent).toBeGreaterThan(0);
      expect(await run.ended).toMatchObject({ type: 'done', status: 'cancelled' });
      const answer = await suite.answerOf(run.ids.conversationId);
      expect(answer.status).toBe('cancelled');
      expectPartialKept(answer, run);
    },

    async withKeyedFake(startSecured, apiKey, check) {
      const { h } = suite;
      const secured = await startSecured();
      try {
        const denied = await h.call<{ ok: boolean; error: { code: string; message: string } }>('backends:test', {
          backend: { name: 'x', kind, baseUrl: secured.baseUrl },
        });
        expect(denied).toMatchObject({ ok: false, error: { code: 'auth' } });
        const saved = await h.addBackend(secured.baseUrl, { kind, apiKey });
        const run = await h.generate(saved.id, 'fake-chat', 'Secret?');
        expect((await run.ended).type).toBe('done');
        await check({ secured, saved, denied });
      } finally {
        await secured.close();
      }
    },
  };
  return suite;
}

/** The text that reached the renderer before a fault is the text stored, and there is some (and exactly `expected` when given). */
export function expectPartialKept(answer: Message, run: Run, expected?: string): void {
  expect(answer.content).toBe(run.text());
  expect(answer.content.length).toBeGreaterThan(0);
  if (expected !== undefined) expect(answer.content).toBe(expected);
}
