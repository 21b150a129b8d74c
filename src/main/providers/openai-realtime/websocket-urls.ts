// Base URLs for the WebSocket kinds: users paste http(s) or ws(s) URLs alike, the handshake wants
// ws(s) (RFC 6455 §3), and the model list is plain HTTP on the same host.

/** http: → ws:, https: → wss:; ws(s) stays as it is. */
export function toWebSocketUrl(url: string): string {
  return url.replace(/^http(s?):\/\//i, (_, s: string) => `ws${s}://`);
}

/** ws: → http:, wss: → https:; http(s) stays as it is. */
export function toHttpUrl(url: string): string {
  return url.replace(/^ws(s?):\/\//i, (_, s: string) => `http${s}://`);
}
