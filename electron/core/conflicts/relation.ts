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
