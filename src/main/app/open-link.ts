// Opens a link main has already checked (http, https or mailto; see core/link-policy.ts) in the
// system's browser, only after the user has seen where it goes and said yes.
import { dialog, shell, type BrowserWindow } from 'electron';
import type { UiLanguage } from '../../shared/preferences';
import { linkPrompt } from './link-prompt';

export async function confirmAndOpen(window: BrowserWindow | null, url: URL, language: UiLanguage): Promise<void> {
  const prompt = linkPrompt(url, language);
  const options = {
    type: 'question' as const,
    title: prompt.title,
    message: prompt.message,
    detail: prompt.detail,
    buttons: prompt.buttons,
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
  const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  if (response === 0) await shell.openExternal(url.href);
}
