import type { Reply } from '../../../shared/contract';

/** How the API client reaches core: Electron IPC or the browser-mode HTTP bridge. */
export interface Transport {
  readonly kind: 'electron' | 'browser';
  invoke(channel: string, input: unknown): Promise<Reply>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
