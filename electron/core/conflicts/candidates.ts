// Which transfers can be related at all, decided for the whole ledger at once. For every
// entity, the holders that could control or lead it on some date (dates ignored, so this is a
// superset of the dated answer) are found once; each holder's firms, and each person's
// officer/director seats, give the pairs of firms that may be related. Those pairs go into a
// temp table and SQL picks the transfers between them, plus every transfer that was meant for
// someone else (corporate opportunity). Only those are evaluated in JS, with dates.
import type { Db } from '../db/open';
import { boardPower, leadershipRole, officerOrDirector } from './controlGraph';

const ONE_THIRD = 100 / 3;

/** Adjacency in compressed form: the neighbours of k are list[start[k]] .. list[start[k + 1] - 1]. */
interface Adjacency { start: Int32Array; list: Int32Array }
interface Edges { parents: Adjacency; leaders: Adjacency; seats: Adjacency; size: number }

const SCALE = 2 ** 26; // two entity ids below 67M packed into one safe integer

/** Build an adjacency from lists of packed (subject, object) pairs, keyed by the subject or by the object. */
function adjacency(lists: number[][], size: number, bySubject: boolean): Adjacency {
  const start = new Int32Array(size + 1);
  for (const l of lists) for (const k of l) { const hi = Math.floor(k / SCALE); start[(bySubject ? hi : k - hi * SCALE) + 1]!++; }
  for (let i = 1; i <= size; i++) start[i]! += start[i - 1]!;
  const fill = start.slice(0, size);
  const list = new Int32Array(start[size]!);
  for (const l of lists) {
    for (const k of l) {
      const hi = Math.floor(k / SCALE);
      const lo = k - hi * SCALE;
      if (bySubject) list[fill[hi]!++] = lo; else list[fill[lo]!++] = hi;
    }
  }
  return { start, list };
}

function neighbours(adj: Adjacency, k: number): Int32Array {
  return adj.list.subarray(adj.start[k]!, adj.start[k + 1]!);
}

/**
 * Affiliations as compact adjacency arrays: who may control (transitively), lead, or sit in each
 * firm. Each list is read as packed integers (one number a row, no row objects), and role texts,
 * which repeat, are classified once each.
 */
function loadEdges(db: Db): Edges {
  const size = ((db.prepare(`SELECT max(max(subject_id), max(object_id)) FROM affiliations`).pluck().get() as number | null) ?? 0) + 1;
  const packed = (sql: string, params: unknown[] = []) => db.prepare(sql).pluck().all(...params) as number[];
  // (object, subject): control, or one third of the votes (control with a management role, DGCL).
  const parents = [packed(`SELECT subject_id * ${SCALE} + object_id FROM affiliations
    WHERE kind = 'control' OR (kind = 'ownership' AND coalesce(voting_pct, equity_pct) >= ?)`, [ONE_THIRD])];
  const roles = db.prepare(`SELECT DISTINCT kind, role FROM affiliations WHERE role IS NOT NULL AND kind IN ('role', 'ownership')`).all() as Array<{ kind: string; role: string }>;
  const board = roles.filter((r) => r.kind === 'ownership' && boardPower.test(r.role)).map((r) => r.role);
  const leading = roles.filter((r) => r.kind === 'role' && leadershipRole.test(r.role)).map((r) => r.role);
  const sitting = roles.filter((r) => r.kind === 'role' && officerOrDirector.test(r.role)).map((r) => r.role);
  const withRoles = (kind: string, list: string[]) => (list.length
    ? packed(`SELECT subject_id * ${SCALE} + object_id FROM affiliations WHERE kind = ? AND role IN (SELECT value FROM json_each(?))`, [kind, JSON.stringify(list)]) : []);
  parents.push(withRoles('ownership', board));
  return {
    size,
    parents: adjacency(parents, size, false),
    leaders: adjacency([withRoles('role', leading)], size, false),
    seats: adjacency([withRoles('role', sitting)], size, true),
  };
}

/**
 * Holder -> the firms it may control or lead, itself included. A holder that is itself
 * controlled and leads nothing directly adds no group: its controller's group holds its own.
 */
