// A hostile model server against the real core in this process (main's side of the web host):
// an HTML page for a stream, one line of 12 MB, `__proto__` keys in every JSON object, a flood
// of events. Each answer ends with a status and the server's words, the core goes on answering,
// and nothing reaches Object.prototype here, where main runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationEvent } from '../../src/shared/domain';
import { startHostileServer, type HostileServer } from '../fixtures/xss/hostile-server';
import { createHarness, type Harness } from '../support/core-harness';

let h: Harness;
let hostile: HostileServer;
let backendId: string;

beforeAll(async () => {
  hostile = await startHostileServer();
  h = await createHarness();
  backendId = (await h.addBackend(hostile.baseUrl)).id;
});
afterAll(async () => {
  await h.dispose();
  await hostile.close();
});

const clean = () => {
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
};

const stored = async (conversationId: string) =>
  (
    await h.call<{ messages: { role: string; status: string; content: string }[] }>('conversations:get', {
      id: conversationId,
    })
  ).messages.at(-1);

describe('a hostile model server', () => {
  it('__proto__ and constructor keys everywhere: the text comes through, nothing is polluted', async () => {
    const run = await h.generate(backendId, 'hostile-proto', 'Poison me');
    const end = await run.ended;
    expect(end).toMatchObject({ type: 'done', status: 'done' });
    expect(run.text()).toBe('safe text stays plain');
    expect(await stored(run.ids.conversationId)).toMatchObject({ status: 'done', content: 'safe text stays plain' });
    clean();
  });

  it('an HTML page instead of an event stream ends the answer, without text from the page', async () => {
    const run = await h.generate(backendId, 'hostile-html-body', 'Hello?');
    const end: GenerationEvent = await run.ended;
    expect(['done', 'error']).toContain(end.type);
    expect(run.text()).not.toMatch(/<script|log in/i);
    clean();
  });

  it('one line past the event size limit ends in a protocol error naming the limit, keeping the text before', async () => {
    const run = await h.generate(backendId, 'hostile-huge-line', 'Say something big');
    const end = await run.ended;
    expect(end).toMatchObject({
      type: 'error',
      error: { code: 'protocol', message: expect.stringMatching(/larger than/) },
    });
    expect(await stored(run.ids.conversationId)).toMatchObject({ status: 'error', content: 'Before the flood. ' });
    clean();
  });

  it('ten thousand events a second are coalesced and stored exactly, and Stop ends the flood', async () => {
    const run = await h.generate(backendId, 'hostile-flood', 'Flood me');
    await expect.poll(() => hostile.floodEvents(), { timeout: 10_000 }).toBeGreaterThan(20_000);
    const aborted = hostile.nextClientAbort();
    await h.call('generation:cancel', { messageId: run.ids.assistantMessageId });
    await aborted;
    const end = await run.ended;
    expect(end).toMatchObject({ type: 'done', status: 'cancelled' });
    const batches = h.payloads.filter((p) => p.messageId === run.ids.assistantMessageId).length;
    // Coalesced: far fewer batches reached the renderer than events arrived.
    expect(batches).toBeLessThan(run.text().length / 20);
    expect((await stored(run.ids.conversationId))?.content).toBe(run.text());
    expect(await h.core.invoke('app:info', {})).toMatchObject({ ok: true });
    clean();
  });
});
