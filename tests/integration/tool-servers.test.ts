// Tool servers in settings, on the real core: env and header values stay in the secret store
// (only their names reach the renderer, nothing in SQLite), an mcpServers object pasted or in the
// config file is applied by name with each bad entry named, and a web host reachable from other
// machines starts no command unless allowed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestOutput } from '../../src/shared/ipc/contract';
import type { ToolServerView } from '../../src/shared/tools';
import { parseRunnelConfig } from '../../src/main/backends/runnel-config';
import { stdioRefused } from '../../src/main/tools/tool-handlers';
import { createHarness, type Harness } from '../support/core-harness';
import { sayIn } from '../../src/shared/words/all-words';
import { everythingScript } from './mcp-support';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});
async function harness(options: Parameters<typeof createHarness>[0] = {}): Promise<Harness> {
  const h = await createHarness(options);
  cleanups.push(() => h.dispose());
  return h;
}

const pasted = JSON.stringify({
  mcpServers: {
    everything: { command: process.execPath, args: [everythingScript, 'stdio'], env: { API_TOKEN: 'tok-secret-1' } },
    remote: { url: 'http://127.0.0.1:9/mcp', headers: { Authorization: 'Bearer tok-secret-2' } },
    broken: { command: '' },
  },
});

describe('tool servers in settings', () => {
  it('keep env and header values out of the renderer and the database, and name each bad entry', async () => {
    const h = await harness();
    const result = await h.call<RequestOutput<'tools:import'>>('tools:import', { text: pasted });
    expect(result.saved).toBe(2);
    expect(result.problems).toEqual([
      { entry: expect.stringContaining('broken'), reason: expect.any(String), said: expect.anything() },
    ]);
    expect(sayIn('zh', result.problems[0]!.said!)).toBe('mcpServers.broken.command：不能为空');
    const views = await h.call<ToolServerView[]>('tools:servers');
    expect(views.map((v) => [v.name, v.transport, v.envNames, v.headerNames])).toEqual([
      ['everything', 'stdio', ['API_TOKEN'], []],
      ['remote', 'http', [], ['Authorization']],
    ]);
    expect(JSON.stringify(views)).not.toMatch(/tok-secret/);
    expect(JSON.stringify(h.core.db.prepare('SELECT * FROM mcp_servers').all())).not.toMatch(/tok-secret/);
    expect(readFileSync(join(h.dataDir, 'secrets.plaintext.json'), 'utf8')).toContain('tok-secret-1');
    // Pasting again changes nothing; an edit that sends a name without its value keeps the value.
    await h.call('tools:import', { text: pasted });
    expect(await h.call<ToolServerView[]>('tools:servers')).toHaveLength(2);
    const everything = views[0]!;
    await h.call('tools:save-server', {
      id: everything.id,
      server: {
        name: 'everything',
        enabled: false,
        transport: 'stdio',
        command: process.execPath,
        args: [everythingScript, 'stdio'],
        env: [{ name: 'API_TOKEN' }],
      },
    });
    expect(readFileSync(join(h.dataDir, 'secrets.plaintext.json'), 'utf8')).toContain('tok-secret-1');
    expect((await h.call<ToolServerView[]>('tools:servers'))[0]).toMatchObject({
      enabled: false,
      status: { state: 'stopped' },
    });
    await h.call('tools:delete-server', { id: everything.id });
    expect(readFileSync(join(h.dataDir, 'secrets.plaintext.json'), 'utf8')).not.toContain('tok-secret-1');
  });

  it('come from runnel.config.json’s mcpServers too, idempotently, with bad entries as notices', async () => {
    const h = await harness();
    const config = parseRunnelConfig(
      JSON.stringify({ mcpServers: { ok: { url: 'http://127.0.0.1:9/mcp' }, bad: { url: 'ftp://x' } } }),
      'runnel.config.json',
    );
    await h.core.provision(config);
    await h.core.provision(config);
    expect((await h.call<ToolServerView[]>('tools:servers')).map((v) => v.name)).toEqual(['ok']);
    const info = await h.call<RequestOutput<'app:info'>>('app:info');
    // Applied twice, told once.
    expect(info.notices.filter((n) => n.kind === 'config-problem')).toEqual([
      expect.objectContaining({ entry: expect.stringContaining('bad') }),
    ]);
  });

  it('start no command in a web host that other machines reach, and say why', async () => {
    const h = await harness({ allowStdioTools: false });
    await h.call('tools:import', { text: pasted });
    const [everything] = await h.call<ToolServerView[]>('tools:servers');
    expect(everything?.status).toEqual({
      state: 'failed',
      reason: stdioRefused.text,
      said: stdioRefused.said,
      stderrTail: [],
      retryInMs: 0,
    });
  });
});
