// Strings of the message list: the way back to a streaming answer.
import { defineMessages } from '../../i18n/define-messages';

export const messageListMessages = defineMessages(
  {
    jumpToLatest: 'Jump to latest',
  },
  {
    zh: {
      jumpToLatest: '跳到最新',
    },
  },
);
