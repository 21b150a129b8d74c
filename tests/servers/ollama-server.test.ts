// Self-test of the fake Ollama server: it must speak Ollama's native wire format (as in
// ollama/ollama docs/api.md), or the integration tests built on it prove nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { expectedOllamaText, expectedOllamaThinking, startOllamaServer, type FakeOllamaServer } from './ollama-server';

let server: FakeOllamaServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(): Promise<FakeOllamaServer> {
  server = await startOllamaServer({ tokenDelayMs: 1 });
  return server;
}

const chat = (base: string, model: string, extra: Record<string, unknown> = {}) =>
  fetch(`${base}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi 👋' }], ...extra }),
  });

type Line = Record<string, unknown> & { message?: { role: string; content: string; thinking?: string } };
const lines = (text: string): Line[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);

describe('fake Ollama server', () => {
  it('answers /, /api/version and /api/tags as Ollama does', async () => {
    const { baseUrl } = await start();
    expect(await (await fetch(baseUrl)).text()).toBe('Ollama is running');
    expect(await (await fetch(`${baseUrl}/api/version`)).json()).toEqual({ version: '0.12.0' });
    const tags = (await (await fetch(`${baseUrl}/api/tags`)).json()) as { models: Record<string, unknown>[] };
    expect(tags.models[0]).toMatchObject({
      name: 'fake-chat:latest',
      model: 'fake-chat:latest',
      size: expect.any(Number),
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      details: { format: 'gguf' },
    });
    const missing = await fetch(`${baseUrl}/v1/chat/completions`, { method: 'POST' });
    expect([missing.status, await missing.text()]).toEqual([404, '404 page not found']);
  });

  it('streams application/x-ndjson lines, streaming by default, ending with the done line', async () => {
    const { baseUrl, doneStats } = await start();
    const res = await chat(baseUrl, 'fake-chat:latest');
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const all = lines(await res.text());
    const last = all.at(-1)!;
    expect(all.slice(0, -1).every((l) => l.done === false && l.model === 'fake-chat:latest')).toBe(true);
    expect(
      all
        .slice(0, -1)
        .map((l) => l.message?.content)
        .join(''),
    ).toBe(expectedOllamaText('fake-chat', 'Hi 👋'));
    expect(last).toMatchObject({ done: true, done_reason: 'stop', message: { role: 'assistant', content: '' } });
    expect(last.eval_count).toBe(all.length - 1);
    expect(doneStats).toEqual([
      expect.objectContaining({ eval_count: last.eval_count, eval_duration: last.eval_duration }),
    ]);
  });

  it('sends message.thinking lines before the content for fake-thinking', async () => {
    const { baseUrl } = await start();
    const all = lines(await (await chat(baseUrl, 'fake-thinking')).text());
    const thinking = all.map((l) => l.message?.thinking ?? '').join('');
    expect(thinking).toBe(expectedOllamaThinking('fake-thinking'));
    const firstContent = all.findIndex((l) => l.message?.content);
    expect(all.slice(firstContent).every((l) => l.message?.thinking === undefined)).toBe(true);
  });

  it('answers stream: false with one object, and unknown models with a 404', async () => {
    const { baseUrl } = await start();
    const one = (await (await chat(baseUrl, 'fake-chat', { stream: false })).json()) as Line;
    expect(one).toMatchObject({ done: true, message: { content: expectedOllamaText('fake-chat', 'Hi 👋') } });
    const missing = await chat(baseUrl, 'fake-chat:7b');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'model "fake-chat:7b" not found, try pulling it first' });
  });

  it('ends fake-error-midstream with an error line on a 200', async () => {
    const { baseUrl } = await start();
    const res = await chat(baseUrl, 'fake-error-midstream');
    expect(res.status).toBe(200);
    expect(lines(await res.text()).at(-1)).toEqual({ error: 'an error was encountered while running the model' });
  });
});
