// The Electron build of better-sqlite3 is found beside the app's own files however Electron was
// started, and a missing, stale or foreign build is named with what to run, on real files.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkNativeModule,
  nativeModuleDir,
  readNativeStamp,
  stampProblem,
  type NativeModuleContext,
} from './native-module';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'runnel-native-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const runtime = { electron: '45.4.1', arch: 'x64', platform: 'linux' };
const dev = (): NativeModuleContext => ({
  mainDir: join(root, 'out', 'main'),
  resourcesPath: '/opt/electron/resources',
  isPackaged: false,
  ...runtime,
});
const packaged = (): NativeModuleContext => ({
  mainDir: join(root, 'resources', 'app.asar', 'out', 'main'),
  resourcesPath: join(root, 'resources'),
  isPackaged: true,
  ...runtime,
});

function build(dir: string, stamp: object | null): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'better_sqlite3.node'), 'not really an addon');
  if (stamp) writeFileSync(join(dir, 'better_sqlite3.json'), JSON.stringify(stamp));
}

describe('the Electron build of better-sqlite3', () => {
  it('is looked for in the project folder when Electron runs out/main (npm start, the e2e spec, electron-vite dev)', () => {
    build(join(root, 'native', 'electron'), runtime);
    expect(nativeModuleDir(dev())).toBe(join(root, 'native', 'electron'));
    expect(checkNativeModule(dev())).toEqual({
      ok: true,
      file: join(root, 'native', 'electron', 'better_sqlite3.node'),
    });
  });

  it('is looked for in resources/native in a packaged app, not inside the asar', () => {
    build(join(root, 'resources', 'native'), runtime);
    expect(checkNativeModule(packaged())).toEqual({
      ok: true,
      file: join(root, 'resources', 'native', 'better_sqlite3.node'),
    });
  });

  it('names a missing build and says to run npm run rebuild:electron', () => {
    const check = checkNativeModule(dev());
    expect(check).toMatchObject({ ok: false, problem: 'missing' });
    if (!check.ok) expect(check.fix).toContain('npm run rebuild:electron');
  });

  it('names a build for another Electron version', () => {
    build(join(root, 'native', 'electron'), { ...runtime, electron: '44.0.0' });
    const check = checkNativeModule(dev());
    expect(check).toMatchObject({ ok: false, problem: 'stale' });
    if (!check.ok) {
      expect(check.detail).toContain('built for Electron 44.0.0, and this is Electron 45.4.1');
      expect(check.said.detail.values).toMatchObject({ built: '44.0.0', running: '45.4.1' });
    }
  });

  it('names a build for another CPU architecture or system', () => {
    build(join(root, 'native', 'electron'), { ...runtime, arch: 'arm64' });
    expect(checkNativeModule(dev())).toMatchObject({ ok: false, problem: 'arch' });
    build(join(root, 'native', 'electron'), { ...runtime, platform: 'darwin' });
    expect(checkNativeModule(dev())).toMatchObject({ ok: false, problem: 'arch' });
  });

  it('refuses a build with no stamp or an unreadable one (made before stamps existed)', () => {
    build(join(root, 'native', 'electron'), null);
    expect(checkNativeModule(dev())).toMatchObject({ ok: false, problem: 'unstamped' });
    writeFileSync(join(root, 'native', 'electron', 'better_sqlite3.json'), '{ not json');
    expect(checkNativeModule(dev())).toMatchObject({ ok: false, problem: 'unstamped' });
  });

  it('words each mismatch as the check before `npm run dist` does', () => {
    const dir = join(root, 'native', 'electron');
    for (const stamp of [null, { ...runtime, arch: 'arm64' }, { ...runtime, electron: '44.0.0' }]) {
      build(dir, stamp);
      const check = checkNativeModule(dev());
      const problem = stampProblem(readNativeStamp(dir), runtime);
      if (check.ok || !problem) throw new Error('expected a mismatch');
      expect(check.detail).toBe(`The database module ${check.file} cannot be used: ${problem.detail}.`);
    }
  });

  it('tells a packaged app to reinstall rather than run an npm script', () => {
    const check = checkNativeModule(packaged());
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.fix).toMatch(/install it again/);
      expect(check.fix).not.toContain('npm');
    }
  });
});
