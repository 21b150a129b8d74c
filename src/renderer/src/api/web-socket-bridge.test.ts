// The web host's bridge against a fake socket: queueing, responses, events, drops and backoff.
import { describe, expect, it } from 'vitest';
import { createWebSocketBridge, parseServerMessage, type SocketLike } from './web-socket-bridge';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(data);
  }
  close(): void {}
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.({});
  }
  receive(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  let reconnects = 0;
  const bridge = createWebSocketBridge({
    url: 'ws://127.0.0.1:5000/api?token=t',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    onReconnect: () => reconnects++,
  });
  const socket = (i: number): FakeSocket => {
    const s = sockets[i];
    if (!s) throw new Error(`no socket ${i}`);
    return s;
  };
  return { bridge, sockets, socket, timers, reconnects: () => reconnects };
}

const frames = (s: FakeSocket) => s.sent.map((t) => JSON.parse(t) as { id: number; channel: string; type: string });

describe('createWebSocketBridge', () => {
  it('queues requests until the socket opens, with increasing ids', async () => {
    const { bridge, socket } = setup();
    const first = bridge.invoke('backends:list', {});
    const second = bridge.invoke('conversations:list', {});
    expect(socket(0).sent).toEqual([]);
    socket(0).open();
    expect(frames(socket(0))).toMatchObject([
      { type: 'request', id: 1, channel: 'backends:list' },
      { type: 'request', id: 2, channel: 'conversations:list' },
    ]);
    socket(0).receive({ type: 'response', id: 2, result: { ok: true, value: [] } });
    socket(0).receive({
      type: 'response',
      id: 1,
      result: { ok: false, error: { code: 'auth', message: 'no', retryable: false } },
    });
    await expect(second).resolves.toEqual({ ok: true, value: [] });
    await expect(first).resolves.toMatchObject({ ok: false, error: { code: 'auth' } });
  });

  it('delivers events to listeners until they unsubscribe, ignoring unknown frames', () => {
    const { bridge, socket } = setup();
    socket(0).open();
    const seen: unknown[] = [];
    const off = bridge.on('backends:changed', (p) => seen.push(p));
    socket(0).receive({ type: 'event', channel: 'backends:changed', payload: null });
    socket(0).receive({ type: 'event', channel: 'nope', payload: 1 });
    socket(0).onmessage?.({ data: 'not json' });
    off();
    socket(0).receive({ type: 'event', channel: 'backends:changed', payload: null });
    expect(seen).toEqual([null]);
  });

  it('fails pending requests with a connect error when the socket drops, then reconnects with backoff', async () => {
    const { bridge, socket, sockets, timers, reconnects } = setup();
    socket(0).open();
    const pending = bridge.invoke('backends:list', {});
    socket(0).drop();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'connect' } });

    // Each failed attempt doubles the wait, up to 5 s.
    const delays: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      const timer = timers.shift();
      if (!timer) throw new Error('no reconnect scheduled');
      delays.push(timer.ms);
      timer.fn();
      sockets.at(-1)?.drop();
    }
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);

    // A successful open resets the backoff and tells the app to reload.
    timers.shift()?.fn();
    sockets.at(-1)?.open();
    expect(reconnects()).toBe(1);
    sockets.at(-1)?.drop();
    expect(timers.at(-1)?.ms).toBe(250);
  });

  it('keeps listeners across reconnects', () => {
    const { bridge, socket, sockets, timers } = setup();
    const seen: unknown[] = [];
    bridge.on('conversations:changed', (p) => seen.push(p));
    socket(0).open();
    socket(0).drop();
    timers.shift()?.fn();
    const next = sockets.at(-1);
    next?.open();
    next?.receive({ type: 'event', channel: 'conversations:changed', payload: { conversationId: 'c1' } });
    expect(seen).toEqual([{ conversationId: 'c1' }]);
  });

  it('sends a request made while reconnecting once the new socket opens', () => {
    const { bridge, socket, sockets, timers } = setup();
    socket(0).open();
    socket(0).drop();
    timers.shift()?.fn();
    void bridge.invoke('app:info', {});
    const next = sockets.at(-1);
    expect(next?.sent).toEqual([]);
    next?.open();
    expect(next && frames(next)).toMatchObject([{ channel: 'app:info' }]);
  });
});

describe('createWebSocketBridge with a socket that cannot be made', () => {
  it('fails requests after the first real socket drops and keeps retrying', async () => {
    const timers: { fn: () => void; ms: number }[] = [];
    let attempts = 0;
    const bridge = createWebSocketBridge({
      url: 'ws://x/api',
      createSocket: () => {
        attempts++;
        throw new SyntaxError('bad url');
      },
      setTimer: (fn, ms) => timers.push({ fn, ms }),
    });
    timers.shift()?.fn();
    expect(attempts).toBe(2);
    expect(timers.map((t) => t.ms)).toEqual([500]);
    const pending = bridge.invoke('app:info', {});
    expect(pending).toBeInstanceOf(Promise);
  });
});

describe('parseServerMessage', () => {
  it('accepts responses and events, refuses anything else', () => {
    expect(parseServerMessage('{"type":"response","id":3,"result":{"ok":true,"value":1}}')).toEqual({
      type: 'response',
      id: 3,
      result: { ok: true, value: 1 },
    });
    expect(parseServerMessage('{"type":"response","id":3,"result":{"ok":"yes"}}')).toBeNull();
    expect(parseServerMessage('{"type":"event","channel":"generation:event","payload":{}}')).toMatchObject({
      type: 'event',
    });
    expect(parseServerMessage(new ArrayBuffer(2))).toBeNull();
  });
});
