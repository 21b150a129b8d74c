// The Electron entry: one hardened window on the renderer (served on app://runnel/), the core
// served over IPC, keys encrypted with safeStorage, backends provisioned from runnel.config.json
// in the data folder, links opened only after the user has seen where they go.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import type { UiLanguage } from '../shared/preferences';
import { readRunnelConfig } from './backends/runnel-config';
import { createCore, type Core } from './core/create-core';
import { configFileIn } from './core/default-data-dir';
import { confirmAndOpen } from './app/open-link';
import { isRendererUrl, rendererEntry } from './app/renderer-response';
import { registerRendererScheme, serveRenderer } from './app/renderer-protocol';
import { safeStorageCodec } from './app/safe-storage-codec';
import { hardenContents, hardenSession } from './app/window-security';
import { registerIpc } from './ipc/register-ipc';
import { FileSecretStore } from './secrets/secret-store';

const here = fileURLToPath(new URL('.', import.meta.url));
// electron-vite's dev server, in development only: a packaged app never loads a URL from the environment.
const rendererUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const isTrustedUrl = (url: string): boolean => (rendererUrl ? url.startsWith(rendererUrl) : isRendererUrl(url));

// Electron's build of better-sqlite3 (see scripts/build-native-electron.mjs); packaged apps carry it unpacked.
function nativeBinding(): string | undefined {
  const candidates = [
    join(process.resourcesPath ?? '', 'native', 'better_sqlite3.node'),
    join(app.getAppPath(), 'native', 'electron', 'better_sqlite3.node'),
  ];
  return candidates.find((p) => existsSync(p));
}

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;

/** The language of main's own dialogs: the user's choice in settings, else the system's. */
async function dialogLanguage(): Promise<UiLanguage> {
  const prefs = await core?.invoke('preferences:get', {});
  const chosen = prefs?.ok ? (prefs.value as { language?: string }).language : undefined;
  if (chosen === 'en' || chosen === 'zh') return chosen;
  return app.getLocale().toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

async function start(): Promise<void> {
  // The same folder `npm run serve` uses by default, so both hosts share one history.
  const dataDir = process.env.RUNNEL_DATA_DIR ?? app.getPath('userData');
  app.setPath('userData', dataDir);
  hardenSession(!rendererUrl);
  serveRenderer(join(here, '../renderer'));
  core = createCore({
    dataDir,
    host: 'electron',
    version: app.getVersion(),
    nativeBinding: nativeBinding(),
    secrets: new FileSecretStore(join(dataDir, 'secrets.safe-storage.json'), safeStorageCodec()),
    // The core has already refused anything but http, https and mailto (core/link-policy.ts).
    openExternal: async (url) => confirmAndOpen(mainWindow, url, await dialogLanguage()),
  });
  await core.provision(await readRunnelConfig(configFileIn(dataDir), true));

  // Written out here rather than built elsewhere, so a reviewer (and Electronegativity) sees each one.
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    title: 'Runnel',
    show: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A middle click on a link would otherwise ask for a new window (refused anyway below).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
  mainWindow = window;
  hardenContents(window.webContents, isTrustedUrl);
  const unregister = registerIpc(core, window, isTrustedUrl);
  window.on('closed', () => {
    unregister();
    mainWindow = null;
  });
  window.once('ready-to-show', () => window.show());
  // A renderer that dies (a crash in layout, out of memory) leaves a blank window: reload it, but
  // not in a loop when what killed it is shown again at once.
  let lastReload = 0;
  window.webContents.on('render-process-gone', (_event, details) => {
    console.error(`[runnel] the window's renderer is gone: ${details.reason}`);
    if (details.reason === 'clean-exit' || window.isDestroyed() || Date.now() - lastReload < 60_000) return;
    lastReload = Date.now();
    window.webContents.reload();
  });
  // Notices (a damaged database) are the renderer's to show, as in the web host.
  await window.loadURL(rendererUrl ?? rendererEntry);
}

registerRendererScheme();
app.enableSandbox();
app.on('web-contents-created', (_event, contents) => hardenContents(contents, isTrustedUrl));
// `start` failing (a database from a newer Runnel, a folder that cannot be written) must be shown, not swallowed.
app.whenReady().then(start).catch(fail);
app.on('window-all-closed', () => app.quit());
app.on('will-quit', (event) => {
  if (!core) return;
  event.preventDefault();
  const closing = core;
  core = null;
  void closing.close().finally(() => app.quit());
});

function fail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  dialog.showErrorBox('Runnel could not start', message);
  app.exit(1);
}
