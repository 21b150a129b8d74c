// Run before `npm run dist`: packaging must not ship a database module built for another
// Electron version or CPU architecture (the app would stop at its first start). Checks the
// stamp that scripts/build-native-electron.mjs wrote, with the same rule the app applies.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nativeModuleName, readNativeStamp, stampProblem } from '../src/main/app/native-module';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'native', 'electron');
const electron = (
  JSON.parse(readFileSync(createRequire(join(root, 'package.json')).resolve('electron/package.json'), 'utf8')) as {
    version: string;
  }
).version;
// electron-builder packs for the machine's own architecture unless told otherwise.
const arch = process.env.RUNNEL_DIST_ARCH ?? process.arch;

const problem = existsSync(join(dir, nativeModuleName))
  ? stampProblem(readNativeStamp(dir), { electron, arch, platform: process.platform })
  : { detail: `${join(dir, nativeModuleName)} does not exist` };
if (problem) {
  console.error(`[runnel] cannot package: the Electron build of better-sqlite3 is not usable (${problem.detail}).`);
  console.error('[runnel] Run `npm run rebuild:electron`, then `npm run dist` again.');
  process.exit(1);
}
console.log(`[runnel] better-sqlite3 is built for Electron ${electron} (${process.platform}-${arch}).`);
