// Custom HTTP headers a backend sends with every request (a gateway's token, a routing key): which
// names and values are acceptable, checked the same way by the settings form and by main.
// Names are HTTP tokens (RFC 9110 §5.6.2); values may not break the header block (no CR, LF, NUL).
import type { Spoken } from './words/define-words';
import { headerWords } from './words/header-words';

/** One header as the settings form sends it; a missing value keeps the one stored under that name. */
export interface HeaderDraft {
  name: string;
  value?: string;
}

export const maxCustomHeaders = 50;
export const maxHeaderNameLength = 256;
export const maxHeaderValueLength = 8192;

const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Controls other than horizontal tab end or corrupt the header line on the wire. */
function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

/**
 * Headers the connection itself owns: framing and hop-by-hop headers (RFC 9110 §7.6.1), the
 * WebSocket handshake's own, and names browsers also refuse to let a page set. Setting them would
 * break the request or smuggle a second one.
 */
const reserved = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'proxy-connection',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'http2-settings',
]);
const reservedPrefixes = ['sec-websocket-', 'grpc-'];

export type HeaderProblem =
  | { kind: 'empty-name' }
  | { kind: 'bad-name'; name: string }
  | { kind: 'reserved'; name: string }
  | { kind: 'bad-value'; name: string }
  | { kind: 'too-long'; name: string }
  | { kind: 'duplicate'; name: string }
  | { kind: 'too-many' };

/** Why a header name cannot be used, or null when it can. */
export function headerNameProblem(name: string): HeaderProblem | null {
  if (name === '') return { kind: 'empty-name' };
  if (name.length > maxHeaderNameLength) return { kind: 'too-long', name: name.slice(0, 40) };
  if (!token.test(name)) return { kind: 'bad-name', name };
  const lower = name.toLowerCase();
  if (reserved.has(lower) || reservedPrefixes.some((p) => lower.startsWith(p))) return { kind: 'reserved', name };
  return null;
}

export function headerValueProblem(name: string, value: string): HeaderProblem | null {
  if (value.length > maxHeaderValueLength) return { kind: 'too-long', name };
  if (hasControl(value)) return { kind: 'bad-value', name };
  return null;
}

/** The first problem of a whole list (names compared case-insensitively, as HTTP does). */
export function headerListProblem(headers: readonly HeaderDraft[]): HeaderProblem | null {
  if (headers.length > maxCustomHeaders) return { kind: 'too-many' };
  const seen = new Set<string>();
  for (const h of headers) {
    const problem = headerNameProblem(h.name) ?? (h.value === undefined ? null : headerValueProblem(h.name, h.value));
    if (problem) return problem;
    const lower = h.name.toLowerCase();
    if (seen.has(lower)) return { kind: 'duplicate', name: h.name };
    seen.add(lower);
  }
  return null;
}

/** What main says about the problem: the English for `message`, the key for the renderer. */
export function headerProblemWords(p: HeaderProblem): Spoken {
  switch (p.kind) {
    case 'empty-name':
      return headerWords.say('emptyName');
    case 'bad-name':
      return headerWords.say('badName', { name: p.name });
    case 'reserved':
      return headerWords.say('reserved', { name: p.name });
    case 'bad-value':
      return headerWords.say('badValue', { name: p.name });
    case 'too-long':
      return headerWords.say('tooLong', { name: p.name });
    case 'duplicate':
      return headerWords.say('duplicate', { name: p.name });
    case 'too-many':
      return headerWords.say('tooMany', { max: maxCustomHeaders });
  }
}

/** In English, for main's errors; the renderer words them in the user's language. */
export function describeHeaderProblem(p: HeaderProblem): string {
  return headerProblemWords(p).text;
}
