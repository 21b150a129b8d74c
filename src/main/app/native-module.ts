// Where the desktop app finds its Electron build of better-sqlite3, and whether that build fits
// the Electron that is running. The build is stamped (`better_sqlite3.json` beside the `.node`
// file, written by scripts/build-native-electron.mjs) with the Electron version and CPU
// architecture it was compiled for, so a stale or foreign build is named before the loader fails
// with a raw NODE_MODULE_VERSION error. Plain Node: the caller passes what Electron knows.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const nativeModuleName = 'better_sqlite3.node';
export const nativeStampName = 'better_sqlite3.json';

/** What `scripts/build-native-electron.mjs` records beside the built file. */
export interface NativeStamp {
  electron: string;
  arch: string;
  platform: string;
}

export interface NativeModuleContext {
  /** The folder of the running main bundle (`out/main` in development and `npm start`, inside the asar when packaged). */
  mainDir: string;
  /** `process.resourcesPath` of a packaged app. */
  resourcesPath: string | undefined;
  isPackaged: boolean;
  /** `process.versions.electron`, `process.arch`, `process.platform`. */
  electron: string;
  arch: string;
  platform: string;
}

export type NativeModuleCheck =
  | { ok: true; file: string }
  | { ok: false; problem: 'missing' | 'unstamped' | 'stale' | 'arch'; file: string; detail: string; fix: string };

/** The folder the built file lives in: `resources/native` when packaged, else `native/electron` of the project. */
export function nativeModuleDir(ctx: Pick<NativeModuleContext, 'mainDir' | 'resourcesPath' | 'isPackaged'>): string {
  if (ctx.isPackaged && ctx.resourcesPath) return join(ctx.resourcesPath, 'native');
  // out/main/index.js → the project folder, whichever way Electron was pointed at it.
  return join(ctx.mainDir, '..', '..', 'native', 'electron');
}

export function readNativeStamp(dir: string): NativeStamp | null {
  try {
    const value = JSON.parse(readFileSync(join(dir, nativeStampName), 'utf8')) as Partial<NativeStamp>;
    if (typeof value.electron !== 'string' || typeof value.arch !== 'string' || typeof value.platform !== 'string') {
      return null;
    }
    return { electron: value.electron, arch: value.arch, platform: value.platform };
  } catch {
    return null;
  }
}

/** Whether the stamp fits the runtime; the problem and its wording are shared with the check before `npm run dist`. */
export function stampProblem(
  stamp: NativeStamp | null,
  want: Pick<NativeModuleContext, 'electron' | 'arch' | 'platform'>,
): { problem: 'unstamped' | 'stale' | 'arch'; detail: string } | null {
  if (!stamp) return { problem: 'unstamped', detail: 'it carries no record of the Electron version it was built for' };
  if (stamp.platform !== want.platform || stamp.arch !== want.arch) {
    return {
      problem: 'arch',
      detail: `it was built for ${stamp.platform}-${stamp.arch}, and this is ${want.platform}-${want.arch}`,
    };
  }
  if (stamp.electron !== want.electron) {
    return {
      problem: 'stale',
      detail: `it was built for Electron ${stamp.electron}, and this is Electron ${want.electron}`,
    };
  }
  return null;
}

export function checkNativeModule(ctx: NativeModuleContext): NativeModuleCheck {
  const dir = nativeModuleDir(ctx);
  const file = join(dir, nativeModuleName);
  const fix = ctx.isPackaged
    ? 'This installation of Runnel is incomplete: install it again from the download page.'
    : 'Run `npm run rebuild:electron` in the project folder, then start Runnel again.';
  if (!existsSync(file)) {
    return {
      ok: false,
      problem: 'missing',
      file,
      detail: `The database module for Electron is missing (${file}).`,
      fix,
    };
  }
  const mismatch = stampProblem(readNativeStamp(dir), ctx);
  if (mismatch) {
    return {
      ok: false,
      problem: mismatch.problem,
      file,
      detail: `The database module ${file} cannot be used: ${mismatch.detail}.`,
      fix,
    };
  }
  return { ok: true, file };
}
