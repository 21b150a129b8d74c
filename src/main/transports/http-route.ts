// Picks the HTTP a request travels over, from the plan's mode and the URL: h1 (node:http/https),
// h2c (HTTP/2 by prior knowledge on plain TCP), h2 (HTTP/2 over TLS, required) or auto (on https
// ALPN decides; on plain http, HTTP/1.1). What ALPN chose is remembered per origin for a while, so
// later requests skip the probe; concurrent requests to a new origin share one probe.
import http2, { type ClientHttp2Session } from 'node:http2';
import type { TLSSocket } from 'node:tls';
import { ChatFailure, chatError } from '../../shared/chat-error';
import type { Spoken } from '../../shared/words/define-words';
import { transportWords } from '../../shared/words/transport-words';
import type { HttpMode } from '../../shared/domain';
import { sendHttp1 } from './http1-request';
import type { HttpResponse } from './http-response';
import { sendHttp2 } from './http2-request';
import { destroyAllSessions, poolSession, pooledSession, sessionReady } from './http2-sessions';
import { connectTls } from './tls-connect';
import type { HttpRequestPlan, TransportLimits } from './types';

/** How long what an origin negotiated is trusted before it is asked again. */
export const alpnCacheMs = 10 * 60_000;

type Negotiated = 'h2' | 'http/1.1';
const negotiated = new Map<string, { protocol: Negotiated; until: number }>();

interface Probe {
  protocol: Negotiated;
  /** Set when the server chose h2: the session is already pooled. */
  session?: ClientHttp2Session;
  /** When it chose HTTP/1.1: the probe's connection, for the first request that still wants it. */
  takeSocket(): TLSSocket | undefined;
}
const probes = new Map<string, Promise<Probe>>();

const h2Settings: http2.ClientSessionOptions = { settings: { enablePush: false } };

export async function routeRequest(
  url: URL,
  plan: HttpRequestPlan,
  body: Buffer | undefined,
  signal: AbortSignal,
  limits: TransportLimits,
): Promise<HttpResponse> {
  const mode: HttpMode = plan.http ?? 'auto';
  const ca = plan.tls?.ca;
  if (url.protocol === 'http:') {
    if (mode === 'h2') throw wrongScheme(transportWords.say('h2NeedsHttps'));
    if (mode !== 'h2c') return sendHttp1(url, plan, body, signal);
    const key = url.origin;
    const session =
      pooledSession(key) ?? poolSession(key, http2.connect(url.origin, h2Settings), limits.connectTimeoutMs);
    return sendOnSession(session, url, plan, body, signal);
  }

  if (mode === 'h1') return sendHttp1(url, plan, body, signal, { ca });
  if (mode === 'h2c') throw wrongScheme(transportWords.say('h2cNeedsHttp'));
  // The CA is part of the key: a connection trusted with one certificate is not reused for another.
  const key = ca ? `${url.origin} ${ca}` : url.origin;
  const session = pooledSession(key);
  if (session) return sendOnSession(session, url, plan, body, signal);
  const known = negotiated.get(key);
  if (mode === 'auto' && known && known.until > Date.now() && known.protocol === 'http/1.1') {
    return sendHttp1(url, plan, body, signal, { ca });
  }

  const probe = await untilAborted(probeOrigin(key, url, ca, limits), signal);
  if (probe.session) return sendOnSession(probe.session, url, plan, body, signal);
  if (mode === 'h2') {
    probe.takeSocket()?.destroy();
    throw new ChatFailure(
      chatError('connect', transportWords.say('noHttp2', { host: url.host }), { retryable: false }),
    );
  }
  return sendHttp1(url, plan, body, signal, { ca, socket: probe.takeSocket() });
}

async function sendOnSession(
  session: ClientHttp2Session,
  url: URL,
  plan: HttpRequestPlan,
  body: Buffer | undefined,
  signal: AbortSignal,
): Promise<HttpResponse> {
  await untilAborted(sessionReady(session), signal);
  return sendHttp2(session, url, plan, body, signal);
}

/** Connects over TLS offering h2 and http/1.1; an h2 connection becomes the origin's pooled session. */
function probeOrigin(key: string, url: URL, ca: string | undefined, limits: TransportLimits): Promise<Probe> {
  const running = probes.get(key);
  if (running) return running;
  const probe = connectTls(url, ca, ['h2', 'http/1.1'], limits.connectTimeoutMs).then((socket): Probe => {
    const protocol: Negotiated = socket.alpnProtocol === 'h2' ? 'h2' : 'http/1.1';
    negotiated.set(key, { protocol, until: Date.now() + alpnCacheMs });
    if (protocol === 'h2') {
      const session = http2.connect(url.origin, { ...h2Settings, createConnection: () => socket });
      return { protocol, session: poolSession(key, session, limits.connectTimeoutMs), takeSocket: () => undefined };
    }
    let spare: TLSSocket | undefined = socket;
    // Waiting requests resume in microtasks, before this runs: a socket nobody took is closed.
    setImmediate(() => spare?.destroy());
    return {
      protocol,
      takeSocket: () => {
        const taken = spare;
        spare = undefined;
        return taken;
      },
    };
  });
  probes.set(key, probe);
  const done = () => {
    if (probes.get(key) === probe) probes.delete(key);
  };
  probe.then(done, done);
  return probe;
}

/** A shared probe is not this request's to cancel: stop waiting for it, leave it running for the others. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

function wrongScheme(message: Spoken): ChatFailure {
  return new ChatFailure(chatError('invalid_input', message));
}

/** Closes every pooled HTTP/2 session and forgets what origins negotiated (shutdown, tests). */
export function closeHttpConnections(): void {
  destroyAllSessions();
  negotiated.clear();
}
