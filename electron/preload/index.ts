// The only bridge between the page and the main process: invoke a contract channel, or listen
// to a contract event. Nothing else from Electron or Node reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isKnownChannel, isKnownEvent } from '../../shared/channelNames';

contextBridge.exposeInMainWorld('armslength', {
  invoke(channel: string, input: unknown): Promise<unknown> {
    if (!isKnownChannel(channel)) return Promise.reject(new Error(`Unknown channel ${channel}`));
    return ipcRenderer.invoke(channel, input);
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!isKnownEvent(event)) throw new Error(`Unknown event ${event}`);
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => ipcRenderer.removeListener(event, wrapped);
  },
});
