// The Flows view's choices (period, resource types, how many firms, netting) and its summary.
import { create } from 'zustand';
import type { FlowsOutput } from '../../../shared/viewSchemas';
import type { resourceTypes } from '../../../shared/domain';
import { call, errorText } from '../api/client';

type ResourceType = (typeof resourceTypes)[number];
export type PeriodKind = 'year' | 'quarter' | 'custom';

export interface FlowsParams {
  periodKind: PeriodKind;
  year: number;
  quarter: 1 | 2 | 3 | 4;
  from: string;
  to: string;
  resourceTypes: ResourceType[];
  topN: number;
  net: boolean;
}

/** The first and last day a choice of period stands for. */
export function periodRange(p: FlowsParams): { from: string; to: string } {
  if (p.periodKind === 'year') return { from: `${p.year}-01-01`, to: `${p.year}-12-31` };
  if (p.periodKind === 'quarter') {
    const m = (p.quarter - 1) * 3 + 1;
    const last = new Date(Date.UTC(p.year, m + 2, 0)).getUTCDate();
    const mm = (n: number) => String(n).padStart(2, '0');
    return { from: `${p.year}-${mm(m)}-01`, to: `${p.year}-${mm(m + 2)}-${last}` };
  }
  return { from: p.from, to: p.to };
}

interface FlowsState {
  params: FlowsParams;
  data: FlowsOutput | null;
  loading: boolean;
  error: string | null;
  load(patch?: Partial<FlowsParams>): Promise<void>;
}

export const useFlowsStore = create<FlowsState>((set, get) => ({
  params: { periodKind: 'year', year: 2023, quarter: 4, from: '2023-01-01', to: '2023-12-31', resourceTypes: [], topN: 10, net: false },
  data: null, loading: false, error: null,
  async load(patch = {}) {
    const params = { ...get().params, ...patch };
    set({ params, loading: true, error: null });
    const { from, to } = periodRange(params);
    try {
      const data = await call('flows:summary', { from, to, resourceTypes: params.resourceTypes, topN: params.topN, net: params.net });
      if (get().params === params) set({ data, loading: false });
    } catch (err) {
      if (get().params === params) set({ loading: false, error: errorText(err).message });
    }
  },
}));
