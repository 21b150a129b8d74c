// "Can we reach this backend?" for the composer's offline notice: a TCP connection to the base
// URL's host and port, nothing more. It needs no credentials and speaks no protocol, so it answers
// the same for every kind (HTTP, WebSocket, gRPC), and what can go wrong past it (a 401, a model
// that fails to load) is reported by the request itself, in the server's words.
import { connect } from 'node:net';
import type { BackendReachability } from '../../shared/domain';

const defaultPorts: Record<string, number> = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 };

type Unreachable = Extract<BackendReachability, { reachable: false }>;

function reasonOf(err: unknown): Unreachable['reason'] {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return 'dns';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
      return 'unreachable';
    case 'ETIMEDOUT':
      return 'timeout';
    default:
      return 'other';
  }
}

/** Opens and at once closes a TCP connection to the URL's host and port, within `timeoutMs`. */
export function checkReachability(baseUrl: string, timeoutMs: number): Promise<BackendReachability> {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return Promise.resolve({ reachable: false, reason: 'other', detail: `Not a URL: ${baseUrl}` });
  }
  const port = url.port ? Number(url.port) : (defaultPorts[url.protocol] ?? 80);
  // URL keeps IPv6 literals bracketed; net.connect wants them bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (result: BackendReachability): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        finish({ reachable: false, reason: 'timeout', detail: `no answer within ${Math.round(timeoutMs / 1000)} s` }),
      timeoutMs,
    );
    socket.once('connect', () => finish({ reachable: true }));
    socket.once('error', (err) => finish({ reachable: false, reason: reasonOf(err), detail: err.message }));
  });
}
