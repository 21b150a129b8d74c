// Bench 9: one MCP `tools/call` round trip to a local stdio server (server-everything's `echo`)
// through Runnel's MCP module (McpConnection: its own abort signal per call, the time limit, the
// result reduced and capped) against the SDK's bare Client making the same call, in the same run:
// both connected to their own server process, warmed, then timed alternately call by call.
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { McpConnection } from '../src/main/tools/mcp';
import { percentile } from './browser-session';

export interface McpBenchResult {
  rounds: number;
  runnelMs: { p50: number; p95: number };
  sdkMs: { p50: number; p95: number };
  /** Runnel's p95 over the bare client's. */
  p95Ratio: number;
}

const server = fileURLToPath(
  new URL('../node_modules/@modelcontextprotocol/server-everything/dist/index.js', import.meta.url),
);

const spread = (ms: number[]) => ({ p50: percentile(ms, 50), p95: percentile(ms, 95) });

export async function runMcpBench(rounds = 500, warmup = 50): Promise<McpBenchResult> {
  const runnel = await McpConnection.open({
    id: 'bench',
    name: 'bench',
    enabled: true,
    transport: { type: 'stdio', command: process.execPath, args: [server, 'stdio'], env: {} },
  });
  const sdk = new Client({ name: 'bench', version: '1' });
  await sdk.connect(new StdioClientTransport({ command: process.execPath, args: [server, 'stdio'], stderr: 'pipe' }));
  const callRunnel = () => runnel.callTool('echo', { message: 'ping' });
  const callSdk = () => sdk.callTool({ name: 'echo', arguments: { message: 'ping' } });
  const timed = async (call: () => Promise<unknown>, into: number[]) => {
    const start = performance.now();
    await call();
    into.push(performance.now() - start);
  };
  try {
    for (let i = 0; i < warmup; i++) await Promise.all([callRunnel(), callSdk()]);
    const runnelMs: number[] = [];
    const sdkMs: number[] = [];
    for (let i = 0; i < rounds; i++) {
      // Alternating which goes first, so neither always runs right after the other's GC or wake-up.
      if (i % 2 === 0) {
        await timed(callRunnel, runnelMs);
        await timed(callSdk, sdkMs);
      } else {
        await timed(callSdk, sdkMs);
        await timed(callRunnel, runnelMs);
      }
    }
    const r = spread(runnelMs);
    const s = spread(sdkMs);
    return { rounds, runnelMs: r, sdkMs: s, p95Ratio: r.p95 / s.p95 };
  } finally {
    await Promise.all([runnel.close(), sdk.close()]);
  }
}
