import { create } from 'zustand';
import type { Output } from '../../../shared/contract';
import type { Flag } from '../../../shared/domain';
import { call, errorText } from '../api/client';

type FlagWithTransfer = Output<'flags:list'>[number];

interface FlagsState {
  flags: FlagWithTransfer[];
  loading: boolean;
  error: string | null;
  openId: number | null;
  load(): Promise<void>;
  open(id: number | null): void;
  review(id: number, status: Flag['status'], reason: string): Promise<string | null>;
}

export const useFlagsStore = create<FlagsState>((set, get) => ({
  flags: [], loading: false, error: null, openId: null,
  async load() {
    set({ loading: true });
    try {
      set({ flags: await call('flags:list', {}), loading: false, error: null });
    } catch (err) {
      set({ loading: false, error: errorText(err).message });
    }
  },
  open: (id) => set({ openId: id }),
  async review(id, status, reason) {
    try {
      await call('flag:review', { id, status, reason });
      await get().load();
      return null;
    } catch (err) {
      return errorText(err).message;
    }
  },
}));
