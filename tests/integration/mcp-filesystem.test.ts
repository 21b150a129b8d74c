// Runnel's MCP client against the MCP project's filesystem server, given a temporary folder:
// list it and read a file written there; a path outside it is refused as a tool error.
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpConnection } from '../../src/main/tools/mcp';
import { filesystemScript, stdioConfig, startLimitMs } from './mcp-support';

describe('server-filesystem on a temporary folder', () => {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'runnel-mcp-fs-')));
  let connection: McpConnection;
  beforeAll(async () => {
    writeFileSync(join(folder, 'notes.txt'), 'Runnel was here.\n第二行\n');
    connection = await McpConnection.open(stdioConfig('filesystem', [filesystemScript, folder]));
  }, startLimitMs);
  afterAll(async () => {
    await connection?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists its tools with their annotations', () => {
    const names = connection.tools().map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['list_directory', 'read_text_file', 'write_file']));
    expect(connection.tools().find((t) => t.name === 'read_text_file')?.annotations).toMatchObject({
      readOnlyHint: true,
    });
  });

  it('lists the folder and reads the file written there', async () => {
    const listing = await connection.callTool('list_directory', { path: folder });
    expect(listing).toMatchObject({
      isError: false,
      content: [{ type: 'text', text: expect.stringContaining('[FILE] notes.txt') }],
    });
    const file = await connection.callTool('read_text_file', { path: join(folder, 'notes.txt') });
    expect(file.content).toEqual([{ type: 'text', text: 'Runnel was here.\n第二行\n' }]);
  });

  it('gives a path outside the folder back as the tool’s own error', async () => {
    const outside = await connection.callTool('read_text_file', { path: '/etc/hostname' });
    expect(outside.isError).toBe(true);
    expect(outside.content[0]).toMatchObject({
      type: 'text',
      text: expect.stringMatching(/denied|outside|not allowed/i),
    });
  });
});
