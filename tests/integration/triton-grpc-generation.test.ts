// The whole pipeline for the triton-grpc kind (chat template, the protobuf codec, real
// @grpc/grpc-js calls) against the fake Triton on a real socket: exact text stored, the input
// tensors the server decoded for each Triton backend, Stop seen by the server as CANCELLED, an
// in-band error_message, a refused port; the models, identity and health over gRPC
// (RepositoryIndex, ServerMetadata, ServerLive, ModelReady) on the same channel settings as the
// chat, TLS with the backend's own CA, a key sent as metadata, and each gRPC status as the error
// the user sees.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionTestResult, ConversationDetail, GenerationEvent } from '../../src/shared/domain';
import { discoverServers } from '../../src/main/backends/discover-servers';
import { identifyServer } from '../../src/main/backends/identify-server';
import { renderChatPrompt } from '../../src/main/providers/prompt/chat-template';
import { tritonGrpcAdapter } from '../../src/main/providers/triton-grpc/triton-grpc-adapter';
import { toChatError } from '../../src/shared/chat-error';
import { callGrpcUnary } from '../../src/main/transports/grpc-unary';
import { openStream } from '../../src/main/transports/open-stream';
import { defaultLimits } from '../../src/main/transports/types';
import {
  FAKE_TRITON_VERSION,
  TRITON_ERROR_MESSAGE,
  TRITON_PROXY_MESSAGES,
  expectedTritonText,
  promptOf,
  startTritonServer,
  unknownModelMessage,
  type FakeTritonServer,
  type FakeTritonServerOptions,
} from '../servers/triton-grpc-server';
import { createHarness, type Harness } from '../support/core-harness';
import { refusedOrigin } from '../support/refused-port';

let fake: FakeTritonServer;
let h: Harness;
let backendId: string;

afterEach(async () => {
  await h.dispose();
  await fake.close();
});

const stored = (conversationId: string) => h.call<ConversationDetail>('conversations:get', { id: conversationId });
const text = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString('utf8') : undefined);
const tlsDir = join(import.meta.dirname, '../fixtures/tls');
const tls = {
  cert: readFileSync(join(tlsDir, 'localhost.cert.pem'), 'utf8'),
  key: readFileSync(join(tlsDir, 'localhost.key.pem'), 'utf8'),
};
const SERVICE = '/inference.GRPCInferenceService';

const setup = async (options: Record<string, string> = {}, fakeOptions: FakeTritonServerOptions = {}) => {
  fake = await startTritonServer({ tokenDelayMs: 2, ...fakeOptions });
  h = await createHarness({ limits: { idleTimeoutMs: 5_000 } });
  backendId = (await h.addBackend(fake.baseUrl, { kind: 'triton-grpc', options })).id;
};
const testDraft = (extra: Record<string, unknown> = {}) =>
  h.call<ConnectionTestResult>('backends:test', {
    backend: { name: 'draft', kind: 'triton-grpc', baseUrl: fake.baseUrl, defaultModel: 'fake-chat', ...extra },
  });

