// Strings of the message list: what an empty conversation says, and the way back to a streaming answer.
import { defineMessages } from '../../i18n/define-messages';

export const messageListMessages = defineMessages(
  {
    emptyTitle: 'What shall we ask?',
    emptyHint: 'Messages go to the model picked above. Enter sends, Shift+Enter starts a new line.',
    jumpToLatest: 'Jump to latest',
  },
  {
    zh: {
      emptyTitle: '想问点什么？',
      emptyHint: '消息会发送给上方选中的模型。按 Enter 发送，Shift+Enter 换行。',
      jumpToLatest: '跳到最新',
    },
  },
);
