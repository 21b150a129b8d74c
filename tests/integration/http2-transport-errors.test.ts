// Failures over HTTP/2 as the transport reports them: server errors, streams reset or connections
// dropped mid-answer, silence, the answer size limit, a mute server, h2c to HTTP/1.1, nothing listening.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { refusedOrigin } from '../support/refused-port';
import {
  cert,
  closeServersAfterEach,
  frames,
  limits,
  listen,
  newSeen,
  NGHTTP2_CANCEL,
  plan,
  run,
  startCompatServer,
  startH2Server,
} from '../support/http2-servers';

closeServersAfterEach();

describe('errors over HTTP/2', () => {
  it("an HTTP 500 with a JSON body gives the server's message", async () => {
    const server = await startH2Server(true);
    const out = await run(plan(server.origin, '/error', 'h2', cert));
    expect(out.error).toMatchObject({
      code: 'server',
      status: 500,
      message: 'CUDA out of memory while loading the model',
    });
  });

  it('keeps Retry-After from a 503', async () => {
    const server = await startH2Server(false);
    const out = await run(plan(server.origin, '/busy', 'h2c'));
    expect(out.error).toMatchObject({ code: 'server', status: 503, message: 'Loading model', retryAfterMs: 7_000 });
  });

  it('a stream reset by the server mid-answer is an error, not a short answer', async () => {
    const server = await startH2Server(false);
    const out = await run(plan(server.origin, '/reset?n=10', 'h2c'));
    expect(out.error).toMatchObject({ code: 'connect', message: expect.stringMatching(/reset the HTTP\/2 stream/) });
    expect(out.data.length).toBeLessThan(10);
  });

  it('a connection dropped mid-answer is an error, not a short answer', async () => {
    const server = await startH2Server(false);
    const out = await run(plan(server.origin, '/drop?n=10', 'h2c'));
    expect(out.error).toMatchObject({
      code: 'connect',
      message: expect.stringMatching(/before the answer was complete/),
    });
    expect(out.data.length).toBeLessThan(10);
  });

  it('a server that goes silent mid-answer times out and sees its stream cancelled', async () => {
    const server = await startH2Server(false);
    const out = await run(plan(server.origin, '/silent?n=10&id=s', 'h2c'), undefined, undefined, {
      ...limits,
      idleTimeoutMs: 300,
    });
    expect(out.error).toMatchObject({ code: 'timeout', message: expect.stringMatching(/went silent/) });
    expect(out.data).toHaveLength(2);
    await expect.poll(() => server.seen.closed.get('s')?.rstCode).toBe(NGHTTP2_CANCEL);
  });

  it('an answer over maxResponseBytes is stopped by resetting its stream only, its frames so far kept', async () => {
    const server = await startH2Server(false);
    const out = await run(plan(server.origin, '/sse?n=200&id=big', 'h2c'), undefined, undefined, {
      ...limits,
      maxResponseBytes: 256,
    });
    expect(out.error).toMatchObject({ code: 'protocol', retryable: false });
    expect(out.error?.message).toContain('more than the limit of 256 bytes for one answer');
    expect(out.data.length).toBeGreaterThan(0);
    expect(out.data).toEqual(frames(out.data.length).slice(0, -1)); // no [DONE]: it was cut
    await expect.poll(() => server.seen.closed.get('big')).toEqual({ rstCode: NGHTTP2_CANCEL, complete: false });
    expect(await run(plan(server.origin, '/sse?n=2', 'h2c'))).toEqual({ data: frames(2) });
    expect(server.seen.sessions).toBe(1);
  });

  it('a server that accepts the connection but never speaks HTTP/2 hits the connect timeout', async () => {
    const mute = net.createServer(() => undefined);
    const sockets = new Set<net.Socket>();
    mute.on('connection', (s) => sockets.add(s));
    const server = await listen(mute, 'http', newSeen(), () => sockets.forEach((s) => s.destroy()));
    const out = await run(plan(server.origin, '/sse', 'h2c'), undefined, undefined, {
      ...limits,
      connectTimeoutMs: 300,
    });
    expect(out.error).toMatchObject({ code: 'timeout' });
  });

  it('h2c to a server that only speaks HTTP/1.1 says to change the HTTP version', async () => {
    const server = await startCompatServer('h1-plain');
    const out = await run(plan(server.origin, '/sse', 'h2c'));
    expect(out.error).toMatchObject({ code: 'protocol', message: expect.stringMatching(/HTTP version to HTTP\/1\.1/) });
  });

  it('nothing listening is a connect error', async () => {
    const out = await run(plan(refusedOrigin, '/sse', 'h2c'));
    expect(out.error).toMatchObject({ code: 'connect', message: expect.stringMatching(/connection refused/) });
  });
});
