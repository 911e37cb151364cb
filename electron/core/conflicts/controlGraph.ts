// Who controls or leads an entity on a given date, following affiliations upward.
// A person "leads" a firm through an executive role (CEO, chair, president...); a holder
// "controls" it through a control affiliation or a majority of votes. Control is followed
// through intermediate holders (a trust, a parent company); a leadership role is not.
import type { Db } from '../db/open';
import type { EntityRef, PathEdge } from '../../../shared/domain';
import { evidenceForAffiliation } from '../ledger/read';

interface AffiliationRow {
  id: number; subject_id: number; s_name: string; s_kind: EntityRef['kind'];
  object_id: number; o_name: string; o_kind: EntityRef['kind'];
  kind: 'ownership' | 'control' | 'role' | 'family'; role: string | null;
  equity_pct: number | null; voting_pct: number | null; valid_from: string | null; valid_to: string | null;
}

const leadershipRole = /\b(ceo|chief executive|chair(man|woman|person)?|president|managing director|executive director)\b/i;

/** The relation an affiliation gives its subject over its object, or null if it gives none. */
export function controlRelation(a: Pick<AffiliationRow, 'kind' | 'role' | 'equity_pct' | 'voting_pct'>): { relation: string; transitive: boolean } | null {
  if (a.kind === 'role' && a.role && leadershipRole.test(a.role)) return { relation: a.role, transitive: false };
  if (a.kind === 'control') return { relation: a.role ? `${a.role}, in control` : 'in control', transitive: true };
  if (a.kind === 'ownership') {
    const votes = a.voting_pct ?? a.equity_pct;
    if (votes !== null && votes > 50) return { relation: `holds ${votes}% of the votes`, transitive: true };
  }
  return null;
}

function validOn(a: AffiliationRow, date: string): boolean {
  return (a.valid_from === null || a.valid_from <= date) && (a.valid_to === null || a.valid_to >= date);
}

export interface Controller { entity: EntityRef; path: PathEdge[] }

/** Officer and director roles: the positions that make a person sit on a firm's side of a deal. */
const officerOrDirector = /\b(ceo|cfo|coo|cto|chief|chair(man|woman|person)?|director|officer|president|vice[- ]president|secretary|treasurer|executive|managing|board)\b/i;

export class ControlGraph {
  private readonly incoming = new Map<number, AffiliationRow[]>();
  private readonly evidenceCache = new Map<number, PathEdge['evidence']>();

  constructor(private readonly db: Db) {
    const rows = db.prepare(`
      SELECT a.id, a.subject_id, s.name AS s_name, s.kind AS s_kind, a.object_id, o.name AS o_name, o.kind AS o_kind,
             a.kind, a.role, a.equity_pct, a.voting_pct, a.valid_from, a.valid_to
      FROM affiliations a JOIN entities s ON s.id = a.subject_id JOIN entities o ON o.id = a.object_id`).all() as AffiliationRow[];
    for (const r of rows) {
      const list = this.incoming.get(r.object_id) ?? [];
      list.push(r);
      this.incoming.set(r.object_id, list);
    }
  }

  private edge(a: AffiliationRow, relation: string): PathEdge {
    let evidence = this.evidenceCache.get(a.id);
    if (!evidence) {
      evidence = evidenceForAffiliation(this.db, a.id);
      this.evidenceCache.set(a.id, evidence);
    }
    return {
      affiliationId: a.id,
      from: { id: a.subject_id, name: a.s_name, kind: a.s_kind },
      to: { id: a.object_id, name: a.o_name, kind: a.o_kind },
      relation, validFrom: a.valid_from, validTo: a.valid_to, evidence,
    };
  }

  /** People holding an officer or director role in the entity on the date, with that role as an edge. */
  officersOn(entityId: number, date: string): Map<number, PathEdge> {
    const found = new Map<number, PathEdge>();
    for (const a of this.incoming.get(entityId) ?? []) {
      if (a.kind !== 'role' || !a.role || !officerOrDirector.test(a.role) || !validOn(a, date) || a.s_kind !== 'person') continue;
      if (!found.has(a.subject_id)) found.set(a.subject_id, this.edge(a, a.role));
    }
    return found;
  }

  /**
   * Every holder that controls or leads the entity on the date, with the shortest path from
   * that holder down to the entity. Breadth-first, so cycles of cross-holdings end.
   */
  controllersOn(entityId: number, date: string): Map<number, Controller> {
    const found = new Map<number, Controller>();
    const queue: Array<{ id: number; path: PathEdge[] }> = [{ id: entityId, path: [] }];
    const expanded = new Set<number>([entityId]);
    while (queue.length > 0) {
      const { id, path } = queue.shift()!;
      for (const a of this.incoming.get(id) ?? []) {
        if (!validOn(a, date)) continue;
        const rel = controlRelation(a);
        if (!rel) continue;
        // Leadership counts only on the entity itself: the CEO of a shareholder does not lead the firm.
        if (!rel.transitive && id !== entityId) continue;
        const pathFromHolder = [this.edge(a, rel.relation), ...path];
        if (!found.has(a.subject_id) && a.subject_id !== entityId) {
          found.set(a.subject_id, { entity: { id: a.subject_id, name: a.s_name, kind: a.s_kind }, path: pathFromHolder });
        }
        if (rel.transitive && !expanded.has(a.subject_id)) {
          expanded.add(a.subject_id);
          queue.push({ id: a.subject_id, path: pathFromHolder });
        }
      }
    }
    return found;
  }
}
