// Lookups that cannot change while one rule run lasts: the run is one transaction and writes
// only flags, so prices, FX rates and issuer figures read once may be reused by every transfer
// it evaluates. Outside a run nothing is kept, so the valuation channels always read afresh.
import type { Db } from '../db/open';
import { stmt } from './stmtCache';

interface RunScope { withFigures?: Set<number>; memo: Map<string, unknown> }
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
