// Maps what Node throws on a socket (refused, reset, TLS, abort, our own timers) to a ChatError
// with a message a user can act on.
import { ChatFailure, chatError, type ChatError } from '../../shared/chat-error';

const tlsCodes =
  /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_)/;

export function networkError(err: unknown, host: string, signal?: AbortSignal): ChatError {
  if (err instanceof ChatFailure) return err.detail;
  if (signal?.aborted) return chatError('cancelled', 'Stopped');
  const e = err as { code?: unknown; name?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (e.name === 'AbortError' || code === 'ABORT_ERR') return chatError('cancelled', 'Stopped');
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
      return chatError('connect', `${host} closed the connection before the answer was complete`);
  }
  if (message === 'aborted') {
    return chatError('connect', `${host} closed the connection before the answer was complete`);
  }
  return chatError('connect', `Request to ${host} failed: ${message}`);
}
