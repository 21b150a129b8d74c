// Settings → About: the version, and the update check of the packaged desktop app. It runs only
// when the user clicks, or at start once they turned that on; a found release is downloaded when
// they say so and installed at the next restart.
import { useId, useState } from 'react';
import type { UpdateStatus } from '../../../../shared/domain';
import { request } from '../../api/api';
import { useAppInfo } from '../../api/use-app-info';
import { useMessages } from '../../i18n/use-messages';
import { useAppStore } from '../../state/store';
import { desktopMessages } from './desktop-messages';
import { errorText } from '../../i18n/error-text';

type Busy = 'checking' | 'downloading' | null;

export function AboutSettings() {
  const m = useMessages(desktopMessages);
  const id = useId();
  const info = useAppInfo();
  const checkAtStart = useAppStore((s) => s.checkUpdates);
  const setSwitch = useAppStore((s) => s.setSwitch);
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  const [busy, setBusy] = useState<Busy>(null);

  const run = async (step: Exclude<Busy, null>, ask: () => Promise<UpdateStatus>) => {
    setBusy(step);
    try {
      setStatus(await ask());
    } catch (err) {
      setStatus({ state: 'failed', detail: errorText(err) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="settings-section preference-form" aria-label={m.about}>
      <h3>{m.about}</h3>
      <p className="about-version">{info ? m.version(info.version) : '…'}</p>
      {info && !info.canUpdate && <p className="form-note">{m.noUpdates}</p>}
      {info?.canUpdate && (
        <>
          <div className="about-actions">
            <button
              type="button"
              disabled={busy !== null}
              onClick={() => void run('checking', () => request('updates:check', {}))}
            >
              {busy === 'checking' ? m.checking : m.checkForUpdates}
            </button>
            {status?.state === 'available' && (
              <button
                type="button"
                className="primary"
                disabled={busy !== null}
                onClick={() => void run('downloading', () => request('updates:download', {}))}
              >
                {busy === 'downloading' ? m.downloading : m.download}
              </button>
            )}
            {status?.state === 'downloaded' && (
              <button type="button" className="primary" onClick={() => void request('updates:install', {})}>
                {m.restart}
              </button>
            )}
          </div>
          <p role="status" className="form-note">
            {status ? m.status(status) : ''}
          </p>
          <label className="check-row" htmlFor={`${id}-at-start`}>
            <input
              id={`${id}-at-start`}
              type="checkbox"
              checked={checkAtStart}
              aria-describedby={`${id}-note`}
              onChange={(e) => void setSwitch({ checkUpdates: e.target.checked })}
            />
            {m.checkAtStart}
          </label>
          <p id={`${id}-note`} className="form-note">
            {m.updatesNote}
          </p>
        </>
      )}
    </section>
  );
}
