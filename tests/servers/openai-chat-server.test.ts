// Self-test of the fake OpenAI server: the fakes must speak the wire format they claim, or the
// integration tests built on them prove nothing.
import { afterEach, describe, expect, it } from 'vitest';
import {
  FAKE_MODELS,
  expectedReasoning,
  expectedText,
  startOpenAiChatServer,
  type FakeOpenAiServer,
} from './openai-chat-server';

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(opts: { apiKey?: string; tokenDelayMs?: number } = {}): Promise<FakeOpenAiServer> {
  server = await startOpenAiChatServer({ tokenDelayMs: 1, ...opts });
  return server;
}

function chat(base: string, model: string, extra: Record<string, unknown> = {}, init: RequestInit = {}) {
  return fetch(`${base}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi 👋 there' }], stream: true, ...extra }),
    ...init,
  });
}

/** A deliberately tolerant SSE reader: LF or CRLF, `data:` with or without a space, comments skipped. */
function sseData(text: string): string[] {
  return text
    .split(/\r?\n\r?\n/)
    .flatMap((event) => event.split(/\r?\n/).filter((line) => line.startsWith('data:')))
    .map((line) => line.slice(5).replace(/^ /, ''));
}

interface Chunk {
  object?: string;
  choices: {
    delta: { role?: string; content?: string | null; reasoning_content?: string };
    finish_reason: string | null;
  }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

function chunksOf(data: string[]): Chunk[] {
  return data.filter((d) => d !== '[DONE]').map((d) => JSON.parse(d) as Chunk);
}

const joined = (chunks: Chunk[], field: 'content' | 'reasoning_content'): string =>
  chunks.map((c) => c.choices[0]?.delta[field] ?? '').join('');

describe('fake OpenAI chat server', () => {
  it('lists every fake model', async () => {
    const { baseUrl } = await start();
    const res = await fetch(`${baseUrl}/models`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { object: string; data: { id: string; object: string; owned_by: string }[] };
    expect(body.object).toBe('list');
    expect(body.data.map((m) => m.id)).toEqual(FAKE_MODELS.map((m) => m.id));
    expect(body.data.every((m) => m.object === 'model' && m.owned_by === 'fake')).toBe(true);
  });

  it('streams fake-chat as vLLM does, with usage and [DONE]', async () => {
    const fake = await start();
    const res = await chat(fake.baseUrl, 'fake-chat', { stream_options: { include_usage: true } });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await res.text();
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    const chunks = chunksOf(sseData(text));
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    const usage = chunks.at(-1);
    expect(usage?.choices).toEqual([]);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    const content = joined(chunks, 'content');
    expect(content).toBe(expectedText('fake-chat', 'Hi 👋 there'));
    expect(content.startsWith('Echo: Hi 👋 there')).toBe(true);
    expect(usage?.usage?.completion_tokens).toBe(chunks.length - 3);
    expect(fake.requests.at(-1)?.body).toMatchObject({ model: 'fake-chat', stream: true });
  });

  it('answers non-streaming requests with a chat.completion', async () => {
    const { baseUrl } = await start();
    const body = (await (await chat(baseUrl, 'fake-reasoning', { stream: false })).json()) as {
      object: string;
      choices: { message: { content: string; reasoning_content: string } }[];
    };
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0]?.message.content).toBe(expectedText('fake-reasoning', 'Hi 👋 there'));
    expect(body.choices[0]?.message.reasoning_content).toBe(expectedReasoning('fake-reasoning'));
  });

  it('streams llama.cpp-style reasoning', async () => {
    const { baseUrl } = await start();
    const chunks = chunksOf(sseData(await (await chat(baseUrl, 'fake-reasoning')).text()));
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: null });
    expect(joined(chunks, 'reasoning_content')).toBe(expectedReasoning('fake-reasoning'));
    expect(joined(chunks, 'content')).toBe(expectedText('fake-reasoning', 'Hi 👋 there'));
    const last = chunks.at(-1) as Chunk & { timings?: { predicted_n: number } };
    expect(last.choices[0]?.finish_reason).toBe('stop');
    expect(last.timings?.predicted_n).toBe(last.usage?.completion_tokens);
  });

  it('splits fake-utf8 frames inside multi-byte characters', async () => {
    const { baseUrl } = await start();
    const res = await chat(baseUrl, 'fake-utf8');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    let splitReads = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const last = value.at(-1) ?? 0;
      if (last >= 0xc0 || (last & 0xc0) === 0x80) splitReads++; // ends on a lead or continuation byte
      text += decoder.decode(value, { stream: true });
    }
    text += decoder.decode();
    expect(splitReads).toBeGreaterThan(0);
    expect(joined(chunksOf(sseData(text)), 'content')).toBe(expectedText('fake-utf8', 'Hi 👋 there'));
  });

  it('replays the captures byte for byte and derives their expected text', async () => {
    const { baseUrl } = await start({ tokenDelayMs: 0 });
    const vllm = await (await chat(baseUrl, 'fake-vllm-capture')).text();
    expect(joined(chunksOf(sseData(vllm)), 'content')).toBe(expectedText('fake-vllm-capture', ''));
    expect(expectedText('fake-vllm-capture', '')).toMatch(/^Hello Sam\./);
    const llama = await (await chat(baseUrl, 'fake-llamacpp-capture')).text();
    expect(joined(chunksOf(sseData(llama)), 'reasoning_content')).toBe(expectedReasoning('fake-llamacpp-capture'));
  });

  it('frames fake-crlf-nospace with CRLF, no space, keep-alives and no [DONE]', async () => {
    const { baseUrl } = await start();
    const text = await (await chat(baseUrl, 'fake-crlf-nospace')).text();
    expect(text).toContain('\r\n: keep-alive\r\n\r\ndata:{');
    expect(text).not.toContain('[DONE]');
    expect(joined(chunksOf(sseData(text)), 'content')).toBe(expectedText('fake-crlf-nospace', 'Hi 👋 there'));
  });

  it('answers fake-error-500 with an OpenAI-style JSON error', async () => {
    const { baseUrl } = await start();
    const res = await chat(baseUrl, 'fake-error-500');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      error: { message: 'CUDA out of memory while loading the model', type: 'server_error', code: 500 },
    });
  });

  it('rejects bad requests: unknown path, invalid JSON, unknown model', async () => {
    const { baseUrl } = await start();
    expect((await fetch(`${baseUrl}/nope`)).status).toBe(404);
    const bad = await fetch(`${baseUrl}/chat/completions`, { method: 'POST', body: '{"model":' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: number } }).error.code).toBe(400);
    expect((await chat(baseUrl, 'no-such-model')).status).toBe(404);
  });

  it('enforces the API key', async () => {
    const { baseUrl } = await start({ apiKey: 'sekret' });
    const anonymous = await fetch(`${baseUrl}/models`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { type: string; code: number } }).error).toMatchObject({
      type: 'authentication_error',
      code: 401,
    });
    expect((await fetch(`${baseUrl}/models`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await fetch(`${baseUrl}/models`, { headers: { authorization: 'Bearer sekret' } });
    expect(ok.status).toBe(200);
  });

  it('cuts fake-disconnect mid-frame', async () => {
    const { baseUrl } = await start();
    const res = await chat(baseUrl, 'fake-disconnect');
    await expect(res.text()).rejects.toThrow();
  });

  it('records a client abort of fake-endless', async () => {
    const fake = await start();
    const controller = new AbortController();
    const res = await chat(fake.baseUrl, 'fake-endless', {}, { signal: controller.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while ((text.match(/"content":"[^"]/g) ?? []).length < 2) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    const abort = await fake.nextClientAbort();
    expect(abort.model).toBe('fake-endless');
    expect(abort.tokensSent).toBeGreaterThanOrEqual(2);
    expect(fake.clientAborts).toBe(1);
  });
});
