import { create } from 'zustand';
import type { Output } from '../../../shared/contract';
import type { Flag } from '../../../shared/domain';
import { call, errorText } from '../api/client';

export type FlagWithTransfer = Output<'flags:list'>[number];

export const flagSortKeys = ['severity', 'amount', 'rule', 'status'] as const;
export type FlagSortKey = (typeof flagSortKeys)[number];

/** Empty string means "any". */
export interface FlagFilters { status: Flag['status'] | ''; ruleId: string; regime: string; severity: Flag['severity'] | '' }
export const noFilters: FlagFilters = { status: '', ruleId: '', regime: '', severity: '' };

interface FlagsState {
  flags: FlagWithTransfer[];
  loading: boolean;
  /** Set once the first load has answered, so "no flags" is not shown while loading. */
  loaded: boolean;
  error: string | null;
  openId: number | null;
  sort: FlagSortKey;
  dir: 'asc' | 'desc';
  filters: FlagFilters;
  load(): Promise<void>;
  open(id: number | null): void;
  setSort(key: FlagSortKey): void;
  setFilters(patch: Partial<FlagFilters>): void;
  review(id: number, status: Flag['status'], reason: string): Promise<string | null>;
}

export const useFlagsStore = create<FlagsState>((set, get) => ({
  flags: [], loading: false, loaded: false, error: null, openId: null, sort: 'severity', dir: 'desc', filters: noFilters,
  async load() {
    set({ loading: true });
    try {
      set({ flags: await call('flags:list', {}), loading: false, loaded: true, error: null });
    } catch (err) {
      set({ loading: false, loaded: true, error: errorText(err).message });
    }
  },
  open: (id) => set({ openId: id }),
  setSort(key) {
    const { sort, dir } = get();
    set({ sort: key, dir: sort === key && dir === 'desc' ? 'asc' : 'desc' });
  },
  setFilters: (patch) => set({ filters: { ...get().filters, ...patch } }),
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

const severityRank: Record<Flag['severity'], number> = { low: 0, medium: 1, high: 2 };
const statusRank: Record<Flag['status'], number> = { open: 0, confirmed: 1, dismissed: 2 };

/** The flags that pass the filters, in the chosen order (ties: severity, then amount, then id). */
export function visibleFlags(flags: FlagWithTransfer[], filters: FlagFilters, sort: FlagSortKey, dir: 'asc' | 'desc'): FlagWithTransfer[] {
  const kept = flags.filter((f) => (!filters.status || f.status === filters.status) && (!filters.ruleId || f.ruleId === filters.ruleId)
    && (!filters.regime || (f.regime ?? '') === filters.regime) && (!filters.severity || f.severity === filters.severity));
  const key: Record<FlagSortKey, (f: FlagWithTransfer) => number | string> = {
    severity: (f) => severityRank[f.severity],
    // Amounts in different currencies are not comparable; within the board, minor units order each currency's flags.
    amount: (f) => f.atStakeMinor ?? -1,
    rule: (f) => f.ruleId,
    status: (f) => statusRank[f.status],
  };
  const sign = dir === 'asc' ? 1 : -1;
  const cmp = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...kept].sort((a, b) => sign * cmp(key[sort](a), key[sort](b))
    || -cmp(severityRank[a.severity], severityRank[b.severity]) || -cmp(a.atStakeMinor ?? -1, b.atStakeMinor ?? -1) || a.id - b.id);
}
