// The Electron entry: one hardened window on the renderer (served on app://runnel/), the core
// served over IPC, keys encrypted with safeStorage, backends provisioned from runnel.config.json
// in the data folder, links opened only after the user has seen where they go. Each decision
// lives in a module of src/main/app that takes Electron's objects as parameters and is tested in
// plain Node; this file only wires them in the order Electron requires.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, safeStorage, session, shell } from 'electron';
import type { Preferences } from '../shared/preferences';
import { readRunnelConfig } from './backends/runnel-config';
import { createCore, type Core } from './core/create-core';
import { configFileIn } from './core/default-data-dir';
import { appMenuTemplate } from './app/app-menu';
import { closeWithin } from './app/close-within';
import { contextMenuTemplate } from './app/context-menu';
import { prepareDataFolder } from './app/data-folder';
import { applyDesktopPreferences, startLanguage, uiLanguageOf } from './app/desktop-preferences';
import { checkNativeModule } from './app/native-module';
import { showNativeModuleProblem } from './app/native-module-window';
import { startProblem } from './app/start-problem';
import { confirmAndOpen } from './app/open-link';
import { originOf } from './app/permission-policy';
import { isRendererUrl, rendererEntry, rendererOrigin } from './app/renderer-response';
import { registerRendererScheme, serveRenderer } from './app/renderer-protocol';
import { safeStorageCodec } from './app/safe-storage-codec';
import { claimSingleInstance } from './app/single-instance';
import { updateChecks, type Updater } from './app/update-check';
import { hardenContents, hardenSession } from './app/window-security';
import { registerIpc } from './ipc/register-ipc';
import { FileSecretStore } from './secrets/secret-store';

const here = fileURLToPath(new URL('.', import.meta.url));
// electron-vite's dev server, in development only: a packaged app never loads a URL from the environment.
const rendererUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const isTrustedUrl = (url: string): boolean => (rendererUrl ? url.startsWith(rendererUrl) : isRendererUrl(url));
/** Closing the database and the last writes get this long at quit; then the app quits anyway. */
const quitLimitMs = 5_000;

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;
let preferences: Preferences | null = null;
const language = () => uiLanguageOf(preferences ?? { language: 'system' }, app.getLocale());
/** The system's languages, best first: what "system" means for a box at start and for the core's own words. */
const systemLanguages = () => [...app.getPreferredSystemLanguages(), app.getLocale()];
/** For a box at start: the preferences may not be read yet (the database not open). */
const boxLanguage = () => startLanguage(preferences, systemLanguages());

// Before ready: the scheme's privileges, the sandbox, and the data folder (userData and the
// Chromium profile cannot move later), then the lock that keeps one instance per data folder.
registerRendererScheme();
app.enableSandbox();
const dataDir = prepareDataFolder(app);
if (claimSingleInstance(app, () => mainWindow)) {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, isTrustedUrl));
  // `start` failing (a database from a newer Runnel, a folder that cannot be written) must be shown, not swallowed.
  app.whenReady().then(start).catch(fail);
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!core) return;
    event.preventDefault();
    const closing = core;
    core = null;
    void closeWithin(() => closing.close(), quitLimitMs).then((result) => {
      if (result === 'timed-out') console.error(`[runnel] closing took over ${quitLimitMs} ms; quitting anyway`);
      app.quit();
    });
  });
}

async function loadUpdater(): Promise<Updater> {
  // electron-updater is CommonJS; its ES module face is the default export.
  const { default: updater } = await import('electron-updater');
  return updater.autoUpdater;
}

function setMenu(): void {
  const template = appMenuTemplate({
    platform: process.platform,
    isPackaged: app.isPackaged,
    appName: app.getName(),
    version: app.getVersion(),
    language: language(),
    openDataFolder: () => void shell.openPath(dataDir),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function followPreferences(next: Preferences): void {
  const previous = preferences;
  preferences = next;
  applyDesktopPreferences(next, previous, app.getLocale(), {
    setSpellCheckerEnabled: (enabled) => session.defaultSession.setSpellCheckerEnabled(enabled),
    setMenuLanguage: setMenu,
  });
}

async function start(): Promise<void> {
  const native = checkNativeModule({
    mainDir: here,
    resourcesPath: process.resourcesPath,
    isPackaged: app.isPackaged,
    electron: process.versions.electron,
    arch: process.arch,
    platform: process.platform,
  });
  if (!native.ok) {
    showNativeModuleProblem(native, boxLanguage());
    app.exit(1);
    return;
  }
  hardenSession(session.defaultSession, {
    cspHeader: !rendererUrl,
    appOrigin: rendererUrl ? (originOf(rendererUrl) ?? rendererUrl) : rendererOrigin,
  });
  serveRenderer(join(here, '../renderer'));
  const ready = (core = createCore({
    dataDir,
    host: 'electron',
    version: app.getVersion(),
    nativeBinding: native.file,
    secrets: new FileSecretStore(join(dataDir, 'secrets.safe-storage.json'), safeStorageCodec(safeStorage)),
    // The core has already refused anything but http, https and mailto (core/link-policy.ts).
    openExternal: (url) => confirmAndOpen(mainWindow, url, language()),
    openPath: (path) => shell.openPath(path),
    updates: app.isPackaged ? updateChecks(loadUpdater, true) : undefined,
    plaintextKeysFile: join(dataDir, 'secrets.plaintext.json'),
    systemLanguages,
  }));
  // Problems in the config file become notices; the entries that are fine apply.
  await ready.provision(await readRunnelConfig(configFileIn(dataDir), true));
  const prefs = await ready.invoke('preferences:get', {});
  if (prefs.ok) followPreferences(prefs.value as Preferences);
  ready.subscribe((channel, payload) => {
    if (channel === 'preferences:changed') followPreferences(payload as Preferences);
  });

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
      // A middle click on a link would otherwise ask for a new window (refused anyway).
      disableBlinkFeatures: 'Auxclick',
      // Available to the page; whether it runs is the session's switch, off unless the user turns it on.
      spellcheck: true,
    },
  });
  mainWindow = window;
  const unregister = registerIpc(ready, window, isTrustedUrl);
  window.on('closed', () => {
    unregister();
    mainWindow = null;
  });
  window.once('ready-to-show', () => window.show());
  const contents = window.webContents;
  contents.on('context-menu', (_event, params) => {
    const items = contextMenuTemplate(params, language(), {
      replaceMisspelling: (word) => contents.replaceMisspelling(word),
      addToDictionary: (word) => contents.session.addWordToSpellCheckerDictionary(word),
    });
    if (items.length > 0) Menu.buildFromTemplate(items).popup({ window });
  });
  // A renderer that dies (a crash in layout, out of memory) leaves a blank window: reload it, but
  // not in a loop when what killed it is shown again at once.
  let lastReload = 0;
  contents.on('render-process-gone', (_event, details) => {
    console.error(`[runnel] the window's renderer is gone: ${details.reason}`);
    if (details.reason === 'clean-exit' || window.isDestroyed() || Date.now() - lastReload < 60_000) return;
    lastReload = Date.now();
    contents.reload();
  });
  // Notices (a damaged database, a bad config entry) are the renderer's to show, as in the web host.
  await window.loadURL(rendererUrl ?? rendererEntry);
}

function fail(err: unknown): void {
  const { title, message } = startProblem(err, boxLanguage());
  dialog.showErrorBox(title, message);
  app.exit(1);
}
