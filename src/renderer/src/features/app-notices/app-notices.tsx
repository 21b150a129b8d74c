// Notices from main, shown above the chat until dismissed: those found before this window opened
// (app:info) and any found while it is open (app:notice): a damaged database, a config entry left
// out, keys the web host left in plaintext (with the offer to move them), and a newer release
// when the user asked to be told at start.
import { useContext, useEffect, useState } from 'react';
import type { AppNotice } from '../../../../shared/ipc/contract';
import { request, subscribe } from '../../api/api';
import { LanguageContext, useMessages } from '../../i18n/use-messages';
import { useAppStore } from '../../state/store';
import { appNoticesMessages, type AppNoticesMessages } from './app-notices-messages';
import { errorText } from '../../i18n/error-text';
import { wordsIn } from '../../../../shared/words/all-words';
import type { Language } from '../../i18n/languages';

/** Main's notices, and the one this window makes itself after the check at start. */
type Notice = AppNotice | { kind: 'update-available'; detail: string };

const keyOf = (notice: Notice): string =>
  notice.kind === 'config-problem'
    ? `${notice.kind}\n${notice.entry}\n${notice.detail}`
    : `${notice.kind}\n${notice.detail}`;

function noticeText(notice: Notice, m: AppNoticesMessages, language: Language): string {
  switch (notice.kind) {
    case 'database-recovered':
      return m.recovered(notice.movedTo, notice.detail);
    case 'database-damaged':
      return m.damaged(notice.detail);
    case 'config-problem': {
      const detail = wordsIn(language, notice.said, notice.detail);
      return notice.entry ? m.configEntry(notice.file, notice.entry, detail) : m.configFile(notice.file, detail);
    }
    case 'plaintext-keys':
      return m.plaintextKeys(notice.count, notice.detail);
    case 'update-available':
      return m.updateAvailable(notice.detail);
  }
}

/** Damage is urgent; the rest is worth reading but interrupts nothing. */
const roleOf = (notice: Notice) => (notice.kind.startsWith('database-') ? 'alert' : 'status');

export function AppNotices() {
  const m = useMessages(appNoticesMessages);
  const language = useContext(LanguageContext);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const checkAtStart = useAppStore((s) => s.checkUpdates);

  useEffect(() => {
    const add = (more: readonly Notice[]) =>
      setNotices((shown) => [...shown, ...more.filter((n) => !shown.some((s) => keyOf(s) === keyOf(n)))]);
    let live = true;
    request('app:info', {}).then(
      async (info) => {
        if (!live) return;
        add(info.notices);
        // Only where the user turned it on: nothing else reaches the internet unasked.
        if (!info.canUpdate || !checkAtStart) return;
        const status = await request('updates:check', {});
        if (live && status.state === 'available') add([{ kind: 'update-available', detail: status.version }]);
      },
      () => {}, // the chat shows a host that cannot be reached
    );
    const off = subscribe('app:notice', (notice) => add([notice]));
    return () => {
      live = false;
      off();
    };
    // The check at start runs once per window, with the setting as it was when the window opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const dismiss = (notice: Notice) => setNotices((shown) => shown.filter((s) => keyOf(s) !== keyOf(notice)));
  const movePlaintextKeys = async (notice: Notice, move: boolean) => {
    try {
      await request('keys:move-plaintext', { move });
      setFailure(null);
      dismiss(notice);
    } catch (err) {
      setFailure(errorText(err));
    }
  };

  if (notices.length === 0) return null;
  return (
    <section aria-label={m.region}>
      {notices.map((notice) => (
        <div key={keyOf(notice)} role={roleOf(notice)} className="notice">
          <span>
            {noticeText(notice, m, language)}
            {notice.kind === 'plaintext-keys' && failure && <span className="notice-failure"> {failure}</span>}
          </span>
          {notice.kind === 'plaintext-keys' ? (
            <span className="notice-actions">
              <button type="button" className="primary" onClick={() => void movePlaintextKeys(notice, true)}>
                {m.moveKeys}
              </button>
              <button type="button" onClick={() => void movePlaintextKeys(notice, false)}>
                {m.keepKeys}
              </button>
            </span>
          ) : (
            <button type="button" className="notice-dismiss" aria-label={m.dismiss} onClick={() => dismiss(notice)}>
              ×
            </button>
          )}
        </div>
      ))}
    </section>
  );
}
