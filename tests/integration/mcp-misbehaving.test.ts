// Runnel's MCP client against a server that misbehaves on request (tests/servers/mcp-test-server.ts):
// a paged tool list that changes, a call that never answers (time limit and Stop, both sending
// notifications/cancelled), too much text, a crash before the handshake, a command that is not there.
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpCallError, McpConnectError, McpConnection, type McpTool } from '../../src/main/tools/mcp';
import { sayIn } from '../../src/shared/words/all-words';
import { stdioConfig, testServer, testServerScript, waitFor, startLimitMs } from './mcp-support';

describe('a server that misbehaves', () => {
  let connection: McpConnection;
  const changes: (readonly McpTool[])[] = [];
  beforeAll(async () => {
    connection = await McpConnection.open(testServer(), { onToolsChanged: (tools) => changes.push(tools) });
  }, startLimitMs);
  afterAll(() => connection?.close());

  const cancellations = async () => {
    const result = await connection.callTool('cancellations', {});
    return JSON.parse(result.content[0]?.type === 'text' ? result.content[0].text : '[]') as string[];
  };

  it('reads every page of the tool list, and reads it again when the server says it changed', async () => {
    expect(connection.tools().map((t) => t.name)).toEqual(['crash', 'never', 'cancellations', 'big', 'add-tool']);
    expect(connection.tools()[4]?.annotations).toEqual({ destructiveHint: false });
    await connection.callTool('add-tool', {});
    const latest = await waitFor(() => changes.at(-1));
    expect(latest.map((t) => t.name)).toEqual(['crash', 'never', 'cancellations', 'big', 'add-tool', 'extra-6']);
    expect(connection.tools()).toBe(latest);
  });

  it('cancels a call at its time limit, and the server is told', async () => {
    const error = await connection.callTool('never', {}, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(await waitFor(async () => (await cancellations()).length === 1 || undefined)).toBe(true);
  });

  it('cancels a call when its signal aborts, and the server is told', async () => {
    const stop = new AbortController();
    const call = connection.callTool('never', {}, { signal: stop.signal });
    setTimeout(() => stop.abort(), 100);
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpCallError);
    expect(error).toMatchObject({ kind: 'cancelled', message: 'The call was cancelled.' });
    await waitFor(async () => (await cancellations()).length === 2 || undefined);
    // A signal already aborted sends nothing; aborting after a call ended sends no stray cancellation.
    await expect(connection.callTool('never', {}, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      kind: 'cancelled',
    });
    const late = new AbortController();
    await connection.callTool('big', { bytes: 10 }, { signal: late.signal });
    late.abort();
    expect(await cancellations()).toHaveLength(2);
  });

  it('cuts a result over the cap, at 100 KB by default', async () => {
    const result = await connection.callTool('big', { bytes: 300_000 });
    expect(result.truncated).toBe(true);
    const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
    expect(Buffer.byteLength(text)).toBe(100 * 1024);
    expect(result.content.at(-1)).toEqual({
      type: 'text',
      text: '[Result cut: the first 100 KB of 293 KB of text shown]',
    });
  });

  it('passes on a tool error as an error result', async () => {
    const unknown = await connection.callTool('no-such-tool', {});
    expect(unknown).toMatchObject({ isError: true, content: [{ type: 'text', text: 'no tool named no-such-tool' }] });
  });
});

describe('a server that does not start', () => {
  it('fails with the last lines of its stderr when it exits before the handshake', async () => {
    const error = await McpConnection.open(testServer('early', 'exit-at-start')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpConnectError);
    expect(error).toMatchObject({
      message: 'The server exited before it finished starting.',
      stderrTail: ['Error: TEST_TOKEN is not set'],
    });
  });

  it("says why its tool list could not be read, the inner reason in the UI's language too", async () => {
    const error = await McpConnection.open(testServer('no-list', 'exit-on-list')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpConnectError);
    const { message, said } = error as McpConnectError;
    expect(message).toBe('The tool list could not be read: The server closed the connection while starting.');
    expect(sayIn('zh', said!)).toBe('无法读取工具列表：服务器在启动时关闭了连接。');
    const looping = await McpConnection.open(testServer('loop', 'cursor-loop')).catch((e: unknown) => e);
    expect(looping).toMatchObject({
      message: 'The tool list could not be read: tools/list gave the same cursor twice',
    });
    expect(sayIn('zh', (looping as McpConnectError).said!)).toBe(
      '无法读取工具列表：tools/list 两次给出了同一个分页游标',
    );
  });

  it('names a command that is not found and the PATH it was looked for in', async () => {
    const config = stdioConfig('missing', []);
    config.transport = { type: 'stdio', command: 'runnel-no-such-command', args: [], env: {} };
    const error = await McpConnection.open(config, { path: '/opt/a/bin:/usr/bin' }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'Command not found: "runnel-no-such-command". Searched PATH: /opt/a/bin:/usr/bin. Install it, or give its full path.',
    );
    config.transport = { type: 'stdio', command: '/opt/nowhere/server', args: [], env: {} };
    expect((await McpConnection.open(config).catch((e: unknown) => e)) as Error).toMatchObject({
      message: 'Command not found: "/opt/nowhere/server" does not exist.',
    });
    config.transport = { type: 'stdio', command: 'node', args: [], env: {}, cwd: '/opt/no/such/folder' };
    expect((await McpConnection.open(config).catch((e: unknown) => e)) as Error).toMatchObject({
      message: 'The working folder "/opt/no/such/folder" does not exist.',
    });
  });

  it('looks for the command in the PATH it is given, not the one of the app', async () => {
    const config = testServer('by-path');
    config.transport = { type: 'stdio', command: 'node', args: ['--import', 'tsx', testServerScript], env: {} };
    await expect(McpConnection.open(config, { path: '/opt/runnel-empty' })).rejects.toMatchObject({
      message: expect.stringMatching(/^Command not found: "node"\. Searched PATH: \/opt\/runnel-empty\./),
    });
    const connection = await McpConnection.open(config, { path: dirname(process.execPath) });
    expect(connection.tools()).toHaveLength(5);
    await connection.close();
  });
});
