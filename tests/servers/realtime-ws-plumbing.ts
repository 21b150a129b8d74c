// The plumbing both WebSocket fakes share (realtime-server.ts, websocket-json-server.ts): a
// node:http server on a real socket for the plain routes (model lists), a `ws` WebSocketServer on
// upgrade (refusing with an HTTP status and a JSON body when the fake says so, or never answering
// the upgrade at all), every session and client message
// recorded, and the client leaving a session early (a cancel message or a close) counted and queued
// for nextClientAbort(), like the HTTP fakes do.
import { STATUS_CODES, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { AbortQueue, listenTracked } from './fake-listener';
import { WebSocketServer, type WebSocket } from 'ws';

export interface WsClientAbort {
  model: string;
  tokensSent: number;
  /** What the server saw first: the protocol's cancel message, or the socket closing. */
  via: 'cancel' | 'close';
}

export interface RecordedSession {
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  /** Every client message, parsed when it is JSON (else the raw text). */
  received: unknown[];
}

/** One accepted WebSocket: what a fake's model plays on. */
export interface WsSession {
  readonly ws: WebSocket;
  readonly record: RecordedSession;
  /** Aborted when the client cancels or goes away, or the server closes. */
  readonly signal: AbortSignal;
  /** The model the answer is for (set by the fake once it knows it). */
  model: string;
  /** Text-bearing messages sent so far (reported with a client abort). */
  tokensSent: number;
  /** Sends a JSON value (or a raw string as is). */
  send(message: unknown): void;
  /** Sends one message as two WebSocket frames (a fragmented message), split at byte `at`. */
  sendSplit(text: string, at: number): void;
  /** Marks the answer complete: a close after this is not a client abort. */
  settle(): void;
  /** The client asked to stop (e.g. response.cancel): recorded as an abort. */
  cancelledByClient(): void;
  /** Sleeps `ms`; rejects once the session is over. */
  pause(ms: number): Promise<void>;
  /** Drops the TCP connection with no close frame (the client sees 1006). */
  drop(): void;
}

export interface Refusal {
  status: number;
  body: unknown;
  /** Extra response headers (Retry-After). */
  headers?: Record<string, string>;
}

/** What `refuse` may answer: an HTTP error instead of the upgrade, 'stall' (never answer it), or undefined (accept). */
export type UpgradeAnswer = Refusal | 'stall' | undefined;

export interface FakeWsSetup {
  host?: string;
  port?: number;
  name: string;
  /** Appended to the origin for `baseUrl`. */
  basePath: string;
  /** Plain HTTP requests (GET /v1/models…). */
  route(req: IncomingMessage, res: ServerResponse): void;
  /** Answers an upgrade with an HTTP error instead of accepting it, or leaves it unanswered; undefined accepts. */
  refuse?(req: IncomingMessage, url: URL): UpgradeAnswer;
  /** Runs one accepted session. */
  onSession(session: WsSession, firstMessage: (handler: (message: unknown) => void) => void): void;
}

export interface FakeWsServer {
  /** http://host:port{basePath}; the adapters turn it into ws:// themselves. */
  baseUrl: string;
  port: number;
  sessions: RecordedSession[];
  /** Plain HTTP requests, by path. */
  httpRequests: string[];
  nextClientAbort(): Promise<WsClientAbort>;
  readonly clientAborts: number;
  close(): Promise<void>;
}

export const parseMessage = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startFakeWsServer(setup: FakeWsSetup): Promise<FakeWsServer> {
  const host = setup.host ?? '127.0.0.1';
  const sessions: RecordedSession[] = [];
  const httpRequests: string[] = [];
  const live = new Set<AbortController>();
  const aborts = new AbortQueue<WsClientAbort>();
  let closing = false;
  const recordAbort = (a: WsClientAbort) => aborts.record(a);

  const server = createServer((req, res) => {
    httpRequests.push(new URL(req.url ?? '/', 'http://fake').pathname);
    setup.route(req, res);
  });
  const wss = new WebSocketServer({ noServer: true });

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const refusal = setup.refuse?.(req, url);
    if (refusal === 'stall') return; // the socket stays open; the client's handshake timeout ends it
    if (refusal) {
      const body = JSON.stringify(refusal.body);
      const extra = Object.entries(refusal.headers ?? {})
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      socket.end(
        `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? 'Refused'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}connection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, req, url));
  });

  const accept = (ws: WebSocket, req: IncomingMessage, url: URL) => {
    const record: RecordedSession = {
      path: url.pathname,
      query: url.searchParams,
      headers: Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
      ),
      received: [],
    };
    sessions.push(record);
    const controller = new AbortController();
    live.add(controller);
    let settled = false;
    let aborted = false;
    const abort = (via: WsClientAbort['via']) => {
      if (!settled && !aborted && !closing) {
        aborted = true;
        recordAbort({ model: session.model, tokensSent: session.tokensSent, via });
      }
      controller.abort();
    };
    const session: WsSession = {
      ws,
      record,
      signal: controller.signal,
      model: '',
      tokensSent: 0,
      send(message) {
        if (ws.readyState === ws.OPEN) ws.send(typeof message === 'string' ? message : JSON.stringify(message));
      },
      sendSplit(text, at) {
        const bytes = Buffer.from(text, 'utf8');
        ws.send(bytes.subarray(0, at), { binary: false, fin: false });
        ws.send(bytes.subarray(at), { binary: false, fin: true });
      },
      settle() {
        settled = true;
      },
      cancelledByClient: () => abort('cancel'),
      pause: (ms) =>
        new Promise<void>((resolve, reject) => {
          if (controller.signal.aborted) return reject(new Error('session over'));
          const onAbort = () => {
            clearTimeout(timer);
            reject(new Error('session over'));
          };
          // Removed when the pause ends, so a long answer does not pile up listeners.
          const timer = setTimeout(() => {
            controller.signal.removeEventListener('abort', onAbort);
            resolve();
          }, ms);
          controller.signal.addEventListener('abort', onAbort, { once: true });
        }),
      drop() {
        settled = true;
        ws.terminate();
      },
    };
    ws.on('close', () => {
      live.delete(controller);
      abort('close');
    });
    let handler: ((message: unknown) => void) | undefined;
    ws.on('message', (data) => {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
      const message = parseMessage(text);
      record.received.push(message);
      handler?.(message);
    });
    setup.onSession(session, (h) => (handler = h));
  };

  const listening = await listenTracked(server, host, setup.port);

  return {
    baseUrl: `${listening.origin}${setup.basePath}`,
    port: listening.port,
    sessions,
    httpRequests,
    get clientAborts() {
      return aborts.count;
    },
    nextClientAbort: () => aborts.next(),
    async close() {
      closing = true;
      for (const c of live) c.abort();
      for (const ws of wss.clients) ws.terminate();
      await listening.close();
    },
  };
}
