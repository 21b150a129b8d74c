// What main tells the user about their data: a damaged database set aside (at start) or found
// damaged while running (set aside at the next start).
import { defineMessages } from '../../i18n/define-messages';

export const appNoticesMessages = defineMessages(
  {
    region: 'Notices',
    dismiss: 'Dismiss',
    recovered: (movedTo: string, detail: string) =>
      `The history database was damaged and could not be opened. Runnel moved it aside, unchanged, to ${movedTo} and started a new, empty history; SQLite's ".recover" may get the old one back. SQLite said: ${detail}`,
    damaged: (detail: string) =>
      `The history database is damaged. Back up what you need now (Settings → Data → Export all): at the next start Runnel will move the file aside, unchanged, and start a new history. SQLite said: ${detail}`,
  },
  {
    zh: {
      region: '通知',
      dismiss: '关闭通知',
      recovered: (movedTo: string, detail: string) =>
        `历史记录数据库已损坏，无法打开。Runnel 已将其原样移到 ${movedTo}，并新建了一个空的历史记录；SQLite 的 ".recover" 或许能恢复旧文件。SQLite 的信息：${detail}`,
      damaged: (detail: string) =>
        `历史记录数据库已损坏。请现在备份需要的内容（设置 → 数据 → 全部导出）：下次启动时，Runnel 会将该文件原样移开，并新建历史记录。SQLite 的信息：${detail}`,
    },
  },
);
