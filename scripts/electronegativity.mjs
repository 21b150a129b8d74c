// Runs Electronegativity (Doyensec's scanner for Electron misconfigurations) over the sources and
// the built main, preload and renderer page, prints every finding, and fails on any finding that
// scripts/electronegativity-allowlist.json does not justify. The CLI exits 0 whatever it finds,
// so this reads its results instead. Usage: node scripts/electronegativity.mjs [--out DIR]
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const { values } = parseArgs({
  options: { out: { type: 'string', default: process.env.RUNNEL_E2E_OUT ?? join(root, 'out') } },
});

// Electronegativity downloads translations at start (and, in one check, Electron's release list).
// The scan must not depend on the network, nor wait for it to time out: its HTTP client answers
// "offline" at once, so the bundled English texts are used.
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'got') return () => Promise.reject(new Error('offline: translations are not downloaded'));
  return load.call(this, request, ...rest);
};
const run = require('@doyensec/electronegativity/dist/runner.js');

/** What is scanned: all sources, and what the build ships for main, preload and the page (not the bundled libraries). */
function stage() {
  const dir = mkdtempSync(join(tmpdir(), 'runnel-electronegativity-'));
  cpSync(join(root, 'src'), join(dir, 'src'), { recursive: true });
  const built = [
    ['main/index.js', 'out/main/index.js'],
    ['preload/index.cjs', 'out/preload/index.js'],
    ['renderer/index.html', 'out/renderer/index.html'],
  ];
  const missing = built.filter(([from]) => !existsSync(join(values.out, from))).map(([from]) => from);
  if (missing.length) {
    console.error(
      `electronegativity: the build is missing in ${values.out} (${missing.join(', ')}); run the build first`,
    );
    process.exit(1);
  }
  for (const [from, to] of built) cpSync(join(values.out, from), join(dir, to));
  return dir;
}

const allowlist = JSON.parse(readFileSync(join(root, 'scripts', 'electronegativity-allowlist.json'), 'utf8'));
const electronVersion = require('electron/package.json').version;
const input = stage();
let result;
try {
  result = await run(
    {
      input,
      isSarif: false,
      customScan: [],
      // Compares the Electron version against a release list fetched from the network.
      excludeFromScan: ['availablesecurityfixesglobalcheck'],
      isRelative: true,
      isVerbose: false,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
} finally {
  rmSync(input, { recursive: true, force: true });
}

const allowedBy = (issue) =>
  allowlist.find(
    (entry) =>
      entry.check === issue.id &&
      entry.file === issue.file &&
      (entry.description === undefined || issue.description.startsWith(entry.description)),
  );

const used = new Set();
const failures = [];
console.log(
  `Electronegativity ${require('@doyensec/electronegativity/package.json').version}, Electron ${electronVersion}:`,
);
for (const issue of result.issues) {
  const where = `${issue.file}:${issue.location.line}`;
  const line = `${issue.id} ${issue.severity.name}/${issue.confidence.name} ${where}: ${issue.description}`;
  const entry = allowedBy(issue);
  if (entry) {
    used.add(entry);
    console.log(`  allowed  ${line}\n           because ${entry.reason}`);
  } else {
    failures.push(issue);
    console.log(
      `  FINDING  ${line}${issue.sample ? `\n           ${issue.sample}` : ''}\n           see ${issue.shortenedURL}`,
    );
  }
}
for (const error of result.errors) console.log(`  could not scan ${error.file}: ${error.message ?? error.error ?? ''}`);
for (const entry of allowlist.filter((e) => !used.has(e))) {
  console.log(`  note: allowlist entry no longer matches anything (${entry.check} ${entry.file}); remove it`);
}
if (failures.length || result.errors.length) {
  console.error(
    `electronegativity: ${failures.length} finding(s) not in scripts/electronegativity-allowlist.json` +
      (result.errors.length ? `, ${result.errors.length} file(s) not scanned` : ''),
  );
  process.exit(1);
}
console.log(`electronegativity: ${result.issues.length} finding(s), each justified in the allowlist`);
