// Who controls or leads an entity on a given date, following affiliations upward.
// A person "leads" a firm through an executive role (CEO, chair, president...); a holder
// "controls" it through a control affiliation, a majority of votes, the power to appoint the
// board, or one third of the votes together with managerial authority (DGCL §144 as amended
// 2025). Control is followed through intermediate holders (a trust, a parent company); a
// leadership role is not. Affiliations are read per entity on demand, so a run that touches a
// few firms of a large ledger reads only their part of the graph.
import type { Db } from '../db/open';
import type { EntityRef, Evidence, PathEdge } from '../../../shared/domain';
import { stmt } from './stmtCache';
import { exactReal, idsJson, readJsonArrays, realAsText } from './jsonRows';

export interface AffiliationRow {
  id: number; subject_id: number; s_name: string; s_kind: EntityRef['kind'];
  object_id: number; o_name: string; o_kind: EntityRef['kind'];
  kind: 'ownership' | 'control' | 'role' | 'family'; role: string | null;
  equity_pct: number | null; voting_pct: number | null; valid_from: string | null; valid_to: string | null;
}

export const leadershipRole = /\b(ceo|chief executive|chair(man|woman|person)?|president|managing director|executive director)\b/i;
/** A right to appoint or elect the board (or its majority) is control whatever the equity. */
export const boardPower = /\b(appoint|elect|nominate)s?\b.*\bboard\b|\bboard (appointment|control)\b/i;
const ONE_THIRD = 100 / 3;

/** The relation an affiliation gives its subject over its object, or null if it gives none. */
export function controlRelation(a: Pick<AffiliationRow, 'kind' | 'role' | 'equity_pct' | 'voting_pct'>): { relation: string; transitive: boolean } | null {
  if (a.kind === 'role' && a.role && leadershipRole.test(a.role)) return { relation: a.role, transitive: false };
  if (a.kind === 'control') return { relation: a.role ? `${a.role}, in control` : 'in control', transitive: true };
  if (a.kind === 'ownership') {
    if (a.role && boardPower.test(a.role)) return { relation: `${a.role} (power over the board)`, transitive: true };
    const votes = a.voting_pct ?? a.equity_pct;
    if (votes !== null && votes > 50) return { relation: `holds ${votes}% of the votes`, transitive: true };
  }
  return null;
}

/** Whether an affiliation can give control on some date (a superset: one third of the votes may, with a management role). */
export function mayCarryControl(a: Pick<AffiliationRow, 'kind' | 'role' | 'equity_pct' | 'voting_pct'>): boolean {
  if (a.kind === 'control') return true;
  if (a.kind !== 'ownership') return false;
  const votes = a.voting_pct ?? a.equity_pct;
  return (votes !== null && votes >= ONE_THIRD) || (a.role !== null && boardPower.test(a.role));
}

export function validOn(a: Pick<AffiliationRow, 'valid_from' | 'valid_to'>, date: string): boolean {
  return (a.valid_from === null || a.valid_from <= date) && (a.valid_to === null || a.valid_to >= date);
}

export interface Controller { entity: EntityRef; path: PathEdge[] }

/**
 * The rows that can give control or leadership on some date: a control affiliation, an
 * ownership with one third of the votes or a stated role (board power is read from the role), or
 * a leadership role. A superset of what controlRelation and relationOn accept; the rest
 * (directorships, minority stakes, family ties) never does. Same test in SQL and in JS.
 */
export function isControlRow(a: Pick<AffiliationRow, 'kind' | 'role' | 'equity_pct' | 'voting_pct'>): boolean {
  if (a.kind === 'control') return true;
  if (a.kind === 'ownership') { const votes = a.voting_pct ?? a.equity_pct; return (votes !== null && votes >= ONE_THIRD) || a.role !== null; }
  return a.kind === 'role' && a.role !== null && leadershipRole.test(a.role);
}

/** isControlRow in SQL over `affiliations a`; @oneThird is bound to ONE_THIRD (exactly the same double as in JS). */
const controlRowSql = `(a.kind = 'control' OR (a.kind = 'ownership' AND (coalesce(a.voting_pct, a.equity_pct) >= @oneThird OR a.role IS NOT NULL))
  OR (a.kind = 'role' AND a.role IS NOT NULL AND armslength_leads(a.role)))`;

