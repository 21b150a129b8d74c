// The application menu, ours rather than Electron's default: Edit carries the roles that make
// copy and paste work in text fields on macOS, View offers developer tools only in development,
// Help names the version. Built as a plain template so it is tested without Electron.
import type { MenuItemConstructorOptions } from 'electron';
import type { UiLanguage } from '../../shared/preferences';
import { menuLabels } from './menu-labels';

export interface AppMenuContext {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  appName: string;
  version: string;
  language: UiLanguage;
  openDataFolder: () => void;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

export function appMenuTemplate(ctx: AppMenuContext): MenuItemConstructorOptions[] {
  const t = menuLabels[ctx.language];
  const mac = ctx.platform === 'darwin';
  const name = ctx.appName;
  const appMenu: MenuItemConstructorOptions = {
    label: name,
    submenu: [
      { role: 'about', label: t.about(name) },
      separator,
      { role: 'services', label: t.services },
      separator,
      { role: 'hide', label: t.hide(name) },
      { role: 'hideOthers', label: t.hideOthers },
      { role: 'unhide', label: t.showAll },
      separator,
      { role: 'quit', label: t.quit(name) },
    ],
  };
  const file: MenuItemConstructorOptions = {
    label: t.file,
    submenu: mac ? [{ role: 'close', label: t.close }] : [{ role: 'quit', label: t.quit(name) }],
  };
  const edit: MenuItemConstructorOptions = {
    label: t.edit,
    submenu: [
      { role: 'undo', label: t.undo },
      { role: 'redo', label: t.redo },
      separator,
      { role: 'cut', label: t.cut },
      { role: 'copy', label: t.copy },
      { role: 'paste', label: t.paste },
      { role: 'pasteAndMatchStyle', label: t.pasteAndMatchStyle },
      { role: 'delete', label: t.delete },
      { role: 'selectAll', label: t.selectAll },
    ],
  };
  const developer: MenuItemConstructorOptions[] = ctx.isPackaged
    ? []
    : [
        { role: 'reload', label: t.reload },
        { role: 'forceReload', label: t.forceReload },
        { role: 'toggleDevTools', label: t.toggleDevTools },
        separator,
      ];
  const view: MenuItemConstructorOptions = {
    label: t.view,
    submenu: [
      ...developer,
      { role: 'resetZoom', label: t.resetZoom },
      { role: 'zoomIn', label: t.zoomIn },
      { role: 'zoomOut', label: t.zoomOut },
      separator,
      { role: 'togglefullscreen', label: t.fullScreen },
    ],
  };
  const window: MenuItemConstructorOptions = {
    label: t.window,
    role: 'windowMenu',
    submenu: mac
      ? [
          { role: 'minimize', label: t.minimize },
          { role: 'zoom', label: t.zoom },
          separator,
          { role: 'front', label: t.front },
        ]
      : [
          { role: 'minimize', label: t.minimize },
          { role: 'close', label: t.close },
        ],
  };
  const help: MenuItemConstructorOptions = {
    label: t.help,
    role: 'help',
    submenu: [
      { label: t.version(name, ctx.version), enabled: false },
      { label: t.openDataFolder, click: () => ctx.openDataFolder() },
    ],
  };
  return [...(mac ? [appMenu] : []), file, edit, view, window, help];
}
