// The web host's WebSocket under malformed traffic: unknown channels, broken JSON, binary frames,
// messages past the size limit, deep nesting, floods and random text. Each gets an error answer
// or a closed socket, never a crash: the host keeps serving new sockets and valid requests, and
// Object.prototype stays clean.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../src/main/web-host/web-host';
import type { WebServerMessage } from '../../src/shared/ipc/contract';
import { createHarness, type Harness } from '../support/core-harness';

const seed = Number(process.env.FUZZ_SEED ?? 20_250_131);
const token = 'fuzz-token-0123456789abcdef';
let h: Harness;
let host: WebHost;
let root: string;

beforeAll(async () => {
  h = await createHarness();
  root = mkdtempSync(join(tmpdir(), 'runnel-static-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Runnel</title>');
  host = await startWebHost({ core: h.core, staticDir: root, port: 0, token });
});
afterAll(async () => {
  await host.close();
  await h.dispose();
  rmSync(root, { recursive: true, force: true });
});

interface Client {
  ws: WebSocket;
  replies: WebServerMessage[];
  closed: Promise<{ code: number }>;
}

function open(): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${token}`, { origin: host.url });
    const replies: WebServerMessage[] = [];
    const closed = new Promise<{ code: number }>((done) => ws.once('close', (code) => done({ code })));
    ws.on('message', (d) => replies.push(JSON.parse(d.toString()) as WebServerMessage));
    ws.once('open', () => resolve({ ws, replies, closed }));
    ws.once('error', reject);
  });
}

const request = (id: number, channel: string, input: unknown = {}) =>
  JSON.stringify({ type: 'request', id, channel, input });

/** The host still works: a new socket gets a valid request answered. */
async function expectServing(): Promise<void> {
  const c = await open();
  c.ws.send(request(1, 'app:info'));
  await expect.poll(() => c.replies.length).toBe(1);
  expect(c.replies[0]).toMatchObject({ type: 'response', id: 1, result: { ok: true, value: { host: 'web' } } });
  c.ws.close();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('the web host socket, fed malformed traffic', () => {
  it('answers an unknown or prototype-named channel with an error and keeps the socket', async () => {
    const c = await open();
    const channels = ['nope:nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'app:info '];
    channels.forEach((channel, i) => c.ws.send(request(i, channel)));
    await expect.poll(() => c.replies.length).toBe(channels.length);
    for (const reply of c.replies) {
      expect(reply).toMatchObject({ type: 'response', result: { ok: false, error: { code: 'invalid_input' } } });
    }
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    c.ws.close();
  });

  it.each([
    ['broken JSON', '{"type": "request", "id": 1, "channel": '],
    ['a JSON string', '"request"'],
    ['null', 'null'],
    ['an id that is not a safe integer', request(2 ** 60, 'app:info')],
    ['an id that is a string', '{"type":"request","id":"1","channel":"app:info","input":{}}'],
    ['a channel name too long', request(1, 'x'.repeat(101))],
    ['a response instead of a request', '{"type":"response","id":1,"result":{"ok":true,"value":null}}'],
    ['nesting 200,000 levels deep', `${'['.repeat(200_000)}${']'.repeat(200_000)}`],
  ])('closes the socket on %s, and goes on serving', async (_what, text) => {
    const c = await open();
    c.ws.send(text);
    expect((await c.closed).code).toBe(1003);
    await expectServing();
  });

  it('closes the socket on a binary frame', async () => {
    const c = await open();
    c.ws.send(Buffer.from(request(1, 'app:info')));
    expect((await c.closed).code).toBe(1003);
    await expectServing();
  });

  it('closes the socket on a message past the size limit without buffering it, and goes on serving', async () => {
    const c = await open();
    c.ws.send(request(1, 'search:messages', { query: 'x'.repeat(9 * 1024 * 1024) }));
    expect((await c.closed).code).toBe(1009);
    await expectServing();
  });

  it('answers every request of a flood, in any order, with its own id', async () => {
    const c = await open();
    const n = 2000;
    for (let i = 0; i < n; i++) c.ws.send(request(i, i % 2 ? 'backends:list' : 'conversations:get', { id: `x${i}` }));
    await expect.poll(() => c.replies.length, { timeout: 20_000 }).toBe(n);
    const ids = new Set(c.replies.map((r) => (r.type === 'response' ? r.id : -1)));
    expect(ids.size).toBe(n);
    c.ws.close();
  });

  it('answers or closes on random text, never crashing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.json({ maxDepth: 4 }),
          fc
            .record({
              type: fc.constantFrom('request', 'event', 'response', '__proto__'),
              id: fc.oneof(fc.integer(), fc.double(), fc.string()),
              channel: fc.oneof(
                fc.string(),
                fc.constantFrom('app:info', 'backends:list', 'generation:start', '__proto__'),
              ),
              input: fc.anything(),
            })
            .map((m) => JSON.stringify(m) ?? 'undefined'),
        ),
        async (text) => {
          const c = await open();
          c.ws.send(text);
          // Then one valid request: either it is answered (the socket survived) or the socket closed.
          c.ws.send(request(424242, 'app:info'));
          const outcome = await Promise.race([
            c.closed.then(({ code }) => ({ closed: code })),
            expect
              .poll(() => c.replies.some((r) => r.type === 'response' && r.id === 424242), { timeout: 5000 })
              .toBe(true)
              .then(() => ({ answered: true })),
          ]);
          if ('closed' in outcome) expect(outcome.closed).toBe(1003);
          c.ws.terminate();
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { seed, numRuns: 60 },
    );
    await expectServing();
  });
});
