// The window shown when the database module cannot be loaded (missing, or built for another
// Electron or CPU): what is wrong and what to run, instead of a raw loader error.
import { dialog } from 'electron';
import type { NativeModuleCheck } from './native-module';

export function showNativeModuleProblem(check: Extract<NativeModuleCheck, { ok: false }>): void {
  dialog.showErrorBox('Runnel cannot open its database', `${check.detail}\n\n${check.fix}`);
}
