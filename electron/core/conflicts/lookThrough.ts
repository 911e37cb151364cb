// Ownership look-through: who holds an economic interest in an entity through any depth of
// holdings, and who controls it. The effective interest of a holder is the product of the equity
// shares along a chain, summed over every chain; a chain never visits an entity twice, so a ring
// of cross-holdings ends (the interest that would circle back through the ring is not counted).
// Control is DGCL §144's: a majority of the votes, the power to appoint the board, or at least
// one third of the votes with managerial authority, followed through controlled intermediates.
import type { Db } from '../db/open';
import type { EntityRef, PathEdge } from '../../../shared/domain';
import { ControlGraph, validOn, type AffiliationRow } from './controlGraph';

export interface Chain { pct: number; path: PathEdge[] }
export interface LookThroughHolder {
  holder: EntityRef;
  /** Effective economic interest in percent: products along each chain, summed over the chains. */
  effectivePct: number;
  /** The chains, largest first. */
  chains: Chain[];
  controls: boolean;
  /** The path by which the holder controls (or leads) the entity; empty when it does not. */
  controlPath: PathEdge[];
}

/** Chains explored per entity before the answer is cut short (dense cross-holdings can have very many). */
export const MAX_CHAINS = 10_000;

function share(a: AffiliationRow): number | null {
  const pct = a.equity_pct ?? a.voting_pct;
  return pct === null ? null : pct / 100;
}

export function lookThrough(db: Db, entityId: number, date: string, graph = new ControlGraph(db)): { holders: LookThroughHolder[]; truncated: boolean } {
  const byHolder = new Map<number, LookThroughHolder>();
  let chains = 0;
  let truncated = false;
  // Depth-first over simple chains upward: `onPath` holds the entities of the current chain.
  const onPath = new Set<number>([entityId]);
  const walk = (id: number, product: number, path: PathEdge[]) => {
    for (const a of graph.incoming(id)) {
      if (a.kind !== 'ownership' || !validOn(a, date) || onPath.has(a.subject_id)) continue;
      const s = share(a);
      if (s === null || s === 0) continue;
      if (++chains > MAX_CHAINS) { truncated = true; return; }
      const pct = product * s;
      const edge = graph.edge(a, `holds ${(s * 100).toFixed(s * 100 % 1 === 0 ? 0 : 2)}%`);
      const chain = [edge, ...path];
      let h = byHolder.get(a.subject_id);
      if (!h) {
        h = { holder: { id: a.subject_id, name: a.s_name, kind: a.s_kind }, effectivePct: 0, chains: [], controls: false, controlPath: [] };
        byHolder.set(a.subject_id, h);
      }
      h.effectivePct += pct * 100;
      h.chains.push({ pct: pct * 100, path: chain });
      onPath.add(a.subject_id);
      walk(a.subject_id, pct, chain);
      onPath.delete(a.subject_id);
    }
  };
  walk(entityId, 1, []);
  for (const [id, c] of graph.controllersOn(entityId, date)) {
    let h = byHolder.get(id);
    if (!h) { h = { holder: c.entity, effectivePct: 0, chains: [], controls: false, controlPath: [] }; byHolder.set(id, h); }
    h.controls = true;
    h.controlPath = c.path;
  }
  const holders = [...byHolder.values()];
  for (const h of holders) h.chains.sort((x, y) => y.pct - x.pct);
  holders.sort((x, y) => Number(y.controls) - Number(x.controls) || y.effectivePct - x.effectivePct || x.holder.id - y.holder.id);
  return { holders, truncated };
}
