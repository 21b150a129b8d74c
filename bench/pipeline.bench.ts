// Benchmarks 1, 2 and 5 of the performance plan: the whole main-process pipeline (transport,
// adapter, coalescing, batched SQLite writes, emit) against a baseline of fetch +
// eventsource-parser + JSON.parse of the same bytes, measured in the same run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createParser } from 'eventsource-parser';
import { createCore } from '../src/main/core/create-core';
import { FileSecretStore } from '../src/main/secrets/secret-store';
import type { GenerationEventPayload } from '../src/shared/domain';
import { tokenText } from './sse-blast-server';

export interface PipelineResult {
  tokens: number;
  baseline: { wallMs: number; cpuMs: number; tokensPerSecond: number };
  pipeline: { wallMs: number; cpuMs: number; tokensPerSecond: number; cpuMsPer1kTokens: number };
  cpuRatio: number;
  /** CPU ms of each round, to show how much one round varies. */
  rounds: { baseline: number[]; pipeline: number[] };
  emitted: { messages: number; bytes: number; textBytes: number; bytesRatio: number; messagesPerSecond: number };
  /** A stream of `tokens` paced over about three seconds. */
  sqliteWrites: { tokens: number; seconds: number; transactions: number; perSecond: number; perToken: number };
  /** The stored answer equals, byte for byte, the text the server sent. */
  storedIdentical: boolean;
  concurrent: { streams: number; tokensEach: number; slowestTokensPerSecond: number };
}

async function startBlastServer(): Promise<{ port: number; stop: () => void }> {
  const script = fileURLToPath(new URL('./sse-blast-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) =>
    child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))),
  );
  return { port, stop: () => child.kill() };
}

interface Measured<T> {
  value: T;
  wallMs: number;
  cpuMs: number;
}

const rounds = 3;
const medianBy = <T>(items: T[], key: (item: T) => number): T =>
  [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)]!;

function measure<T>(fn: () => Promise<T>): Promise<Measured<T>> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  return fn().then((value) => {
    const used = process.cpuUsage(cpu);
    return { value, wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
  });
}

