// Early requests: the first identical request takes the answer (one request in all), later ones
// ask again, and an answer an event may have changed or that waited too long is not used.
import { describe, expect, it } from 'vitest';
import { createEarlyRequests, earlyMaxAgeMs, requestKey } from './early-requests';

function setup() {
  let clock = 0;
  let sent = 0;
  const early = createEarlyRequests<string>(() => clock);
  const send = () => Promise.resolve(`answer ${++sent}`);
  return { early, send, sent: () => sent, tick: (ms: number) => (clock += ms) };
}

const list = requestKey('conversations:list', { limit: 100 });

describe('early requests', () => {
  it('hands the early answer to the first identical request only', async () => {
    const { early, send, sent } = setup();
    early.start(list, 'conversations:changed', send);
    early.start(list, 'conversations:changed', send);
    expect(sent()).toBe(1);
    await expect(early.take(list)).resolves.toBe('answer 1');
    expect(early.take(list)).toBeUndefined();
    expect(early.take(requestKey('conversations:list', { limit: 50 }))).toBeUndefined();
  });

  it('drops an answer when an event says what it holds may have changed', () => {
    const { early, send } = setup();
    early.start(list, 'conversations:changed', send);
    early.start(requestKey('preferences:get', {}), 'preferences:changed', send);
    early.eventArrived('conversations:changed');
    expect(early.take(list)).toBeUndefined();
    expect(early.take(requestKey('preferences:get', {}))).toBeDefined();
  });

  it('drops an answer that waited too long to be taken', () => {
    const { early, send, tick } = setup();
    early.start(list, 'conversations:changed', send);
    tick(earlyMaxAgeMs + 1);
    expect(early.take(list)).toBeUndefined();
  });

  it('keeps a failed early request from being reported as unhandled, and leaves the error to the taker', async () => {
    const early = createEarlyRequests<string>(() => 0);
    early.start(list, 'conversations:changed', () => Promise.reject(new Error('socket closed')));
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(early.take(list)).rejects.toThrow('socket closed');
  });
});
