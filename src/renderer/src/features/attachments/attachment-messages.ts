// Strings of attachments: the composer's Attach button and tray, the refusals, the files shown in
// a message and the larger view.
import { defineMessages } from '../../i18n/define-messages';

const mb = (bytes: number): string => `${Math.round((bytes / (1024 * 1024)) * 10) / 10}`;

export const attachmentMessages = defineMessages(
  {
    attach: 'Attach',
    attachHint: 'Attach images or text files (or paste or drop them here)',
    tray: 'Attachments',
    remove: (name: string) => `Remove ${name}`,
    open: (name: string) => `Open ${name}`,
    close: 'Close',
    dropHere: 'Drop files to attach them',
    size: (bytes: number) =>
      bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${mb(bytes)} MB`,
    textFile: 'Text file',
    loading: 'Loading…',
    unavailable: (name: string) => `${name} could not be loaded.`,
    dismiss: 'Dismiss',
    refusedType: (name: string) =>
      `“${name}” cannot be attached: only PNG, JPEG, WebP and GIF images and text files (.txt, .md, .json, .csv, source code) are accepted.`,
    refusedImageSize: (name: string, limit: number) => `“${name}” is too large: images can be at most ${mb(limit)} MB.`,
    refusedTextSize: (name: string, limit: number) =>
      `“${name}” is too large: text files can be at most ${mb(limit)} MB.`,
    refusedEmpty: (name: string) => `“${name}” is empty.`,
    refusedNotText: (name: string) => `“${name}” is not UTF-8 text, so it cannot be attached as a text file.`,
    refusedName: 'A file without a usable name cannot be attached.',
    refusedCount: (max: number) => `At most ${max} files can be attached to one message.`,
    refusedTotal: (limit: number) => `The files of one message can be at most ${mb(limit)} MB together.`,
    refusedUnreadable: (name: string) => `“${name}” could not be read.`,
    textOnly: (backend: string) =>
      `${backend} takes text only, so images cannot be sent to it: choose a vision-capable backend, or remove the images.`,
  },
  {
    zh: {
      attach: '附件',
      attachHint: '附加图片或文本文件（也可以粘贴或拖放到这里）',
      tray: '附件',
      remove: (name: string) => `移除 ${name}`,
      open: (name: string) => `打开 ${name}`,
      close: '关闭',
      dropHere: '松开即可附加文件',
      size: (bytes: number) =>
        bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${mb(bytes)} MB`,
      textFile: '文本文件',
      loading: '正在加载…',
      unavailable: (name: string) => `无法加载 ${name}。`,
      dismiss: '关闭提示',
      refusedType: (name: string) =>
        `无法附加“${name}”：只接受 PNG、JPEG、WebP 和 GIF 图片，以及文本文件（.txt、.md、.json、.csv、源代码）。`,
      refusedImageSize: (name: string, limit: number) => `“${name}”太大：图片最大为 ${mb(limit)} MB。`,
      refusedTextSize: (name: string, limit: number) => `“${name}”太大：文本文件最大为 ${mb(limit)} MB。`,
      refusedEmpty: (name: string) => `“${name}”是空文件。`,
      refusedNotText: (name: string) => `“${name}”不是 UTF-8 文本，无法作为文本文件附加。`,
      refusedName: '文件没有可用的名称，无法附加。',
      refusedCount: (max: number) => `每条消息最多附加 ${max} 个文件。`,
      refusedTotal: (limit: number) => `一条消息的文件合计最大为 ${mb(limit)} MB。`,
      refusedUnreadable: (name: string) => `无法读取“${name}”。`,
      textOnly: (backend: string) => `${backend} 只接受文本，无法发送图片：请选择支持图像的后端，或移除图片。`,
    },
  },
);
