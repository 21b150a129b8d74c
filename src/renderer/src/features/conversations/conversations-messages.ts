// Strings of the sidebar's conversation list: group names, per-conversation actions, the undo
// notice and what failed. The English names of the list and actions are accessible names tests use.
import { defineMessages } from '../../i18n/define-messages';
import type { Language } from '../../i18n/languages';

export const conversationsMessages = defineMessages(
  {
    navigation: 'Conversations',
    newChat: 'New chat',
    empty: 'No conversations yet.',
    untitled: 'Untitled',
    pinned: 'Pinned',
    today: 'Today',
    yesterday: 'Yesterday',
    week: 'Previous 7 days',
    month30: 'Previous 30 days',
    rename: 'Rename',
    delete: 'Delete',
    pin: 'Pin',
    unpin: 'Unpin',
    titleField: 'Conversation title',
    actions: 'Conversation actions',
    loadingMore: 'Loading more…',
    deleted: (title: string) => `Deleted “${title}”`,
    undo: 'Undo',
    dismiss: 'Dismiss',
    failed: (action: string, reason: string) => `${failureText[action] ?? 'Something failed'}: ${reason}`,
    retry: 'Retry',
  },
  {
    zh: {
      navigation: '对话',
      newChat: '新对话',
      empty: '还没有对话。',
      untitled: '未命名',
      pinned: '已置顶',
      today: '今天',
      yesterday: '昨天',
      week: '过去 7 天',
      month30: '过去 30 天',
      rename: '重命名',
      delete: '删除',
      pin: '置顶',
      unpin: '取消置顶',
      titleField: '对话标题',
      actions: '对话操作',
      loadingMore: '正在加载更多…',
      deleted: (title: string) => `已删除“${title}”`,
      undo: '撤销',
      dismiss: '关闭提示',
      failed: (action: string, reason: string) => `${failureTextZh[action] ?? '操作失败'}：${reason}`,
      retry: '重试',
    },
  },
);

const failureText: Record<string, string> = {
  load: 'Could not load the conversations',
  'load-more': 'Could not load more conversations',
  rename: 'Could not rename the conversation',
  pin: 'Could not pin the conversation',
  unpin: 'Could not unpin the conversation',
  delete: 'Could not delete the conversation',
  restore: 'Could not restore the conversation',
};

const failureTextZh: Record<string, string> = {
  load: '无法加载对话列表',
  'load-more': '无法加载更多对话',
  rename: '无法重命名对话',
  pin: '无法置顶对话',
  unpin: '无法取消置顶',
  delete: '无法删除对话',
  restore: '无法恢复对话',
};

const locales: Record<Language, string> = { en: 'en-US', zh: 'zh-CN' };

/** "October 2026" / "2026年10月", in the language shown; `month` from 0. */
export function monthLabel(language: Language, year: number, month: number): string {
  return new Intl.DateTimeFormat(locales[language], { year: 'numeric', month: 'long' }).format(
    new Date(year, month, 1),
  );
}