/** The leadership test as a SQL function, registered once per connection (registering one expires its prepared statements). */
const withLeads = new WeakSet<Db>();
function registerLeads(db: Db): void {
  if (withLeads.has(db)) return;
  db.function('armslength_leads', { deterministic: true }, (role: unknown) => (typeof role === 'string' && leadershipRole.test(role) ? 1 : 0));
  withLeads.add(db);
}

/** Officer and director roles: the positions that make a person sit on a firm's side of a deal. */
export const officerOrDirector = /\b(ceo|cfo|coo|cto|chief|chair(man|woman|person)?|director|officer|president|vice[- ]president|secretary|treasurer|executive|managing|board)\b/i;

const affiliationSelect = `SELECT a.id, a.subject_id, s.name AS s_name, s.kind AS s_kind, a.object_id, o.name AS o_name, o.kind AS o_kind,
         a.kind, a.role, a.equity_pct, a.voting_pct, a.valid_from, a.valid_to
  FROM affiliations a JOIN entities s ON s.id = a.subject_id JOIN entities o ON o.id = a.object_id`;

/** The same columns as one JSON array per row, for reading many rows at once (jsonRows.ts). */
const affiliationJson = `json_array(a.id, a.subject_id, s.name, s.kind, a.object_id, o.name, o.kind, a.kind, a.role,
  ${realAsText('a.equity_pct')}, ${realAsText('a.voting_pct')}, a.valid_from, a.valid_to)`;
type AffiliationJson = [number, number, string, EntityRef['kind'], number, string, EntityRef['kind'], AffiliationRow['kind'], string | null,
  string | null, string | null, string | null, string | null];

function affiliationFromJson(r: AffiliationJson): AffiliationRow {
  return { id: r[0], subject_id: r[1], s_name: r[2], s_kind: r[3], object_id: r[4], o_name: r[5], o_kind: r[6], kind: r[7], role: r[8],
    equity_pct: exactReal(r[9]), voting_pct: exactReal(r[10]), valid_from: r[11], valid_to: r[12] };
}

interface EvidenceRow { id: number; locator: string; excerpt: string; document_id: number; name: string; kind: string; sha256: string | null; issuer: string | null; filed_on: string | null; source_url: string | null }

/** The evidence cited for an affiliation, read through a cached statement (paths cite many). */
function affiliationEvidence(db: Db, affiliationId: number): Evidence[] {
  const rows = stmt(db, `SELECT e.id, e.locator, e.excerpt, d.id AS document_id, d.name, d.kind, d.sha256, d.issuer, d.filed_on, d.source_url
    FROM evidence e JOIN documents d ON d.id = e.document_id WHERE e.affiliation_id = ? ORDER BY e.id`).all(affiliationId) as EvidenceRow[];
  return rows.map(toEvidence);
}

function toEvidence(r: EvidenceRow): Evidence {
  return { id: r.id, locator: r.locator, excerpt: r.excerpt,
    document: { id: r.document_id, name: r.name, kind: r.kind, sha256: r.sha256, issuer: r.issuer, filedOn: r.filed_on, sourceUrl: r.source_url } };
}

const noEvidence: Evidence[] = [];

/**
 * The dates around a given one on which a set of affiliations is valid exactly as on that date:
 * d >= loIn, d > loEx, d <= hiIn, d < hiEx (string comparisons, as validOn makes them).
 */
interface Span { loIn: string; loEx: string; hiIn: string; hiEx: string }
interface DatedAnswer<T> { span: Span; answer: T }

const LOWEST = '';
const HIGHEST = '\uffff';

function openSpan(): Span {
  return { loIn: LOWEST, loEx: LOWEST, hiIn: HIGHEST, hiEx: HIGHEST };
}

