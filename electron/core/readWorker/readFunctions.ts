// The reads that may run off the main thread: each only SELECTs (checked: none writes, and the
// worker's connection is read-only and query_only, so a write would fail loudly, not corrupt).
import type { Db } from '../db/open';
import { overviewFor, type Granularity } from '../ledger/overview';
import { flowsSummary, type FlowsQuery } from '../ledger/flows';
import { searchEntities } from '../ledger/entityPage';
import { graphNeighbourhood } from '../ledger/graph';
import { getDocument } from '../ledger/documentView';
import { searchGlobal } from '../ledger/search';

export const readFunctions = {
  overview: (db: Db, input: { granularity: Granularity }) => overviewFor(db, input.granularity),
  flows: (db: Db, input: FlowsQuery) => flowsSummary(db, input),
  entitySearch: (db: Db, input: Parameters<typeof searchEntities>[1]) => searchEntities(db, input),
  graph: (db: Db, input: Parameters<typeof graphNeighbourhood>[1]) => graphNeighbourhood(db, input),
  document: (db: Db, input: Parameters<typeof getDocument>[1]) => getDocument(db, input),
  searchGlobal: (db: Db, input: { query: string; limit: number }) => searchGlobal(db, input.query, input.limit),
  /** For tests and the bench: a read that takes `ms` of SQLite time, to show the main thread stays free. */
  sleepQuery: (db: Db, input: { ms: number }) => {
    const until = Date.now() + input.ms;
    let rows = 0;
    while (Date.now() < until) rows += db.prepare(`SELECT count(*) FROM (SELECT 1 FROM sqlite_schema, sqlite_schema, sqlite_schema)`).pluck().get() as number;
    return { rows };
  },
} as const;

export type ReadName = keyof typeof readFunctions;
export type ReadInput<N extends ReadName> = Parameters<(typeof readFunctions)[N]>[1];
export type ReadOutput<N extends ReadName> = ReturnType<(typeof readFunctions)[N]>;

export function runRead<N extends ReadName>(db: Db, name: N, input: ReadInput<N>): ReadOutput<N> {
  const fn = readFunctions[name] as (db: Db, input: ReadInput<N>) => ReadOutput<N>;
  return fn(db, input);
}
