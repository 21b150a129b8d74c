// The response both HTTP/1.1 and HTTP/2 hand to the framings: status, headers, a byte stream, and a
// way to stop it. Reading code never learns which protocol carried the bytes.
import type { IncomingMessage } from 'node:http';

export interface HttpResponse {
  status: number;
  /** The reason phrase on HTTP/1.1; HTTP/2 has none, so the standard one for the status. */
  statusText: string;
  httpVersion: '1.1' | '2.0';
  /** Lower-case names, pseudo-headers left out. */
  headers: Record<string, string | string[] | undefined>;
  /** Ends cleanly only when the server finished the body; a cut connection throws. */
  body: AsyncIterable<Buffer>;
  /** Stops the response (HTTP/1.1: closes the socket; HTTP/2: resets only this stream). With an error, `body` throws it. */
  destroy(err?: Error): void;
}

export function fromIncomingMessage(res: IncomingMessage): HttpResponse {
  return {
    status: res.statusCode ?? 0,
    statusText: res.statusMessage ?? '',
    httpVersion: res.httpVersion === '2.0' ? '2.0' : '1.1',
    headers: res.headers,
    body: res as AsyncIterable<Buffer>,
    destroy: (err) => {
      res.destroy(err);
    },
  };
}

export function headerValue(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
