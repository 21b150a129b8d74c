// Which custom headers a backend may send: HTTP tokens as names, values that cannot end the line,
// and none of the headers the connection itself owns.
import { describe, expect, it } from 'vitest';
import { describeHeaderProblem, headerListProblem, headerNameProblem, headerValueProblem } from './custom-headers';

describe('custom headers', () => {
  it('takes ordinary names, including every token character', () => {
    for (const name of ['Authorization', 'X-Api-Key', 'cf-access-client-id', "x!#$%&'*+-.^_`|~9"]) {
      expect(headerNameProblem(name)).toBeNull();
    }
  });

  it('refuses names that are not HTTP tokens', () => {
    for (const name of ['X Api', 'X-Key:', 'Ключ', 'a\r\nHost', '(x)', 'x/y', ':authority', 'a"b']) {
      expect(headerNameProblem(name)).toEqual({ kind: 'bad-name', name });
    }
    expect(headerNameProblem('')).toEqual({ kind: 'empty-name' });
    expect(headerNameProblem('x'.repeat(300))?.kind).toBe('too-long');
  });

  it('refuses hop-by-hop, framing and handshake headers in any case', () => {
    for (const name of [
      'Host',
      'content-length',
      'Transfer-Encoding',
      'CONNECTION',
      'Keep-Alive',
      'Upgrade',
      'TE',
      'Trailer',
      'Proxy-Connection',
      'Sec-WebSocket-Key',
      'grpc-timeout',
    ]) {
      expect(headerNameProblem(name)).toEqual({ kind: 'reserved', name });
    }
  });

  it('refuses values with CR, LF, NUL or other controls, and takes tabs and non-ASCII', () => {
    expect(headerValueProblem('X', 'Bearer abc\r\nHost: evil')).toEqual({ kind: 'bad-value', name: 'X' });
    expect(headerValueProblem('X', 'a\nb')).toEqual({ kind: 'bad-value', name: 'X' });
    expect(headerValueProblem('X', 'a\0b')).toEqual({ kind: 'bad-value', name: 'X' });
    expect(headerValueProblem('X', 'a\x7fb')).toEqual({ kind: 'bad-value', name: 'X' });
    expect(headerValueProblem('X', 'a\tb é')).toBeNull();
    expect(headerValueProblem('X', '')).toBeNull();
    expect(headerValueProblem('X', 'v'.repeat(9000))?.kind).toBe('too-long');
  });

  it('checks a whole list: duplicates compared case-insensitively, kept values not checked', () => {
    expect(headerListProblem([{ name: 'X-A', value: '1' }, { name: 'X-B' }])).toBeNull();
    expect(
      headerListProblem([
        { name: 'X-A', value: '1' },
        { name: 'x-a', value: '2' },
      ]),
    ).toEqual({
      kind: 'duplicate',
      name: 'x-a',
    });
    expect(headerListProblem([{ name: 'Host', value: 'h' }])?.kind).toBe('reserved');
    expect(headerListProblem(Array.from({ length: 51 }, (_, i) => ({ name: `x-${i}`, value: '' })))).toEqual({
      kind: 'too-many',
    });
  });

  it('says what is wrong in words', () => {
    expect(describeHeaderProblem({ kind: 'reserved', name: 'Host' })).toMatch(/Host.*set by the connection/);
    expect(describeHeaderProblem({ kind: 'bad-value', name: 'X' })).toMatch(/line break/);
  });
});
