// Who is related to an entity under each regime, why, from when to when, and by which path.
// S-K 404 (US SEC): directors, director nominees, executive officers, holders of more than 5% of
// the votes, and their immediate family, counted if they held the position at any time in the
// fiscal year (taken as the calendar year of the date asked). IAS 24 (IFRS): at the date, those
// who control, jointly control or have significant influence (20% of the votes) over the entity,
// key management of the entity or of its parent, their close family; and the entities of the
// group (parent, subsidiaries, fellow subsidiaries), associates and joint ventures, and entities
// controlled by a related person. A shared director alone does not make two entities related.
import type { Db } from '../db/open';
import type { EntityRef, PathEdge, RelatedParty } from '../../../shared/domain';
import { AppError } from '../errors';
import { ControlGraph, leadershipRole, officerOrDirector, validOn, type AffiliationRow } from './controlGraph';
import { lookThrough } from './lookThrough';

const director = /\b(director|board|chair(man|woman|person)?)\b/i;
const nominee = /\bnominee\b/i;
/** S-K 404: child, stepchild, parent, stepparent, spouse, sibling, in-laws, anyone sharing the household. */
const immediateFamily = /\b(child|son|daughter|step\w*|parent|mother|father|spouse|husband|wife|sibling|brother|sister|in-law|household)\b/i;
/** IAS 24: children, spouse or domestic partner, the partner's children, dependants. */
const closeFamily = /\b(child|son|daughter|spouse|husband|wife|partner|dependant|dependent)\b/i;
const jointControl = /\bjoint(ly)?\b/i;

function yearOverlap(a: Pick<AffiliationRow, 'valid_from' | 'valid_to'>, year: string): boolean {
  return (a.valid_from === null || a.valid_from <= `${year}-12-31`) && (a.valid_to === null || a.valid_to >= `${year}-01-01`);
}

