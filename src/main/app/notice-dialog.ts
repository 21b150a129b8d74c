// Tells the desktop user, once at start, what main had to do on their behalf (a damaged database
// moved aside and a fresh one created), in their language. The web host prints the same to its log.
import { dialog, type BrowserWindow } from 'electron';
import type { AppNotice } from '../../shared/ipc/contract';
import type { UiLanguage } from '../../shared/preferences';

const texts = {
  en: {
    title: 'Runnel',
    recovered: 'The history database was damaged and could not be opened.',
    detail: (movedTo: string, what: string) =>
      `Runnel moved it aside, unchanged, to:\n${movedTo}\n\nand started a new, empty history. The old file may be recoverable with SQLite tools (".recover").\n\nSQLite said: ${what}`,
    ok: 'OK',
  },
  zh: {
    title: 'Runnel',
    recovered: '历史记录数据库已损坏，无法打开。',
    detail: (movedTo: string, what: string) =>
      `Runnel 已将其原样移到：\n${movedTo}\n\n并新建了一个空的历史记录。旧文件或许可以用 SQLite 工具（".recover"）恢复。\n\nSQLite 的信息：${what}`,
    ok: '确定',
  },
} satisfies Record<UiLanguage, unknown>;

export async function showNotices(
  window: BrowserWindow,
  notices: readonly AppNotice[],
  language: UiLanguage,
): Promise<void> {
  const t = texts[language];
  for (const notice of notices) {
    await dialog.showMessageBox(window, {
      type: 'warning',
      title: t.title,
      message: t.recovered,
      detail: t.detail(notice.movedTo, notice.detail),
      buttons: [t.ok],
    });
  }
}
