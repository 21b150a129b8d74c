// Settings → About's update check, around electron-updater. Nothing here runs unless the user
// asks (a button, or the "check at start" setting they turned on): Runnel makes no request to
// anywhere but the user's own servers otherwise. Downloads are never automatic; the update is
// installed when the user restarts for it or quits. The updater is passed in, so this runs in
// plain Node under test.
import type { UpdateStatus } from '../../shared/domain';
import { ChatFailure, chatError } from '../../shared/chat-error';
import { appWords } from '../../shared/words/app-words';
import type { UpdateChecks } from '../core/create-core';

/** The part of electron-updater's AppUpdater this uses. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string } } | null>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(): void;
}

const failed = (err: unknown): UpdateStatus => ({
  state: 'failed',
  detail: (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 300),
});

/**
 * `packaged` is false in development, where there is nothing to update. The updater is loaded
 * with the first check, so a start that checks nothing pays nothing for it.
 */
export function updateChecks(loadUpdater: (() => Promise<Updater>) | null, packaged: boolean): UpdateChecks {
  if (!loadUpdater || !packaged) {
    const unsupported = async (): Promise<UpdateStatus> => ({ state: 'unsupported' });
    return { check: unsupported, download: unsupported, install: () => {} };
  }
  let loaded: Promise<Updater> | null = null;
  const updater = () =>
    (loaded ??= loadUpdater().then((u) => {
      u.autoDownload = false;
      u.autoInstallOnAppQuit = true;
      return u;
    }));
  let found: string | null = null;
  let downloaded = false;
  return {
    async check() {
      try {
        const result = await (await updater()).checkForUpdates();
        if (!result) return { state: 'unsupported' };
        if (!result.isUpdateAvailable) return { state: 'up-to-date', version: result.updateInfo.version };
        found = result.updateInfo.version;
        return { state: downloaded ? 'downloaded' : 'available', version: found };
      } catch (err) {
        return failed(err);
      }
    },
    async download() {
      // Refused in Runnel's words (the About page shows a refusal in the UI's language).
      if (!found) throw new ChatFailure(chatError('invalid_input', appWords.say('checkUpdatesFirst')));
      try {
        await (await updater()).downloadUpdate();
        downloaded = true;
        return { state: 'downloaded', version: found };
      } catch (err) {
        return failed(err);
      }
    },
    install() {
      if (downloaded) void updater().then((u) => u.quitAndInstall());
    },
  };
}
