// Lookups that cannot change while one rule run lasts: the run is one transaction and writes
// only flags, so prices, FX rates and issuer figures read once may be reused by every transfer
// it evaluates. Outside a run nothing is kept, so the valuation channels always read afresh.
import type { Db } from '../db/open';
import { stmt } from './stmtCache';

interface RunScope { withFigures?: Set<number>; memo: Map<string, unknown>; directedPairs?: Set<number> }
const scopes = new WeakMap<Db, RunScope>();

/** Run `fn` with run-scoped caches on this connection; they are dropped when it returns or throws. */
export function inRunScope<T>(db: Db, fn: () => T): T {
  scopes.set(db, { memo: new Map() });
  try { return fn(); } finally { scopes.delete(db); }
}

/** False only when a run is under way and the ledger holds no issuer figure at all for the entity. */
export function mayHaveFigures(db: Db, entityId: number): boolean {
  const s = scopes.get(db);
  if (!s) return true;
  s.withFigures ??= new Set(stmt(db, `SELECT DISTINCT entity_id FROM issuer_figures`).pluck().all() as number[]);
  return s.withFigures.has(entityId);
}

/** `read()` once per key during a run (every time outside one). */
export function duringRun<T>(db: Db, key: string, read: () => T): T {
  const s = scopes.get(db);
  if (!s) return read();
  if (s.memo.has(key)) return s.memo.get(key) as T;
  const v = read();
  s.memo.set(key, v);
  return v;
}

export function inRun(db: Db): boolean {
  return scopes.has(db);
}

const PAIR = 2 ** 26; // two entity ids below 67M as one safe integer, as candidates.ts packs them

/**
 * A full run evaluates every transfer between parties that may be related, so it knows every
 * (from, to) that any such transfer has: a rule looking for a transfer the other way between
 * related parties (a round trip's first leg) can skip the query when there is none.
 */
export function knowDirectedPairs(db: Db, pairs: Iterable<readonly [number, number]>): void {
  const s = scopes.get(db);
  if (!s) return;
  s.directedPairs = new Set();
  for (const [from, to] of pairs) s.directedPairs.add(from * PAIR + to);
}

/** False only when a full run knows there is no transfer from `from` to `to`. */
export function mayHaveTransfers(db: Db, from: number, to: number): boolean {
  const pairs = scopes.get(db)?.directedPairs;
  return !pairs || pairs.has(from * PAIR + to);
}
