// What every fake server does the same way whatever it speaks: listen on loopback (port 0 by
// default) while tracking its sockets so close() can cut them, and queue the client aborts it
// saw so a test can wait for the next one even if it already happened.
import type { AddressInfo, Server, Socket } from 'node:net';

export class AbortQueue<A> {
  private readonly unclaimed: A[] = [];
  private readonly waiters: ((abort: A) => void)[] = [];
  count = 0;

  record(abort: A): void {
    this.count++;
    const waiter = this.waiters.shift();
    if (waiter) waiter(abort);
    else this.unclaimed.push(abort);
  }

  next(): Promise<A> {
    const abort = this.unclaimed.shift();
    return abort ? Promise.resolve(abort) : new Promise((resolve) => this.waiters.push(resolve));
  }
}

export interface Listening {
  port: number;
  /** http://host:port (https:// for a TLS server), with an IPv6 host bracketed. */
  origin: string;
  /** The TCP connection a peer is on, found by its remote port (to drop it mid-frame). */
  socketFrom(remotePort: number | undefined): Socket | undefined;
  /** Destroys every open socket and waits until the server has closed. */
  close(): Promise<void>;
}

/** Listens on `host:port` (an http, https or http2 server: any net.Server), tracking every socket. */
export async function listenTracked(server: Server, host: string, port = 0, scheme = 'http'): Promise<Listening> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    socket.setNoDelay(true); // every write its own segment, so split frames reach the client split
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    origin: `${scheme}://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    socketFrom: (remotePort) => [...sockets].find((s) => s.remotePort === remotePort),
    close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      return closed;
    },
  };
}
