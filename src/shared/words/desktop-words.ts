// What the desktop app says in its own windows before (or without) the renderer: the boxes shown
// when Runnel cannot start (`src/main/index.ts`, `src/main/app/`). Main writes these itself, in
// the language it knows then, so this book is not sent to the renderer (not in all-words.ts).
import { defineWords } from './define-words';

type Built = { built: string; running: string };

export const desktopWords = defineWords(
  'desktop',
  {
    couldNotStart: 'Runnel could not start',
    cannotOpenDatabase: 'Runnel cannot open its database',
    moduleMissing: ({ file }: { file: string }) => `The database module for Electron is missing (${file}).`,
    moduleUnstamped: ({ file }: { file: string }) =>
      `The database module ${file} cannot be used: it carries no record of the Electron version it was built for.`,
    moduleOtherMachine: ({ file, built, running }: { file: string } & Built) =>
      `The database module ${file} cannot be used: it was built for ${built}, and this is ${running}.`,
    moduleOtherElectron: ({ file, built, running }: { file: string } & Built) =>
      `The database module ${file} cannot be used: it was built for Electron ${built}, and this is Electron ${running}.`,
    fixInstall: 'This installation of Runnel is incomplete: install it again from the download page.',
    fixRebuild: 'Run `npm run rebuild:electron` in the project folder, then start Runnel again.',
    databaseTooNew: ({ found, supported }: { found: number; supported: number }) =>
      `This database has schema version ${found}, but this version of Runnel only knows up to version ${supported}. ` +
      'It was written by a newer Runnel: update Runnel to open it. The file was left unchanged.',
    backupBeforeUpgrade: ({ from, to, why }: { from: number; to: number; why: string }) =>
      `Runnel could not back up its database before upgrading it from schema version ${from} to ${to} ` +
      `(${why}), so it did not upgrade it. Free some disk space or check the data folder, then start Runnel again.`,
    databaseDamaged: ({ file, detail }: { file: string; detail: string }) =>
      `The database ${file} is damaged: ${detail}`,
  },
  {
    zh: {
      couldNotStart: 'Runnel 无法启动',
      cannotOpenDatabase: 'Runnel 无法打开它的数据库',
      moduleMissing: ({ file }: { file: string }) => `缺少 Electron 用的数据库模块（${file}）。`,
      moduleUnstamped: ({ file }: { file: string }) =>
        `无法使用数据库模块 ${file}：它没有记录自己是为哪个 Electron 版本构建的。`,
      moduleOtherMachine: ({ file, built, running }: { file: string } & Built) =>
        `无法使用数据库模块 ${file}：它是为 ${built} 构建的，而本机是 ${running}。`,
      moduleOtherElectron: ({ file, built, running }: { file: string } & Built) =>
        `无法使用数据库模块 ${file}：它是为 Electron ${built} 构建的，而当前是 Electron ${running}。`,
      fixInstall: '这份 Runnel 安装不完整：请从下载页面重新安装。',
      fixRebuild: '请在项目文件夹中运行 `npm run rebuild:electron`，然后重新启动 Runnel。',
      databaseTooNew: ({ found, supported }: { found: number; supported: number }) =>
        `这个数据库的架构版本是 ${found}，而这个版本的 Runnel 最高只支持 ${supported}。它由更新版本的 Runnel 写入：请更新 Runnel 后再打开。文件未被改动。`,
      backupBeforeUpgrade: ({ from, to, why }: { from: number; to: number; why: string }) =>
        `Runnel 在把数据库从架构版本 ${from} 升级到 ${to} 之前无法备份它（${why}），因此没有升级。请释放一些磁盘空间或检查数据文件夹，然后重新启动 Runnel。`,
      databaseDamaged: ({ file, detail }: { file: string; detail: string }) => `数据库 ${file} 已损坏：${detail}`,
    },
  },
);
