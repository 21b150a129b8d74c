// The lanes of servers that serve a set number of requests at once: order kept, a place given back
// once, and Stop while waiting leaving the line without taking a place.
import { describe, expect, it } from 'vitest';
import { ServerQueue } from './server-queue';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('ServerQueue', () => {
  it('admits up to the places at once, the rest in the order they asked', async () => {
    const queue = new ServerQueue();
    const order: string[] = [];
    const enter = (name: string) =>
      queue.enter('a', 1, new AbortController().signal).then((release) => {
        order.push(name);
        return release;
      });
    const first = await enter('first');
    expect(queue.wouldWait('a', 1)).toBe(true);
    const second = enter('second');
    const third = enter('third');
    await tick();
    expect(order).toEqual(['first']);
    first();
    first(); // a second release gives back nothing more
    (await second)();
    (await third)();
    expect(order).toEqual(['first', 'second', 'third']);
    expect(queue.running('a')).toBe(0);
    expect(queue.wouldWait('a', 1)).toBe(false);
  });

  it('keeps servers apart and lets a server with more places run side by side', async () => {
    const queue = new ServerQueue();
    const signal = new AbortController().signal;
    await queue.enter('a', 1, signal);
    await queue.enter('b', 1, signal);
    await queue.enter('c', 2, signal);
    await queue.enter('c', 2, signal);
    expect([queue.running('a'), queue.running('b'), queue.running('c')]).toEqual([1, 1, 2]);
    expect(queue.wouldWait('c', 2)).toBe(true);
    expect(queue.wouldWait('d', Infinity)).toBe(false);
  });

  it('Stop while waiting rejects as cancelled and the next in line takes the place', async () => {
    const queue = new ServerQueue();
    const release = await queue.enter('a', 1, new AbortController().signal);
    const stopped = new AbortController();
    const waiting = queue.enter('a', 1, stopped.signal);
    const after = queue.enter('a', 1, new AbortController().signal);
    stopped.abort();
    await expect(waiting).rejects.toMatchObject({ detail: { code: 'cancelled' } });
    release();
    const next = await after;
    expect(queue.running('a')).toBe(1);
    next();
    expect(queue.running('a')).toBe(0);
  });
});
