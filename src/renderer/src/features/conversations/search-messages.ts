// Strings of the conversation search: the box (its English name is the accessible name tests
// use), the results and their states.
import { defineMessages } from '../../i18n/define-messages';

export const searchMessages = defineMessages(
  {
    searchLabel: 'Search conversations',
    placeholder: 'Search',
    results: 'Search results',
    searching: 'Searching…',
    noResults: (query: string) => `No messages contain “${query}”.`,
    more: 'More results',
    failed: (reason: string) => `Search failed: ${reason}`,
    user: 'You',
    assistant: 'Assistant',
    system: 'System',
    untitled: 'Untitled',
  },
  {
    zh: {
      searchLabel: '搜索对话',
      placeholder: '搜索',
      results: '搜索结果',
      searching: '正在搜索…',
      noResults: (query: string) => `没有消息包含“${query}”。`,
      more: '更多结果',
      failed: (reason: string) => `搜索失败：${reason}`,
      user: '你',
      assistant: '助手',
      system: '系统',
      untitled: '未命名',
    },
  },
);
