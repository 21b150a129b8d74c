// Strings of the Data settings section and the conversation's Export menu.
import { defineMessages } from '../../i18n/define-messages';

const en = new Intl.NumberFormat('en-US');
const zh = new Intl.NumberFormat('zh-CN');

/** 1536 → "1.5 KB": sizes people read, not exact byte counts. */
export function readableSize(bytes: number, format: Intl.NumberFormat = en): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 ? String(value) : format.format(Math.round(value * 10) / 10);
  return `${shown} ${units[unit]}`;
}

export const transferMessages = defineMessages(
  {
    title: 'Data',
    folder: 'Data folder',
    database: 'Database',
    databaseSize: (bytes: number) => readableSize(bytes),
    open: 'Open',
    openUnavailable: 'Opening the folder works in the desktop app; a browser cannot open folders on this machine.',
    openFailed: (reason: string) => `Could not open the folder: ${reason}`,
    history: 'History',
    historyNote:
      'Export saves every conversation, with all its versions, to one JSON file. Import takes that file, or a ChatGPT export: pick conversations.json, the conversations-000.json… files, or the unzipped export folder. Importing the same file again adds nothing.',
    exportAll: 'Export all',
    import: 'Import',
    importFolder: 'Import folder',
    importFiles: 'Files to import',
    importFolderInput: 'Folder to import',
    backup: 'Backup',
    backupNote:
      'A backup is a copy of the whole database: conversations, backends, presets and settings. API keys and custom headers are not in it; they stay in this machine’s key store.',
    backUp: 'Back up database',
    restore: 'Restore database',
    restoreFile: 'Backup file to restore',
    working: 'Working…',
    exported: (name: string) => `Saved ${name}.`,
    backedUp: (name: string) => `Saved the backup as ${name}.`,
    sending: (percent: number) => `Sending files… ${percent}%`,
    counting: (found: number) => `Reading the files… ${en.format(found)} conversations found`,
    imported: (done: number, total: number) => `Imported ${en.format(done)} of ${en.format(total)}`,
    importProgress: 'Import progress',
    cancelImport: 'Cancel import',
    importDone: 'Import finished',
    importCancelled: 'Import cancelled; what was imported stays.',
    importSummary: (added: number, updated: number, unchanged: number, failed: number) =>
      `${en.format(added)} added, ${en.format(updated)} updated, ${en.format(unchanged)} already here, ${en.format(failed)} failed.`,
    importMessages: (n: number) => `${en.format(n)} messages written.`,
    problems: (n: number) => (n === 1 ? '1 problem' : `${en.format(n)} problems`),
    problemEntry: (index: number) => `entry ${en.format(index + 1)}`,
    noConversationFiles: 'That folder has no conversations.json or conversations-NNN.json file.',
    confirmRestore: (name: string, size: string) =>
      `Replace all conversations, backends, presets and settings with the backup “${name}” (${size})? Everything now in Runnel will be replaced.`,
    confirmRestoreButton: 'Restore',
    cancel: 'Cancel',
    restoring: 'Checking and restoring the backup…',
    restored: (conversations: number, backends: number) =>
      `Restored: ${en.format(conversations)} conversations, ${en.format(backends)} backends.`,
    migrated: (version: number) =>
      `The backup was from an older Runnel (schema ${version}) and was brought up to date.`,
    failed: (reason: string) => `Failed: ${reason}`,
    exportMenu: 'Export',
    exportMarkdown: 'Export as Markdown',
    exportJson: 'Export as JSON',
    roleUser: 'User',
    roleAssistant: 'Assistant',
    roleSystem: 'System',
    reasoning: 'Reasoning',
  },
  {
    zh: {
      title: '数据',
      folder: '数据文件夹',
      database: '数据库',
      databaseSize: (bytes: number) => readableSize(bytes, zh),
      open: '打开',
      openUnavailable: '打开文件夹只在桌面应用中可用；浏览器无法打开本机上的文件夹。',
      openFailed: (reason: string) => `无法打开文件夹：${reason}`,
      history: '历史记录',
      historyNote:
        '导出会把所有对话（含全部版本）保存为一个 JSON 文件。导入可接受该文件，或 ChatGPT 导出数据：选择 conversations.json、conversations-000.json… 文件，或解压后的导出文件夹。再次导入同一文件不会重复添加。',
      exportAll: '全部导出',
      import: '导入',
      importFolder: '导入文件夹',
      importFiles: '要导入的文件',
      importFolderInput: '要导入的文件夹',
      backup: '备份',
      backupNote:
        '备份是整个数据库的副本：对话、后端、预设和设置。API 密钥和自定义请求头不在其中，它们保留在本机的密钥存储里。',
      backUp: '备份数据库',
      restore: '恢复数据库',
      restoreFile: '要恢复的备份文件',
      working: '处理中…',
      exported: (name: string) => `已保存 ${name}。`,
      backedUp: (name: string) => `备份已保存为 ${name}。`,
      sending: (percent: number) => `正在发送文件… ${percent}%`,
      counting: (found: number) => `正在读取文件… 已找到 ${zh.format(found)} 个对话`,
      imported: (done: number, total: number) => `已导入 ${zh.format(done)} / ${zh.format(total)}`,
      importProgress: '导入进度',
      cancelImport: '取消导入',
      importDone: '导入完成',
      importCancelled: '导入已取消；已导入的内容会保留。',
      importSummary: (added: number, updated: number, unchanged: number, failed: number) =>
        `新增 ${zh.format(added)}，更新 ${zh.format(updated)}，已存在 ${zh.format(unchanged)}，失败 ${zh.format(failed)}。`,
      importMessages: (n: number) => `写入了 ${zh.format(n)} 条消息。`,
      problems: (n: number) => `${zh.format(n)} 个问题`,
      problemEntry: (index: number) => `第 ${zh.format(index + 1)} 项`,
      noConversationFiles: '该文件夹中没有 conversations.json 或 conversations-NNN.json 文件。',
      confirmRestore: (name: string, size: string) =>
        `用备份“${name}”（${size}）替换全部对话、后端、预设和设置？Runnel 中现有的一切都将被替换。`,
      confirmRestoreButton: '恢复',
      cancel: '取消',
      restoring: '正在检查并恢复备份…',
      restored: (conversations: number, backends: number) =>
        `已恢复：${zh.format(conversations)} 个对话，${zh.format(backends)} 个后端。`,
      migrated: (version: number) => `该备份来自较旧的 Runnel（架构版本 ${version}），已升级到当前版本。`,
      failed: (reason: string) => `失败：${reason}`,
      exportMenu: '导出',
      exportMarkdown: '导出为 Markdown',
      exportJson: '导出为 JSON',
      roleUser: '用户',
      roleAssistant: '助手',
      roleSystem: '系统',
      reasoning: '推理',
    },
  },
);