async function baselineRun(port: number, tokens: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/?tokens=${tokens}`);
  let count = 0;
  const parser = createParser({
    onEvent: (e) => {
      if (e.data === '[DONE]') return;
      const chunk = JSON.parse(e.data) as { choices: { delta: { content?: string } }[] };
      if (chunk.choices[0]?.delta.content) count++;
    },
  });
  const decoder = new TextDecoder();
  for await (const piece of res.body as unknown as AsyncIterable<Uint8Array>)
    parser.feed(decoder.decode(piece, { stream: true }));
  return count;
}

export async function runPipelineBench(tokens = 200_000): Promise<PipelineResult> {
  const server = await startBlastServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'runnel-bench-'));
  const core = createCore({
    dataDir,
    host: 'web',
    version: 'bench',
    secrets: new FileSecretStore(join(dataDir, 's.json')),
  });
  try {
    const call = async <T>(channel: string, input: unknown): Promise<T> => {
      const r = await core.invoke(channel, input);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as T;
    };
    const backend = await call<{ id: string }>('backends:save', {
      backend: { name: 'blast', kind: 'openai-chat', baseUrl: `http://127.0.0.1:${server.port}/v1` },
    });
    let messages = 0;
    let bytes = 0;
    const ends = new Map<string, () => void>();
    core.subscribe((channel, payload) => {
      if (channel !== 'generation:event') return;
      const p = payload as GenerationEventPayload;
      messages++;
      bytes += Buffer.byteLength(JSON.stringify(p));
      if (p.events.some((e) => e.type === 'done' || e.type === 'error')) ends.get(p.messageId)?.();
    });
    // Each text append is its own UPDATE statement (an implicit transaction): count them with a
    // temporary trigger on this connection, which the app itself never has.
    core.db.exec(`CREATE TEMP TABLE bench_appends(n INTEGER); INSERT INTO bench_appends VALUES (0);
      CREATE TEMP TRIGGER bench_count AFTER UPDATE OF content ON main.messages
      BEGIN UPDATE bench_appends SET n = n + 1; END;`);
    const generate = async (n: number, perSecond?: number) => {
      const ids = await call<{ assistantMessageId: string }>('generation:start', {
        conversationId: null,
        backendId: backend.id,
        model: perSecond ? `tokens-${n}-at-${perSecond}` : `tokens-${n}`,
        content: 'bench',
      });
      await new Promise<void>((resolve) => ends.set(ids.assistantMessageId, resolve));
      return ids.assistantMessageId;
    };

    // Warm both paths with a whole round each, so the JIT has settled before anything is measured
    // (a 5,000-token warm-up left the baseline's first round twice as slow as its later ones).
    await baselineRun(server.port, tokens);
    await generate(tokens);

    // Three rounds, each baseline then pipeline, medians taken: on a shared 2-vCPU machine one
    // round of the same code measured anywhere from 1.2× to 1.9× the baseline's CPU.
    const bases: Measured<number>[] = [];
    const pipeRounds: (Measured<string> & { messages: number; bytes: number })[] = [];
    for (let round = 0; round < rounds; round++) {
      bases.push(await measure(() => baselineRun(server.port, tokens)));
      messages = 0;
      bytes = 0;
      const measured = await measure(() => generate(tokens));
      pipeRounds.push({ ...measured, messages, bytes });
    }
    const base = medianBy(bases, (m) => m.cpuMs);
    const pipe = medianBy(pipeRounds, (m) => m.cpuMs);
    const storedText = (id: string) =>
      (core.db.prepare('SELECT content FROM messages WHERE id = ?').get(id) as { content: string }).content;
    const sentText = (n: number) => Array.from({ length: n }, (_, i) => tokenText(i)).join('');
    const answer = storedText(pipe.value);
    const textBytes = Buffer.byteLength(answer);

    // Writes per second while an answer streams: the 200,000 tokens above arrive in well under a
    // second, where the first and last writes dominate; this one streams for three seconds.
    const paced = { tokens: 60_000, perSecond: 20_000 };
    const writesBefore = appends(core.db);
    const pacedRun = await measure(() => generate(paced.tokens, paced.perSecond));
    const writes = appends(core.db) - writesBefore;

    const streams = 20;
    const each = 20_000;
    const concurrent = await Promise.all(
      Array.from({ length: streams }, async () => {
        const started = performance.now();
        await generate(each);
        return each / ((performance.now() - started) / 1000);
      }),
    );

    return {
      rounds: { baseline: bases.map((b) => Math.round(b.cpuMs)), pipeline: pipeRounds.map((p) => Math.round(p.cpuMs)) },
      tokens,
      baseline: { wallMs: base.wallMs, cpuMs: base.cpuMs, tokensPerSecond: tokens / (base.wallMs / 1000) },
      pipeline: {
        wallMs: pipe.wallMs,
        cpuMs: pipe.cpuMs,
        tokensPerSecond: tokens / (pipe.wallMs / 1000),
        cpuMsPer1kTokens: pipe.cpuMs / (tokens / 1000),
      },
      cpuRatio: pipe.cpuMs / base.cpuMs,
      emitted: {
        messages: pipe.messages,
        bytes: pipe.bytes,
        textBytes,
        bytesRatio: pipe.bytes / textBytes,
        messagesPerSecond: pipe.messages / (pipe.wallMs / 1000),
      },
      storedIdentical: answer === sentText(tokens) && storedText(pacedRun.value) === sentText(paced.tokens),
      sqliteWrites: {
        tokens: paced.tokens,
        seconds: pacedRun.wallMs / 1000,
        transactions: writes,
        perSecond: writes / (pacedRun.wallMs / 1000),
        perToken: writes / paced.tokens,
      },
      concurrent: { streams, tokensEach: each, slowestTokensPerSecond: Math.min(...concurrent) },
    };
  } finally {
    await core.close();
    server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function appends(db: { prepare(sql: string): { get(): unknown } }): number {
  return (db.prepare('SELECT n FROM temp.bench_appends').get() as { n: number }).n;
}
