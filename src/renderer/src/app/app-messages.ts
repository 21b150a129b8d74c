// Strings of the window itself, outside any feature: the sidebar's Settings button and the toggle
// that hides and shows the sidebar.
import { defineMessages } from '../i18n/define-messages';

export const appMessages = defineMessages(
  {
    settings: 'Settings',
    hideSidebar: 'Hide sidebar',
    showSidebar: 'Show sidebar',
    /** The toggle's tooltip: its name and its shortcut's keys. */
    withShortcut: (name: string, keys: string) => `${name} (${keys})`,
  },
  {
    zh: {
      settings: '设置',
      hideSidebar: '隐藏侧边栏',
      showSidebar: '显示侧边栏',
      withShortcut: (name: string, keys: string) => `${name}（${keys}）`,
    },
  },
);
