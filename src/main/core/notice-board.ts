// What main has to tell the user (a damaged database, a bad config entry, keys to move): kept for
// windows that open later (`app:info`) and sent at once to those already open (`app:notice`).
import type { AppNotice } from '../../shared/ipc/contract';

export class NoticeBoard {
  private readonly notices: AppNotice[] = [];

  constructor(private readonly announce: (notice: AppNotice) => void) {}

  list(): AppNotice[] {
    return [...this.notices];
  }

  /** Kept for later windows; `live` also tells the open ones (a notice found before any window opened need not). */
  add(notice: AppNotice, live = true): void {
    // The same notice again (a config applied twice) is already on the board.
    const same = JSON.stringify(notice);
    if (this.notices.some((n) => JSON.stringify(n) === same)) return;
    this.notices.push(notice);
    if (live) this.announce(notice);
  }

  drop(kind: AppNotice['kind']): void {
    this.notices.splice(0, this.notices.length, ...this.notices.filter((n) => n.kind !== kind));
  }
}
