// Whether the two sides of a transfer are related on its date, and through whom: first a holder
// that controls or leads both (people before companies), else a person who is an officer or
// director of both (an interlock). One side controlling the other counts as common control.
import type { EntityRef } from '../../../shared/domain';
import type { TransferWithKey } from '../ledger/read';
import type { ControlGraph, Controller } from './controlGraph';
import type { Relation } from './ruleContext';

export function findRelation(graph: ControlGraph, t: TransferWithKey): Relation | null {
  const self = (side: EntityRef): Controller => ({ entity: side, path: [] });
  const from = new Map(graph.controllersOn(t.from.id, t.date)).set(t.from.id, self(t.from));
  const to = new Map(graph.controllersOn(t.to.id, t.date)).set(t.to.id, self(t.to));
  const common = [...from.keys()].filter((id) => to.has(id)).map((id) => ({ holder: from.get(id)!.entity, fromPath: from.get(id)!.path, toPath: to.get(id)!.path }));
  const people = common.filter((c) => c.holder.kind === 'person');
  const chosen = people.length > 0 ? people : common;
  if (chosen.length > 0) return { kind: 'common-control', ...chosen[0]!, holders: chosen.map((c) => c.holder) };

  const fromOfficers = graph.officersOn(t.from.id, t.date);
  const toOfficers = graph.officersOn(t.to.id, t.date);
  const shared = [...fromOfficers.keys()].filter((id) => toOfficers.has(id));
  if (shared.length === 0) return null;
  const first = fromOfficers.get(shared[0]!)!;
  return { kind: 'interlock', holder: first.from, fromPath: [first], toPath: [toOfficers.get(shared[0]!)!], holders: shared.map((id) => fromOfficers.get(id)!.from) };
}

/**
 * Whether some holder controls or leads both sides on the transfer's date (findRelation's first
 * test, without building the relation). Where none does, findRelation asks for the officers of
 * both sides: a run reads those in one statement for all such transfers (ControlGraph.preloadRoles).
 */
export function sharesHolder(graph: ControlGraph, t: TransferWithKey): boolean {
  const from = graph.controllersOn(t.from.id, t.date);
  const to = graph.controllersOn(t.to.id, t.date);
  if (from.has(t.to.id) || to.has(t.from.id)) return true;
  for (const id of from.keys()) if (to.has(id)) return true;
  return false;
}
