// The Electron entry: one hardened window on the renderer, the core served over IPC, keys
// encrypted with safeStorage, backends provisioned from runnel.config.json in the data folder.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, shell } from 'electron';
import { readRunnelConfig } from './backends/runnel-config';
import { createCore, type Core } from './core/create-core';
import { configFileIn } from './core/default-data-dir';
import { safeStorageCodec } from './app/safe-storage-codec';
import { hardenContents, hardenSession, secureWebPreferences } from './app/window-security';
import { registerIpc } from './ipc/register-ipc';
import { FileSecretStore } from './secrets/secret-store';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFile = join(here, '../renderer/index.html');
const isTrustedUrl = (url: string): boolean =>
  rendererUrl
    ? url.startsWith(rendererUrl)
    : url.startsWith('file://') && decodeURI(new URL(url).pathname).endsWith('/renderer/index.html');

// Electron's build of better-sqlite3 (see scripts/build-native-electron.mjs); packaged apps carry it unpacked.
function nativeBinding(): string | undefined {
  const candidates = [
    join(process.resourcesPath ?? '', 'native', 'better_sqlite3.node'),
    join(app.getAppPath(), 'native', 'electron', 'better_sqlite3.node'),
  ];
  return candidates.find((p) => existsSync(p));
}

let core: Core | null = null;

async function start(): Promise<void> {
  // The same folder `npm run serve` uses by default, so both hosts share one history.
  const dataDir = process.env.RUNNEL_DATA_DIR ?? app.getPath('userData');
  app.setPath('userData', dataDir);
  hardenSession(!rendererUrl);
  core = createCore({
    dataDir,
    host: 'electron',
    version: app.getVersion(),
    nativeBinding: nativeBinding(),
    secrets: new FileSecretStore(join(dataDir, 'secrets.safe-storage.json'), safeStorageCodec()),
    openExternal: (url) => shell.openExternal(url.toString()),
    openPath: (path) => shell.openPath(path),
  });
  await core.provision(await readRunnelConfig(configFileIn(dataDir), true));

  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    title: 'Runnel',
    show: false,
    webPreferences: secureWebPreferences(join(here, '../preload/index.cjs')),
  });
  hardenContents(window.webContents, isTrustedUrl);
  const unregister = registerIpc(core, window, isTrustedUrl);
  window.on('closed', unregister);
  window.once('ready-to-show', () => window.show());
  if (rendererUrl) await window.loadURL(rendererUrl);
  else await window.loadFile(rendererFile);
}

app.enableSandbox();
app.on('web-contents-created', (_event, contents) => hardenContents(contents, isTrustedUrl));
app.whenReady().then(start, fail);
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
