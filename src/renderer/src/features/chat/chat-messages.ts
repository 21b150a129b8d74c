// Strings of the chat column around the messages: notices near the composer and what the chat
// state reports (a send refused, a link that could not open).
import { defineMessages } from '../../i18n/define-messages';

export const chatMessages = defineMessages(
  {
    dismiss: 'Dismiss',
    linkFailed: (why: string) => `Could not open the link: ${why}`,
    chooseModel: 'Choose a model first.',
    tooManyCompared: (max: number) => `Compare at most ${max} models at once (the current one included).`,
  },
  {
    zh: {
      dismiss: '关闭提示',
      linkFailed: (why: string) => `无法打开链接：${why}`,
      chooseModel: '请先选择一个模型。',
      tooManyCompared: (max: number) => `一次最多对比 ${max} 个模型（含当前模型）。`,
    },
  },
);
