// The entity list (search, keyset paging) and the open entity page with its related parties.
import { create } from 'zustand';
import type { Output } from '../../../shared/contract';
import type { EntityRef, RelatedParty } from '../../../shared/domain';
import { call, errorText } from '../api/client';

type SearchRow = Output<'entities:search'>['rows'][number];
type Page = Output<'entity:get'>;

interface EntitiesState {
  query: string;
  kind: EntityRef['kind'] | '';
  rows: SearchRow[];
  next: [string, number] | null;
  listLoading: boolean;
  listError: string | null;
  openId: number | null;
  page: Page | null;
  pageLoading: boolean;
  pageError: string | null;
  related: RelatedParty[] | null;
  relatedError: string | null;
  search(query: string, kind?: EntityRef['kind'] | ''): Promise<void>;
  loadMore(): Promise<void>;
  open(id: number | null): Promise<void>;
}

const PAGE = 50;

export const useEntitiesStore = create<EntitiesState>((set, get) => ({
  query: '', kind: '', rows: [], next: null, listLoading: false, listError: null,
  openId: null, page: null, pageLoading: false, pageError: null, related: null, relatedError: null,
  async search(query, kind = get().kind) {
    set({ query, kind, listLoading: true });
    try {
      const r = await call('entities:search', { query, kind: kind || undefined, limit: PAGE, after: null });
      // A newer search may have started while this one ran: keep only the latest.
      if (get().query === query && get().kind === kind) set({ rows: r.rows, next: r.next, listLoading: false, listError: null });
    } catch (err) {
      set({ listLoading: false, listError: errorText(err).message });
    }
  },
  async loadMore() {
    const { query, kind, next } = get();
    if (!next) return;
    set({ listLoading: true });
    try {
      const r = await call('entities:search', { query, kind: kind || undefined, limit: PAGE, after: next });
      set((s) => ({ rows: [...s.rows, ...r.rows], next: r.next, listLoading: false, listError: null }));
    } catch (err) {
      set({ listLoading: false, listError: errorText(err).message });
    }
  },
  async open(id) {
    set({ openId: id, page: null, pageError: null, related: null, relatedError: null, pageLoading: id !== null });
    if (id === null) return;
    try {
      const page = await call('entity:get', { id });
      if (get().openId === id) set({ page, pageLoading: false });
    } catch (err) {
      if (get().openId === id) set({ pageLoading: false, pageError: errorText(err).message });
    }
    // Related parties come from the regimes' own channel; it may fail on its own without hiding the page.
    try {
      const related = await call('entity:relatedParties', { entityId: id });
      if (get().openId === id) set({ related });
    } catch (err) {
      if (get().openId === id) set({ relatedError: errorText(err).message });
    }
  },
}));