function holdings(edges: Edges): Map<number, Set<number>> {
  const held = new Map<number, Set<number>>();
  const add = (h: number, e: number) => {
    let s = held.get(h);
    if (!s) { s = new Set([h]); held.set(h, s); }
    s.add(e);
  };
  // Visit marks per walk: a walk numbered w has seen h when seenIn[h] === w (no set per entity).
  const seenIn = new Int32Array(edges.size);
  const stack: number[] = [];
  let walk = 0;
  for (let e = 0; e < edges.size; e++) {
    for (const l of neighbours(edges.leaders, e)) add(l, e);
    const up = neighbours(edges.parents, e);
    if (up.length === 0) continue;
    // Every transitive controller above e; the marks end cycles.
    walk++;
    seenIn[e] = walk;
    for (const p of up) stack.push(p);
    while (stack.length) {
      const h = stack.pop()!;
      if (seenIn[h] === walk) continue;
      seenIn[h] = walk;
      add(h, e);
      for (const p of neighbours(edges.parents, h)) if (seenIn[p] !== walk) stack.push(p);
    }
  }
  // Keep the top groups: a controlled holder's firms are all in its controller's group, unless it
  // leads some firm in person (leadership does not pass upward) or sits in a cycle.
  // A chain of such covers always ends at a kept group (larger, or equal with a smaller id: cycles).
  const covered: number[] = [];
  for (const [h, group] of held) {
    const coveredBy = neighbours(edges.parents, h).some((p) => {
      const pg = held.get(p);
      if (!pg || p === h || pg.size < group.size || (pg.size === group.size && p > h)) return false;
      for (const e of group) if (!pg.has(e)) return false;
      return true;
    });
    if (coveredBy) covered.push(h);
  }
  for (const h of covered) held.delete(h);
  return held;
}

export interface CandidateStats { groups: number; memberships: number; candidates: number; largestGroup: number }

/** Each entity's group numbers, sorted, as one flat array with offsets (compact for 100k entities). */
function membershipIndex(groups: number[][]): { start: Int32Array; list: Int32Array } {
  let maxId = 0;
  for (const g of groups) for (const e of g) if (e > maxId) maxId = e;
  const counts = new Int32Array(maxId + 2);
  for (const g of groups) for (const e of g) counts[e + 1]!++;
  const start = new Int32Array(maxId + 2);
  for (let i = 1; i < start.length; i++) start[i] = start[i - 1]! + counts[i]!;
  const fill = start.slice();
  const list = new Int32Array(start[start.length - 1]!);
  groups.forEach((g, gi) => { for (const e of g) list[fill[e]!++] = gi; }); // groups in order: each entity's list is sorted
  return { start, list };
}

/** Whether two entities share a group: a merge of two short sorted lists. */
function shareGroup(ix: { start: Int32Array; list: Int32Array }, a: number, b: number): boolean {
  const n = ix.start.length - 1;
  if (a >= n || b >= n) return false;
  let i = ix.start[a]!; const i1 = ix.start[a + 1]!;
  let j = ix.start[b]!; const j1 = ix.start[b + 1]!;
  while (i < i1 && j < j1) {
    const x = ix.list[i]!; const y = ix.list[j]!;
    if (x === y) return true;
    if (x < y) i++; else j++;
  }
  return false;
}

/**
 * Fill temp.rule_candidates(id) with the ids of transfers that may be related: both sides in
 * one group (a holder's firms, or one person's seats), or meant for someone else. The test runs
 * inside SQLite's scan as a function over in-memory arrays, so the scan costs about what a plain
 * aggregate over the table does and only the few matching ids come back. Returns the counts.
 */
export function collectCandidates(db: Db): CandidateStats {
  const edges = loadEdges(db);
  const groups: number[][] = [...holdings(edges).values()].map((s) => [...s]);
  for (let person = 0; person < edges.size; person++) {
    const firms = neighbours(edges.seats, person);
    if (firms.length > 1) groups.push([...firms]);
  }
  const ix = membershipIndex(groups);
  db.function('armslength_share_group', { deterministic: true }, (a: unknown, b: unknown) => (shareGroup(ix, a as number, b as number) ? 1 : 0));
  db.exec(`DROP TABLE IF EXISTS temp.rule_candidates; CREATE TEMP TABLE rule_candidates (id INTEGER PRIMARY KEY);
    INSERT INTO temp.rule_candidates (id) SELECT id FROM transfers WHERE intended_for_id IS NOT NULL OR armslength_share_group(from_id, to_id);`);
  const candidates = db.prepare(`SELECT count(*) FROM temp.rule_candidates`).pluck().get() as number;
  return { groups: groups.length, memberships: ix.list.length, candidates, largestGroup: groups.reduce((m, g) => Math.max(m, g.length), 0) };
}
