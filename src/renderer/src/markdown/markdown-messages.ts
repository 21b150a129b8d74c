// Strings inside rendered markdown: code block labels, the copy button's name, task boxes, image
// placeholders, links that were not made links.
import { defineMessages } from '../i18n/define-messages';

export const markdownMessages = defineMessages(
  {
    copyCode: 'Copy code',
    plainText: 'text',
    image: (description: string) => `[image: ${description}]`,
    noDescription: 'no description',
    taskDone: 'Done',
    taskOpen: 'Not done',
    unsafeLink: (href: string) => `Not opened: ${href}`,
  },
  {
    zh: {
      copyCode: '复制代码',
      plainText: '文本',
      image: (description: string) => `[图片：${description}]`,
      noDescription: '无描述',
      taskDone: '已完成',
      taskOpen: '未完成',
      unsafeLink: (href: string) => `未打开：${href}`,
    },
  },
);
