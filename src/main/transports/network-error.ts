// Maps what Node throws on a socket or an HTTP/2 session (refused, reset, TLS, GOAWAY, abort, our
// own timers) to a ChatError with a message a user can act on.
import { ChatFailure, chatError, type ChatError } from '../../shared/chat-error';
import { transportWords } from '../../shared/words/transport-words';

const tlsCodes =
  /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_)/;
// The chain does not lead to a CA we trust: typical of a self-signed or private-CA server.
const untrustedCodes =
  /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_UNTRUSTED)$/;

const cutShort = (host: string) => chatError('connect', transportWords.say('cutShort', { host }));

export function networkError(err: unknown, host: string, signal?: AbortSignal): ChatError {
  if (err instanceof ChatFailure) return err.detail;
  if (signal?.aborted) return chatError('cancelled', transportWords.say('stopped'));
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    cause?: unknown;
  };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (e.name === 'AbortError' || code === 'ABORT_ERR') return chatError('cancelled', transportWords.say('stopped'));
  // A stream still waiting for its HTTP/2 session is cancelled with the session's error as cause.
  if (code === 'ERR_HTTP2_STREAM_CANCEL' && e.cause !== undefined) return networkError(e.cause, host, signal);
  if (untrustedCodes.test(code)) {
    return chatError('tls', transportWords.say('untrustedCertificate', { host, detail: message }));
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return chatError('tls', transportWords.say('wrongHostName', { host, detail: message }));
  }
  if (code === 'ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL') {
    return chatError('tls', transportWords.say('noHttpVersion', { host }));
  }
  if (tlsCodes.test(code)) return chatError('tls', transportWords.say('tlsError', { host, detail: message }));
  switch (code) {
    case 'ECONNREFUSED':
      return chatError('connect', transportWords.say('refused', { host }));
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return chatError('connect', transportWords.say('cannotResolve', { host }));
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return chatError('connect', transportWords.say('unreachable', { host }));
    case 'ETIMEDOUT':
      return chatError('timeout', transportWords.say('connectTimedOut', { host }));
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
    case 'ERR_HTTP2_INVALID_SESSION':
      return cutShort(host);
    case 'ERR_HTTP2_STREAM_ERROR':
      // The server reset this stream (RST_STREAM), e.g. REFUSED_STREAM when it is over its limit.
      return chatError('connect', transportWords.say('h2StreamReset', { host, detail: message }));
    case 'ERR_HTTP2_SESSION_ERROR':
    case 'ERR_HTTP2_GOAWAY_SESSION':
      // GOAWAY: the server is shutting the connection down; a new connection may well work.
      return chatError('connect', transportWords.say('h2GoAway', { host, detail: message }));
    case 'ERR_HTTP2_ERROR':
    case 'ERR_HTTP2_PROTOCOL_ERROR':
      return chatError('protocol', transportWords.say('h2Broken', { host, detail: message }));
  }
  if (message === 'aborted') return cutShort(host);
  return chatError('connect', transportWords.say('requestFailed', { host, detail: message }));
}
