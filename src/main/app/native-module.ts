// Where the desktop app finds its Electron build of better-sqlite3, and whether that build fits
// the Electron that is running. The build is stamped (`better_sqlite3.json` beside the `.node`
// file, written by scripts/build-native-electron.mjs) with the Electron version and CPU
// architecture it was compiled for, so a stale or foreign build is named before the loader fails
// with a raw NODE_MODULE_VERSION error. Plain Node: the caller passes what Electron knows.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Said, Spoken } from '../../shared/words/define-words';
import { desktopWords } from '../../shared/words/desktop-words';

type NativeProblem = 'missing' | 'unstamped' | 'stale' | 'arch';

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
  | {
      ok: false;
      problem: NativeProblem;
      file: string;
      detail: string;
      fix: string;
      /** The detail and the fix as sentences of the desktop book, for the user's language. */
      said: { detail: Said; fix: Said };
    };

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
  const fix = desktopWords.say(ctx.isPackaged ? 'fixInstall' : 'fixRebuild');
  const failed = (problem: NativeProblem, detail: Spoken): NativeModuleCheck => ({
    ok: false,
    problem,
    file,
    detail: detail.text,
    fix: fix.text,
    said: { detail: detail.said, fix: fix.said },
  });
  if (!existsSync(file)) return failed('missing', desktopWords.say('moduleMissing', { file }));
  const stamp = readNativeStamp(dir);
  const mismatch = stampProblem(stamp, ctx);
  if (mismatch) {
    const detail =
      !stamp || mismatch.problem === 'unstamped'
        ? desktopWords.say('moduleUnstamped', { file })
        : mismatch.problem === 'arch'
          ? desktopWords.say('moduleOtherMachine', {
              file,
              built: `${stamp.platform}-${stamp.arch}`,
              running: `${ctx.platform}-${ctx.arch}`,
            })
          : desktopWords.say('moduleOtherElectron', { file, built: stamp.electron, running: ctx.electron });
    return failed(mismatch.problem, detail);
  }
  return { ok: true, file };
}