function narrow(span: Span, a: Pick<AffiliationRow, 'valid_from' | 'valid_to'>, date: string): void {
  if (a.valid_from !== null) {
    if (a.valid_from <= date) { if (a.valid_from > span.loIn) span.loIn = a.valid_from; }
    else if (a.valid_from < span.hiEx) span.hiEx = a.valid_from;
  }
  if (a.valid_to !== null) {
    if (a.valid_to >= date) { if (a.valid_to < span.hiIn) span.hiIn = a.valid_to; }
    else if (a.valid_to > span.loEx) span.loEx = a.valid_to;
  }
}

function answerFor<T>(list: Array<DatedAnswer<T>> | undefined, date: string): T | undefined {
  if (!list) return undefined;
  for (const { span, answer } of list) {
    if (date >= span.loIn && (span.loEx === LOWEST || date > span.loEx) && date <= span.hiIn && date < span.hiEx) return answer;
  }
  return undefined;
}

function remember<T>(cache: Map<number, Array<DatedAnswer<T>>>, entityId: number, span: Span, answer: T): void {
  const list = cache.get(entityId);
  if (list) list.push({ span, answer }); else cache.set(entityId, [{ span, answer }]);
}

/** Entities per bulk read (readIncoming): ~100k affiliation rows, ~15 MB of JSON at most in the generated ledgers. */
const NEED_CHUNK = 25_000;

export class ControlGraph {
  private readonly incomingCache = new Map<number, AffiliationRow[]>();
  /** Per entity, only the incoming rows that can give control (isControlRow). */
  private readonly controlCache = new Map<number, AffiliationRow[]>();
  /** Per entity, only its incoming role rows (officersOn). */
  private readonly roleCache = new Map<number, AffiliationRow[]>();
  private readonly outgoingCache = new Map<number, AffiliationRow[]>();
  private readonly evidenceCache = new Map<number, PathEdge['evidence']>();
  /** Edges made so far, per affiliation id (an affiliation is read under one or two relations). */
  private readonly edgeCache = new Map<number, PathEdge[]>();
  private readonly plainRelation = new Map<number, { relation: string; transitive: boolean } | null>();
  /** Set once all affiliation evidence is in evidenceCache: an affiliation missing there has none. */
  private evidenceComplete = false;
  private readonly controllersCache = new Map<number, Array<DatedAnswer<Map<number, Controller>>>>();
  private readonly officersCache = new Map<number, Array<DatedAnswer<Map<number, PathEdge>>>>();

  constructor(private readonly db: Db) {
    registerLeads(db);
  }

  /** Affiliations whose object is the entity (who holds, controls or works for it). */
  incoming(entityId: number): AffiliationRow[] {
    let rows = this.incomingCache.get(entityId);
    if (!rows) {
      rows = stmt(this.db, `${affiliationSelect} WHERE a.object_id = ? ORDER BY a.id`).all(entityId) as AffiliationRow[];
      this.incomingCache.set(entityId, rows);
    }
    return rows;
  }

  /**
   * The incoming affiliations that can give control or leadership (isControlRow): all that
   * controllersOn and relationOn look at. Directorships, minority stakes and family ties never
   * change who controls a firm, and leaving them out halves what a full run reads.
   */
  controlIncoming(entityId: number): AffiliationRow[] {
    return this.incomingKept(this.controlCache, entityId, isControlRow, controlRowSql, { oneThird: ONE_THIRD });
  }

  /** The role affiliations whose object is the entity (its officers, directors and other posts): all that officersOn looks at. */
  roles(entityId: number): AffiliationRow[] {
    return this.incomingKept(this.roleCache, entityId, (a) => a.kind === 'role', `a.kind = 'role'`);
  }

  /**
   * The incoming rows of one entity that pass a test, kept in `cache`: taken from all its incoming
   * rows when those were read, else read alone (`where` is the same test in SQL over `affiliations a`).
   */
  private incomingKept(cache: Map<number, AffiliationRow[]>, entityId: number, keep: (a: AffiliationRow) => boolean, where: string, params: Record<string, unknown> = {}): AffiliationRow[] {
    let rows = cache.get(entityId);
    if (!rows) {
      const all = this.incomingCache.get(entityId);
      rows = all ? all.filter(keep) : stmt(this.db, `${affiliationSelect} WHERE a.object_id = ? AND ${where} ORDER BY a.id`).all(entityId, params) as AffiliationRow[];
      cache.set(entityId, rows);
    }
    return rows;
  }

