// The local web host: the same core behind a WebSocket (`/api`) and the same renderer as static
// files, for machines with no desktop and for end-to-end tests in a real browser. It binds to
// loopback unless told otherwise, answers only to its own Host names, requires the random token
// on the socket, and refuses foreign Origins.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { contentSecurityPolicy } from '../../shared/csp';
import type { WebServerMessage } from '../../shared/ipc/contract';
import type { Core } from '../core/create-core';
import { parseClientMessage } from './client-message';
import { serveStatic } from './static-files';

export interface WebHostOptions {
  core: Core;
  staticDir: string;
  host?: string;
  port?: number;
  token?: string;
}

export interface WebHost {
  url: string;
  /** The URL to open, token included. */
  openUrl: string;
  port: number;
  close(): Promise<void>;
}

const securityHeaders: Record<string, string> = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function reject(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const bindHost = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server: Server = createServer();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 8 * 1024 * 1024 });
  let port = 0;

  // Names this host answers to; anything else is a DNS-rebinding attempt or a mistake.
  const hostNames = () => {
    const names = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
    names.add(bindHost.includes(':') ? `[${bindHost}]:${port}` : `${bindHost}:${port}`);
    return names;
  };
  const allowedHost = (req: IncomingMessage) => hostNames().has((req.headers.host ?? '').toLowerCase());
  const allowedOrigin = (req: IncomingMessage) => {
    const origin = req.headers.origin;
    if (origin === undefined) return true; // not a browser: the token alone decides
    for (const name of hostNames()) if (origin === `http://${name}`) return true;
    return false;
  };

  server.on('request', (req, res) => {
    if (!allowedHost(req)) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request');
      return;
    }
    serveStatic(options.staticDir, req, res, securityHeaders).catch(() => {
      if (!res.headersSent) res.writeHead(500, securityHeaders);
      res.end();
    });
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/api') return reject(socket, 404, 'Not Found');
    if (!allowedHost(req)) return reject(socket, 421, 'Misdirected Request');
    if (!allowedOrigin(req)) return reject(socket, 403, 'Forbidden');
    if (!sameSecret(url.searchParams.get('token') ?? '', token)) return reject(socket, 401, 'Unauthorized');
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });

  const send = (ws: WebSocket, message: WebServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };

  sockets.on('connection', (ws: WebSocket) => {
    // A frame past maxPayload, invalid UTF-8 or a bad opcode: ws closes the socket (1009, 1007,
    // 1002) and reports it here; unheard, that report would be thrown and end the whole host.
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      const message = isBinary ? null : parseClientMessage(data.toString());
      if (!message) {
        ws.close(1003, 'Malformed message');
        return;
      }
      void options.core
        .invoke(message.channel, message.input)
        .then((result) => send(ws, { type: 'response', id: message.id, result }));
    });
  });

  const unsubscribe = options.core.subscribe((channel, payload) => {
    const text = JSON.stringify({ type: 'event', channel, payload } satisfies WebServerMessage);
    for (const ws of sockets.clients) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, bindHost, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = bindHost.includes(':') ? `[${bindHost}]` : bindHost === '0.0.0.0' ? '127.0.0.1' : bindHost;
  const url = `http://${shownHost}:${port}`;

  return {
    url,
    openUrl: `${url}/?token=${token}`,
    port,
    async close() {
      unsubscribe();
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
