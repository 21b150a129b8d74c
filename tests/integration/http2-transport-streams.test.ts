// Streams on one HTTP/2 session per origin: multiplexing, the server's stream limit, per-stream
// cancellation seen as RST_STREAM CANCEL, a new session after GOAWAY, and UTF-8 split across DATA frames.
import { describe, expect, it } from 'vitest';
import { openStream } from '../../src/main/transports/open-stream';
import {
  cert,
  closeServersAfterEach,
  frames,
  limits,
  NGHTTP2_CANCEL,
  NGHTTP2_NO_ERROR,
  plan,
  run,
  startH2Server,
  utf8Text,
} from '../support/http2-servers';

closeServersAfterEach();

describe('one session per origin', () => {
  it.each([
    ['h2c', false],
    ['auto', true],
  ] as const)('multiplexes 10 concurrent streams on one %s session', async (mode, tls) => {
    const server = await startH2Server(tls);
    const outs = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        run(plan(server.origin, `/sse?n=15&delay=3&id=${i}`, mode, tls ? cert : undefined)),
      ),
    );
    for (const out of outs) expect(out).toEqual({ data: frames(15) });
    expect(server.seen.sessions).toBe(1);
    expect(server.seen.versions).toHaveLength(10);
  });

  it("a burst on a new session waits for the server's stream limit instead of being refused", async () => {
    const server = await startH2Server(false, { maxConcurrentStreams: 2 });
    const outs = await Promise.all(
      Array.from({ length: 6 }, (_, i) => run(plan(server.origin, `/sse?n=5&delay=5&id=${i}`, 'h2c'))),
    );
    for (const out of outs) expect(out).toEqual({ data: frames(5) });
    expect(server.seen.peak).toBe(2);
    expect(server.seen.sessions).toBe(1);
  });

  it('aborting one stream cancels only that stream; the others on the session finish', async () => {
    const server = await startH2Server(false);
    const stop = new AbortController();
    let stopped = false;
    const runs = ['a', 'b', 'c'].map((id) =>
      run(
        plan(server.origin, `/sse?n=30&delay=5&id=${id}`, 'h2c'),
        id === 'b' ? stop.signal : undefined,
        id === 'b'
          ? (data) => {
              if (!stopped && data === JSON.stringify({ i: 2 })) {
                stopped = true;
                stop.abort();
              }
            }
          : undefined,
      ),
    );
    const [a, b, c] = await Promise.all(runs);
    expect(b!.error).toMatchObject({ code: 'cancelled' });
    expect(b!.data.length).toBeLessThan(10);
    expect(a).toEqual({ data: frames(30) });
    expect(c).toEqual({ data: frames(30) });
    await expect.poll(() => server.seen.closed.get('b')).toEqual({ rstCode: NGHTTP2_CANCEL, complete: false });
    expect(server.seen.closed.get('a')?.rstCode).toBe(NGHTTP2_NO_ERROR);
    expect(server.seen.sessions).toBe(1);
    // The session outlived the cancelled stream: the next request still rides on it.
    expect(await run(plan(server.origin, '/sse?n=2', 'h2c'))).toEqual({ data: frames(2) });
    expect(server.seen.sessions).toBe(1);
  });

  it('a reader that stops early cancels its stream (RST_STREAM CANCEL), not the session', async () => {
    const server = await startH2Server(false);
    let read = 0;
    for await (const _frame of openStream(
      plan(server.origin, '/sse?n=50&delay=5&id=early', 'h2c'),
      new AbortController().signal,
      limits,
    )) {
      if (++read === 2) break;
    }
    await expect.poll(() => server.seen.closed.get('early')).toEqual({ rstCode: NGHTTP2_CANCEL, complete: false });
    expect(await run(plan(server.origin, '/sse?n=2', 'h2c'))).toEqual({ data: frames(2) });
    expect(server.seen.sessions).toBe(1);
  });

  it('opens a new session after the server sends GOAWAY', async () => {
    const server = await startH2Server(false);
    expect(await run(plan(server.origin, '/goaway?n=3', 'h2c'))).toEqual({ data: frames(3) });
    expect(await run(plan(server.origin, '/sse?n=3', 'h2c'))).toEqual({ data: frames(3) });
    expect(server.seen.sessions).toBe(2);
  });
});

describe('UTF-8 over HTTP/2', () => {
  it('decodes characters split across DATA frames exactly', async () => {
    const server = await startH2Server(true);
    const out = await run(plan(server.origin, '/utf8', 'h2', cert));
    expect(out.error).toBeUndefined();
    expect(out.data).toEqual([JSON.stringify({ text: utf8Text }), '[DONE]']);
  });
});
