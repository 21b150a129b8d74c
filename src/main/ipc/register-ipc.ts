// The Electron host for requests and events: one ipcMain handler per contract channel, each
// checking that the sender is our own top frame before the core validates the input.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { chatError } from '../../shared/chat-error';
import { requestChannels } from '../../shared/ipc/contract';
import type { Core } from '../core/create-core';
import { appWords } from '../../shared/words/app-words';

export function registerIpc(core: Core, window: BrowserWindow, isTrustedUrl: (url: string) => boolean): () => void {
  const trusted = (event: IpcMainInvokeEvent) =>
    event.sender === window.webContents &&
    event.senderFrame !== null &&
    event.senderFrame === window.webContents.mainFrame &&
    isTrustedUrl(event.senderFrame.url);

  for (const channel of requestChannels) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!trusted(event)) return { ok: false, error: chatError('auth', appWords.say('untrustedFrame')) };
      return core.invoke(channel, input);
    });
  }
  const unsubscribe = core.subscribe((channel, payload) => {
    if (!window.isDestroyed()) window.webContents.send(channel, payload);
  });
  return () => {
    unsubscribe();
    for (const channel of requestChannels) ipcMain.removeHandler(channel);
  };
}
