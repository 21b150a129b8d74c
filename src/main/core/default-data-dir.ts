// Where Runnel keeps its data when nobody says otherwise: RUNNEL_DATA_DIR, else the folder
// Electron's app.getPath('userData') would use for an app named Runnel, so the desktop app and
// `npm run serve` share one history.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.RUNNEL_DATA_DIR) return env.RUNNEL_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Runnel');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Runnel');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Runnel');
}

/** The provisioning file the desktop app reads from its data folder, when present. */
export const configFileIn = (dataDir: string): string => join(dataDir, 'runnel.config.json');
