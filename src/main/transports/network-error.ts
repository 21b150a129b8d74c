// Maps what Node throws on a socket or an HTTP/2 session (refused, reset, TLS, GOAWAY, abort, our
// own timers) to a ChatError with a message a user can act on.
import { ChatFailure, chatError, type ChatError } from '../../shared/chat-error';

const tlsCodes =
  /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_)/;
// The chain does not lead to a CA we trust: typical of a self-signed or private-CA server.
const untrustedCodes =
  /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_UNTRUSTED)$/;

const cutShort = (host: string) => chatError('connect', `${host} closed the connection before the answer was complete`);

export function networkError(err: unknown, host: string, signal?: AbortSignal): ChatError {
  if (err instanceof ChatFailure) return err.detail;
  if (signal?.aborted) return chatError('cancelled', 'Stopped');
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    cause?: unknown;
  };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (e.name === 'AbortError' || code === 'ABORT_ERR') return chatError('cancelled', 'Stopped');
  // A stream still waiting for its HTTP/2 session is cancelled with the session's error as cause.
  if (code === 'ERR_HTTP2_STREAM_CANCEL' && e.cause !== undefined) return networkError(e.cause, host, signal);
  if (untrustedCodes.test(code)) {
    return chatError(
      'tls',
      `${host} presented a certificate that is not trusted (${message}). If the server uses a self-signed or private certificate, add it in the backend settings.`,
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return chatError('tls', `The certificate of ${host} is not valid for this host name: ${message}`);
  }
  if (code === 'ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL') {
    return chatError(
      'tls',
      `${host} refused every HTTP version offered over TLS. Set the backend's HTTP version to Auto or HTTP/1.1.`,
    );
  }
  if (tlsCodes.test(code)) return chatError('tls', `TLS error talking to ${host}: ${message}`);
  switch (code) {
    case 'ECONNREFUSED':
      return chatError('connect', `Nothing is listening at ${host} (connection refused). Is the server running?`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return chatError('connect', `Cannot resolve host ${host}`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return chatError('connect', `Host ${host} is unreachable`);
    case 'ETIMEDOUT':
      return chatError('timeout', `Connecting to ${host} timed out`);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
    case 'ERR_HTTP2_INVALID_SESSION':
      return cutShort(host);
    case 'ERR_HTTP2_STREAM_ERROR':
      // The server reset this stream (RST_STREAM), e.g. REFUSED_STREAM when it is over its limit.
      return chatError('connect', `${host} reset the HTTP/2 stream before the answer was complete (${message})`);
    case 'ERR_HTTP2_SESSION_ERROR':
    case 'ERR_HTTP2_GOAWAY_SESSION':
      // GOAWAY: the server is shutting the connection down; a new connection may well work.
      return chatError('connect', `${host} closed the HTTP/2 connection (GOAWAY): ${message}`);
    case 'ERR_HTTP2_ERROR':
    case 'ERR_HTTP2_PROTOCOL_ERROR':
      return chatError(
        'protocol',
        `${host} broke the HTTP/2 protocol (${message}). If it does not speak HTTP/2, set the backend's HTTP version to HTTP/1.1 or Auto.`,
      );
  }
  if (message === 'aborted') return cutShort(host);
  return chatError('connect', `Request to ${host} failed: ${message}`);
}
