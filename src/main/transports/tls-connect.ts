// TLS for both HTTP versions: which CAs to trust (the bundled roots plus the backend's own
// certificate), and a TLS connection that offers ALPN so the server says which HTTP it speaks.
import net from 'node:net';
import tls from 'node:tls';

let extraCaCache: { ca: string; list: string[] } | undefined;

/** Undefined keeps Node's defaults; a backend certificate is trusted on top of the roots, not instead of them. */
export function trustedCas(ca: string | undefined): string[] | undefined {
  if (!ca) return undefined;
  if (extraCaCache?.ca !== ca) extraCaCache = { ca, list: [...tls.rootCertificates, ca] };
  return extraCaCache.list;
}

/** A URL's host name as a socket wants it: IPv6 literals without their brackets. */
export function socketHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

export function defaultPort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/**
 * Connects and completes the TLS handshake (certificate checked), offering `alpn`. Resolves with the
 * socket; its `alpnProtocol` is what the server chose (false when it ignores ALPN).
 */
export function connectTls(
  url: URL,
  ca: string | undefined,
  alpn: string[],
  timeoutMs: number,
): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const host = socketHost(url);
    const socket = tls.connect({
      host,
      port: defaultPort(url),
      // SNI carries names only; sending an IP address there is deprecated (DEP0123).
      servername: net.isIP(host) ? '' : host,
      ALPNProtocols: alpn,
      ca: trustedCas(ca),
    });
    const timer = setTimeout(() => {
      socket.destroy(Object.assign(new Error(`connect ETIMEDOUT ${url.host}`), { code: 'ETIMEDOUT' }));
    }, timeoutMs);
    const onError = (err: Error) => {
      clearTimeout(timer);
      reject(err);
    };
    socket.once('error', onError);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    });
  });
}
