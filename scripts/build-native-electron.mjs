// Builds a second copy of better-sqlite3's native addon for Electron's ABI, next to the Node
// build that tests use, so one `npm install` serves both (main passes it as `nativeBinding`).
// Beside it goes a stamp (Electron version, CPU architecture, system) that the app checks at
// start and `npm run dist` checks before packaging (src/main/app/native-module.ts).
// It needs Electron's headers from the network. As `postinstall` it never fails `npm install`:
// whatever goes wrong, it says so and leaves the Node build alone. As `npm run rebuild:electron`
// (RUNNEL_FORCE_ELECTRON_NATIVE=1) a failure is an error, so the user sees it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, copyFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const outDir = join(root, 'native', 'electron');
const forced = process.env.RUNNEL_FORCE_ELECTRON_NATIVE === '1';

function skip(why) {
  console.log(`[runnel] Electron build of better-sqlite3 skipped: ${why}`);
  console.log('[runnel] Tests and `npm run serve` use the Node build. To run the desktop app, run');
  console.log('[runnel] `npm run rebuild:electron` on a machine that can reach Electron headers.');
  process.exit(forced ? 1 : 0);
}

function build() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1' && !forced) {
    skip('ELECTRON_SKIP_BINARY_DOWNLOAD=1, so there is no Electron binary to load it');
  }
  let electronVersion, sqliteDir, gyp;
  try {
    electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
    sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
  } catch {
    skip('electron or better-sqlite3 is not installed');
  }
  try {
    // npm ships node-gyp, but not every layout puts it where the project can resolve it.
    gyp = require.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    const bundled = join(
      dirname(process.env.npm_execpath ?? ''),
      '..',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    );
    if (!process.env.npm_execpath || !existsSync(bundled)) skip('node-gyp cannot be found');
    gyp = bundled;
  }

  const work = join(tmpdir(), `runnel-sqlite-electron-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  cpSync(sqliteDir, work, { recursive: true, filter: (p) => !p.startsWith(join(sqliteDir, 'build') + sep) });
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
  mkdirSync(outDir, { recursive: true });
  copyFileSync(built, join(outDir, 'better_sqlite3.node'));
  const stamp = { electron: electronVersion, arch: process.arch, platform: process.platform };
  writeFileSync(join(outDir, 'better_sqlite3.json'), `${JSON.stringify(stamp, null, 2)}\n`);
  rmSync(work, { recursive: true, force: true });
  console.log(
    `[runnel] built better-sqlite3 for Electron ${electronVersion} (${process.platform}-${process.arch}): ${outDir}`,
  );
}

try {
  build();
} catch (err) {
  skip(`unexpected error: ${err instanceof Error ? err.message : String(err)}`);
}