describe('triton-grpc', () => {
  it('stores the streamed deltas byte for byte; vLLM inputs as the backend expects them', async () => {
    await setup();
    const run = await h.generate(backendId, 'fake-chat', 'Hello there');
    expect((await run.ended).type).toBe('done');
    const expected = expectedTritonText('fake-chat', 'Hello there');
    expect(run.text()).toBe(expected);
    const answer = (await stored(run.ids.conversationId)).messages[1]!;
    expect(answer.content).toBe(expected);
    expect(answer.status).toBe('done');
    expect(fake.clientAborts).toBe(0);

    const req = fake.requests[0]!;
    expect(req.modelName).toBe('fake-chat');
    expect(req.parameters).toEqual({ triton_enable_empty_final_response: true });
    expect(req.outputs).toEqual(['text_output']);
    expect(promptOf(req)).toBe(renderChatPrompt([{ role: 'user', content: 'Hello there' }], undefined).prompt);
    const byName = Object.fromEntries(req.inputs.map((i) => [i.name, i]));
    expect(Object.keys(byName)).toEqual(['text_input', 'stream', 'sampling_parameters', 'exclude_input_in_output']);
    expect(byName['text_input']).toMatchObject({ datatype: 'BYTES', shape: [1] });
    expect(byName['stream']).toMatchObject({ datatype: 'BOOL', shape: [1], contents: { bool: [true] } });
    expect(byName['exclude_input_in_output']).toMatchObject({ datatype: 'BOOL', contents: { bool: [true] } });
    expect(JSON.parse(text(byName['sampling_parameters']?.contents.bytes?.[0]) ?? '')).toEqual({
      max_tokens: 512,
      stop: ['<|im_end|>'],
    });
  });

  it('reads TensorRT-LLM’s [batch, beam] text_output deltas into the exact answer', async () => {
    await setup({ tritonBackend: 'tensorrtllm' });
    const run = await h.generate(backendId, 'fake-utf8', 'Hi');
    expect((await run.ended).type).toBe('done');
    expect((await stored(run.ids.conversationId)).messages[1]!.content).toBe(expectedTritonText('fake-utf8', 'Hi'));
    expect(fake.requests[0]!.inputs.find((i) => i.name === 'text_input')?.shape).toEqual([1, 1]);
  });

  it('sends the TensorRT-LLM ensemble inputs with a batch dimension', async () => {
    await setup({ tritonBackend: 'tensorrtllm', chatTemplate: 'llama3' });
    const run = await h.generate(backendId, 'fake-chat', 'Hey');
    expect((await run.ended).type).toBe('done');
    // The fake echoes ChatML turns only; under llama3 it echoes the whole prompt.
    expect(run.text()).toContain("This reply comes from Runnel's fake");
    const req = fake.requests[0]!;
    const byName = Object.fromEntries(req.inputs.map((i) => [i.name, i]));
    expect(byName['text_input']).toMatchObject({ datatype: 'BYTES', shape: [1, 1] });
    expect(text(byName['text_input']?.contents.bytes?.[0])).toContain('<|start_header_id|>user<|end_header_id|>');
    expect(byName['max_tokens']).toMatchObject({ datatype: 'INT32', shape: [1, 1], contents: { int: [512] } });
    expect(byName['stream']).toMatchObject({ datatype: 'BOOL', shape: [1, 1], contents: { bool: [true] } });
    expect(byName['stop_words']).toMatchObject({ datatype: 'BYTES', shape: [1, 1] });
  });

  it('decodes text split inside multi-byte characters exactly', async () => {
    await setup();
    const run = await h.generate(backendId, 'fake-utf8', 'Hi 👋');
    expect((await run.ended).type).toBe('done');
    expect((await stored(run.ids.conversationId)).messages[1]!.content).toBe(expectedTritonText('fake-utf8', 'Hi 👋'));
  });

  it('Stop cancels the call: the server sees CANCELLED and the partial text is kept', async () => {
    await setup();
    const run = await h.generate(backendId, 'fake-endless', 'Go on');
    await expect.poll(() => run.text().length, { timeout: 5_000 }).toBeGreaterThan(0);
    const aborted = fake.nextClientAbort();
    await h.call('generation:cancel', { messageId: run.ids.assistantMessageId });
    const seen = await aborted;
    expect(seen.model).toBe('fake-endless');
    expect(seen.tokensSent).toBeGreaterThan(0);
    expect(await run.ended).toMatchObject({ type: 'done', status: 'cancelled' });
    const answer = (await stored(run.ids.conversationId)).messages[1]!;
    expect(answer.status).toBe('cancelled');
    expect(answer.content).toBe(run.text());
  });

  it('ends on an in-band error_message (status OK) and keeps the text before it', async () => {
    await setup();
    const run = await h.generate(backendId, 'fake-error-midstream', 'Hi');
    const end = (await run.ended) as Extract<GenerationEvent, { type: 'error' }>;
    expect(end.type).toBe('error');
    expect(end.error).toMatchObject({ code: 'server', message: TRITON_ERROR_MESSAGE });
    const answer = (await stored(run.ids.conversationId)).messages[1]!;
    expect(answer.content).toBe(expectedTritonText('fake-error-midstream', 'Hi'));
    expect(answer.content).toBe(run.text());
  });

  it('reports a closed port as connection refused', async () => {
    await setup();
    const closed = await h.addBackend(refusedOrigin, { name: 'Closed', kind: 'triton-grpc' });
    const run = await h.generate(closed.id, 'fake-chat', 'Hi');
    const end = (await run.ended) as Extract<GenerationEvent, { type: 'error' }>;
    expect(end.error.code).toBe('connect');
    expect(end.error.message).toContain('connection refused');
  });
});

