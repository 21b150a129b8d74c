// The local web host's boundary: loopback by default, token required, foreign Origins and Host
// names refused, no file served outside the static folder, requests routed to the core.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../src/main/web-host/web-host';
import { createHarness, type Harness } from '../support/core-harness';

let h: Harness;
let host: WebHost;
let root: string;
const token = 'test-token-0123456789';

beforeAll(async () => {
  h = await createHarness();
  root = mkdtempSync(join(tmpdir(), 'runnel-static-'));
  mkdirSync(join(root, 'public'));
  writeFileSync(join(root, 'public', 'index.html'), '<!doctype html><title>Runnel</title>');
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  // A link inside the static folder to a file outside it, as a careless build step might leave.
  symlinkSync(join(root, 'secret.txt'), join(root, 'public', 'linked.txt'));
  mkdirSync(join(root, 'public', 'assets'));
  host = await startWebHost({ core: h.core, staticDir: join(root, 'public'), port: 0, token });
});
afterAll(async () => {
  await host.close();
  await h.dispose();
  rmSync(root, { recursive: true, force: true });
});

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends one request exactly as written (request-target included), returns the status line's code. */
function raw(target: string, hostHeader = `127.0.0.1:${host.port}`): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(host.port, '127.0.0.1', () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`);
    });
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text }));
    socket.on('error', reject);
  });
}

/** Whether a TCP connection to `address` on the host's port is accepted. */
function reachable(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host: address, port: host.port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function connect(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('local web host', () => {
  it('binds to loopback by default and prints a URL with the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.openUrl).toBe(`${host.url}/?token=${token}`);
  });

  it('serves the renderer with the CSP and hardening headers', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Runnel</title>');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/.hidden', '/nope.js'])(
    'serves nothing outside the static folder: %s',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('do not serve');
    },
  );

  it('refuses a Host name it does not answer to (DNS rebinding)', async () => {
    expect((await get('/', { host: `evil.example:${host.port}` })).status).toBe(421);
  });

  it('refuses a socket without the token, with a wrong token, or from a foreign Origin', async () => {
    await expect(connect('')).rejects.toThrow('HTTP 401');
    await expect(connect('?token=wrong')).rejects.toThrow('HTTP 401');
    await expect(connect(`?token=${token}`, { origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('answers requests from its own origin with the token, and validates them', async () => {
    const ws = await connect(`?token=${token}`, { origin: host.url });
    const replies: unknown[] = [];
    ws.on('message', (d) => replies.push(JSON.parse(d.toString())));
    ws.send(JSON.stringify({ type: 'request', id: 1, channel: 'backends:list', input: {} }));
    ws.send(JSON.stringify({ type: 'request', id: 2, channel: 'conversations:get', input: { id: 5 } }));
    await expect.poll(() => replies.length).toBe(2);
    expect(replies).toContainEqual({ type: 'response', id: 1, result: { ok: true, value: [] } });
    expect(replies).toContainEqual(expect.objectContaining({ id: 2, result: expect.objectContaining({ ok: false }) }));
    ws.close();
  });

  it('closes a socket that sends something that is not a request', async () => {
    const ws = await connect(`?token=${token}`);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('{"__proto__": {"polluted": true}}');
    expect(await closed).toBe(1003);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('is not reachable on any other interface of this machine', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    expect(await reachable('127.0.0.1')).toBe(true);
    for (const address of external) expect(await reachable(address), address).toBe(false);
  });

  it.each([
    '../secret.txt',
    '/../../secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/%252e%252e%252fsecret.txt',
    '/assets/../../secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '//secret.txt',
    '/index.html%00.txt',
    '/linked.txt',
    '/assets',
    '/assets/',
  ])('serves nothing outside the static folder, nor through a link out of it, nor a folder: %s', async (target) => {
    const res = await raw(target);
    expect(res.text).not.toContain('do not serve');
    // `//secret.txt` is a URL with host "secret.txt" and path "/": the app's own page, which is fine.
    if (res.status === 200) expect(res.text).toContain('<title>Runnel</title>');
    else expect([400, 404]).toContain(res.status);
  });

  it('answers only GET and HEAD', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/', method: 'POST' }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('x');
    });
    expect(res).toBe(405);
  });

  it('refuses a socket from a page on another port, a sandboxed page (Origin null) or a foreign Host', async () => {
    const query = `?token=${token}`;
    await expect(connect(query, { origin: `http://127.0.0.1:${host.port + 1}` })).rejects.toThrow('HTTP 403');
    await expect(connect(query, { origin: 'null' })).rejects.toThrow('HTTP 403');
    await expect(connect(query, { origin: `http://127.0.0.1:${host.port}.evil.example` })).rejects.toThrow('HTTP 403');
    await expect(connect(query, { host: `evil.example:${host.port}` })).rejects.toThrow('HTTP 421');
    await expect(connect(`?token=${token.toUpperCase()}`)).rejects.toThrow('HTTP 401');
    await expect(connect(`?token=${token}x`)).rejects.toThrow('HTTP 401');
  });
});
