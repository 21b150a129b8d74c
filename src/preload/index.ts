// The sandboxed preload: exposes `window.api` (a RunnelBridge) and nothing else. It may require
// only electron; the channel lists come from the shared contract and are bundled in at build.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isEventChannel, isRequestChannel, type RunnelBridge } from '../shared/ipc/contract';

const bridge: RunnelBridge = {
  invoke(channel, input) {
    if (!isRequestChannel(channel)) return Promise.reject(new Error(`Unknown request ${String(channel)}`));
    return ipcRenderer.invoke(channel, input);
  },
  on(channel, listener) {
    if (!isEventChannel(channel)) throw new Error(`Unknown event ${String(channel)}`);
    // Hand the page only the payload, never the IPC event (it exposes the sender).
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload as Parameters<typeof listener>[0]);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('api', bridge);
