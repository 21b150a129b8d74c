// Runnel's MCP client against the MCP project's own server-everything, over stdio, Streamable HTTP
// and (as the fallback) HTTP+SSE: the handshake, the tool list with titles and annotations, calls
// with text, image and resource results, the time limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpCallError, McpConnection } from '../../src/main/tools/mcp';
import {
  everythingStdio,
  type HttpServer,
  httpConfig,
  isAlive,
  startEverythingHttp,
  waitFor,
  startLimitMs,
  stopEverythingHttp,
} from './mcp-support';

describe('server-everything over stdio', () => {
  let connection: McpConnection;
  beforeAll(async () => {
    connection = await McpConnection.open(everythingStdio());
  }, startLimitMs);
  afterAll(() => connection?.close());

  it('negotiates the newest protocol version and lists tools with their titles and annotations', () => {
    expect(connection.transportKind).toBe('stdio');
    expect(connection.protocolVersion).toBe('2025-11-25');
    expect(connection.serverInfo?.name).toBeTruthy();
    const echo = connection.tools().find((t) => t.name === 'echo');
    expect(echo).toMatchObject({
      title: 'Echo Tool',
      description: 'Echoes back the input string',
      inputSchema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    });
    expect(connection.tools().map((t) => t.name)).toEqual(
      expect.arrayContaining(['get-sum', 'get-tiny-image', 'get-resource-reference', 'trigger-long-running-operation']),
    );
  });

  it('calls tools: text, an image as base64 with its type, an embedded resource as text', async () => {
    expect(await connection.callTool('echo', { message: 'hi' })).toEqual({
      content: [{ type: 'text', text: 'Echo: hi' }],
      isError: false,
      truncated: false,
    });
    const image = await connection.callTool('get-tiny-image', {});
    expect(image.content).toContainEqual({
      type: 'image',
      data: expect.stringMatching(/^iVBOR/),
      mimeType: 'image/png',
    });
    const resource = await connection.callTool('get-resource-reference', { resourceType: 'Text', resourceId: 1 });
    expect(resource.content).toContainEqual({
      type: 'text',
      text: expect.stringMatching(/^\[Resource demo:\/\/resource\/dynamic\/text\/1 \(text\/plain\)\]\n/),
    });
  });

  it('reports bad arguments as an error result, and caps text at the given size', async () => {
    const refused = await connection.callTool('echo', { message: 5 });
    expect(refused.isError).toBe(true);
    const capped = await connection.callTool('echo', { message: 'x'.repeat(500) }, { maxTextBytes: 100 });
    expect(capped.truncated).toBe(true);
    expect(capped.content[0]).toEqual({ type: 'text', text: `Echo: ${'x'.repeat(94)}` });
  });

  it('gives up on a call at its time limit', async () => {
    const started = Date.now();
    const error = await connection
      .callTool('trigger-long-running-operation', { duration: 5, steps: 5 }, { timeoutMs: 300 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpCallError);
    expect(error).toMatchObject({ kind: 'timeout', message: 'No answer within 0.3 s; the call was cancelled.' });
    expect(Date.now() - started).toBeLessThan(2_000);
    // The connection goes on.
    expect((await connection.callTool('get-sum', { a: 2, b: 3 })).content[0]).toMatchObject({
      text: expect.stringMatching(/5/),
    });
  });

  it('closes with its process gone', async () => {
    const other = await McpConnection.open(everythingStdio());
    const pid = other.pid;
    expect(isAlive(pid)).toBe(true);
    await other.close();
    expect(isAlive(pid)).toBe(false);
  });
});

describe('server-everything over HTTP', () => {
  let streamable: HttpServer;
  let sse: HttpServer;
  beforeAll(async () => {
    [streamable, sse] = await Promise.all([startEverythingHttp('streamableHttp'), startEverythingHttp('sse')]);
  }, startLimitMs);
  afterAll(stopEverythingHttp);

  it('connects with Streamable HTTP and calls a tool', async () => {
    const connection = await McpConnection.open(httpConfig('everything-http', streamable.url));
    try {
      expect(connection.transportKind).toBe('streamable-http');
      expect(connection.protocolVersion).toBe('2025-11-25');
      expect(connection.pid).toBeNull();
      expect(connection.tools().some((t) => t.name === 'echo')).toBe(true);
      expect((await connection.callTool('echo', { message: 'over http' })).content).toEqual([
        { type: 'text', text: 'Echo: over http' },
      ]);
    } finally {
      await connection.close();
    }
  });

  it('falls back to HTTP+SSE when the URL answers the old way', async () => {
    const connection = await McpConnection.open(httpConfig('everything-sse', sse.url));
    try {
      expect(connection.transportKind).toBe('sse');
      expect((await connection.callTool('echo', { message: 'over sse' })).content).toEqual([
        { type: 'text', text: 'Echo: over sse' },
      ]);
    } finally {
      await connection.close();
    }
  });

  it('tells its owner when the server goes away, at the next call', async () => {
    const own = await startEverythingHttp('streamableHttp');
    const closed: string[] = [];
    const connection = await McpConnection.open(httpConfig('going', own.url), { onClosed: (r) => closed.push(r.text) });
    await own.stop();
    await expect(connection.callTool('echo', { message: 'anyone?' })).rejects.toMatchObject({ kind: 'disconnected' });
    await waitFor(() => closed.length === 1 || undefined);
    expect(closed[0]).toMatch(/^The connection was lost: /);
    await connection.close();
  });

  it('says clearly when nothing answers', async () => {
    const error = await McpConnection.open(httpConfig('nobody', 'http://127.0.0.1:9/mcp'), {
      connectTimeoutMs: 3_000,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/ECONNREFUSED|fetch failed|connect/i);
    expect((error as Error).message).not.toContain('secret-value');
  });
});
