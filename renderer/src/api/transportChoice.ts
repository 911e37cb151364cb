// Which way this window reaches core, chosen once: Electron IPC when the preload script exposed
// it, else the browser-mode bridge over HTTP. Apart from client.ts (which validates replies
// against the contract) so that a request can leave before the contract's schemas are built
// (earlyCalls.ts).
import { ipcTransport, preloadApi } from './ipcTransport';
import { httpTransport, takeToken } from './httpTransport';
import type { Transport } from './transport';

let transport: Transport | null = null;

export function currentTransport(): Transport {
  if (!transport) {
    const api = preloadApi();
    transport = api ? ipcTransport(api) : httpTransport(takeToken());
  }
  return transport;
}
