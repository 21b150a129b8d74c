// Notices from main about the user's data, shown above the chat until dismissed: those found
// before this window opened (app:info) and any found while it is open (app:notice).
import { useEffect, useState } from 'react';
import type { AppNotice } from '../../../../shared/ipc/contract';
import { request, subscribe } from '../../api/api';
import { useMessages } from '../../i18n/use-messages';
import { appNoticesMessages } from './app-notices-messages';

const keyOf = (notice: AppNotice): string => `${notice.kind}\n${notice.detail}`;

export function AppNotices() {
  const m = useMessages(appNoticesMessages);
  const [notices, setNotices] = useState<AppNotice[]>([]);

  useEffect(() => {
    const add = (more: readonly AppNotice[]) =>
      setNotices((shown) => [...shown, ...more.filter((n) => !shown.some((s) => keyOf(s) === keyOf(n)))]);
    let live = true;
    request('app:info', {}).then(
      (info) => live && add(info.notices),
      () => {}, // the chat shows a host that cannot be reached
    );
    const off = subscribe('app:notice', (notice) => add([notice]));
    return () => {
      live = false;
      off();
    };
  }, []);

  if (notices.length === 0) return null;
  return (
    <section aria-label={m.region}>
      {notices.map((notice) => (
        <div key={keyOf(notice)} role="alert" className="notice">
          <span>
            {notice.kind === 'database-recovered'
              ? m.recovered(notice.movedTo, notice.detail)
              : m.damaged(notice.detail)}
          </span>
          <button
            type="button"
            className="notice-dismiss"
            aria-label={m.dismiss}
            onClick={() => setNotices((shown) => shown.filter((s) => keyOf(s) !== keyOf(notice)))}
          >
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
