// The plumbing every fake server shares: an HTTP server on a real socket (port 0 unless told),
// every request recorded, long answers run as exchanges whose client may go away (noticed,
// counted and queued for nextClientAbort()), and close() that ends them and every open socket.
// Each fake adds only its routes and what its models put on the wire.
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { AbortQueue, listenTracked } from './fake-listener';
import { parseJson } from './http-json';
import { pause, plainWrite, type Writer } from './paced-writer';

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Header names lower-case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON body, or null when empty or not JSON. */
  body: unknown;
  rawBody: string;
  receivedAt: number;
}

export interface ClientAbort {
  model: string;
  tokensSent: number;
}

export interface FakeServer {
  /** e.g. http://127.0.0.1:PORT/v1 (OpenAI kinds) or http://127.0.0.1:PORT (Anthropic, Ollama). */
  baseUrl: string;
  port: number;
  requests: RecordedRequest[];
  /**
   * Resolves when the server sees the client close a response before the server finished it.
   * Aborts nobody has waited for yet are queued, so calling this just after the abort still works.
   */
  nextClientAbort(): Promise<ClientAbort>;
  readonly clientAborts: number;
  /** Closes the server and every open socket. */
  close(): Promise<void>;
}

export interface FakeServerOptions {
  host?: string;
  port?: number;
  /** Gap between streamed tokens (default 15 ms; fake-endless is always 50 ms). */
  tokenDelayMs?: number;
  /** When set, every request must carry the key (header names per API). */
  apiKey?: string;
}

/** One answer that takes time (a stream, or a stall), from the first byte to its end or the client's abort. */
export interface Exchange {
  readonly res: ServerResponse;
  /** Aborted when the client goes away or the server closes. */
  readonly signal: AbortSignal;
  /** Text-bearing pieces written so far (reported with a client abort). */
  tokensSent: number;
  /** Ends the response; a close after this is not a client abort. */
  end(body?: string): void;
  /** Marks the exchange over without a clean end (an error answer, or just before dropping the socket on purpose). */
  settle(): void;
  /** Sleeps `ms`; rejects once the client has gone. */
  pause(ms: number): Promise<void>;
  /** Writes `text` with `writer` (whole by default). */
  write(text: string, writer?: Writer): Promise<void>;
  /** Writes `partial` (part of a frame or a body), then drops the connection: no terminating chunk. */
  drop(partial: string | Buffer): Promise<void>;
  /** Sends the 200 and its headers now, before any byte of the body (a stall sends nothing more). */
  sendHeaders(headers: OutgoingHttpHeaders): void;
}

/** Starts an exchange for `model`; `extra` is merged into it (the parsed request, delays…) before `play` runs. */
export type StartExchange = <X extends object>(
  model: string,
  extra: X,
  play: (ex: Exchange & X) => Promise<void>,
) => void;

/** Answers one recorded request: directly (sendJson…) or through `start`. */
export type Route = (req: RecordedRequest, res: ServerResponse, start: StartExchange) => void;

export interface FakeHttpServerSetup {
  host?: string;
  port?: number;
  /** Appended to the origin to make `baseUrl` ('' or '/v1'). */
  basePath: string;
  /** Names the fake in the log line of an exchange that fails. */
  name: string;
  route: Route;
}

export async function startFakeHttpServer(setup: FakeHttpServerSetup): Promise<FakeServer> {
  const host = setup.host ?? '127.0.0.1';
  const requests: RecordedRequest[] = [];
  const live = new Set<AbortController>();
  const aborts = new AbortQueue<ClientAbort>();
  let closing = false;
  const recordAbort = (abort: ClientAbort): void => aborts.record(abort);

  const startExchange =
    (res: ServerResponse): StartExchange =>
    (model, extra, play) => {
      const controller = new AbortController();
      const { signal } = controller;
      live.add(controller);
      let settled = false;
      const base: Exchange = {
        res,
        signal,
        tokensSent: 0,
        end(body) {
          settled = true;
          if (body === undefined) res.end();
          else res.end(body);
        },
        settle() {
          settled = true;
        },
        pause: (ms) => pause(ms, signal),
        write: (text, writer = plainWrite) => writer(res, text, signal),
        sendHeaders(headers) {
          res.writeHead(200, headers);
          res.flushHeaders();
        },
        async drop(partial) {
          await new Promise<void>((resolve) => res.write(partial, () => resolve()));
          settled = true;
          res.socket?.destroy();
        },
      };
      const ex = Object.assign(base, extra);
      // 'close' fires on every response; only before we ended it does it mean the client went away.
      res.on('close', () => {
        live.delete(controller);
        controller.abort();
        if (!settled && !closing) recordAbort({ model, tokensSent: ex.tokensSent });
      });
      play(ex).catch((err: unknown) => {
        if (signal.aborted) return; // the pacing timers reject once the client has gone
        console.error(`${setup.name}: ${model} failed`, err);
        settled = true;
        res.destroy();
      });
    };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: new URL(req.url ?? '/', 'http://fake').pathname,
        headers: flattenHeaders(req),
        body: parseJson(rawBody),
        rawBody,
        receivedAt: Date.now(),
      };
      requests.push(recorded);
      setup.route(recorded, res, startExchange(res));
    });
  });
  const listening = await listenTracked(server, host, setup.port);

  return {
    baseUrl: `${listening.origin}${setup.basePath}`,
    port: listening.port,
    requests,
    get clientAborts() {
      return aborts.count;
    },
    nextClientAbort: () => aborts.next(),
    async close() {
      closing = true;
      for (const controller of live) controller.abort();
      await listening.close();
    },
  };
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
