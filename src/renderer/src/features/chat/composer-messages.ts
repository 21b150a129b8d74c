// Strings of the composer. The English names of the text box and buttons are the accessible
// names the design fixes ("Message", "Send", "Stop").
import { defineMessages } from '../../i18n/define-messages';

export const composerMessages = defineMessages(
  {
    message: 'Message',
    placeholder: 'Write a message',
    send: 'Send',
    stop: 'Stop',
  },
  {
    zh: {
      message: '消息',
      placeholder: '输入消息',
      send: '发送',
      stop: '停止',
    },
  },
);
