// Which HTTP version openStream speaks: h2c by prior knowledge, h2 over TLS with the self-signed cert
// of tests/fixtures/tls, and `auto` negotiating h2 by ALPN or falling back to HTTP/1.1 (and remembering).
import { describe, expect, it } from 'vitest';
import {
  cert,
  closeServersAfterEach,
  frames,
  NGHTTP2_NO_ERROR,
  plan,
  run,
  startCompatServer,
  startH2Server,
} from '../support/http2-servers';

closeServersAfterEach();

describe('h2c (prior knowledge)', () => {
  it('streams every SSE frame over HTTP/2 on plain TCP', async () => {
    const server = await startH2Server(false);
    const out = await run(plan(server.origin, '/sse?n=20&id=a', 'h2c'));
    expect(out.error).toBeUndefined();
    expect(out.data).toEqual(frames(20));
    expect(server.seen.versions).toEqual(['2.0']);
    expect(server.seen.closed.get('a')).toEqual({ rstCode: NGHTTP2_NO_ERROR, complete: true });
  });

  it('says clearly that an h2c backend needs an http URL', async () => {
    const out = await run(plan('https://127.0.0.1:1', '/sse', 'h2c'));
    expect(out.error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/h2c .* http URL/) });
  });
});

describe('h2 over TLS with a self-signed certificate', () => {
  it('fails with a tls error that says to add the certificate, without the CA', async () => {
    const server = await startH2Server(true);
    const out = await run(plan(server.origin, '/sse', 'h2'));
    expect(out.error).toMatchObject({ code: 'tls', retryable: false });
    expect(out.error?.message).toMatch(/not trusted.*add it in the backend settings/);
    expect(server.seen.versions).toEqual([]);
  });

  it('streams every frame once the certificate is trusted', async () => {
    const server = await startH2Server(true);
    const out = await run(plan(server.origin, '/sse?n=10', 'h2', cert));
    expect(out).toEqual({ data: frames(10) });
    expect(server.seen.versions).toEqual(['2.0']);
    expect(server.seen.alpn).toEqual(['h2']);
  });
});

describe('auto on https', () => {
  it('negotiates HTTP/2 by ALPN when the server offers it', async () => {
    const server = await startCompatServer('h2-and-h1');
    const first = await run(plan(server.origin, '/sse?n=5', 'auto', cert));
    const second = await run(plan(server.origin, '/sse?n=5', 'auto', cert));
    expect([first, second]).toEqual([{ data: frames(5) }, { data: frames(5) }]);
    expect(server.seen.versions).toEqual(['2.0', '2.0']);
    expect(server.seen.sessions).toBe(1); // the probe's connection became the session, then was reused
  });

  it('falls back to HTTP/1.1 on an HTTP/1.1-only server, and remembers it', async () => {
    const server = await startCompatServer('h1-only');
    const first = await run(plan(server.origin, '/sse?n=5', 'auto', cert));
    const second = await run(plan(server.origin, '/sse?n=5', 'auto', cert));
    expect([first, second]).toEqual([{ data: frames(5) }, { data: frames(5) }]);
    expect(server.seen.versions).toEqual(['1.1', '1.1']);
    // The first connection was the ALPN probe; the second offered no ALPN: the cache skipped the probe.
    expect(server.seen.alpn).toEqual(['http/1.1', false]);
  });

  it('h2 (required) fails clearly when the server only speaks HTTP/1.1', async () => {
    const server = await startCompatServer('h1-only');
    const out = await run(plan(server.origin, '/sse', 'h2', cert));
    expect(out.error).toMatchObject({ code: 'connect', retryable: false });
    expect(out.error?.message).toMatch(/does not offer HTTP\/2/);
    expect(server.seen.versions).toEqual([]);
  });

  it('uses HTTP/1.1 for a plain http URL', async () => {
    const server = await startCompatServer('h1-plain');
    expect(await run(plan(server.origin, '/sse?n=3', 'auto'))).toEqual({ data: frames(3) });
    expect(server.seen.versions).toEqual(['1.1']);
  });
});