describe('triton-grpc models, identity and health over gRPC', () => {
  it('lists the ready models with RepositoryIndex on the gRPC port', async () => {
    await setup({}, { loading: ['fake-endless'] });
    const models = await h.call<string[]>('models:list', { backendId });
    expect(models).toContain('fake-chat');
    expect(models).not.toContain('fake-endless'); // still loading: RepositoryIndex(ready) leaves it out
    expect(fake.calls.map((c) => c.path)).toEqual([`${SERVICE}/RepositoryIndex`]);
  });

  it('Test connection: ServerMetadata names the server, the models, ServerLive and ModelReady, then a one-token chat', async () => {
    await setup();
    const result = await testDraft();
    expect(result).toMatchObject({ ok: true, server: `Triton ${FAKE_TRITON_VERSION}`, error: null });
    expect(result.models).toContain('fake-chat');
    expect(result.chat).toMatchObject({ ok: true, model: 'fake-chat', error: null });
    const paths = fake.calls.map((c) => c.path);
    for (const rpc of ['ServerMetadata', 'RepositoryIndex', 'ServerLive', 'ModelReady', 'ModelStreamInfer']) {
      expect(paths).toContain(`${SERVICE}/${rpc}`);
    }
    // Health comes before the chat, and the chat asks for one token.
    expect(paths.indexOf(`${SERVICE}/ModelReady`)).toBeLessThan(paths.indexOf(`${SERVICE}/ModelStreamInfer`));
    const sampling = fake.requests.at(-1)!.inputs.find((i) => i.name === 'sampling_parameters');
    expect(JSON.parse(text(sampling?.contents.bytes?.[0]) ?? '{}')).toMatchObject({ max_tokens: 1 });
  });

  it('Test connection fails on a model ModelReady says is not ready, in words that say so', async () => {
    await setup({}, { loading: ['fake-chat'] });
    const result = await testDraft();
    expect(result.ok).toBe(false);
    expect(result.chat).toMatchObject({ ok: false, model: 'fake-chat', error: { code: 'not_found' } });
    expect(result.error?.message).toContain("Model 'fake-chat' is not ready");
    expect(result.error?.message).toContain('ModelReady');
    expect(fake.calls.map((c) => c.path)).not.toContain(`${SERVICE}/ModelStreamInfer`);
  });

  it('finding servers: a Triton gRPC port is identified by ServerMetadata and offered as triton-grpc', async () => {
    await setup();
    const origin = `http://127.0.0.1:${fake.port}`;
    expect(await identifyServer(origin, 2_000)).toEqual({
      server: `Triton ${FAKE_TRITON_VERSION}`,
      kind: 'triton-grpc',
      baseUrl: origin,
    });
    expect(await discoverServers({ ports: [fake.port], timeoutMs: 2_000 })).toEqual([
      {
        name: `Triton on 127.0.0.1:${fake.port}`,
        server: `Triton ${FAKE_TRITON_VERSION}`,
        kind: 'triton-grpc',
        baseUrl: origin,
      },
    ]);
  });

  it('sends the key as bearer metadata on every call, and shows the refusal without it', async () => {
    await setup({}, { apiKey: 'sesame' });
    const denied = await testDraft();
    expect(denied).toMatchObject({
      ok: false,
      error: { code: 'auth', message: TRITON_PROXY_MESSAGES.unauthenticated },
    });
    const keyed = await h.addBackend(fake.baseUrl, { name: 'Keyed', kind: 'triton-grpc', apiKey: 'sesame' });
    expect(await h.call<string[]>('models:list', { backendId: keyed.id })).toContain('fake-chat');
    const run = await h.generate(keyed.id, 'fake-chat', 'Hi');
    expect((await run.ended).type).toBe('done');
    const keyedCalls = fake.calls.filter((c) => c.metadata['authorization'] === 'Bearer sesame').map((c) => c.path);
    expect(keyedCalls).toEqual(expect.arrayContaining([`${SERVICE}/RepositoryIndex`, `${SERVICE}/ModelStreamInfer`]));
  });
});

