// `npm test`: every check, in two stages. The first runs the checks that need nothing from each
// other at the same time (typecheck, lint, the Vitest suite, the build and then Electronegativity
// on it): the unit and integration tests spend most of their time waiting on sockets and timers,
// so the others fill the CPU meanwhile. The second is Playwright, which needs the build and wants
// the machine to itself. Output is kept per job and printed whole when the job ends, so the log
// reads in order (the end-to-end tests, alone on the machine, print as they go); a failure does not
// stop the other jobs (one run shows every problem). Exit status: 0 only when every job passed.
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Runs `npm run <scripts...>` one after another; resolves with its whole output and status. With
 * `live`, output goes straight through instead (a job that runs alone, so a hang shows where).
 */
function job(name, scripts, live = false) {
  const started = Date.now();
  return new Promise((resolve) => {
    let output = '';
    const runNext = (i) => {
      if (i === scripts.length) return resolve({ name, ok: true, output, seconds: (Date.now() - started) / 1000 });
      const child = spawn(npm, ['run', '--silent', scripts[i]], {
        env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' },
        stdio: ['ignore', live ? 'inherit' : 'pipe', live ? 'inherit' : 'pipe'],
        shell: process.platform === 'win32',
      });
      child.stdout?.on('data', (d) => (output += d));
      child.stderr?.on('data', (d) => (output += d));
      child.on('close', (code) => {
        if (code === 0) return runNext(i + 1);
        output += `\n[test] ${scripts[i]} exited with ${code}\n`;
        resolve({ name, ok: false, output, seconds: (Date.now() - started) / 1000 });
      });
    };
    runNext(0);
  });
}

function report(result) {
  process.stdout.write(
    `\n===== ${result.name}: ${result.ok ? 'passed' : 'FAILED'} in ${result.seconds.toFixed(0)} s =====\n`,
  );
  process.stdout.write(result.output);
  return result;
}

const first = await Promise.all([
  job('typecheck', ['typecheck']).then(report),
  job('lint', ['lint']).then(report),
  job('unit and integration tests', ['test:unit']).then(report),
  job('build and Electronegativity', ['build', 'test:electronegativity']).then(report),
]);
const built = first.find((r) => r.name.startsWith('build'))?.ok;
if (built) process.stdout.write('\n===== end-to-end tests =====\n');
const second = built ? [report(await job('end-to-end tests', ['test:e2e'], true))] : [];
if (!built) process.stdout.write('\n[test] end-to-end tests not run: the build failed\n');

const all = [...first, ...second];
process.stdout.write('\n===== summary =====\n');
for (const r of all) process.stdout.write(`${r.ok ? 'passed' : 'FAILED'}  ${r.name} (${r.seconds.toFixed(0)} s)\n`);
process.exit(all.every((r) => r.ok) && built ? 0 : 1);
