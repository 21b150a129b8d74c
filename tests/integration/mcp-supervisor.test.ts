// McpServers, the supervisor of every configured server, with real processes: a config applied
// twice changes nothing, disabled and removed servers stop (their processes gone), a crash mid-call
// is reported with stderr and restarted on the backoff schedule, calls are routed, close ends all.
import { afterEach, describe, expect, it } from 'vitest';
import { McpServers, type McpServerStatus } from '../../src/main/tools/mcp';
import { everythingStdio, isAlive, testServer, waitFor } from './mcp-support';

const fast = { firstMs: 200, maxMs: 1_000, stableMs: 60_000 };

// 1.5 to 4 s each when idle; each starts and stops several processes, which a loaded machine slows most.
describe('McpServers', { timeout: 30_000 }, () => {
  let servers: McpServers | undefined;
  afterEach(() => servers?.close());

  const start = () => {
    const statuses: McpServerStatus[] = [];
    let toolChanges = 0;
    servers = new McpServers({
      backoff: fast,
      path: async () => process.env.PATH ?? '',
      onStatus: (s) => statuses.push(s),
      onToolsChanged: () => toolChanges++,
    });
    const connected = (id: string) => waitFor(() => servers?.status(id)?.state === 'connected' && servers.status(id));
    return { servers, statuses, connected, toolChanges: () => toolChanges };
  };
  const pidOf = (s: McpServers, id: string) =>
    (s as unknown as { runners: Map<string, { connection: { pid: number | null } | null }> }).runners.get(id)
      ?.connection?.pid ?? null;

  it('starts enabled servers, reports them, lists their tools and routes calls', async () => {
    const { servers, statuses, connected, toolChanges } = start();
    servers.apply([everythingStdio('a'), testServer('b'), { ...testServer('off'), enabled: false }]);
    expect(await connected('a')).toMatchObject({
      name: 'a',
      state: 'connected',
      transport: 'stdio',
      protocolVersion: '2025-11-25',
    });
    expect(await connected('b')).toMatchObject({ state: 'connected', toolCount: 5 });
    // server-everything adds tools after the handshake and says so: a later 'connected' has the new count.
    const states = statuses.filter((s) => s.serverId === 'a').map((s) => s.state);
    expect(states.slice(0, 2)).toEqual(['connecting', 'connected']);
    expect(new Set(states.slice(2))).toEqual(new Set(states.length > 2 ? ['connected'] : []));
    expect(servers.status('off')).toBeUndefined();
    expect(toolChanges()).toBeGreaterThanOrEqual(2);
    const tools = servers.tools();
    expect(tools.find((t) => t.serverId === 'a' && t.tool.name === 'echo')?.serverName).toBe('a');
    expect(tools.filter((t) => t.serverId === 'b')).toHaveLength(5);
    expect((await servers.call('a', 'echo', { message: 'routed' })).content).toEqual([
      { type: 'text', text: 'Echo: routed' },
    ]);
    await expect(servers.call('off', 'echo', {})).rejects.toMatchObject({
      kind: 'disconnected',
      message: 'This server is not connected.',
    });
    // The server's own time limit applies unless the call gives one.
    servers.apply([everythingStdio('a'), { ...testServer('b'), callTimeoutMs: 1_000 }]);
    const started = Date.now();
    await expect(servers.call('b', 'never', {})).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('applies the same list twice without a restart, and restarts, stops or renames only what changed', async () => {
    const { servers, connected } = start();
    const configs = [everythingStdio('a'), testServer('b')];
    servers.apply(configs);
    await Promise.all([connected('a'), connected('b')]);
    const [pidA, pidB] = [pidOf(servers, 'a'), pidOf(servers, 'b')];
    servers.apply(structuredClone(configs));
    expect(pidOf(servers, 'a')).toBe(pidA);
    // A new name applies in place; new arguments start a new process; disabled stops.
    servers.apply([
      { ...everythingStdio('a'), name: 'A' },
      { ...testServer('b'), enabled: false },
    ]);
    expect(servers.status('a')).toMatchObject({ name: 'A', state: 'connected' });
    expect(pidOf(servers, 'a')).toBe(pidA);
    await waitFor(() => !isAlive(pidB) || undefined);
    const changed = everythingStdio('a');
    if (changed.transport.type === 'stdio') changed.transport.env = { EXTRA: '1' };
    servers.apply([changed]);
    await connected('a');
    expect(pidOf(servers, 'a')).not.toBe(pidA);
    await waitFor(() => !isAlive(pidA) || undefined);
    servers.apply([]);
    expect(servers.statuses()).toEqual([]);
  });

  it('reports a crash mid-call with the stderr tail, and restarts after 1×, then 2× the first delay', async () => {
    const { servers, statuses, connected } = start();
    servers.apply([testServer('c')]);
    await connected('c');
    const firstPid = pidOf(servers, 'c');
    const error = await servers.call('c', 'crash', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'disconnected' });
    const failed = await waitFor(() => statuses.find((s) => s.state === 'failed'));
    expect(failed).toMatchObject({ reason: 'The server exited.', retryInMs: 200 });
    if (failed.state !== 'failed') throw new Error('unreachable');
    expect(failed.stderrTail.length).toBeLessThanOrEqual(20);
    expect(failed.stderrTail.at(-1)).toBe('fatal: crashing now');
    expect(failed.stderrTail).toContain('boot line 30');
    expect(failed.retryAt).toBeGreaterThan(Date.now() - 1_000);
    await connected('c');
    expect(pidOf(servers, 'c')).not.toBe(firstPid);
    await servers.call('c', 'crash', {}).catch(() => undefined);
    const second = await waitFor(() => statuses.filter((s) => s.state === 'failed')[1]);
    expect(second).toMatchObject({ retryInMs: 400 });
  });

  it('retries a server that fails to start, on the schedule, until it is removed', async () => {
    const { servers, statuses } = start();
    servers.apply([testServer('e', 'exit-at-start')]);
    const fails = await waitFor(() => {
      const f = statuses.filter((s) => s.state === 'failed');
      return f.length >= 2 && f;
    });
    expect(fails.map((f) => (f.state === 'failed' ? [f.reason, f.stderrTail, f.retryInMs] : null))).toEqual([
      ['The server exited before it finished starting.', ['Error: TEST_TOKEN is not set'], 200],
      ['The server exited before it finished starting.', ['Error: TEST_TOKEN is not set'], 400],
    ]);
    servers.apply([]);
    await waitFor(() => statuses.at(-1)?.state === 'stopped' || undefined);
  });

  it('closes every server with no process left behind', async () => {
    const { servers, connected } = start();
    servers.apply([everythingStdio('a'), testServer('b')]);
    await Promise.all([connected('a'), connected('b')]);
    const pids = [pidOf(servers, 'a'), pidOf(servers, 'b')];
    const call = servers.call('b', 'never', {}).catch((e: unknown) => e);
    await servers.close();
    expect(pids.map(isAlive)).toEqual([false, false]);
    expect(await call).toMatchObject({ kind: 'disconnected' });
    expect(servers.statuses()).toEqual([]);
  });
});
