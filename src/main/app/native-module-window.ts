// The window shown when the database module cannot be loaded (missing, or built for another
// Electron or CPU): what is wrong and what to run, instead of a raw loader error, in the user's language.
import { dialog } from 'electron';
import type { UiLanguage } from '../../shared/preferences';
import type { NativeModuleCheck } from './native-module';
import { nativeModuleProblem } from './start-problem';

export function showNativeModuleProblem(check: Extract<NativeModuleCheck, { ok: false }>, language: UiLanguage): void {
  const { title, message } = nativeModuleProblem(check, language);
  dialog.showErrorBox(title, message);
}
