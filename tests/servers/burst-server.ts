// An OpenAI-compatible server that streams one long answer as fast as the socket takes it: many
// small chunks with no pauses, so the whole answer can reach the app within a frame or two. The
// whole-app streaming benchmark and the burst end-to-end test use it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatChunk, wallNow } from './chat-chunks';

export interface BurstServer {
  server: Server;
  /** The OpenAI base URL (…/v1). */
  baseUrl: string;
  /** When the last answer's last byte was written (wall clock), and how long its stream took. */
  last: { endedAt: number; ms: number };
  close(): Promise<void>;
}

/** Streams `text` in `chunkSize` pieces from a model named `model`, yielding between a few writes. */
export function startBurstServer(text: string, chunkSize: number, model = 'burst'): Promise<BurstServer> {
  const server = createServer((req, res) => {
    if (req.url?.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: model, object: 'model', owned_by: 'test' }] }));
      return;
    }
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const started = wallNow();
      let at = 0;
      const pump = (): void => {
        // A few chunks per turn of the event loop: fast, but still a stream of many small frames.
        for (let i = 0; i < 8 && at < text.length; i++, at += chunkSize)
          res.write(chatChunk(model, text.slice(at, at + chunkSize)));
        if (at < text.length) {
          setImmediate(pump);
          return;
        }
        res.end(`${chatChunk(model, null, 'stop')}data: [DONE]\n\n`, () => {
          burst.last = { endedAt: wallNow(), ms: wallNow() - started };
        });
      };
      pump();
    });
  });
  const burst: BurstServer = {
    server,
    baseUrl: '',
    last: { endedAt: 0, ms: 0 },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      burst.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
      resolve(burst);
    }),
  );
}
