// The web host's `window.api`: the same RunnelBridge as the Electron preload, spoken over one
// WebSocket (`/api`) as JSON text frames. Requests queue until the socket opens; a lost socket
// fails what is in flight with a 'connect' error and reconnects with backoff.
import { chatError } from '../../../shared/chat-error';
import type {
  Envelope,
  EventChannel,
  EventPayloads,
  RunnelBridge,
  WebClientMessage,
  WebServerMessage,
} from '../../../shared/ipc/contract';
import { isEventChannel } from '../../../shared/ipc/contract';

/** The part of the DOM WebSocket this client uses, so tests can pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  close(): void;
}

export interface WebSocketBridgeOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  setTimer?: (fn: () => void, ms: number) => unknown;
  /** Called each time the socket opens again after a loss: events sent meanwhile were missed. */
  onReconnect?: () => void;
}

const OPEN = 1;
const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5_000;

type Resolve = (result: Envelope<unknown>) => void;
type AnyListener = (payload: unknown) => void;

export function createWebSocketBridge(options: WebSocketBridgeOptions): RunnelBridge {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const pending = new Map<number, Resolve>();
  const queue: string[] = [];
  const listeners = new Map<EventChannel, Set<AnyListener>>();
  let nextId = 1;
  let delay = FIRST_DELAY_MS;
  let everOpened = false;
  let socket: SocketLike | null = null;

  const retry = (): void => {
    setTimer(connect, delay);
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  };

  const connect = (): void => {
    let current: SocketLike;
    try {
      current = createSocket(options.url);
    } catch (err) {
      console.error('[runnel] could not open the socket:', err);
      socket = null;
      retry();
      return;
    }
    socket = current;
    current.onopen = () => {
      delay = FIRST_DELAY_MS;
      for (const frame of queue.splice(0)) current.send(frame);
      if (everOpened) options.onReconnect?.();
      everOpened = true;
    };
    current.onmessage = (ev) => receive(ev.data);
    // A failed connection fires error then close; close alone does the work.
    current.onerror = () => {};
    current.onclose = () => {
      current.onopen = current.onmessage = current.onclose = null;
      failPending();
      retry();
    };
  };

  const failPending = (): void => {
    queue.length = 0;
    const failed = [...pending.values()];
    pending.clear();
    const error = chatError('connect', 'Lost the connection to Runnel. Reconnecting…');
    for (const resolve of failed) resolve({ ok: false, error });
  };

  const receive = (data: unknown): void => {
    const message = parseServerMessage(data);
    if (!message) return;
    if (message.type === 'response') {
      const resolve = pending.get(message.id);
      pending.delete(message.id);
      resolve?.(message.result);
    } else {
      for (const listener of listeners.get(message.channel) ?? []) {
        try {
          listener(message.payload);
        } catch (err) {
          console.error('[runnel] event listener failed:', err);
        }
      }
    }
  };

  connect();

  return {
    invoke(channel, input) {
      const id = nextId++;
      const frame: WebClientMessage = { type: 'request', id, channel, input };
      const text = JSON.stringify(frame);
      return new Promise((resolve) => {
        pending.set(id, resolve as Resolve);
        if (socket?.readyState === OPEN) socket.send(text);
        else queue.push(text);
      });
    },
    on<E extends EventChannel>(channel: E, listener: (payload: EventPayloads[E]) => void) {
      const set = listeners.get(channel) ?? new Set<AnyListener>();
      listeners.set(channel, set);
      const wrapped = listener as AnyListener;
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
  };
}

/** The server is trusted more than the page's own input, but a frame is still checked before use. */
export function parseServerMessage(data: unknown): WebServerMessage | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const o = value as Record<string, unknown>;
  if (o.type === 'response' && typeof o.id === 'number' && isEnvelope(o.result)) {
    return { type: 'response', id: o.id, result: o.result };
  }
  if (o.type === 'event' && isEventChannel(o.channel)) {
    return { type: 'event', channel: o.channel, payload: o.payload };
  }
  return null;
}

function isEnvelope(v: unknown): v is Envelope<unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (o.ok === true && 'value' in o) || (o.ok === false && typeof o.error === 'object' && o.error !== null);
}
