// The web host starts tool servers that are commands only on loopback, or when told to.
import { describe, expect, it } from 'vitest';
import { isLoopback, stdioToolsAllowed } from './stdio-tools-policy';

describe('stdio tool servers in the web host', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])('are allowed on loopback (%s)', (host) => {
    expect(isLoopback(host)).toBe(true);
    expect(stdioToolsAllowed(host, false)).toBe(true);
  });

  it.each(['0.0.0.0', '192.168.1.5', '::', 'gpu-box.lan', '127.0.0.1.evil.example'])(
    'are refused on %s unless --allow-stdio-tools is given',
    (host) => {
      expect(stdioToolsAllowed(host, false)).toBe(false);
      expect(stdioToolsAllowed(host, true)).toBe(true);
    },
  );
});
