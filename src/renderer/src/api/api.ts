// The renderer's only door to main: `window.api` from the Electron preload, or a WebSocket client
// when the page is served by the local web host. Everything else calls `request` and `subscribe`.
import { chatError, ChatFailure, toChatError } from '../../../shared/chat-error';
import type {
  EventChannel,
  EventPayloads,
  RequestChannel,
  RequestInput,
  RequestOutput,
  RunnelBridge,
} from '../../../shared/ipc/contract';
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

/** Calls main and unwraps the envelope: resolves to the value, or throws a ChatFailure. */
export async function request<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>> {
  let envelope;
  try {
    envelope = await getBridge().invoke(channel, input);
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
