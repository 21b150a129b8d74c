// The WebSocket framing: one `ws` client session per answer. Owns the handshake (headers, trusted
// certificate, connect timeout, the HTTP error a server answers instead of upgrading), the
// messages sent once open, each received message as a frame, the idle timeout, the size limits
// (one message: ws's maxPayload; the whole answer: maxResponseBytes), reading paused while the
// consumer is behind, and closing: when the consumer stops, on abort (after the plan's cancel
// message), and on errors.
import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { ChatFailure, chatError, type ChatError } from '../../shared/chat-error';
import { transportWords } from '../../shared/words/transport-words';
import { httpError, parseRetryAfter } from './http-error';
import { networkError } from './network-error';
import { ResponseBudget, frameTooLarge } from './size-limits';
import { trustedCas } from './tls-connect';
import { requestHeaders, type TransportLimits, type WebSocketFrame, type WebSocketStreamPlan } from './types';

type Settled = { kind: 'end' } | { kind: 'fail'; error: ChatError };

/** Messages waiting for the consumer before the socket stops being read (TCP then slows the server down). */
const HIGH_WATER = 512;

/** Close codes (RFC 6455 §7.4.1, IANA registry) a server uses to say it failed rather than finished. */
function closeError(host: string, code: number, reason: string): ChatError {
  // 1011 internal error, 1012 service restart, 1013 try again later, 1014 bad gateway.
  if (code >= 1011 && code <= 1014) return chatError('server', transportWords.say('wsClosed', { host, code, reason }));
  // 1009: a message over our maxPayload; ws closes with it after its own error event.
  if (code === 1008 || code === 1003)
    return chatError('protocol', transportWords.say('wsClosed', { host, code, reason }));
  // 1006 is never sent: ws reports it when the TCP connection went without a close frame.
  return chatError('connect', transportWords.say('wsCutShort', { host, code, reason }));
}

function readBody(res: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks).toString('utf8'));
    res.on('data', (chunk: Buffer) => {
      if (size < max) chunks.push(chunk.subarray(0, max - size));
      size += chunk.length;
      if (size >= max) {
        res.destroy();
        done();
      }
    });
    res.on('end', done);
    res.on('error', done);
    res.on('close', done);
  });
}

const byteLength = (data: WebSocket.RawData): number =>
  Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;

const asText = (data: WebSocket.RawData): string => {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(new Uint8Array(data))).toString('utf8');
};

export async function* openWebSocket(
  plan: WebSocketStreamPlan,
  signal: AbortSignal,
  limits: TransportLimits,
): AsyncGenerator<WebSocketFrame> {
  const host = new URL(plan.url).host;
  if (signal.aborted) throw new ChatFailure(chatError('cancelled', transportWords.say('stopped')));

  const queue: string[] = [];
  let settled: Settled | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  /** The first ending wins: an abort, then the close it causes, report only the abort. */
  const settle = (s: Settled) => {
    if (settled) return;
    settled = s;
    clearTimeout(idle);
    notify();
  };

  const ca = trustedCas(plan.tls?.ca);
  const ws = new WebSocket(plan.url, {
    headers: requestHeaders(plan),
    // Covers TCP connect, TLS and the upgrade response, like connectTimeoutMs for HTTP.
    handshakeTimeout: limits.connectTimeoutMs,
    // ws closes with 1009 and emits WS_ERR_UNSUPPORTED_MESSAGE_LENGTH above this.
    maxPayload: limits.maxEventBytes,
    // Compression is optional for servers; skipping it keeps inflate bombs out of the picture.
    perMessageDeflate: false,
    ...(ca ? { ca } : {}),
  });

  let idle: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      const seconds = Math.round(limits.idleTimeoutMs / 1000);
      settle({
        kind: 'fail',
        error: chatError('timeout', transportWords.say('wentSilent', { host, seconds })),
      });
      ws.terminate();
    }, limits.idleTimeoutMs);
  };

  // The server answered the upgrade with a plain HTTP response (401, 404, 503…): its body has the words.
  ws.on('unexpected-response', (req, res) => {
    const status = res.statusCode ?? 0;
    const header = res.headers['retry-after'];
    const retryAfter = parseRetryAfter(Array.isArray(header) ? header[0] : header);
    void readBody(res, limits.maxErrorBodyBytes).then((body) => {
      settle({ kind: 'fail', error: httpError(status, res.statusMessage ?? '', body, retryAfter) });
      req.destroy();
    });
  });
  ws.on('open', () => {
    touch();
    for (const message of plan.send) ws.send(message);
  });
  const budget = new ResponseBudget(host, limits);
  ws.on('message', (data) => {
    if (settled) return;
    touch();
    try {
      budget.spend(byteLength(data));
    } catch (err) {
      settle({ kind: 'fail', error: (err as ChatFailure).detail });
      close();
      return;
    }
    queue.push(asText(data));
    if (queue.length >= HIGH_WATER && !ws.isPaused) {
      // Not reading is not silence: the idle timer waits until reading resumes.
      clearTimeout(idle);
      ws.pause();
    }
    notify();
  });
  // Pings are life too: some servers ping while a long prompt is processed.
  ws.on('ping', touch);
  ws.on('error', (err: Error & { code?: string }) => {
    if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
      settle({ kind: 'fail', error: frameTooLarge(host, 'a WebSocket message', limits).detail });
    } else if (/handshake has timed out/i.test(err.message)) {
      const seconds = Math.round(limits.connectTimeoutMs / 1000);
      settle({ kind: 'fail', error: chatError('timeout', transportWords.say('wsNoOpen', { host, seconds })) });
    } else {
      settle({ kind: 'fail', error: networkError(err, host, signal) });
    }
  });
  ws.on('close', (code, reason) => {
    // 1000 (normal) and 1005 (no code given) end the stream; the decoder's end() judges whether the
    // answer was complete. Anything else is a failure.
    if (code === 1000 || code === 1005) settle({ kind: 'end' });
    else settle({ kind: 'fail', error: closeError(host, code, reason.toString('utf8')) });
  });

  const onAbort = () => {
    if (ws.readyState === WebSocket.OPEN && plan.cancel !== undefined) ws.send(plan.cancel);
    settle({ kind: 'fail', error: chatError('cancelled', transportWords.say('stopped')) });
    close();
  };
  // Close frames go out after queued messages, so the server reads `cancel` first.
  const close = () => {
    if (ws.readyState === WebSocket.OPEN) ws.close(1000);
    else if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
  };
  signal.addEventListener('abort', onAbort, { once: true });

  try {
    for (;;) {
      const data = queue.shift();
      if (data !== undefined) {
        if (ws.isPaused && queue.length < HIGH_WATER / 2 && !settled) {
          ws.resume();
          touch();
        }
        yield { framing: 'websocket', data };
        continue;
      }
      if (settled) {
        if (settled.kind === 'fail') throw new ChatFailure(settled.error);
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    clearTimeout(idle);
    settled ??= { kind: 'end' };
    close();
  }
}
