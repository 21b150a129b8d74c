// What main tells the user: a damaged database set aside (at start) or found damaged while
// running (set aside at the next start), a config entry left out, keys left in plaintext by the
// web host, and a newer release.
import { defineMessages } from '../../i18n/define-messages';

export const appNoticesMessages = defineMessages(
  {
    region: 'Notices',
    dismiss: 'Dismiss',
    recovered: (movedTo: string, detail: string) =>
      `The history database was damaged and could not be opened. Runnel moved it aside, unchanged, to ${movedTo} and started a new, empty history; SQLite's ".recover" may get the old one back. SQLite said: ${detail}`,
    damaged: (detail: string) =>
      `The history database is damaged. Back up what you need now (Settings → Data → Export all): at the next start Runnel will move the file aside, unchanged, and start a new history. SQLite said: ${detail}`,
    configEntry: (file: string, entry: string, detail: string) =>
      `${entry} in ${file} was left out: ${detail}. The other entries were applied; fix this one and restart Runnel.`,
    configFile: (file: string, detail: string) =>
      `${file} could not be used: ${detail}. Runnel started without it; fix the file and restart Runnel.`,
    plaintextKeys: (count: number, file: string) =>
      `The web host left ${count === 1 ? 'an API key' : `${count} API keys or header values`} in a plaintext file (${file}). Move ${count === 1 ? 'it' : 'them'} into the system keychain? The web host then no longer has ${count === 1 ? 'it' : 'them'}.`,
    moveKeys: 'Move to keychain',
    keepKeys: 'Keep as they are',
    updateAvailable: (version: string) => `Runnel ${version} is available: Settings → About downloads it.`,
  },
  {
    zh: {
      region: '通知',
      dismiss: '关闭通知',
      recovered: (movedTo: string, detail: string) =>
        `历史记录数据库已损坏，无法打开。Runnel 已将其原样移到 ${movedTo}，并新建了一个空的历史记录；SQLite 的 ".recover" 或许能恢复旧文件。SQLite 的信息：${detail}`,
      damaged: (detail: string) =>
        `历史记录数据库已损坏。请现在备份需要的内容（设置 → 数据 → 全部导出）：下次启动时，Runnel 会将该文件原样移开，并新建历史记录。SQLite 的信息：${detail}`,
      configEntry: (file: string, entry: string, detail: string) =>
        `${file} 中的 ${entry} 未被采用：${detail}。其他条目已生效；请修正此条目后重启 Runnel。`,
      configFile: (file: string, detail: string) =>
        `无法使用 ${file}：${detail}。Runnel 已在没有它的情况下启动；请修正该文件后重启 Runnel。`,
      plaintextKeys: (count: number, file: string) =>
        `网页主机在明文文件（${file}）中留下了 ${count} 个 API 密钥或请求头的值。要把它们移入系统钥匙串吗？移动后网页主机将不再拥有它们。`,
      moveKeys: '移入钥匙串',
      keepKeys: '保持不变',
      updateAvailable: (version: string) => `Runnel ${version} 可用：可在 设置 → 关于 中下载。`,
    },
  },
);

export type AppNoticesMessages = (typeof appNoticesMessages)['en'];
