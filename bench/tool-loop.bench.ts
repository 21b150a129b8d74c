// Bench 10: Runnel's own time inside the tool loop. A local OpenAI-style server answers a request
// without tool results with one call of server-everything's `echo` (a real MCP server over stdio)
// and stamps the moment its last byte is written; it stamps the moment the next request (carrying
// the result) arrives. The gap, less the tool's own run (timed around the MCP call by the tool
// host's store), is what the loop adds: decode, store, approve, build and send the next request.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GenerationEventPayload } from '../src/shared/domain';
import type { ToolServerView } from '../src/shared/tools';
import { createCore } from '../src/main/core/create-core';
import { toolCallsOf } from '../src/main/db/history/tool-calls-repo';
import { FileSecretStore } from '../src/main/secrets/secret-store';
import { percentile } from './browser-session';

export interface ToolLoopBenchResult {
  rounds: number;
  /** Last tool-call byte sent → next request arrived, less the tool's run, ms. */
  loopMs: { p50: number; p95: number };
  /** The whole gap, tool included, ms. */
  gapMs: { p50: number; p95: number };
  /** The tool's run as the loop stored it (ms resolution). */
  toolMs: { p50: number; p95: number };
}

const everything = fileURLToPath(
  new URL('../node_modules/@modelcontextprotocol/server-everything/dist/index.js', import.meta.url),
);
const spread = (ms: number[]) => ({ p50: percentile(ms, 50), p95: percentile(ms, 95) });
const sse = (res: ServerResponse, chunks: unknown[], done: () => void) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const c of chunks) res.write(`data: ${JSON.stringify(c)}\n\n`);
  res.end('data: [DONE]\n\n', done);
};

function modelServer(stamps: { sent: number[]; arrived: number[] }) {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      if (!req.url?.endsWith('/chat/completions')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[{"id":"m"}]}');
        return;
      }
      const messages = (JSON.parse(body) as { messages: { role: string }[] }).messages;
      const base = { id: 'x', object: 'chat.completion.chunk', model: 'm' };
      if (messages.at(-1)?.role === 'tool') {
        stamps.arrived.push(performance.now());
        sse(res, [{ ...base, choices: [{ index: 0, delta: { content: 'done' }, finish_reason: 'stop' }] }], () => {});
        return;
      }
      const call = {
        index: 0,
        id: 'call_1',
        type: 'function',
        function: { name: 'everything__echo', arguments: '{"message":"hi"}' },
      };
      sse(
        res,
        [
          { ...base, choices: [{ index: 0, delta: { role: 'assistant', tool_calls: [call] }, finish_reason: null }] },
          { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
        ],
        () => stamps.sent.push(performance.now()),
      );
    });
  });
}

export async function runToolLoopBench(rounds = 100): Promise<ToolLoopBenchResult> {
  const stamps = { sent: [] as number[], arrived: [] as number[] };
  const http = modelServer(stamps);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as { port: number }).port;
  const dataDir = mkdtempSync(join(tmpdir(), 'runnel-bench-tools-'));
  const core = createCore({
    dataDir,
    host: 'web',
    version: 'bench',
    secrets: new FileSecretStore(join(dataDir, 's.json')),
  });
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await core.invoke(channel, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as T;
  };
  try {
    await call('tools:save-server', {
      server: {
        name: 'everything',
        enabled: true,
        transport: 'stdio',
        command: process.execPath,
        args: [everything, 'stdio'],
        approval: 'allow-all',
      },
    });
    for (let i = 0; (await call<ToolServerView[]>('tools:servers', {}))[0]?.status.state !== 'connected'; i++) {
      if (i > 300) throw new Error('the MCP server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const backend = await call<{ id: string }>('backends:save', {
      backend: { name: 'bench', kind: 'openai-chat', baseUrl: `http://127.0.0.1:${port}/v1` },
    });
    const ended = new Map<string, () => void>();
    core.subscribe((channel, payload) => {
      if (channel !== 'generation:event') return;
      const p = payload as GenerationEventPayload;
      if (p.events.some((e) => e.type === 'done' || e.type === 'error')) ended.get(p.messageId)?.();
    });
    const toolMs: number[] = [];
    for (let i = 0; i < rounds + 10; i++) {
      const started = await call<{ assistantMessageId: string }>('generation:start', {
        conversationId: null,
        backendId: backend.id,
        model: 'm',
        content: `round ${i}`,
      });
      await new Promise<void>((resolve) => ended.set(started.assistantMessageId, resolve));
      const [stored] = toolCallsOf(core.db, started.assistantMessageId as never);
      toolMs.push((stored?.endedAt ?? 0) - (stored?.startedAt ?? 0));
    }
    // The first ten warm up the JIT and the statements.
    const gaps = stamps.arrived.map((t, i) => t - stamps.sent[i]!).slice(10);
    const tools = toolMs.slice(10);
    return {
      rounds,
      loopMs: spread(gaps.map((g, i) => Math.max(0, g - tools[i]!))),
      gapMs: spread(gaps),
      toolMs: spread(tools),
    };
  } finally {
    await core.close();
    http.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
