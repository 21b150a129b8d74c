// Strings of the composer's Tools button and popover: the tools this conversation offers, and a
// model remembered to refuse tools.
import { defineMessages } from '../../i18n/define-messages';

export const conversationToolsMessages = defineMessages(
  {
    tools: 'Tools',
    heading: 'Tools in this conversation',
    countOn: (on: number, all: number) => (all === 1 ? `${on} of 1 tool on` : `${on} of ${all} tools on`),
    noServers: 'No tool server is connected. Add one in Settings → Tools.',
    loading: 'Loading…',
    couldNotSave: (why: string) => `Could not save the choice: ${why}`,
    couldNotRead: (why: string) => `Could not read this conversation’s tools: ${why}`,
    modelRefuses: (model: string) => `${model} does not support tools, so its messages are sent without them.`,
    tryAgain: 'Try tools again',
    serverTools: (server: string) => `Tools of ${server}`,
  },
  {
    zh: {
      tools: '工具',
      heading: '本对话可用的工具',
      countOn: (on: number, all: number) => `已开启 ${on} / ${all} 个工具`,
      noServers: '没有已连接的工具服务器。可在“设置 → 工具”中添加。',
      loading: '正在加载…',
      couldNotSave: (why: string) => `无法保存选择：${why}`,
      couldNotRead: (why: string) => `无法读取本对话的工具：${why}`,
      modelRefuses: (model: string) => `${model} 不支持工具，发给它的消息不带工具。`,
      tryAgain: '再次尝试工具',
      serverTools: (server: string) => `${server} 的工具`,
    },
  },
);
