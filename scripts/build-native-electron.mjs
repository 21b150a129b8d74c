// Builds a second copy of better-sqlite3's native addon for Electron's ABI, next to the Node
// build that tests use, so one `npm install` serves both (main passes it as `nativeBinding`).
// Needs Electron's headers from the network; where they cannot be had, it says so and leaves
// the Node build alone.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const out = join(root, 'native', 'electron', 'better_sqlite3.node');

function skip(why) {
  console.log(`[runnel] Electron build of better-sqlite3 skipped: ${why}`);
  console.log('[runnel] Tests and `npm run serve` use the Node build. To run the desktop app, run');
  console.log('[runnel] `npm run rebuild:electron` on a machine that can reach Electron headers.');
  process.exit(0);
}

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1' && process.env.RUNNEL_FORCE_ELECTRON_NATIVE !== '1') {
  skip('ELECTRON_SKIP_BINARY_DOWNLOAD=1, so there is no Electron binary to load it');
}

let electronVersion, sqliteDir;
try {
  electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
} catch {
  skip('electron or better-sqlite3 is not installed');
}

const work = join(tmpdir(), `runnel-sqlite-electron-${process.pid}`);
rmSync(work, { recursive: true, force: true });
cpSync(sqliteDir, work, { recursive: true, filter: (p) => !p.includes(`${sqliteDir}/build`) });
const gyp = require.resolve('node-gyp/bin/node-gyp.js');
const res = spawnSync(
  process.execPath,
  [
    gyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--runtime=electron',
    '--dist-url=https://electronjs.org/headers',
  ],
  { cwd: work, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
);
const built = join(work, 'build', 'Release', 'better_sqlite3.node');
if (res.status !== 0 || !existsSync(built)) {
  rmSync(work, { recursive: true, force: true });
  skip(`node-gyp could not build against Electron ${electronVersion} headers`);
}
mkdirSync(dirname(out), { recursive: true });
copyFileSync(built, out);
rmSync(work, { recursive: true, force: true });
console.log(`[runnel] built better-sqlite3 for Electron ${electronVersion}: ${out}`);
