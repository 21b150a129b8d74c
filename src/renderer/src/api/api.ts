// The renderer's only door to main: `window.api` from the Electron preload, or a WebSocket client
// when the page is served by the local web host. Everything else calls `request` and `subscribe`.
import { chatError, ChatFailure, toChatError } from '../../../shared/chat-error';
import type {
  Envelope,
  EventChannel,
  EventPayloads,
  RequestChannel,
  RequestInput,
  RequestOutput,
  RunnelBridge,
} from '../../../shared/ipc/contract';
import { createEarlyRequests, requestKey } from './early-requests';
import { socketUrl, takeToken } from './web-host-address';
import { createWebSocketBridge } from './web-socket-bridge';

declare global {
  interface Window {
    api?: RunnelBridge;
  }
}

let bridge: RunnelBridge | null = null;
const reconnectListeners = new Set<() => void>();

function getBridge(): RunnelBridge {
  if (bridge) return bridge;
  if (window.api) return (bridge = window.api);
  // Without a preload the page must come from the web host; a file:// page has no socket to reach.
  if (window.location.protocol !== 'http:' && window.location.protocol !== 'https:') {
    throw new ChatFailure(chatError('internal', 'window.api is missing: the preload script did not load.'));
  }
  bridge = createWebSocketBridge({
    url: socketUrl(window.location, takeToken(window.location, window.history, window.sessionStorage)),
    onReconnect: () => {
      for (const listener of reconnectListeners) listener();
    },
  });
  return bridge;
}

const early = createEarlyRequests<Envelope<unknown>>();
const watched = new Set<EventChannel>();

/**
 * Sends a request the UI is about to make, now (at start, while React renders); the first
 * `request` with the same channel and input takes its answer. `staleOn` is the event after which
 * the answer may no longer hold.
 */
export function prefetch<C extends RequestChannel>(channel: C, input: RequestInput<C>, staleOn: EventChannel): void {
  try {
    const bridge = getBridge();
    if (!watched.has(staleOn)) {
      watched.add(staleOn);
      bridge.on(staleOn, () => early.eventArrived(staleOn));
    }
    early.start(requestKey(channel, input), staleOn, () => bridge.invoke(channel, input));
  } catch {
    // No bridge: the request made later says why, visibly.
  }
}

/** Calls main and unwraps the envelope: resolves to the value, or throws a ChatFailure. */
export async function request<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>> {
  let envelope: Envelope<RequestOutput<C>>;
  try {
    // An early answer is for this very channel and input (the key), so it has this channel's type.
    const taken = early.take(requestKey(channel, input)) as Promise<Envelope<RequestOutput<C>>> | undefined;
    envelope = await (taken ?? getBridge().invoke(channel, input));
  } catch (err) {
    throw new ChatFailure(toChatError(err));
  }
  if (envelope.ok) return envelope.value;
  throw new ChatFailure(envelope.error);
}

export function subscribe<E extends EventChannel>(
  channel: E,
  listener: (payload: EventPayloads[E]) => void,
): () => void {
  // Without a bridge nothing can arrive; the requests made at start say why, visibly.
  try {
    return getBridge().on(channel, listener);
  } catch (err) {
    console.error('[runnel]', toChatError(err).message);
    return () => {};
  }
}

/** The web host's socket came back: events were missed meanwhile, so state should be reloaded. */
export function onReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => {
    reconnectListeners.delete(listener);
  };
}
