// `npm run bench`: runs the benchmarks, prints each figure beside its same-run baseline and its
// target, and writes the results as JSON to bench/results/latest.json.
// BENCH_ONLY=pipeline,markdown,history,ttft,validation,mcp,tools,text-calls,app,compare,context,diagrams picks some; BENCH_TOKENS and BENCH_HISTORY_MESSAGES scale them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runAppStreamBench } from './app-stream.bench';
import { runCompareBench } from './compare.bench';
import { runContextBench } from './context.bench';
import { runDiagramBench } from './diagram.bench';
import { runHistoryBench } from './history.bench';
import { runMarkdownBench } from './markdown.bench';
import { runMcpBench } from './mcp.bench';
import { runPipelineBench } from './pipeline.bench';
import { printTable, type Row } from './report';
import { runTextCallsBench } from './text-tool-calls.bench';
import { runToolLoopBench } from './tool-loop.bench';
import { runTtftBench } from './ttft.bench';
import { runValidationBench } from './validation.bench';

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const wanted = (name: string): boolean => !only || only.includes(name);
const f = (n: number, d = 1) => n.toFixed(d);
const results: Record<string, unknown> = { date: new Date().toISOString() };
const rows: Row[] = [];

if (wanted('pipeline')) {
  const r = await runPipelineBench(Number(process.env.BENCH_TOKENS ?? 200_000));
  results.pipeline = r;
  rows.push(
    [
      '1',
      `pipeline tokens/s (one stream, ${r.tokens} tokens)`,
      f(r.pipeline.tokensPerSecond, 0),
      `baseline ${f(r.baseline.tokensPerSecond, 0)}`,
      '≥ 20000',
    ],
    [
      '1',
      'pipeline CPU ms per 1k tokens',
      f(r.pipeline.cpuMsPer1kTokens, 2),
      `baseline ${f(r.baseline.cpuMs / (r.tokens / 1000), 2)}`,
      '',
    ],
    ['1', 'CPU vs baseline', `${f(r.cpuRatio, 2)}×`, '1.00×', '≤ 1.5×'],
    [
      '1',
      `${r.concurrent.streams} concurrent streams, slowest tokens/s`,
      f(r.concurrent.slowestTokensPerSecond, 0),
      '',
      '≥ 1000',
    ],
    ['2', 'bytes emitted / text bytes', `${f(r.emitted.bytesRatio, 2)}×`, `${r.emitted.textBytes} text bytes`, '≤ 2×'],
    ['2', 'messages emitted per second', f(r.emitted.messagesPerSecond, 1), `${r.emitted.messages} messages`, '≤ 60'],
    [
      '5',
      `SQLite write transactions per second (${r.sqliteWrites.tokens} tokens over ${f(r.sqliteWrites.seconds, 1)} s)`,
      f(r.sqliteWrites.perSecond, 1),
      `one per token: ${r.sqliteWrites.tokens}`,
      '≤ 4',
    ],
    ['5', 'stored text byte-identical to what was sent', r.storedIdentical ? 'yes' : 'NO', '', 'yes'],
  );
}

if (wanted('markdown')) {
  const r = await runMarkdownBench();
  results.markdown = r;
  const kb = `${r.bytes / 1000} KB at ${r.flushesPerSecond} flushes/s`;
  rows.push(
    [
      '3',
      `markdown ${kb}: ms per flush at 1 KB`,
      f(r.runnel.at1kMs, 2),
      `re-render all ${f(r.baseline.at1kMs, 2)}`,
      '',
    ],
    [
      '3',
      'markdown: ms per flush at 100 KB',
      f(r.runnel.at100kMs, 2),
      `re-render all ${f(r.baseline.at100kMs, 2)}`,
      '',
    ],
    [
      '3',
      'markdown: per-flush cost at 100 KB / at 1 KB',
      `${f(r.runnel.growth, 2)}×`,
      `re-render all ${f(r.baseline.growth, 1)}×`,
      '≤ 2×',
    ],
    [
      '3',
      'markdown: long tasks over 50 ms (longest ms)',
      `${r.runnel.longTasks} (${f(r.runnel.longestTaskMs, 0)})`,
      `re-render all ${r.baseline.longTasks} (${f(r.baseline.longestTaskMs, 0)})`,
      '0',
    ],
  );
}

if (wanted('compare')) {
  const r = await runCompareBench();
  results.compare = r;
  rows.push(
    [
      '13',
      'compare: four answers side by side, long tasks over 50 ms (longest ms)',
      `${r.four.longTasks} (${f(r.four.longestTaskMs, 0)})`,
      `one answer ${r.one.longTasks} (${f(r.one.longestTaskMs, 0)})`,
      '0',
    ],
    [
      '13',
      'compare: main-thread ms per flush, four answers',
      f(r.four.perFlushMs, 2),
      `one answer ${f(r.one.perFlushMs, 2)}`,
      '',
    ],
    ['13', 'compare: per-flush cost, four answers / one', `${f(r.ratio, 2)}×`, '1.00×', '≤ 4.5×'],
  );
}