class Collector {
  readonly out: RelatedParty[] = [];
  private readonly seen = new Set<string>();
  add(regime: RelatedParty['regime'], party: EntityRef, category: string, basis: string, path: PathEdge[], entityId: number): void {
    if (party.id === entityId) return;
    const key = `${regime}|${party.id}|${category}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const from = path.map((e) => e.validFrom).filter((d): d is string => d !== null).sort();
    const to = path.map((e) => e.validTo).filter((d): d is string => d !== null).sort();
    // A path holds from its latest start to its earliest end.
    this.out.push({ regime, party, category, basis, validFrom: from.length ? from[from.length - 1]! : null, validTo: to.length ? to[0]! : null, path });
  }
}

function familyOf(graph: ControlGraph, personId: number, test: RegExp, inForce: (a: AffiliationRow) => boolean): Array<{ person: EntityRef; edge: PathEdge }> {
  const found: Array<{ person: EntityRef; edge: PathEdge }> = [];
  for (const a of [...graph.incoming(personId), ...graph.outgoing(personId)]) {
    if (a.kind !== 'family' || !inForce(a) || (a.role !== null && !test.test(a.role))) continue;
    const other = a.subject_id === personId ? { id: a.object_id, name: a.o_name, kind: a.o_kind } : { id: a.subject_id, name: a.s_name, kind: a.s_kind };
    found.push({ person: other, edge: graph.edge(a, a.role ?? 'family') });
  }
  return found;
}

/** Entities a person controls on the date (directly, or through a firm they control): related through that person. */
function controlledBy(graph: ControlGraph, person: EntityRef, date: string): Array<{ entity: EntityRef; path: PathEdge[] }> {
  const found: Array<{ entity: EntityRef; path: PathEdge[] }> = [];
  const seen = new Set<number>([person.id]);
  const queue: Array<{ id: number; path: PathEdge[] }> = [{ id: person.id, path: [] }];
  for (let head = 0; head < queue.length; head++) {
    const { id, path } = queue[head]!;
    for (const a of graph.outgoing(id)) {
      if (!validOn(a, date) || seen.has(a.object_id) || a.o_kind === 'person') continue;
      const rel = graph.relationOn(a, date);
      if (!rel || !rel.transitive) continue;
      seen.add(a.object_id);
      const p = [...path, graph.edge(a, rel.relation)];
      found.push({ entity: { id: a.object_id, name: a.o_name, kind: a.o_kind }, path: p });
      queue.push({ id: a.object_id, path: p });
    }
  }
  return found;
}

function entityRef(db: Db, id: number): EntityRef {
  const e = db.prepare(`SELECT id, name, kind FROM entities WHERE id = ?`).get(id) as EntityRef | undefined;
  if (!e) throw new AppError('not_found', `No entity with id ${id}`);
  return e;
}

function secRelated(db: Db, graph: ControlGraph, entity: EntityRef, date: string, c: Collector): void {
  const year = date.slice(0, 4);
  const inYear = (a: AffiliationRow) => yearOverlap(a, year);
  const insiders: Array<{ person: EntityRef; edge: PathEdge; label: string }> = [];
  for (const a of graph.incoming(entity.id)) {
    if (!inYear(a) || (a.kind === 'role' && a.s_kind !== 'person')) continue;
    const who = { id: a.subject_id, name: a.s_name, kind: a.s_kind };
    if (a.kind === 'role' && a.role) {
      const edge = graph.edge(a, a.role);
      if (nominee.test(a.role)) { c.add('us-sec', who, 'director nominee', `${who.name} is a director nominee of ${entity.name}`, [edge], entity.id); insiders.push({ person: who, edge, label: 'director nominee' }); }
      else if (director.test(a.role)) { c.add('us-sec', who, 'director', `${who.name} is ${a.role} of ${entity.name} in ${year}`, [edge], entity.id); insiders.push({ person: who, edge, label: 'director' }); }
      if (officerOrDirector.test(a.role) && !director.test(a.role) || leadershipRole.test(a.role)) {
        c.add('us-sec', who, 'executive officer', `${who.name} is ${a.role} of ${entity.name} in ${year}`, [edge], entity.id);
        insiders.push({ person: who, edge, label: 'executive officer' });
      }
    }
    if (a.kind === 'ownership') {
      const votes = a.voting_pct ?? a.equity_pct;
      if (votes !== null && votes > 5) {
        const edge = graph.edge(a, `holds ${votes}% of the votes`);
        c.add('us-sec', who, '>5% holder', `${who.name} holds ${votes}% of ${entity.name}'s votes`, [edge], entity.id);
        if (who.kind === 'person') insiders.push({ person: who, edge, label: '>5% holder' });
      }
    }
  }
  // Beneficial owners above 5% through intermediate holders.
  for (const h of lookThrough(db, entity.id, date, graph).holders) {
    if (h.effectivePct > 5 && h.chains[0] && h.chains[0].path.length > 1) {
      c.add('us-sec', h.holder, '>5% holder', `${h.holder.name} holds ${h.effectivePct.toFixed(2)}% of ${entity.name} through ${h.chains.length} chain${h.chains.length === 1 ? '' : 's'}`, h.chains[0].path, entity.id);
      if (h.holder.kind === 'person') insiders.push({ person: h.holder, edge: h.chains[0].path[0]!, label: '>5% holder' });
    }
  }
  // Entities in which a related person has an interest because they control them.
  for (const i of insiders) {
    for (const e of controlledBy(graph, i.person, date)) {
      c.add('us-sec', e.entity, 'entity controlled by a related person', `${i.person.name} (${i.label} of ${entity.name}) controls ${e.entity.name}`, [i.edge, ...e.path], entity.id);
    }
  }
  for (const i of insiders) {
    for (const f of familyOf(graph, i.person.id, immediateFamily, inYear)) {
      c.add('us-sec', f.person, 'immediate family', `${f.person.name} is ${i.person.name}'s ${f.edge.relation}; ${i.person.name} is a ${i.label} of ${entity.name}`, [f.edge, i.edge], entity.id);
    }
  }
}

