// gRPC statuses as ChatErrors: a server's own words kept as the message, the codes of the issue
// (auth, not_found, rate_limited, server) with their retryable flag, pushback as retryAfterMs, and
// the statuses grpc-js makes itself about the connection or our size limit told apart by their details.
import { Metadata, status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { sayIn } from '../../shared/words/all-words';
import { grpcStatusError, retryPushbackMs } from './grpc-status';
import { defaultLimits } from './types';

const host = 'gpu:8001';
const map = (code: number, details: string, trailers?: Metadata) =>
  grpcStatusError(code, details, host, defaultLimits, trailers);
const pushback = (value: string) => {
  const md = new Metadata();
  md.set('grpc-retry-pushback-ms', value);
  return md;
};

describe('grpcStatusError', () => {
  it('keeps the server’s words for the statuses a server or proxy sends', () => {
    expect(map(status.UNAUTHENTICATED, 'Jwt is missing')).toEqual({
      code: 'auth',
      message: 'Jwt is missing',
      retryable: false,
    });
    expect(map(status.PERMISSION_DENIED, 'no')).toMatchObject({ code: 'auth', retryable: false });
    expect(map(status.NOT_FOUND, "model 'x' not found")).toEqual({
      code: 'not_found',
      message: "model 'x' not found",
      retryable: false,
    });
    expect(map(status.RESOURCE_EXHAUSTED, 'slow down')).toEqual({
      code: 'rate_limited',
      message: 'slow down',
      retryable: true,
    });
    expect(map(status.INTERNAL, 'CUDA error')).toEqual({ code: 'server', message: 'CUDA error', retryable: true });
    expect(map(status.UNAVAILABLE, 'no healthy upstream')).toEqual({
      code: 'server',
      message: 'no healthy upstream',
      retryable: true,
    });
  });

  it('says what the status means when the server gave no words', () => {
    expect(map(status.INTERNAL, '').message).toBe(`${host} failed (gRPC status INTERNAL)`);
    expect(map(status.UNAVAILABLE, '').message).toBe(`${host} is unavailable (gRPC status UNAVAILABLE)`);
    // Runnel's sentence is written in the UI's language; the server's words never carry a key.
    expect(sayIn('zh', map(status.INTERNAL, '').said!)).toBe(`${host} 出错了（gRPC 状态 INTERNAL）`);
    expect(map(status.INTERNAL, 'CUDA error').said).toBeUndefined();
  });

  it('turns grpc-retry-pushback-ms into retryAfterMs; a negative pushback means no advice', () => {
    expect(map(status.RESOURCE_EXHAUSTED, 'later', pushback('1500'))).toMatchObject({ retryAfterMs: 1500 });
    expect(map(status.UNAVAILABLE, 'loading', pushback('250'))).toMatchObject({ retryAfterMs: 250 });
    expect(retryPushbackMs(pushback('-1'))).toBeUndefined();
    expect(retryPushbackMs(pushback('soon'))).toBeUndefined();
    expect(retryPushbackMs(undefined)).toBeUndefined();
  });

  it('tells grpc-js’s own statuses apart: refused, dropped, TLS, resolution, the message size limit', () => {
    const refused =
      'No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:8001. Resolution note: ';
    expect(map(status.UNAVAILABLE, refused)).toMatchObject({ code: 'connect', retryable: true });
    expect(map(status.UNAVAILABLE, refused).message).toContain('connection refused');
    expect(map(status.UNAVAILABLE, 'Connection dropped').message).toContain(
      'closed the connection before the answer was complete',
    );
    const tls = 'No connection established. Last error: Error: self-signed certificate. Resolution note: ';
    expect(map(status.UNAVAILABLE, tls)).toMatchObject({ code: 'tls', retryable: false });
    expect(map(status.UNAVAILABLE, 'Name resolution failed for target dns:nowhere:8001')).toMatchObject({
      code: 'connect',
    });
    expect(map(status.RESOURCE_EXHAUSTED, 'Received message larger than max (9000000 vs 8388608)')).toMatchObject({
      code: 'protocol',
      message: `${host} sent a gRPC message larger than the limit of 8 MiB per frame; the stream was stopped`,
      retryable: false,
      said: { key: 'transport.frameTooLarge', values: { host, what: 'a gRPC message', limit: '8 MiB' } },
    });
    expect(map(status.DEADLINE_EXCEEDED, 'Deadline exceeded after 10.001s')).toMatchObject({ code: 'timeout' });
  });
});
