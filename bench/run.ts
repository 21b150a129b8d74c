// `npm run bench`: runs the benchmarks, prints each figure beside its same-run baseline, and
// writes the results as JSON to bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runPipelineBench } from './pipeline.bench';

const r = await runPipelineBench(Number(process.env.BENCH_TOKENS ?? 200_000));
const f = (n: number, d = 1) => n.toFixed(d);
const rows: [string, string, string, string][] = [
  [
    'pipeline tokens/s (one stream)',
    f(r.pipeline.tokensPerSecond, 0),
    `baseline ${f(r.baseline.tokensPerSecond, 0)}`,
    '≥ 20000',
  ],
  [
    'pipeline CPU ms per 1k tokens',
    f(r.pipeline.cpuMsPer1kTokens, 2),
    `baseline ${f(r.baseline.cpuMs / (r.tokens / 1000), 2)}`,
    '',
  ],
  ['CPU vs baseline', `${f(r.cpuRatio, 2)}×`, '1.00×', '≤ 1.5×'],
  [
    `${r.concurrent.streams} concurrent streams, slowest tokens/s`,
    f(r.concurrent.slowestTokensPerSecond, 0),
    '',
    '≥ 1000',
  ],
  ['bytes emitted / text bytes', `${f(r.emitted.bytesRatio, 2)}×`, `${r.emitted.textBytes} text bytes`, '≤ 2×'],
  ['messages emitted per second', f(r.emitted.messagesPerSecond, 1), `${r.emitted.messages} messages`, '≤ 60'],
  ['SQLite writes per second', f(r.sqliteWrites.perSecond, 1), `one per token: ${r.tokens}`, '≤ 4'],
];
console.log(`Runnel pipeline benchmark, ${r.tokens} tokens\n`);
for (const [name, value, base, target] of rows)
  console.log(`${name.padEnd(42)} ${value.padStart(10)}   ${base.padEnd(26)} ${target}`);
const dir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}latest.json`, JSON.stringify({ date: new Date().toISOString(), pipeline: r }, null, 2));
console.log(`\nwritten to bench/results/latest.json`);
