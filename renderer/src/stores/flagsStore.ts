import { create } from 'zustand';
import type { Flag } from '../../../shared/domain';
import type { FlagBoardCursor, FlagBoardFilters, FlagBoardRow, FlagBoardSortKey, FlagWithTransfer } from '../../../shared/flagBoard';
import { call, errorText } from '../api/client';

export type { FlagBoardRow, FlagWithTransfer };
export { flagBoardSortKeys as flagSortKeys } from '../../../shared/flagBoard';
export type FlagSortKey = FlagBoardSortKey;

/** Empty string means "any". */
export interface FlagFilters { status: Flag['status'] | ''; ruleId: string; regime: string; severity: Flag['severity'] | '' }
export const noFilters: FlagFilters = { status: '', ruleId: '', regime: '', severity: '' };

/** Rows per request: a screenful and then some; the board asks for the next page as the list nears its end. */
export const FLAG_PAGE_SIZE = 100;

interface FlagsState {
  /** The board's rows loaded so far, in order (pages are appended as the list scrolls). */
  rows: FlagBoardRow[];
  /** Where the next page starts; null when every matching flag is loaded. */
  next: FlagBoardCursor | null;
  /** Flags that pass the filters, and every flag of the ledger. */
  total: number;
  all: number;
  /** What the rule and regime filters can offer. */
  rules: string[];
  regimes: string[];
  loading: boolean;
  loadingMore: boolean;
  /** Set once the first page has answered, so "no flags" is not shown while loading. */
  loaded: boolean;
  /** The ledger changed since the rows were loaded: the board reloads when it is shown. */
  stale: boolean;
  error: string | null;
  openId: number | null;
  /** The open flag in full (paths, checklist), read with flag:get. */
  openFlag: FlagWithTransfer | null;
  openError: string | null;
  sort: FlagSortKey;
  dir: 'asc' | 'desc';
  filters: FlagFilters;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  markStale(): void;
  open(id: number | null): void;
  setSort(key: FlagSortKey): void;
  setFilters(patch: Partial<FlagFilters>): void;
  review(id: number, status: Flag['status'], reason: string): Promise<string | null>;
}

/** The filters as the channel takes them: "any" is left out. */
function channelFilters(f: FlagFilters): FlagBoardFilters {
  return {
    ...(f.status ? { status: f.status } : {}), ...(f.ruleId ? { ruleId: f.ruleId } : {}),
    ...(f.regime ? { regime: f.regime } : {}), ...(f.severity ? { severity: f.severity } : {}),
  };
}

// Each first-page load starts a generation; answers for an older one (another sort or filter) are dropped.
let generation = 0;

export const useFlagsStore = create<FlagsState>((set, get) => {
  /** Read the open flag in full; an answer for a flag no longer open is dropped. */
  const readOpenFlag = (id: number) => call('flag:get', { id }).then(
    (flag) => { if (get().openId === id) set({ openFlag: flag, openError: null }); },
    (err: unknown) => { if (get().openId === id) set({ openError: errorText(err).message }); },
  );

  return {
    rows: [], next: null, total: 0, all: 0, rules: [], regimes: [],
    loading: false, loadingMore: false, loaded: false, stale: true, error: null,
    openId: null, openFlag: null, openError: null, sort: 'severity', dir: 'desc', filters: noFilters,

    async load() {
      const mine = ++generation;
      const { sort, dir, filters } = get();
      set({ loading: true, stale: false });
      try {
        const page = await call('flags:page', { sort, dir, filters: channelFilters(filters), limit: FLAG_PAGE_SIZE });
        if (mine !== generation) return;
        set({
          rows: page.rows, next: page.next, total: page.total, loading: false, loadingMore: false, loaded: true, error: null,
          ...(page.facets ? { all: page.facets.all, rules: page.facets.rules, regimes: page.facets.regimes } : {}),
        });
        // The open flag may have changed with the ledger (a rule run, an edit): read it again, keeping it on screen meanwhile.
        const openId = get().openId;
        if (openId !== null) readOpenFlag(openId);
      } catch (err) {
        if (mine === generation) set({ loading: false, loaded: true, error: errorText(err).message });
      }
    },

    async loadMore() {
      const { next, loadingMore, loading, sort, dir, filters } = get();
      if (next === null || loadingMore || loading) return;
      const mine = generation;
      set({ loadingMore: true });
      try {
        const page = await call('flags:page', { sort, dir, filters: channelFilters(filters), after: next, limit: FLAG_PAGE_SIZE });
        if (mine !== generation) return;
        set({ rows: [...get().rows, ...page.rows], next: page.next, total: page.total, loadingMore: false });
      } catch (err) {
        if (mine === generation) set({ loadingMore: false, error: errorText(err).message });
      }
    },

    markStale: () => set({ stale: true }),

    open(id) {
      if (id === get().openId && (id === null || get().openFlag?.id === id)) return;
      set({ openId: id, openFlag: null, openError: null });
      if (id !== null) readOpenFlag(id);
    },

    setSort(key) {
      const { sort, dir } = get();
      set({ sort: key, dir: sort === key && dir === 'desc' ? 'asc' : 'desc' });
      void get().load();
    },

    setFilters(patch) {
      set({ filters: { ...get().filters, ...patch } });
      void get().load();
    },

    async review(id, status, reason) {
      try {
        const flag = await call('flag:review', { id, status, reason });
        // The row keeps its place (the reviewer does not lose their position); its status is the new one.
        set({
          rows: get().rows.map((r) => (r.id === id ? { ...r, status: flag.status } : r)),
          ...(get().openFlag?.id === id ? { openFlag: { ...flag, transfer: get().openFlag!.transfer } } : {}),
        });
        return null;
      } catch (err) {
        return errorText(err).message;
      }
    },
  };
});
