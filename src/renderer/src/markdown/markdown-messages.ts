// Strings inside rendered markdown: code block labels, the copy button's name, task boxes, image
// placeholders, links that were not made links, diagrams.
import { defineMessages } from '../i18n/define-messages';
import { MAX_DIAGRAM_CHARS, MAX_DIAGRAM_DEPTH, MAX_DIAGRAM_LINES, type DiagramLimit } from './diagram-limits';

const limits = (limit: DiagramLimit): string =>
  limit === 'chars' ? `${MAX_DIAGRAM_CHARS}` : limit === 'lines' ? `${MAX_DIAGRAM_LINES}` : `${MAX_DIAGRAM_DEPTH}`;

export const markdownMessages = defineMessages(
  {
    copyCode: 'Copy code',
    plainText: 'text',
    image: (description: string) => `[image: ${description}]`,
    noDescription: 'no description',
    taskDone: 'Done',
    taskOpen: 'Not done',
    unsafeLink: (href: string) => `Not opened: ${href}`,
    diagram: 'Diagram',
    showSource: 'Show source',
    copyDiagram: 'Copy',
    diagramFailed: (message: string) => `This diagram could not be drawn: ${message}`,
    diagramTooLarge: (limit: DiagramLimit) =>
      limit === 'chars'
        ? `Not drawn: the diagram is longer than ${limits(limit)} characters.`
        : limit === 'lines'
          ? `Not drawn: the diagram has more than ${limits(limit)} lines.`
          : `Not drawn: the diagram nests deeper than ${limits(limit)} levels.`,
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
      diagram: '图表',
      showSource: '显示源码',
      copyDiagram: '复制',
      diagramFailed: (message: string) => `无法绘制此图表：${message}`,
      diagramTooLarge: (limit: DiagramLimit) =>
        limit === 'chars'
          ? `未绘制：图表超过 ${limits(limit)} 个字符。`
          : limit === 'lines'
            ? `未绘制：图表超过 ${limits(limit)} 行。`
            : `未绘制：图表嵌套超过 ${limits(limit)} 层。`,
    },
  },
);
