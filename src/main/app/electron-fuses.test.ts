// The packaged app's fuses (flipped in the Electron binary at packaging time): no running as
// plain Node, no NODE_OPTIONS or --inspect, cookies encrypted, the asar checked and the only
// code loaded, no extra privileges for file:// (the renderer is served on app://runnel/).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nativeModuleDir, nativeModuleName, nativeStampName } from './native-module';

const config = readFileSync(fileURLToPath(new URL('../../../electron-builder.yml', import.meta.url)), 'utf8');
const fuses = /^electronFuses:\n((?: {2}\w+: (?:true|false)\n)+)/m.exec(config)?.[1] ?? '';
const fuse = (name: string) => new RegExp(`^ {2}${name}: (true|false)$`, 'm').exec(fuses)?.[1];

describe('electron-builder.yml', () => {
  it.each([
    ['runAsNode', 'false'],
    ['enableNodeOptionsEnvironmentVariable', 'false'],
    ['enableNodeCliInspectArguments', 'false'],
    ['enableCookieEncryption', 'true'],
    ['enableEmbeddedAsarIntegrityValidation', 'true'],
    ['onlyLoadAppFromAsar', 'true'],
    ['grantFileProtocolExtraPrivileges', 'false'],
  ])('sets the %s fuse to %s', (name, value) => {
    expect(fuse(name)).toBe(value);
  });

  it('packs the app into an asar (the integrity and only-from-asar fuses need one)', () => {
    expect(config).not.toMatch(/^asar:\s*false/m);
  });

  it('ships the Electron build of better-sqlite3 and its stamp where the app looks for them', () => {
    for (const file of [nativeModuleName, nativeStampName]) {
      expect(config).toContain(`  - from: native/electron/${file}\n    to: native/${file}\n`);
    }
    const resources = join('opt', 'Runnel', 'resources');
    expect(nativeModuleDir({ mainDir: 'x', resourcesPath: resources, isPackaged: true })).toBe(
      join(resources, 'native'),
    );
  });

  it('builds the deb first on Linux, and keeps signing secrets out of the file', () => {
    expect(config).toMatch(/^linux:\n(?: {2}#.*\n)*(?: {2}.*\n)*? {2}target: \[deb, AppImage\]/m);
    expect(config).not.toMatch(/^\s*(cscLink|cscKeyPassword|appleIdPassword|password):/m);
    expect(config).toMatch(/^ {2}hardenedRuntime: true$/m);
  });
});
