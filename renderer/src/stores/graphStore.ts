// What the affiliation graph is centred on (an entity or a flag's path), how far it reaches and
// on which date, and the neighbourhood core returned for it.
import { create } from 'zustand';
import type { GraphOutput } from '../../../shared/viewSchemas';
import { call, errorText } from '../api/client';

export interface GraphParams { entityId?: number; flagId?: number; hops: number; asOf: string }

interface GraphState {
  params: GraphParams;
  data: GraphOutput | null;
  loading: boolean;
  error: string | null;
  load(patch: Partial<GraphParams>): Promise<void>;
}

export const useGraphStore = create<GraphState>((set, get) => ({
  params: { hops: 2, asOf: '' },
  data: null, loading: false, error: null,
  async load(patch) {
    const params = { ...get().params, ...patch };
    set({ params, loading: true, error: null });
    if (params.entityId === undefined && params.flagId === undefined) { set({ loading: false, data: null }); return; }
    try {
      const data = await call('graph:neighbourhood', {
        entityId: params.flagId === undefined ? params.entityId : undefined, flagId: params.flagId,
        hops: params.hops, asOf: params.asOf || undefined,
      });
      if (get().params === params) set({ data, loading: false });
    } catch (err) {
      if (get().params === params) set({ loading: false, error: errorText(err).message });
    }
  },
}));
