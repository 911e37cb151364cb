import type { Reply } from '../../../shared/contract';
import type { Transport } from './transport';

interface PreloadApi {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export function preloadApi(): PreloadApi | undefined {
  return (window as unknown as { armslength?: PreloadApi }).armslength;
}

export function ipcTransport(api: PreloadApi): Transport {
  return {
    kind: 'electron',
    invoke: async (channel, input) => (await api.invoke(channel, input)) as Reply,
    on: (event, listener) => api.on(event, listener),
  };
}
