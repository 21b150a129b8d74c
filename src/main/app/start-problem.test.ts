// The box shown when Runnel cannot start speaks the user's language, or the system's when the
// preferences cannot be read yet; the English stays what it was.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseCorruptError } from '../db/lifecycle/integrity';
import { DatabaseTooNewError, MigrationBackupError } from '../db/schema/migrate';
import { startLanguage } from './desktop-preferences';
import { checkNativeModule } from './native-module';
import { nativeModuleProblem, startProblem } from './start-problem';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'runnel-start-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the box shown when Runnel cannot start', () => {
  it('is in the chosen language, else the first system language Runnel has', () => {
    expect(startLanguage(null, ['zh-Hans-CN', 'en-US'])).toBe('zh');
    expect(startLanguage(null, ['de-DE', 'zh-TW'])).toBe('zh');
    expect(startLanguage(null, ['de-DE'])).toBe('en');
    expect(startLanguage(null, [])).toBe('en');
    expect(startLanguage({ language: 'en' }, ['zh-CN'])).toBe('en');
    expect(startLanguage({ language: 'zh' }, ['en-US'])).toBe('zh');
  });

  it('says a database from a newer Runnel in Chinese, and in the English of its message', () => {
    const err = new DatabaseTooNewError(20, 15);
    expect(startProblem(err, 'en')).toEqual({ title: 'Runnel could not start', message: err.message });
    const zh = startProblem(err, 'zh');
    expect(zh.title).toBe('Runnel 无法启动');
    expect(zh.message).toContain('架构版本是 20');
    expect(zh.message).toContain('最高只支持 15');
  });

  it('keeps the system’s words inside a failed backup and a damaged file as they came', () => {
    const backup = new MigrationBackupError(3, 15, new Error('ENOSPC: no space left on device'));
    expect(startProblem(backup, 'en').message).toBe(backup.message);
    expect(startProblem(backup, 'zh').message).toContain('（ENOSPC: no space left on device）');
    const damaged = new DatabaseCorruptError('/data/runnel.sqlite', 'database disk image is malformed');
    expect(startProblem(damaged, 'en').message).toBe(damaged.message);
    expect(startProblem(damaged, 'zh').message).toBe(
      '数据库 /data/runnel.sqlite 已损坏：database disk image is malformed',
    );
  });

  it('shows any other error in its own words under the translated title', () => {
    expect(startProblem(new Error('EACCES: /data'), 'zh')).toEqual({
      title: 'Runnel 无法启动',
      message: 'EACCES: /data',
    });
  });

  it('names a missing database module and its fix in the language asked, the English unchanged', () => {
    const check = checkNativeModule({
      mainDir: join(root, 'out', 'main'),
      resourcesPath: '/opt/electron/resources',
      isPackaged: false,
      electron: '45.4.1',
      arch: 'x64',
      platform: 'linux',
    });
    if (check.ok) throw new Error('expected a missing module');
    expect(nativeModuleProblem(check, 'en')).toEqual({
      title: 'Runnel cannot open its database',
      message: `${check.detail}\n\n${check.fix}`,
    });
    const zh = nativeModuleProblem(check, 'zh');
    expect(zh.title).toBe('Runnel 无法打开它的数据库');
    expect(zh.message).toContain(`缺少 Electron 用的数据库模块（${check.file}）`);
    expect(zh.message).toContain('npm run rebuild:electron');
  });
});
