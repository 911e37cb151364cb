import { create } from 'zustand';
import type { Input, Output } from '../../../shared/contract';
import type { TransferDetail, TransferRow, TransferSortKey } from '../../../shared/domain';
import { call, errorText } from '../api/client';

type Cursor = Output<'transfers:page'>['next'];

interface TransfersState {
  rows: TransferRow[];
  next: Cursor;
  total: number;
  search: string;
  sort: TransferSortKey;
  dir: 'asc' | 'desc';
  loading: boolean;
  error: string | null;
  selectedId: number | null;
  detail: TransferDetail | null;
  detailError: string | null;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  setSearch(search: string): void;
  setSort(sort: TransferSortKey): void;
  select(id: number | null): Promise<void>;
}

let requestSeq = 0;

export const useTransfersStore = create<TransfersState>((set, get) => {
  const fetchPage = async (after: Cursor, append: boolean) => {
    const seq = ++requestSeq;
    set({ loading: true });
    const { search, sort, dir } = get();
    const input: Input<'transfers:page'> = { limit: 100, sort, dir, after, search };
    try {
      const page = await call('transfers:page', input);
      if (seq !== requestSeq) return; // a newer request superseded this one
      set({ rows: append ? [...get().rows, ...page.rows] : page.rows, next: page.next, total: page.total, loading: false, error: null });
    } catch (err) {
      if (seq === requestSeq) set({ loading: false, error: errorText(err).message });
    }
  };
  return {
    rows: [], next: null, total: 0, search: '', sort: 'date', dir: 'desc', loading: false, error: null,
    selectedId: null, detail: null, detailError: null,
    reload: () => fetchPage(null, false),
    loadMore: async () => { const { next } = get(); if (next) await fetchPage(next, true); },
    setSearch(search) { set({ search }); void fetchPage(null, false); },
    setSort(sort) {
      const { sort: old, dir } = get();
      set({ sort, dir: old === sort && dir === 'desc' ? 'asc' : 'desc' });
      void fetchPage(null, false);
    },
    async select(id) {
      set({ selectedId: id, detail: null, detailError: null });
      if (id === null) return;
      try {
        const detail = await call('transfer:get', { id });
        if (get().selectedId === id) set({ detail });
      } catch (err) {
        set({ detailError: errorText(err).message });
      }
    },
  };
});