if (wanted('diagrams')) {
  const r = await runDiagramBench();
  results.diagrams = r;
  const kinds = (byKind: Record<string, number>) =>
    Object.entries(byKind)
      .map(([kind, ms]) => `${kind} ${f(ms, 0)}`)
      .join(', ');
  const line = (d: typeof r.cold) =>
    `${f(d.perDiagramMs, 0)} ms a diagram (${d.drawn} drawn, ${d.failed} not); longest task ${f(d.longestTaskMs, 0)} ms wall`;
  rows.push(
    [
      '14',
      `${r.diagrams} diagrams, Mermaid loading with the first: longest task, CPU ms`,
      f(r.cold.longestTaskCpuMs, 0),
      `mermaid.render in a row ${f(r.baseline.longestTaskCpuMs, 0)}`,
      '',
    ],
    [
      '14',
      '  the same page again, new labels: longest task, CPU ms',
      f(r.warm.longestTaskCpuMs, 0),
      `mermaid.render in a row ${f(r.baseline.longestTaskCpuMs, 0)}`,
      '≤ 100',
    ],
    [
      '14',
      '  tasks over 100 ms CPU, first / second page',
      `${r.cold.tasksOver100MsCpu} / ${r.warm.tasksOver100MsCpu}`,
      `${r.baseline.tasksOver100MsCpu}`,
      '0 (second)',
    ],
    ['14', '  longest task by kind while drawn, first page (CPU ms)', kinds(r.cold.longestTaskCpuByKind), '', ''],
    [
      '14',
      '  longest task by kind while drawn, second page (CPU ms)',
      kinds(r.warm.longestTaskCpuByKind),
      '',
      '≤ 100 each',
    ],
    ['14', '  SVG the same as published Mermaid draws (14 diagrams)', r.sameSvgAsPublished ? 'yes' : 'NO', '', 'yes'],
    ['14', '  first page', line(r.cold), '', ''],
    ['14', '  second page', line(r.warm), '', ''],
    ['14', '  baseline', line(r.baseline), '', ''],
    [
      '14',
      '  longest draw / clean step of one diagram, second page (ms wall)',
      `${f(r.warm.longestStep.draw, 0)} / ${f(r.warm.longestStep.clean, 0)}`,
      '',
      '',
    ],
  );
}

if (wanted('history')) {
  const r = await runHistoryBench(
    Number(process.env.BENCH_HISTORY_MESSAGES ?? 1_000_000),
    Number(process.env.BENCH_HISTORY_CONVERSATIONS ?? 20_000),
  );
  results.history = r;
  rows.push(
    [
      '4',
      `history: ${r.messages} messages in ${r.conversations} conversations, database size`,
      `${f(r.databaseBytes / 2 ** 20, 0)} MB`,
      r.seedMs === null ? 'seeded earlier' : `seeded in ${f(r.seedMs / 1000, 0)} s`,
      '',
    ],
    [
      '4',
      'short-term index built after the upgrade (s)',
      r.shortIndexBackfillMs === null ? 'built earlier' : f(r.shortIndexBackfillMs / 1000, 0),
      'in the background in the app',
      '',
    ],
    [
      '4',
      'start to conversation list painted (ms)',
      f(r.listPaintMs, 0),
      `core open ${f(r.coreOpenMs, 0)} + page ${f(r.pageToListMs, 0)} (first ever load ${f(r.pageToListColdMs, 0)}; as a test drives it ${f(r.pageToListDrivenMs, 0)}); first page query ${f(r.listQueryMs, 1)}`,
      '≤ 300',
    ],
    ['4', 'search p50 (ms)', f(r.search.p50, 1), `LIKE scan ${f(r.search.baselineP50, 1)}`, ''],
    ['4', 'search p95 (ms)', f(r.search.p95, 1), `LIKE scan ${f(r.search.baselineP95, 1)}`, '≤ 50'],
    [
      '4',
      'open a 5,000-message conversation to first paint (ms)',
      f(r.openLong.paintMs, 0),
      `request ${f(r.openLong.requestMs, 0)} ms, ${r.openLong.articlesInDom} articles in DOM`,
      '≤ 200',
    ],
  );
  rows.push([
    '6',
    `renderer JS heap, 5,000 messages scrolled end to end (MB)`,
    f(r.memory.longScrolledHeapMb, 1),
    `no conversation open ${f(r.memory.emptyHeapMb, 1)}`,
    '≤ 150',
  ]);
  for (const q of r.search.perQuery)
    rows.push(['4', `  search “${q.query}” (${q.hits} hits)`, f(q.ms, 1), `LIKE scan ${f(q.baselineMs, 1)}`, '']);
}

if (wanted('ttft')) {
  const r = await runTtftBench();
  results.ttft = r;
  rows.push(
    [
      '7',
      `time to first token added by Runnel, p95 of ${r.runs} (ms)`,
      f(r.addedMs.p95, 1),
      'the server’s own write stamp (0)',
      '≤ 50',
    ],
    ['7', '  p50 / max (ms)', `${f(r.addedMs.p50, 1)} / ${f(r.addedMs.max, 1)}`, '', ''],
  );
}