  /**
   * Read the control rows of many entities and of everyone above them in a few statements (one
   * per level), instead of one query per entity: a full run asks about thousands of firms.
   */
  preload(ids: Iterable<number>): void {
    let frontier = [...new Set(ids)].filter((id) => !this.controlCache.has(id));
    while (frontier.length > 0) {
      const next = new Set<number>();
      for (const r of this.readIncoming(frontier, this.controlCache, controlRowSql, { oneThird: ONE_THIRD })) {
        // Only holdings that can carry control lead upward (minority stakes would reach most of a large ledger).
        if (!this.controlCache.has(r.subject_id) && mayCarryControl(r)) next.add(r.subject_id);
      }
      frontier = [...next];
    }
  }

  /** Read the role rows of many entities in one statement (officersOn for each of them needs nothing more). */
  preloadRoles(ids: Iterable<number>): void {
    const need = [...new Set(ids)].filter((id) => !this.roleCache.has(id));
    if (need.length > 0) this.readIncoming(need, this.roleCache, `a.kind = 'role'`);
  }

  /**
   * The incoming rows of `ids` that pass `where` (over `affiliations a`), in one statement and one
   * JSON value (jsonRows.ts), filed in `cache` per entity in id order, as the one-entity reads give them.
   */
  private readIncoming(ids: number[], cache: Map<number, AffiliationRow[]>, where: string, params: Record<string, unknown> = {}): AffiliationRow[] {
    this.db.exec(`CREATE TEMP TABLE IF NOT EXISTS graph_need (id INTEGER PRIMARY KEY)`);
    for (const id of ids) cache.set(id, []);
    const rows: AffiliationRow[] = [];
    // In chunks of ids, so that one JSON text stays a few MB however large the ledger.
    for (let i = 0; i < ids.length; i += NEED_CHUNK) {
      this.db.exec(`DELETE FROM temp.graph_need`);
      stmt(this.db, `INSERT OR IGNORE INTO temp.graph_need (id) SELECT value FROM json_each(?)`).run(idsJson(ids.slice(i, i + NEED_CHUNK)));
      // CROSS JOIN all the way: the needed ids drive. Left to the planner, it scans every entity.
      for (const json of readJsonArrays<AffiliationJson>(this.db, `SELECT json_group_array(${affiliationJson}) FROM temp.graph_need n
        CROSS JOIN affiliations a ON a.object_id = n.id CROSS JOIN entities s ON s.id = a.subject_id CROSS JOIN entities o ON o.id = a.object_id
        WHERE ${where}`, params)) rows.push(affiliationFromJson(json));
    }
    for (const r of rows) cache.get(r.object_id)!.push(r);
    // Sorted here: an ORDER BY over all the rows would be a sort step of its own.
    for (const id of ids) { const list = cache.get(id)!; if (list.length > 1) list.sort((x, y) => x.id - y.id); }
    return rows;
  }

  /**
   * Read the evidence of every affiliation in one statement. A full rule run builds edges for
   * thousands of affiliations, most citing nothing; one query each would cost more than the rest.
   */
  preloadEvidence(): void {
    const rows = this.db.prepare(`SELECT e.affiliation_id, e.id, e.locator, e.excerpt, d.id AS document_id, d.name, d.kind, d.sha256, d.issuer, d.filed_on, d.source_url
      FROM evidence e JOIN documents d ON d.id = e.document_id WHERE e.affiliation_id IS NOT NULL ORDER BY e.affiliation_id, e.id`).all() as Array<EvidenceRow & { affiliation_id: number }>;
    for (const r of rows) {
      let list = this.evidenceCache.get(r.affiliation_id);
      if (!list) { list = []; this.evidenceCache.set(r.affiliation_id, list); }
      list.push(toEvidence(r));
    }
    this.evidenceComplete = true;
  }

  /** Affiliations whose subject is the entity (what it holds, controls or works for). */
  outgoing(entityId: number): AffiliationRow[] {
    let rows = this.outgoingCache.get(entityId);
    if (!rows) {
      rows = stmt(this.db, `${affiliationSelect} WHERE a.subject_id = ? ORDER BY a.id`).all(entityId) as AffiliationRow[];
      this.outgoingCache.set(entityId, rows);
    }
    return rows;
  }

