// The right-click menu Electron does not provide: spelling suggestions (when spellcheck is on)
// and the edit commands a text field or a selection needs. A plain template from the event's
// parameters; an empty list means no menu.
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';
import type { UiLanguage } from '../../shared/preferences';
import { menuLabels } from './menu-labels';

export interface SpellingActions {
  replaceMisspelling(word: string): void;
  addToDictionary(word: string): void;
}

type Params = Pick<
  ContextMenuParams,
  'isEditable' | 'selectionText' | 'misspelledWord' | 'dictionarySuggestions' | 'editFlags'
>;

export function contextMenuTemplate(
  params: Params,
  language: UiLanguage,
  spelling: SpellingActions,
): MenuItemConstructorOptions[] {
  const t = menuLabels[language];
  const items: MenuItemConstructorOptions[] = [];
  if (params.isEditable && params.misspelledWord) {
    const suggestions = params.dictionarySuggestions.slice(0, 5);
    if (suggestions.length === 0) items.push({ label: t.noSuggestions, enabled: false });
    for (const word of suggestions) items.push({ label: word, click: () => spelling.replaceMisspelling(word) });
    items.push({ label: t.addToDictionary, click: () => spelling.addToDictionary(params.misspelledWord) });
    items.push({ type: 'separator' });
  }
  const flags = params.editFlags;
  if (params.isEditable) {
    items.push(
      { role: 'undo', label: t.undo, enabled: flags.canUndo },
      { role: 'redo', label: t.redo, enabled: flags.canRedo },
      { type: 'separator' },
      { role: 'cut', label: t.cut, enabled: flags.canCut },
      { role: 'copy', label: t.copy, enabled: flags.canCopy },
      { role: 'paste', label: t.paste, enabled: flags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', label: t.selectAll, enabled: flags.canSelectAll },
    );
  } else if (params.selectionText.trim() !== '') {
    items.push({ role: 'copy', label: t.copy, enabled: flags.canCopy });
  }
  return items;
}
