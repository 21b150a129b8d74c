// The application menu for packaged and development builds on each system, and the right-click
// menu for fields, selections and misspelled words.
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate, type AppMenuContext } from './app-menu';
import { contextMenuTemplate } from './context-menu';

const base: AppMenuContext = {
  platform: 'linux',
  isPackaged: true,
  appName: 'Runnel',
  version: '1.2.3',
  language: 'en',
  openDataFolder: () => {},
};
const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
const menu = (template: MenuItemConstructorOptions[], label: string) => {
  const found = template.find((m) => m.label === label);
  if (!found || !Array.isArray(found.submenu)) throw new Error(`no menu ${label}`);
  return found.submenu;
};

describe('the application menu', () => {
  it('has Edit with the clipboard roles text fields need on every system', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const edit = roles(menu(appMenuTemplate({ ...base, platform }), 'Edit'));
      expect(edit).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
    }
  });

  it('offers developer tools and reload in development only', () => {
    expect(roles(appMenuTemplate(base))).not.toContain('toggleDevTools');
    expect(roles(appMenuTemplate(base))).not.toContain('reload');
    expect(roles(appMenuTemplate({ ...base, isPackaged: false }))).toEqual(
      expect.arrayContaining(['toggleDevTools', 'reload', 'forceReload']),
    );
  });

  it('starts with the app menu on macOS only, and puts Quit where each system expects it', () => {
    expect(appMenuTemplate({ ...base, platform: 'darwin' })[0]?.label).toBe('Runnel');
    expect(roles(menu(appMenuTemplate({ ...base, platform: 'darwin' }), 'Runnel'))).toContain('quit');
    expect(appMenuTemplate(base).map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(roles(menu(appMenuTemplate(base), 'File'))).toEqual(['quit']);
  });

  it('names the version under Help and opens the data folder from there', () => {
    let opened = 0;
    const help = menu(appMenuTemplate({ ...base, openDataFolder: () => opened++ }), 'Help');
    expect(help[0]).toMatchObject({ label: 'Runnel 1.2.3', enabled: false });
    (help[1]?.click as () => void)();
    expect(opened).toBe(1);
  });

  it('speaks Chinese when that is the language', () => {
    expect(appMenuTemplate({ ...base, language: 'zh' }).map((m) => m.label)).toEqual([
      '文件',
      '编辑',
      '视图',
      '窗口',
      '帮助',
    ]);
  });
});

describe('the right-click menu', () => {
  const flags = {
    canUndo: true,
    canRedo: false,
    canCut: true,
    canCopy: true,
    canPaste: true,
    canDelete: true,
    canSelectAll: true,
    canEditRichly: false,
  };
  const params = {
    isEditable: false,
    selectionText: '',
    misspelledWord: '',
    dictionarySuggestions: [] as string[],
    editFlags: flags,
  };
  const spelling = { replaced: [] as string[], added: [] as string[] };
  const actions = {
    replaceMisspelling: (w: string) => spelling.replaced.push(w),
    addToDictionary: (w: string) => spelling.added.push(w),
  };

  it('shows nothing on plain text with no selection', () => {
    expect(contextMenuTemplate(params, 'en', actions)).toEqual([]);
  });

  it('offers Copy on a selection, and the edit commands in a field with their states', () => {
    expect(roles(contextMenuTemplate({ ...params, selectionText: 'some text' }, 'en', actions))).toEqual(['copy']);
    const field = contextMenuTemplate({ ...params, isEditable: true }, 'en', actions);
    expect(roles(field)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    expect(field.find((i) => i.role === 'redo')?.enabled).toBe(false);
  });

  it('puts spelling suggestions first, and replaces or learns the word', () => {
    const items = contextMenuTemplate(
      {
        ...params,
        isEditable: true,
        misspelledWord: 'teh',
        dictionarySuggestions: ['the', 'ten', 'tea', 'tech', 'tee', 'tel'],
      },
      'en',
      actions,
    );
    expect(items.slice(0, 6).map((i) => i.label)).toEqual(['the', 'ten', 'tea', 'tech', 'tee', 'Add to Dictionary']);
    (items[0]?.click as () => void)();
    (items[5]?.click as () => void)();
    expect(spelling).toEqual({ replaced: ['the'], added: ['teh'] });
    const none = contextMenuTemplate({ ...params, isEditable: true, misspelledWord: 'qzx' }, 'zh', actions);
    expect(none[0]).toMatchObject({ label: '没有建议', enabled: false });
  });
});
