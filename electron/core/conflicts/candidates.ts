// Which transfers can be related at all, decided for the whole ledger at once. For every
// entity, the holders that could control or lead it on some date (dates ignored, so this is a
// superset of the dated answer) are listed once, and so are the people in its officer and
// director seats. Two firms may be related when one list of each shares an entry (a holder
// above both, one above the other, or a person in both). SQL picks the transfers between such
// firms in one scan, plus every transfer that was meant for someone else (corporate
// opportunity). Only those are evaluated in JS, with dates.
import type { Db } from '../db/open';
import { boardPower, leadershipRole, officerOrDirector } from './controlGraph';
import { datesServedBy } from '../valuation/fx';

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
    seats: adjacency([withRoles('role', sitting)], size, false),
  };
}

/**
 * Per entity, itself and every holder that may control or lead it: its leaders, and every
 * controller above it, transitively (the walk's marks end cycles). Each list sorted, for a merge.
 * Two firms share a holder exactly when some holder's firms (itself, what it leads, what it
 * controls) hold both.
 */
function holdersAbove(edges: Edges): Adjacency {
  const start = new Int32Array(edges.size + 1);
  let list = new Int32Array(edges.size * 4);
  let n = 0;
  const push = (v: number) => {
    if (n === list.length) { const bigger = new Int32Array(list.length * 2); bigger.set(list); list = bigger; }
    list[n++] = v;
  };
  // Visit marks per walk: a walk numbered w has seen h when seenIn[h] === w (no set per entity).
  const seenIn = new Int32Array(edges.size);
  const stack: number[] = [];
  for (let e = 0, walk = 1; e < edges.size; e++, walk++) {
    start[e] = n;
    seenIn[e] = walk;
    push(e);
    // Controllers first: a leader may also control, and its own controllers must still be walked.
    for (const p of neighbours(edges.parents, e)) stack.push(p);
    while (stack.length) {
      const h = stack.pop()!;
      if (seenIn[h] === walk) continue;
      seenIn[h] = walk;
      push(h);
      for (const p of neighbours(edges.parents, h)) if (seenIn[p] !== walk) stack.push(p);
    }
    for (const l of neighbours(edges.leaders, e)) if (seenIn[l] !== walk) { seenIn[l] = walk; push(l); }
    if (n - start[e]! > 1) list.subarray(start[e]!, n).sort();
  }
  start[edges.size] = n;
  return { start, list: list.subarray(0, n) };
}

/** Per firm, the people (or holders) in its officer and director seats, each list sorted. */
function seatHolders(edges: Edges): Adjacency {
  const bySeat = edges.seats;
  for (let e = 0; e < edges.size; e++) if (bySeat.start[e + 1]! - bySeat.start[e]! > 1) bySeat.list.subarray(bySeat.start[e]!, bySeat.start[e + 1]!).sort();
  return bySeat;
}

export interface CandidateStats { entities: number; holderLinks: number; seatLinks: number; candidates: number }

/** Whether two sorted lists of an adjacency share an entry: a merge of two short lists. */
function shareEntry(adj: Adjacency, a: number, b: number): boolean {
  let i = adj.start[a]!; const i1 = adj.start[a + 1]!;
  let j = adj.start[b]!; const j1 = adj.start[b + 1]!;
  while (i < i1 && j < j1) {
    const x = adj.list[i]!; const y = adj.list[j]!;
    if (x === y) return true;
    if (x < y) i++; else j++;
  }
  return false;
}

/** A part of the ledger whose values changed: the transfers of these price-book resources, and of the dates these FX rates serve. */
export interface CandidateScope { resourceKeys: string[]; fxDays: string[] }

/**
 * Fill temp.rule_candidates(id) with the ids of transfers that may be related: a holder above
 * both sides (or one side above the other), a person in both sides' seats, or meant for someone
 * else. The test runs inside SQLite's scan as a function over in-memory arrays, so the scan costs
 * about what a plain aggregate over the table does and only the few matching ids come back.
 * `only` keeps the transfers whose value a changed price band or FX rate may move.
 * Returns the counts.
 */
export function collectCandidates(db: Db, only?: CandidateScope): CandidateStats {
  const edges = loadEdges(db);
  const above = holdersAbove(edges);
  const seats = seatHolders(edges);
  // An entity with no affiliation at all (id beyond the arrays) is related to nobody.
  const related = (a: number, b: number) => a < edges.size && b < edges.size && (shareEntry(above, a, b) || shareEntry(seats, a, b));
  db.function('armslength_may_relate', { deterministic: true }, (a: unknown, b: unknown) => (related(a as number, b as number) ? 1 : 0));
  db.exec(`DROP TABLE IF EXISTS temp.rule_candidates; CREATE TEMP TABLE rule_candidates (id INTEGER PRIMARY KEY)`);
  const mayRelate = `(intended_for_id IS NOT NULL OR armslength_may_relate(from_id, to_id))`;
  if (only) {
    const add = (where: string, ...params: unknown[]) => db.prepare(`INSERT OR IGNORE INTO temp.rule_candidates (id) SELECT id FROM transfers WHERE ${where} AND ${mayRelate}`).run(...params);
    if (only.resourceKeys.length > 0) add(`resource_key IN (SELECT value FROM json_each(?))`, JSON.stringify(only.resourceKeys));
    // By date range, each through the date index.
    for (const day of only.fxDays) add(`occurred_on BETWEEN ? AND ?`, ...datesServedBy(day));
  } else {
    db.exec(`INSERT INTO temp.rule_candidates (id) SELECT id FROM transfers WHERE ${mayRelate}`);
  }
  const candidates = db.prepare(`SELECT count(*) FROM temp.rule_candidates`).pluck().get() as number;
  return { entities: edges.size, holderLinks: above.list.length, seatLinks: seats.list.length, candidates };
}