if (wanted('validation')) {
  const r = runValidationBench();
  results.validation = r;
  const g = r.generationStart;
  rows.push([
    '8',
    `request validation, ${g.name} (µs)`,
    f(g.zodUs, 2),
    `old schema toolkit ${f(g.baselineUs, 2)}`,
    '≤ 5',
  ]);
  for (const c of r.cases.slice(1))
    rows.push(['8', `  ${c.name} (µs)`, f(c.zodUs, 2), `old schema toolkit ${f(c.baselineUs, 2)}`, '']);
}

if (wanted('mcp')) {
  const r = await runMcpBench();
  results.mcp = r;
  rows.push(
    [
      '9',
      `MCP tools/call round trip to a local stdio server, p95 of ${r.rounds} (ms)`,
      f(r.runnelMs.p95, 3),
      `SDK's bare client ${f(r.sdkMs.p95, 3)}`,
      '≤ 2× baseline',
    ],
    ['9', '  p50 (ms)', f(r.runnelMs.p50, 3), `SDK's bare client ${f(r.sdkMs.p50, 3)}`, ''],
    ['9', '  p95 vs the bare client', `${f(r.p95Ratio, 2)}×`, '1.00×', '≤ 2×'],
  );
}

if (wanted('tools')) {
  const r = await runToolLoopBench();
  results.toolLoop = r;
  rows.push(
    [
      '10',
      `tool loop: last call byte → next request, less the tool, p95 of ${r.rounds} (ms)`,
      f(r.loopMs.p95, 2),
      `the whole gap ${f(r.gapMs.p95, 2)}; the tool ${f(r.toolMs.p95, 0)}`,
      '≤ 20',
    ],
    ['10', '  p50 (ms)', f(r.loopMs.p50, 2), `the whole gap ${f(r.gapMs.p50, 2)}`, ''],
  );
}

if (wanted('text-calls')) {
  const r = runTextCallsBench();
  results.textCalls = r;
  for (const c of r.cases) {
    if (c.answers === 1) {
      rows.push([
        '10',
        `calls written in text: a ${c.chars.toLocaleString('en')}-character ${c.name} a character at a time, CPU ms`,
        f(c.blockMs, 1),
        `the same text untagged ${f(c.baselineMs, 1)} (${f(c.blockMs / c.baselineMs, 2)}×)`,
        '≤ 2× baseline',
      ]);
    } else {
      const us = (ms: number) => f((ms * 1000) / c.answers, 1);
      rows.push([
        '10',
        `calls written in text: ${c.name}, ${c.answers} answers in 5–20 character pieces, CPU µs per answer`,
        us(c.blockMs),
        `the same text untagged ${us(c.baselineMs)} (${f(c.blockMs / c.baselineMs, 2)}×)`,
        '',
      ]);
    }
  }
}

if (wanted('app')) {
  const r = await runAppStreamBench();
  results.appStream = r;
  rows.push(
    [
      '11',
      `whole app: ${r.bytes / 1000} KB streamed in ${r.chunks} chunks (${f(r.serverMs, 0)} ms at the server), longest task ms`,
      f(r.longestTaskMs, 0),
      `opening it from history ${f(r.baseline.longestTaskMs, 0)}`,
      '≤ 50',
    ],
    ['11', '  long tasks over 50 ms while streaming', String(r.longTasksOver50), '', '0'],
    [
      '11',
      '  longest task, CPU ms (tasks over 50 ms CPU)',
      `${f(r.longestTaskCpuMs, 0)} (${r.tasksOver50MsCpu})`,
      Object.entries(r.longestTaskParts)
        .map(([k, ms]) => `${k} ${f(ms, 0)}`)
        .join(', '),
      '≤ 50 (0)',
    ],
    [
      '11',
      "  answer done on screen after the server's last byte (ms)",
      f(r.finishLagMs, 0),
      `opening it from history ${f(r.baseline.paintMs, 0)}`,
      '≤ 250',
    ],
  );
}

if (wanted('context')) {
  const r = await runContextBench();
  results.context = r;
  rows.push(
    [
      '12',
      `context step: added to a request's start, ${r.messages} messages into ${r.window} tokens, p95 (ms)`,
      f(r.addedMs.p95, 2),
      `history read alone ${f(r.baselineMs.p95, 2)}; ${r.leftOut} left out`,
      '≤ 10',
    ],
    ['12', '  p50 (ms)', f(r.addedMs.p50, 2), `history read alone ${f(r.baselineMs.p50, 2)}`, ''],
    ['12', '  CPU time, p95 / p50 (ms)', `${f(r.addedCpuMs.p95, 2)} / ${f(r.addedCpuMs.p50, 2)}`, '', '≤ 10'],
    [
      '12',
      '  first request of the conversation (nothing counted yet) (ms)',
      f(r.firstAddedMs, 2),
      `CPU time ${f(r.firstAddedCpuMs, 2)}`,
      '≤ 10',
    ],
  );
}

printTable(rows);
const dir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}latest.json`, JSON.stringify(results, null, 2));
console.log(`\nwritten to bench/results/latest.json`);