function ifrsRelated(db: Db, graph: ControlGraph, entity: EntityRef, date: string, c: Collector): void {
  const at = (a: AffiliationRow) => validOn(a, date);
  const controllers = graph.controllersOn(entity.id, date);
  const people: Array<{ person: EntityRef; path: PathEdge[]; label: string }> = [];
  for (const [, ctl] of controllers) {
    const isLeaderOnly = ctl.path.length === 1 && leadershipRole.test(ctl.path[0]!.relation) && !/control|votes|board/.test(ctl.path[0]!.relation);
    if (isLeaderOnly) continue; // a CEO is key management (below), not a controller
    const joint = ctl.path.some((e) => jointControl.test(e.relation));
    const category = ctl.entity.kind === 'person' ? (joint ? 'joint control' : 'control') : (ctl.path.length === 1 ? 'parent' : 'ultimate parent');
    c.add('ias24', ctl.entity, category, `${ctl.entity.name} ${joint ? 'jointly controls' : 'controls'} ${entity.name}: ${ctl.path.map((e) => `${e.from.name} ${e.relation} ${e.to.name}`).join('; ')}`, ctl.path, entity.id);
    if (ctl.entity.kind === 'person') people.push({ person: ctl.entity, path: ctl.path, label: 'controls the entity' });
  }
  // Significant influence: 20% of the votes, directly or through holdings.
  for (const h of lookThrough(db, entity.id, date, graph).holders) {
    if (h.controls || h.effectivePct < 20 || !h.chains[0]) continue;
    c.add('ias24', h.holder, h.holder.kind === 'person' ? 'significant influence' : 'investor with significant influence (entity is its associate)',
      `${h.holder.name} holds ${h.effectivePct.toFixed(2)}% of ${entity.name} (significant influence from 20%, IAS 28)`, h.chains[0].path, entity.id);
    if (h.holder.kind === 'person') people.push({ person: h.holder, path: h.chains[0].path, label: 'has significant influence' });
  }
  // Key management of the entity and of its parents.
  const parents = [...controllers.values()].filter((p) => p.entity.kind !== 'person');
  for (const [where, prefix] of [[entity, [] as PathEdge[]], ...parents.map((p) => [p.entity, p.path] as const)] as Array<[EntityRef, PathEdge[]]>) {
    for (const [, edge] of graph.officersOn(where.id, date)) {
      const path = [edge, ...prefix];
      c.add('ias24', edge.from, where.id === entity.id ? 'key management' : 'key management of the parent', `${edge.from.name} is ${edge.relation} of ${where.name}`, path, entity.id);
      people.push({ person: edge.from, path, label: `is key management of ${where.name}` });
    }
  }
  // Entities controlled by a person who is related under (a): control, significant influence, key management.
  for (const p of people) {
    for (const e of controlledBy(graph, p.person, date)) {
      c.add('ias24', e.entity, 'controlled by a related person', `${p.person.name} ${p.label} and controls ${e.entity.name}`, [...p.path, ...e.path], entity.id);
    }
  }
  for (const p of people) {
    for (const f of familyOf(graph, p.person.id, closeFamily, at)) {
      c.add('ias24', f.person, 'close family', `${f.person.name} is ${p.person.name}'s ${f.edge.relation}; ${p.person.name} ${p.label}`, [f.edge, ...p.path], entity.id);
    }
  }
  // Entities: subsidiaries (controlled by this one), associates and joint ventures of it.
  const downward = (from: EntityRef, path: PathEdge[], depth: number, seen: Set<number>) => {
    for (const a of graph.outgoing(from.id)) {
      if (!at(a) || seen.has(a.object_id) || a.o_kind === 'person') continue;
      const rel = graph.relationOn(a, date);
      const target = { id: a.object_id, name: a.o_name, kind: a.o_kind };
      const votes = a.voting_pct ?? a.equity_pct;
      if (rel && rel.transitive) {
        const p = [...path, graph.edge(a, rel.relation)];
        const joint = jointControl.test(a.role ?? '');
        c.add('ias24', target, joint ? 'joint venture' : depth === 0 ? 'subsidiary' : 'subsidiary (indirect)', `${from.name} ${rel.relation} of ${target.name}`, p, entity.id);
        seen.add(a.object_id);
        if (!joint) downward(target, p, depth + 1, seen);
      } else if (depth === 0 && votes !== null && votes >= 20 && a.kind === 'ownership') {
        c.add('ias24', target, 'associate', `${entity.name} holds ${votes}% of ${target.name} (significant influence)`, [graph.edge(a, `holds ${votes}%`)], entity.id);
      }
    }
  };
  downward(entity, [], 0, new Set([entity.id]));
  // Fellow subsidiaries and other entities controlled by a controlling person or parent.
  for (const [, ctl] of controllers) {
    if (ctl.path.length === 1 && leadershipRole.test(ctl.path[0]!.relation) && !/control|votes|board/.test(ctl.path[0]!.relation)) continue;
    for (const a of graph.outgoing(ctl.entity.id)) {
      if (!at(a) || a.object_id === entity.id || a.o_kind === 'person') continue;
      const rel = graph.relationOn(a, date);
      if (!rel || !rel.transitive) continue;
      const target = { id: a.object_id, name: a.o_name, kind: a.o_kind };
      c.add('ias24', target, ctl.entity.kind === 'person' ? 'controlled by a related person' : 'fellow subsidiary',
        `${ctl.entity.name} controls both ${entity.name} and ${target.name}`, [...ctl.path, graph.edge(a, rel.relation)], entity.id);
    }
  }
}

export function relatedParties(db: Db, entityId: number, asOf = new Date().toISOString().slice(0, 10)): RelatedParty[] {
  const entity = entityRef(db, entityId);
  const graph = new ControlGraph(db);
  const c = new Collector();
  secRelated(db, graph, entity, asOf, c);
  ifrsRelated(db, graph, entity, asOf, c);
  return c.out;
}
