// gRPC status codes (grpc/doc/statuscodes.md) as the ChatError a user can act on, with the
// server's own words. grpc-js makes some statuses itself (a refused or dropped connection, a
// message over our size limit, a TLS failure): those are told apart by their details and get the
// same codes and words as the other transports. A server's `grpc-retry-pushback-ms` trailer (gRFC
// A6, gRPC's Retry-After) becomes retryAfterMs.
import { status, type Metadata } from '@grpc/grpc-js';
import { chatError, type ChatError } from '../../shared/chat-error';
import { transportWords } from '../../shared/words/transport-words';
import { formatBytes } from './size-limits';
import type { TransportLimits } from './types';

/** The server's pushback in ms: a non-negative integer; a negative value means "do not retry". */
export function retryPushbackMs(trailers: Metadata | undefined): number | undefined {
  const value = trailers?.get('grpc-retry-pushback-ms')[0];
  const text = typeof value === 'string' ? value : value?.toString('utf8');
  if (text === undefined || !/^-?\d+$/.test(text.trim())) return undefined;
  const ms = Number(text);
  return ms >= 0 ? ms : undefined;
}

type GrpcFallback =
  'grpcUnavailable' | 'grpcLate' | 'grpcCredentials' | 'grpcNotFound' | 'grpcOverLimits' | 'grpcRefused' | 'grpcFailed';

/** UNAVAILABLE made by grpc-js itself, about the connection rather than a server's answer. */
function connectionStatus(details: string, host: string): ChatError | undefined {
  if (/^Connection dropped|^Stream refused|ECONNRESET|EPIPE|socket hang up/.test(details)) {
    return chatError('connect', transportWords.say('grpcCutShort', { host, detail: details }));
  }
  // "No connection established. Last error: <the socket's or TLS's error>. Resolution note: …"
  if (!/^No connection established|^Name resolution failed|^(connect|getaddrinfo) E[A-Z]+/.test(details))
    return undefined;
  if (/ECONNREFUSED/.test(details)) {
    return chatError('connect', transportWords.say('refused', { host }));
  }
  if (/certificate|self[- ]signed|SSL|TLS|ERR_TLS_|CERT_/i.test(details)) {
    return chatError('tls', transportWords.say('grpcTlsError', { host, detail: details }));
  }
  return chatError('connect', transportWords.say('grpcCouldNotConnect', { host, detail: details }));
}

/**
 * The ChatError for a call that ended with `code`. A server's `details` are its own words and
 * become the message as they are (as an HTTP error body does); without them, a sentence says what
 * the status means.
 */
export function grpcStatusError(
  code: number,
  details: string,
  host: string,
  limits: TransportLimits,
  trailers?: Metadata,
): ChatError {
  const name = status[code] ?? String(code);
  // The server's details as they came, or Runnel's sentence for the status.
  const said = (fallback: GrpcFallback) => details.trim() || transportWords.say(fallback, { host, status: name });
  const withPushback = (error: ChatError): ChatError => {
    const ms = retryPushbackMs(trailers);
    return ms === undefined ? error : { ...error, retryAfterMs: ms };
  };
  switch (code) {
    case status.UNAVAILABLE:
      // A server (or a proxy with no healthy upstream) that cannot serve now; retryable.
      return connectionStatus(details, host) ?? withPushback(chatError('server', said('grpcUnavailable')));
    case status.DEADLINE_EXCEEDED:
      return chatError('timeout', said('grpcLate'));
    case status.UNAUTHENTICATED:
    case status.PERMISSION_DENIED:
      return chatError('auth', said('grpcCredentials'));
    case status.NOT_FOUND:
    case status.UNIMPLEMENTED:
      return chatError('not_found', said('grpcNotFound'));
    case status.RESOURCE_EXHAUSTED:
      // grpc-js says this itself when a message is over max_receive_message_length.
      if (/^Received message larger than max/.test(details)) {
        const limit = formatBytes(limits.maxEventBytes);
        return chatError('protocol', transportWords.say('frameTooLarge', { host, what: 'a gRPC message', limit }));
      }
      return withPushback(chatError('rate_limited', said('grpcOverLimits')));
    case status.INVALID_ARGUMENT:
    case status.FAILED_PRECONDITION:
    case status.OUT_OF_RANGE:
      return chatError('invalid_input', said('grpcRefused'));
    case status.CANCELLED:
      return chatError('connect', transportWords.say('grpcCancelled', { host, detail: details }));
    default:
      // INTERNAL, UNKNOWN, DATA_LOSS, ABORTED and anything newer: the server failed.
      return withPushback(chatError('server', said('grpcFailed')));
  }
}
