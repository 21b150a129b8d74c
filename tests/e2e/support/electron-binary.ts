// Whether the Electron end-to-end spec can run here, and if not, why: found without
// require('electron'), which would try to download a missing binary. The database module is
// checked with the same rule the app applies at start (src/main/app/native-module.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkNativeModule } from '../../../src/main/app/native-module';

export const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

export function electronBinary(): string | null {
  const pkg = join(projectRoot, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  const binary = join(dist, readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Null when the Electron spec can run; otherwise what is missing and how to get it. */
export function electronMissing(): string | null {
  if (!electronBinary()) {
    return 'the Electron binary is not installed (npm ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1); run `node node_modules/electron/install.js` where its download is reachable';
  }
  const electron = (
    JSON.parse(readFileSync(join(projectRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const native = checkNativeModule({
    mainDir: join(projectRoot, 'out', 'main'),
    resourcesPath: undefined,
    isPackaged: false,
    electron,
    arch: process.arch,
    platform: process.platform,
  });
  return native.ok ? null : `${native.detail} ${native.fix}`;
}
