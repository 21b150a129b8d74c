// Benchmark 12: the context step at the start of a request. A 5,000-message conversation (English
// and Chinese, answers of realistic length) in a real SQLite file; the request's history is read
// as every request reads it (historyFor), then either sent whole (the baseline: what a request did
// before the context step) or fitted into an 8,192-token window by the context step (window
// lookup in SQLite, counts, the choice of turns). Both arms read the same history, so what the
// step adds is timed on its own (the fit after the read), alternating with the baseline's read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activeBranch } from '../src/main/db/history/messages-repo';
import { openDatabase } from '../src/main/db/lifecycle/open-database';
import { insertBackend } from '../src/main/db/settings/backends-repo';
import { setReportedWindow } from '../src/main/db/settings/model-windows-repo';
import { ContextStep } from '../src/main/generation/context/context-step';
import { flatten, historyFor } from '../src/main/generation/request-turns';
import type { BackendTarget } from '../src/main/providers/types';
import { asConversationId } from '../src/shared/ids';
import { seedConversations } from '../tests/support/seed-history';

export interface ContextBenchResult {
  messages: number;
  window: number;
  /** Messages the fitted request left out. */
  leftOut: number;
  /** The first request of the conversation (none of its messages counted yet; the process warm). */
  firstAddedMs: number;
  firstAddedCpuMs: number;
  /** Later requests: what the step adds (wall clock), and the baseline's read. */
  addedMs: { p50: number; p95: number };
  /** The same in CPU time of the process: on a shared machine, free of the time spent waiting for a core. */
  addedCpuMs: { p50: number; p95: number };
  baselineMs: { p50: number; p95: number };
}

const english = 'The model server answered with a long explanation of quantized weights and batch sizes. ';
const chinese = '模型服务器给出了关于量化权重和批大小的详细解释。';

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

export async function runContextBench(count = 5_000, rounds = 40): Promise<ContextBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'runnel-context-bench-'));
  const db = openDatabase(join(dir, 'runnel.sqlite'));
  try {
    const backend = insertBackend(db, {
      name: 'bench',
      kind: 'openai-chat',
      baseUrl: 'http://127.0.0.1:9/v1',
      defaultModel: null,
      http: 'auto',
      now: Date.now(),
    });
    const window = 8192;
    setReportedWindow(
      db,
      backend.id,
      'bench-model',
      { reported: window, source: 'bench', trained: null, tokenizer: null },
      Date.now(),
    );
    const messages = Array.from({ length: count }, (_, i) =>
      i % 2 === 0
        ? `Question ${i}: ${i % 3 === 0 ? chinese.repeat(3) : english.repeat(2)}`
        : `Answer ${i}: ${i % 3 === 0 ? chinese.repeat(12) : english.repeat(10)}`,
    );
    const [seeded, warm] = seedConversations(db, [
      { title: 'long', messages },
      { title: 'warm-up', messages: messages.slice(0, 20) },
    ]);
    const conversationId = asConversationId(seeded!.id);
    const branch = activeBranch(db, conversationId);
    const target: BackendTarget = {
      kind: 'openai-chat',
      baseUrl: 'http://127.0.0.1:9/v1',
      apiKey: null,
      http: 'auto',
      options: {},
      headers: {},
      connectTimeoutMs: null,
      idleTimeoutMs: null,
    };
    const step = new ContextStep({ db, target: async () => target, tools: null, now: Date.now });
    const source = { backendId: backend.id, model: 'bench-model', target };

    const baseline = () => {
      const started = performance.now();
      flatten(historyFor(db, conversationId, branch));
      return performance.now() - started;
    };
    const fitted = async () => {
      const history = historyFor(db, conversationId, branch);
      const cpu = process.cpuUsage();
      const started = performance.now();
      const fit = await step.fit(conversationId, history, source, {});
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      return { ms, cpuMs: (used.user + used.system) / 1000, sent: fit.turns.length };
    };

    // The process is warm (as after any earlier request): the first fit below is the long
    // conversation's first, with none of its messages counted yet.
    for (let i = 0; i < 3; i++) baseline();
    const warmId = asConversationId(warm!.id);
    await step.fit(warmId, historyFor(db, warmId, activeBranch(db, warmId)), source, {});
    const first = await fitted();
    const added: number[] = [];
    const addedCpu: number[] = [];
    const bases: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const b = baseline();
      const f = await fitted();
      bases.push(b);
      added.push(f.ms);
      addedCpu.push(f.cpuMs);
    }
    return {
      messages: count,
      window,
      leftOut: count - first.sent,
      firstAddedMs: first.ms,
      firstAddedCpuMs: first.cpuMs,
      addedMs: { p50: quantile(added, 0.5), p95: quantile(added, 0.95) },
      addedCpuMs: { p50: quantile(addedCpu, 0.5), p95: quantile(addedCpu, 0.95) },
      baselineMs: { p50: quantile(bases, 0.5), p95: quantile(bases, 0.95) },
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
