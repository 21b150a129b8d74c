// Where the desktop app keeps its data, settled before `ready`: `RUNNEL_DATA_DIR` when set (made
// if it does not exist yet), else Electron's own userData folder. Chromium's profile (the
// session data: caches, local storage) goes to the same place, so one folder holds everything
// and a test's data folder never touches the user's. Electron's `app` is passed in.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { App } from 'electron';

export function prepareDataFolder(app: Pick<App, 'getPath' | 'setPath'>, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.RUNNEL_DATA_DIR?.trim();
  if (!chosen) return app.getPath('userData');
  const dir = resolve(chosen);
  // setPath throws on a folder that does not exist; recursive also makes its parents.
  mkdirSync(dir, { recursive: true });
  app.setPath('userData', dir);
  app.setPath('sessionData', dir);
  return dir;
}