describe('triton-grpc over TLS with the backend’s own CA', () => {
  it('streams, lists and tests over gRPC TLS when the backend trusts the server’s certificate', async () => {
    await setup({}, { tls });
    expect(fake.baseUrl).toMatch(/^https:/);
    const trusted = await h.addBackend(fake.baseUrl, { name: 'Trusted', kind: 'triton-grpc', tlsCa: tls.cert });
    expect(await h.call<string[]>('models:list', { backendId: trusted.id })).toContain('fake-chat');
    const run = await h.generate(trusted.id, 'fake-chat', 'Over TLS');
    expect((await run.ended).type).toBe('done');
    expect(run.text()).toBe(expectedTritonText('fake-chat', 'Over TLS'));
    const result = await testDraft({ tlsCa: tls.cert });
    expect(result).toMatchObject({ ok: true, server: `Triton ${FAKE_TRITON_VERSION}` });
  });

  it('refuses a certificate nobody said to trust, as a tls error that says what to do', async () => {
    await setup({}, { tls });
    const run = await h.generate(backendId, 'fake-chat', 'Hi');
    const end = (await run.ended) as Extract<GenerationEvent, { type: 'error' }>;
    expect(end.error).toMatchObject({ code: 'tls', retryable: false });
    expect(end.error.message).toContain('self-signed or private certificate');
    expect(fake.requests).toEqual([]);
  });
});

describe('triton-grpc statuses as the error the user sees', () => {
  const limits = { ...defaultLimits, connectTimeoutMs: 5_000, idleTimeoutMs: 5_000 };
  async function failure(model: string) {
    const target = { kind: 'triton-grpc' as const, baseUrl: fake.baseUrl, apiKey: null, http: 'auto' as const };
    const plan = tritonGrpcAdapter.plan({ model, messages: [{ role: 'user', content: 'Hi' }], params: {} }, target);
    try {
      for await (const _frame of openStream(plan, AbortSignal.timeout(10_000), limits)) {
        // a refused call sends no message
      }
    } catch (err) {
      return toChatError(err);
    }
    throw new Error(`${model} did not fail`);
  }

  it('maps UNAUTHENTICATED, RESOURCE_EXHAUSTED, INTERNAL and UNAVAILABLE with the server’s words and pushback', async () => {
    await setup();
    const m = TRITON_PROXY_MESSAGES;
    expect(await failure('fake-error-401')).toEqual({ code: 'auth', message: m.unauthenticated, retryable: false });
    expect(await failure('fake-error-429')).toEqual({
      code: 'rate_limited',
      message: m.rateLimited,
      retryable: true,
      retryAfterMs: 1_000, // grpc-retry-pushback-ms
    });
    expect(await failure('fake-error-500')).toEqual({ code: 'server', message: m.internal, retryable: true });
    expect(await failure('fake-error-503')).toEqual({ code: 'server', message: m.unavailable, retryable: true });
  });

  it('maps NOT_FOUND and UNIMPLEMENTED to not_found, and an unknown model in-band to not_found too', async () => {
    await setup();
    const plan = (path: string) =>
      ({
        framing: 'grpc-unary',
        method: 'POST',
        url: fake.baseUrl,
        headers: {},
        path,
        message: new Uint8Array(),
      }) as const;
    const unimplemented = await callGrpcUnary(plan(`${SERVICE}/Nope`), AbortSignal.timeout(5_000), limits).catch(
      toChatError,
    );
    expect(unimplemented).toMatchObject({
      code: 'not_found',
      message: `unknown method ${SERVICE}/Nope`,
      retryable: false,
    });
    const run = await h.generate(backendId, 'no-such-model', 'Hi');
    const end = (await run.ended) as Extract<GenerationEvent, { type: 'error' }>;
    expect(end.error).toMatchObject({ code: 'not_found', message: unknownModelMessage('no-such-model') });
  });
});
