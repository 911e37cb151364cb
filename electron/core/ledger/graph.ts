// The affiliation graph around an entity or a flag's path: breadth-first over affiliations,
// N hops, as of a date, capped in size so a 100k-entity ledger never reaches the screen whole.
import type { Db } from '../db/open';
import type { EntityRef, Flag } from '../../../shared/domain';
import type { GraphEdge, GraphNode, GraphOutput } from '../../../shared/viewSchemas';
import { AppError } from '../errors';
import { affiliationLabel } from './affiliationLabel';
import { flagPathsColumn, flagPathsJoin } from '../conflicts/flagPaths';

export interface GraphQuery { entityId?: number; flagId?: number; hops: number; asOf?: string; maxNodes: number }

interface AffRow {
  id: number; subject_id: number; object_id: number; kind: string; role: string | null;
  equity_pct: number | null; voting_pct: number | null; valid_from: string | null; valid_to: string | null;
}

/** SQL for "in force on @asOf" (every affiliation when @asOf is null). */
const inForce = `(@asOf IS NULL OR ((a.valid_from IS NULL OR a.valid_from <= @asOf) AND (a.valid_to IS NULL OR a.valid_to >= @asOf)))`;
const cols = 'a.id, a.subject_id, a.object_id, a.kind, a.role, a.equity_pct, a.voting_pct, a.valid_from, a.valid_to';
/** Affiliations touching any of these entities, through the subject and object indexes. */
const touching = (filter: string) => `SELECT ${cols} FROM affiliations a WHERE a.subject_id IN (SELECT value FROM json_each(@ids)) AND ${filter}
  UNION SELECT ${cols} FROM affiliations a WHERE a.object_id IN (SELECT value FROM json_each(@ids)) AND ${filter}`;

function affiliationsOf(db: Db, ids: number[], asOf: string | null, limit: number): AffRow[] {
  return db.prepare(`${touching(inForce)} LIMIT @limit`).all({ ids: JSON.stringify(ids), asOf, limit }) as AffRow[];
}
/** How many distinct entities at the far end of these entities' affiliations are not in `seen`. */
function countUnseen(db: Db, ids: number[], asOf: string | null, seen: Set<number>): number {
  return db.prepare(`SELECT count(DISTINCT other) FROM (
      SELECT CASE WHEN a.subject_id IN (SELECT value FROM json_each(@ids)) THEN a.object_id ELSE a.subject_id END AS other FROM (${touching(inForce)}) a)
    WHERE other NOT IN (SELECT value FROM json_each(@seen))`).pluck().get({ ids: JSON.stringify(ids), asOf, seen: JSON.stringify([...seen]) }) as number;
}
function countNotInForce(db: Db, ids: number[], asOf: string): number {
  return db.prepare(`SELECT count(*) FROM (${touching(`NOT ${inForce}`)})`).pluck().get({ ids: JSON.stringify(ids), asOf }) as number;
}

function flagSeed(db: Db, flagId: number) {
  const r = db.prepare(`SELECT f.id, f.title, ${flagPathsColumn} AS paths_json, t.id AS transfer_id, t.from_id, t.to_id, t.intended_for_id, t.occurred_on
    FROM flags f JOIN transfers t ON t.id = f.transfer_id ${flagPathsJoin} WHERE f.id = ?`).get(flagId) as
    { id: number; title: string; paths_json: string; transfer_id: number; from_id: number; to_id: number; intended_for_id: number | null; occurred_on: string } | undefined;
  if (!r) throw new AppError('not_found', `No flag with id ${flagId}`);
  const paths = JSON.parse(r.paths_json) as Flag['paths'];
  const nodes = new Set<number>([r.from_id, r.to_id]);
  const edges = new Set<number>();
  for (const path of paths) for (const e of path) { nodes.add(e.from.id); nodes.add(e.to.id); edges.add(e.affiliationId); }
  return { flag: { id: r.id, title: r.title, transferId: r.transfer_id, date: r.occurred_on }, nodes, edges, transfer: r };
}

export function graphNeighbourhood(db: Db, q: GraphQuery): GraphOutput {
  const seed = q.flagId !== undefined ? flagSeed(db, q.flagId) : null;
  // A flag is judged on its transfer's date: show the group as it was then unless asked otherwise.
  const asOf = q.asOf ?? seed?.flag.date ?? null;
  const start = seed ? [...seed.nodes] : [q.entityId!];
  if (!seed && db.prepare(`SELECT 1 FROM entities WHERE id = ?`).get(q.entityId) === undefined) throw new AppError('not_found', `No entity with id ${q.entityId}`);

  const hop = new Map<number, number>(start.map((id) => [id, 0]));
  const seen = new Set<number>(start); // every entity reached, shown or not
  let unread = 0; // entities past the read budget, counted in SQL rather than read
  let frontier = start;
  for (let h = 1; h <= q.hops && frontier.length > 0; h++) {
    // A hub may have 100k affiliations: read a few times what the cap can still take, count the rest.
    const budget = Math.max(200, (q.maxNodes - hop.size) * 4);
    const rows = affiliationsOf(db, frontier, asOf, budget);
    const next: number[] = [];
    for (const a of rows) {
      for (const other of [a.subject_id, a.object_id]) {
        if (seen.has(other)) continue;
        seen.add(other);
        if (hop.size < q.maxNodes) { hop.set(other, h); next.push(other); }
      }
    }
    if (rows.length === budget) unread += countUnseen(db, frontier, asOf, seen);
    frontier = next;
  }
  const shown = [...hop.keys()];
  // Affiliations of the shown entities that the date hides (e.g. an owner that came later).
  const outsideDate = asOf ? countNotInForce(db, shown, asOf) : 0;
  const names = db.prepare(`SELECT e.id, e.name, e.kind FROM entities e WHERE e.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(shown)) as EntityRef[];
  const centre = new Set(start);
  const nodes: GraphNode[] = names.map((n) => ({ ...n, hop: hop.get(n.id)!, centre: centre.has(n.id), onPath: seed ? seed.nodes.has(n.id) : false }))
    .sort((a, b) => a.hop - b.hop || a.name.localeCompare(b.name));
  // The links among the shown entities, read once at the end.
  const shownIds = JSON.stringify(shown);
  const links = db.prepare(`SELECT ${cols} FROM affiliations a WHERE a.subject_id IN (SELECT value FROM json_each(@ids))
    AND a.object_id IN (SELECT value FROM json_each(@ids)) AND ${inForce}`).all({ ids: shownIds, asOf }) as AffRow[];
  const graphEdges: GraphEdge[] = links
    .map((a) => ({ id: `a${a.id}`, source: a.subject_id, target: a.object_id, kind: a.kind, label: affiliationLabel(a),
      validFrom: a.valid_from, validTo: a.valid_to, onPath: seed ? seed.edges.has(a.id) : false }));
  if (seed) {
    const t = seed.transfer;
    graphEdges.push({ id: `t${t.transfer_id}`, source: t.from_id, target: t.to_id, kind: 'transfer', label: 'flagged transfer',
      validFrom: t.occurred_on, validTo: null, onPath: true });
  }
  // Entities left out are not followed further, so past the cap the count is a lower bound.
  const leftOut = seen.size - hop.size + unread;
  return { nodes, edges: graphEdges, asOf, hops: q.hops, leftOut, leftOutApprox: leftOut > 0 && q.hops > 1,
    outsideDate, flag: seed?.flag ?? null };
}
