import { create } from 'zustand';
import type { LedgerInfo } from '../../../shared/domain';
import { call, errorText } from '../api/client';

interface LedgerState {
  info: LedgerInfo | null;
  ledgers: Array<{ name: string; current: boolean }>;
  error: string | null;
  refresh(): Promise<void>;
  create(name: string): Promise<boolean>;
  switchTo(name: string): Promise<void>;
  openSample(): Promise<void>;
}

export const useLedgerStore = create<LedgerState>((set, get) => {
  const run = async (op: () => Promise<unknown>): Promise<boolean> => {
    try {
      await op();
      await get().refresh();
      return true;
    } catch (err) {
      set({ error: errorText(err).message });
      return false;
    }
  };
  return {
    info: null,
    ledgers: [],
    error: null,
    async refresh() {
      try {
        const [info, ledgers] = await Promise.all([call('ledger:info', {}), call('ledger:list', {})]);
        set({ info, ledgers, error: null });
      } catch (err) {
        set({ error: errorText(err).message });
      }
    },
    create: (name) => run(() => call('ledger:create', { name })),
    switchTo: async (name) => { await run(() => call('ledger:switch', { name })); },
    openSample: async () => { await run(() => call('ledger:openSample', {})); },
  };
});
