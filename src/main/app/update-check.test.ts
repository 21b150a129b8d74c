// The update check only on request, never downloading by itself, with failures in plain words.
import { describe, expect, it } from 'vitest';
import { updateChecks, type Updater } from './update-check';

function fakeUpdater(answer: () => Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string } } | null>) {
  const calls: string[] = [];
  const updater: Updater & { calls: string[] } = {
    calls,
    autoDownload: true,
    autoInstallOnAppQuit: false,
    checkForUpdates: () => {
      calls.push('check');
      return answer();
    },
    downloadUpdate: async () => calls.push('download'),
    quitAndInstall: () => calls.push('install'),
  };
  return updater;
}

describe('the update check', () => {
  it('is unsupported in development and in the web host, and asks nothing of the network', async () => {
    const updater = fakeUpdater(async () => null);
    expect(await updateChecks(async () => updater, false).check()).toEqual({ state: 'unsupported' });
    expect(await updateChecks(null, true).check()).toEqual({ state: 'unsupported' });
    expect(updater.calls).toEqual([]);
  });

  it('loads nothing until asked, and turns off automatic downloads before the first check', async () => {
    const updater = fakeUpdater(async () => ({ isUpdateAvailable: false, updateInfo: { version: '0.1.0' } }));
    let loads = 0;
    const checks = updateChecks(async () => {
      loads++;
      return updater;
    }, true);
    expect(loads).toBe(0);
    let autoDownloadSeen: boolean | undefined;
    updater.checkForUpdates = async () => {
      autoDownloadSeen = updater.autoDownload;
      return { isUpdateAvailable: false, updateInfo: { version: '0.1.0' } };
    };
    await checks.check();
    await checks.check();
    expect(loads).toBe(1);
    expect(autoDownloadSeen).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(true);
  });

  it('says whether a newer release exists, downloads it when asked, and installs only after that', async () => {
    let latest = { isUpdateAvailable: false, updateInfo: { version: '0.1.0' } };
    const updater = fakeUpdater(async () => latest);
    const checks = updateChecks(async () => updater, true);
    expect(await checks.check()).toEqual({ state: 'up-to-date', version: '0.1.0' });
    checks.install();
    expect(updater.calls).toEqual(['check']);
    latest = { isUpdateAvailable: true, updateInfo: { version: '0.2.0' } };
    expect(await checks.check()).toEqual({ state: 'available', version: '0.2.0' });
    expect(updater.calls).toEqual(['check', 'check']);
    expect(await checks.download()).toEqual({ state: 'downloaded', version: '0.2.0' });
    checks.install();
    await new Promise((r) => setTimeout(r, 0));
    expect(updater.calls).toEqual(['check', 'check', 'download', 'install']);
  });

  it('reports a failed check in one line, and refuses a download before a check', async () => {
    const broken = fakeUpdater(async () => {
      throw new Error('net::ERR_NAME_NOT_RESOLVED\n    at stack');
    });
    const checks = updateChecks(async () => broken, true);
    expect(await checks.check()).toEqual({ state: 'failed', detail: 'net::ERR_NAME_NOT_RESOLVED' });
    await expect(checks.download()).rejects.toMatchObject({
      message: 'Check for updates first.',
      detail: { code: 'invalid_input', said: { key: 'app.checkUpdatesFirst', values: {} } },
    });
  });
});
