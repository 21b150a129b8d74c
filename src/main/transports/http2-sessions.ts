// The HTTP/2 session pool: one session per origin (and trusted CA), shared by every request to it so
// concurrent generations are streams multiplexed on one connection. A session is dropped from the
// pool as soon as it errors, receives GOAWAY or closes (the next request opens a fresh one), and is
// closed after sitting idle. Idle sessions never keep the process alive.
import type { ClientHttp2Session } from 'node:http2';

/** How long a session with no open stream is kept for the next request. */
export const sessionIdleMs = 30_000;

interface Entry {
  key: string;
  session: ClientHttp2Session;
  open: number;
  idle: NodeJS.Timeout | undefined;
  /** Settles when the server's SETTINGS arrive (resolved) or the session fails first (rejected). */
  ready: Promise<void>;
}

const pool = new Map<string, Entry>();
const entries = new WeakMap<ClientHttp2Session, Entry>();

const usable = (s: ClientHttp2Session) => !s.closed && !s.destroyed;

/** The pooled session for `key`, if one is still usable for new streams. */
export function pooledSession(key: string): ClientHttp2Session | undefined {
  const entry = pool.get(key);
  if (!entry) return undefined;
  if (usable(entry.session)) return entry.session;
  forget(entry);
  return undefined;
}

/**
 * Puts a new session in the pool. A session whose server has not sent its SETTINGS within
 * `connectTimeoutMs` (nothing listening, or something that is not an HTTP/2 server) is destroyed,
 * so requests waiting on it fail instead of waiting forever and the next request starts afresh.
 */
export function poolSession(key: string, session: ClientHttp2Session, connectTimeoutMs: number): ClientHttp2Session {
  const old = pool.get(key);
  if (old && old.session !== session) forget(old);
  const ready = new Promise<void>((resolve, reject) => {
    session.once('remoteSettings', () => resolve());
    session.once('error', reject);
    session.once('close', () => reject(Object.assign(new Error('HTTP/2 session closed'), { code: 'ECONNRESET' })));
  });
  ready.catch(() => undefined); // nobody may be waiting; the failure also reaches the requests
  const entry: Entry = { key, session, open: 0, idle: undefined, ready };
  pool.set(key, entry);
  entries.set(session, entry);
  // Errors reach the requests through their streams; this listener only keeps an 'error' event
  // from being unhandled (which would crash the process) and retires the session.
  session.on('error', () => forget(entry));
  // GOAWAY: in-flight streams may finish, but no new stream may start here.
  session.on('goaway', () => forget(entry));
  session.on('close', () => forget(entry));
  const timer = setTimeout(() => {
    session.destroy(Object.assign(new Error('HTTP/2 connect ETIMEDOUT'), { code: 'ETIMEDOUT' }));
  }, connectTimeoutMs);
  timer.unref();
  const stop = () => clearTimeout(timer);
  session.once('remoteSettings', stop);
  session.once('close', stop);
  goIdle(entry);
  return session;
}

/**
 * Waits for the server's first SETTINGS. Until then the client assumes no limit on concurrent
 * streams, so a burst of requests on a fresh session would have the excess refused
 * (REFUSED_STREAM); once the limit is known, Node queues streams beyond it instead.
 */
export function sessionReady(session: ClientHttp2Session): Promise<void> {
  return entries.get(session)?.ready ?? Promise.resolve();
}

/** Counts a stream as open on its session until `stream` closes: a session with open streams is never idle. */
export function holdSession(session: ClientHttp2Session, stream: { once(event: 'close', fn: () => void): unknown }) {
  const entry = entries.get(session);
  if (!entry) return;
  entry.open += 1;
  clearTimeout(entry.idle);
  entry.idle = undefined;
  if (usable(session)) session.ref();
  stream.once('close', () => {
    entry.open -= 1;
    if (entry.open === 0) goIdle(entry);
  });
}

function goIdle(entry: Entry) {
  if (!usable(entry.session)) return;
  // An idle connection is not a reason to keep running; an open stream is (ref again in holdSession).
  entry.session.unref();
  clearTimeout(entry.idle);
  entry.idle = setTimeout(() => {
    forget(entry);
    entry.session.close();
  }, sessionIdleMs);
  entry.idle.unref();
}

function forget(entry: Entry) {
  clearTimeout(entry.idle);
  entry.idle = undefined;
  if (pool.get(entry.key) === entry) pool.delete(entry.key);
}

/** Closes every pooled session at once (shutdown, tests). Streams still open on them are cancelled. */
export function destroyAllSessions(): void {
  for (const entry of [...pool.values()]) {
    forget(entry);
    entry.session.destroy();
  }
}