  /**
   * The path edge for an affiliation read as `relation`. One object per (affiliation, relation):
   * the paths of thousands of flags share their edges, so each edge is serialised once (pathJson.ts).
   * Callers treat edges as read-only.
   */
  edge(a: AffiliationRow, relation: string): PathEdge {
    const made0 = this.edgeCache.get(a.id);
    if (made0) for (const e of made0) if (e.relation === relation) return e;
    let evidence = this.evidenceCache.get(a.id);
    if (!evidence && this.evidenceComplete) evidence = noEvidence;
    if (!evidence) {
      evidence = affiliationEvidence(this.db, a.id);
      this.evidenceCache.set(a.id, evidence);
    }
    const made: PathEdge = {
      affiliationId: a.id,
      from: { id: a.subject_id, name: a.s_name, kind: a.s_kind },
      to: { id: a.object_id, name: a.o_name, kind: a.o_kind },
      relation, validFrom: a.valid_from, validTo: a.valid_to, evidence,
    };
    if (made0) made0.push(made); else this.edgeCache.set(a.id, [made]);
    return made;
  }

  /**
   * The control an affiliation gives on the date, also the DGCL case a single row cannot show:
   * at least one third of the votes held by someone who also leads the firm.
   */
  relationOn(a: AffiliationRow, date: string): { relation: string; transitive: boolean } | null {
    // What the row says by itself does not depend on the date: classify each row once (role texts go through regexes).
    let plain = this.plainRelation.get(a.id);
    if (plain === undefined) { plain = controlRelation(a); this.plainRelation.set(a.id, plain); }
    if (plain) return plain;
    if (a.kind !== 'ownership') return null;
    const votes = a.voting_pct ?? a.equity_pct;
    if (votes === null || votes < ONE_THIRD) return null;
    const manages = this.controlIncoming(a.object_id).find((r) => r.subject_id === a.subject_id && r.kind === 'role' && r.role !== null
      && leadershipRole.test(r.role) && validOn(r, date));
    return manages ? { relation: `holds ${votes}% of the votes and is ${manages.role} (one third plus managerial authority)`, transitive: true } : null;
  }

  /** People holding an officer or director role in the entity on the date, with that role as an edge. */
  officersOn(entityId: number, date: string): Map<number, PathEdge> {
    const cached = answerFor(this.officersCache.get(entityId), date);
    if (cached) return cached;
    const found = new Map<number, PathEdge>();
    const span = openSpan();
    // Only role rows can make an officer (the others could only narrow the span, never change the answer).
    for (const a of this.roles(entityId)) {
      narrow(span, a, date);
      if (a.kind !== 'role' || !a.role || !officerOrDirector.test(a.role) || !validOn(a, date) || a.s_kind !== 'person') continue;
      if (!found.has(a.subject_id)) found.set(a.subject_id, this.edge(a, a.role));
    }
    remember(this.officersCache, entityId, span, found);
    return found;
  }

  /**
   * Every holder that controls or leads the entity on the date, with the shortest path from
   * that holder down to the entity. Breadth-first, so cycles of cross-holdings end.
   */
  controllersOn(entityId: number, date: string): Map<number, Controller> {
    const cached = answerFor(this.controllersCache.get(entityId), date);
    if (cached) return cached;
    const found = new Map<number, Controller>();
    const span = openSpan();
    const queue: Array<{ id: number; path: PathEdge[] }> = [{ id: entityId, path: [] }];
    const expanded = new Set<number>([entityId]);
    for (let head = 0; head < queue.length; head++) {
      const { id, path } = queue[head]!;
      // Every affiliation read here decides the answer (relationOn reads the same list; the rows
      // left out of it never give control), so the answer holds for every date on which each
      // of them is valid exactly when it is on `date`.
      for (const a of this.controlIncoming(id)) {
        narrow(span, a, date);
        if (!validOn(a, date)) continue;
        const rel = this.relationOn(a, date);
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
    remember(this.controllersCache, entityId, span, found);
    return found;
  }
}
