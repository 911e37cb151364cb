// Pages of transfers for the grid: filtered, sorted by date, amount or a party's name, and
// keyset-paged, so a page costs about the same at any depth of a million-row ledger.
//
// A page is found in two steps. Step 1 (the "key query") walks an index in the requested order
// and returns only ids and sort keys: for date and amount the index on that key, for from/to the
// entities by norm_name, each joined to its transfers through transfers_by_from/_to (party id,
// date, id). Step 2 fetches the full rows for those <= 101 ids by primary key. The cursor is the
// sort key of the last row: [date, id], [amount, id] or [party norm_name, party id, date, id],
// and the keyset condition is a row-value comparison over exactly the ORDER BY columns.
//
// Costs (1M transfers, see bench/queries.ts): a key query reads about limit + 1 index entries
// (plus the rows a filter rejects on the way); step 2 is 101 primary-key lookups. Free-text search
// is a LIKE over party names, resource and description: it cannot use an index, so a request
// examines at most SEARCH_SCAN_ROWS candidate rows (in sort order, after the other filters) and,
// when that budget runs out before a page is full, returns what it found with a cursor at the
// last row examined. Its total counts at most SEARCH_COUNT_ROWS candidates (totalCapped is then
// set and total is a lower bound).
import type Database from 'better-sqlite3';
import type { Db } from '../db/open';
import type { Output, ParsedInput } from '../../../shared/contract';
import { AppError } from '../errors';
import { stripKey, toTransferRow, transferSelect, type TransferDbRow } from './read';

export type TransferPageRequest = ParsedInput<'transfers:page'>;
export type TransferPage = Output<'transfers:page'>;
export type TransferPageSort = TransferPageRequest['sort'];
export type TransferCursor = NonNullable<TransferPageRequest['after']>;
export type TransferFilters = NonNullable<TransferPageRequest['filters']>;

/** Candidate rows one search request may examine before it returns a partial page. */
export const SEARCH_SCAN_ROWS = 20_000;
/** Candidate rows a search total may examine; beyond that total is a lower bound. */
export const SEARCH_COUNT_ROWS = 20_000;

type KeyKind = 'text' | 'int';

interface SortLayout {
  /** The sort key expressions, most significant first; the last is always the transfer id. */
  keys: string[];
  kinds: KeyKind[];
  /** FROM clause of the key query. `forced` puts the party first (CROSS JOIN fixes the loop order). */
  from(forced: boolean): string;
  /**
   * Leading keys the keyset repeats as a non-strict bound (redundant, as the full comparison
   * implies it) so SQLite can seek the index: it does not seek on a row value over an expression
   * index (amount) or over columns of two tables (the party, then its transfers).
   */
  seekKeys: number;
}

const partyLayout = (side: 'from_id' | 'to_id'): SortLayout => ({
  // p.id (not t.from_id) so SQLite sees that (norm_name, rowid) of entities_by_norm_name, then
  // (date, id) of the party's index range, is the whole ORDER BY: no sort.
  keys: ['p.norm_name', 'p.id', 't.occurred_on', 't.id'],
  kinds: ['text', 'int', 'text', 'int'],
  from: (forced) => `entities p ${forced ? 'CROSS JOIN' : 'JOIN'} transfers t ON t.${side} = p.id`,
  seekKeys: 2,
});

const layouts: Record<TransferPageSort, SortLayout> = {
  date: { keys: ['t.occurred_on', 't.id'], kinds: ['text', 'int'], from: () => 'transfers t', seekKeys: 0 },
  // The same expression as the index transfers_by_amount: a missing amount sorts below zero.
  amount: { keys: ['ifnull(t.amount_minor, -1)', 't.id'], kinds: ['int', 'int'], from: () => 'transfers t', seekKeys: 1 },
  from: partyLayout('from_id'),
  to: partyLayout('to_id'),
};

/** Check a cursor against the layout of its sort; a cursor from another sort or a forged one is refused. */
export function decodeCursor(sort: TransferPageSort, after: unknown): Array<string | number> | null {
  if (after === null || after === undefined) return null;
  const { kinds } = layouts[sort];
  const bad = (why: string): never => { throw new AppError('invalid_input', `Invalid cursor for sort "${sort}": ${why}`, [`after: ${why}`]); };
  if (!Array.isArray(after)) bad('expected an array');
  const values = after as unknown[];
  if (values.length !== kinds.length) bad(`expected ${kinds.length} values, got ${values.length}`);
  return values.map((v, i) => {
    if (kinds[i] === 'text') {
      if (typeof v !== 'string') bad(`value ${i} must be a string`);
    } else if (typeof v !== 'number' || !Number.isSafeInteger(v)) bad(`value ${i} must be an integer`);
    return v as string | number;
  });
}

/** The cursor that continues after transfer `id` in `sort` order (for tests, the bench, and "open at"). */
export function cursorForTransfer(db: Db, sort: TransferPageSort, id: number): TransferCursor {
  const layout = layouts[sort];
  const row = statement(db, `SELECT ${layout.keys.map((k, i) => `${k} AS k${i}`).join(', ')} FROM ${layout.from(false)} WHERE t.id = ?`)
    .raw().get(id) as TransferCursor | undefined;
  if (!row) throw new AppError('not_found', `No transfer with id ${id}`);
  return row;
}

// Prepared statements, per connection: a page request reuses the same few shapes of SQL.
const statements = new WeakMap<Db, Map<string, Database.Statement>>();
function statement(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    if (cache.size > 200) cache.clear();
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}

const likeEscape = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const hitExpr = `(t.resource LIKE @q ESCAPE '\\' OR t.description LIKE @q ESCAPE '\\'
  OR (SELECT name FROM entities WHERE id = t.from_id) LIKE @q ESCAPE '\\'
  OR (SELECT name FROM entities WHERE id = t.to_id) LIKE @q ESCAPE '\\')`;

/** WHERE terms for the filters other than the entity (which picks the shape of the query). */
function filterTerms(filters: TransferFilters | undefined, params: Record<string, unknown>): string[] {
  const where: string[] = [];
  if (!filters) return where;
  if (filters.resourceType !== undefined) { where.push('t.resource_type = @resourceType'); params.resourceType = filters.resourceType; }
  if (filters.currency !== undefined) { where.push('t.currency = @currency'); params.currency = filters.currency; }
  if (filters.dateFrom !== undefined) { where.push('t.occurred_on >= @dateFrom'); params.dateFrom = filters.dateFrom; }
  if (filters.dateTo !== undefined) { where.push('t.occurred_on <= @dateTo'); params.dateTo = filters.dateTo; }
  return where;
}

export interface KeyQuery { sql: string; params: Record<string, unknown> }

/**
 * Step 1 as SQL: ids and sort keys (k0..kn, the last being the transfer id) of the page, in order,
 * plus `hit` (does the row match the search) when searching. Exported for EXPLAIN QUERY PLAN.
 */
export function keyQuery(req: TransferPageRequest, rowLimit: number): KeyQuery {
  const layout = layouts[req.sort];
  const dir = req.dir === 'asc' ? 'ASC' : 'DESC';
  const cmp = req.dir === 'asc' ? '>' : '<';
  const after = decodeCursor(req.sort, req.after);
  const params: Record<string, unknown> = { limit: rowLimit };
  const where = filterTerms(req.filters, params);
  const search = req.search.trim();
  if (search) params.q = likeEscape(search);
  if (after) {
    after.forEach((v, i) => { params[`k${i}`] = v; });
    const tuple = (n: number, prefix: string) => `(${Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(', ')})`;
    // Exactly the ORDER BY: rows strictly after the cursor in this direction.
    where.push(`(${layout.keys.join(', ')}) ${cmp} ${tuple(layout.keys.length, '@k')}`);
    // Redundant, but lets SQLite seek instead of scanning from the start (see seekKeys).
    if (layout.seekKeys) where.push(`(${layout.keys.slice(0, layout.seekKeys).join(', ')}) ${cmp}= ${tuple(layout.seekKeys, '@k')}`);
  }
  const cols = [`t.id AS id`, ...layout.keys.map((k, i) => `${k} AS k${i}`), ...(search ? [`${hitExpr} AS hit`] : [])].join(', ');
  const order = layout.keys.map((_, i) => `k${i} ${dir}`).join(', ');
  const entityId = req.filters?.entityId;
  if (entityId === undefined) {
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    return { sql: `SELECT ${cols} FROM ${layout.from(true)} ${whereSql} ORDER BY ${order} LIMIT @limit`, params };
  }
  params.entityId = entityId;
  if (req.sort === 'date') {
    // Either side: the two index ranges (from_id, date, id) and (to_id, date, id), merged in order.
    // A transfer never has the same entity on both sides (CHECK from_id <> to_id), so no duplicates.
    const arm = (side: string) => `SELECT ${cols} FROM transfers t WHERE ${[`t.${side} = @entityId`, ...where].join(' AND ')}`;
    return { sql: `${arm('from_id')} UNION ALL ${arm('to_id')} ORDER BY ${order} LIMIT @limit`, params };
  }
  // Other sorts: the entity's transfers (both index ranges, OR-by-union), sorted; the cost grows
  // with that entity's transfer count, not with the ledger.
  where.unshift('(t.from_id = @entityId OR t.to_id = @entityId)');
  return { sql: `SELECT ${cols} FROM ${layout.from(false)} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT @limit`, params };
}

/** The count for `total`, with the same filters (no cursor, no order). */
export function countQuery(req: TransferPageRequest): KeyQuery {
  const params: Record<string, unknown> = {};
  const where = filterTerms(req.filters, params);
  const search = req.search.trim();
  const entityId = req.filters?.entityId;
  if (entityId !== undefined) params.entityId = entityId;
  const sides = entityId === undefined ? [null] : ['from_id', 'to_id'];
  if (!search) {
    const parts = sides.map((side) => {
      const terms = side ? [`t.${side} = @entityId`, ...where] : where;
      return `(SELECT count(*) FROM transfers t${terms.length ? ` WHERE ${terms.join(' AND ')}` : ''})`;
    });
    return { sql: `SELECT ${parts.join(' + ')} AS n, 0 AS capped`, params };
  }
  // Search: count hits among at most SEARCH_COUNT_ROWS candidates; capped when there were more.
  params.q = likeEscape(search);
  params.budget = SEARCH_COUNT_ROWS;
  const candidates = sides
    .map((side) => {
      const terms = side ? [`t.${side} = @entityId`, ...where] : where;
      return `SELECT ${hitExpr} AS hit FROM transfers t${terms.length ? ` WHERE ${terms.join(' AND ')}` : ''}`;
    })
    .join(' UNION ALL ');
  return {
    sql: `SELECT ifnull(sum(hit), 0) AS n, count(*) > @budget AS capped FROM (SELECT hit FROM (${candidates}) LIMIT @budget + 1)`,
    params,
  };
}

// Totals, remembered per connection for the same filters while the ledger is unchanged: a grid
// asks for the same total on every page and every re-sort. The stamp changes with any change on
// this connection (total_changes) or committed by another one (data_version).
interface CachedTotal { stamp: string; n: number; capped: boolean }
const totals = new WeakMap<Db, Map<string, CachedTotal>>();

function ledgerStamp(db: Db): string {
  const changes = statement(db, 'SELECT total_changes()').pluck().get() as number;
  const version = db.pragma('data_version', { simple: true }) as number;
  return `${changes}:${version}`;
}

export function pageTotal(db: Db, req: TransferPageRequest, useCache = true): { n: number; capped: boolean } {
  const { sql, params } = countQuery(req);
  const key = `${sql}\u0000${JSON.stringify(params)}`;
  let cache = totals.get(db);
  if (!cache) totals.set(db, (cache = new Map()));
  const stamp = ledgerStamp(db);
  const hit = useCache ? cache.get(key) : undefined;
  if (hit && hit.stamp === stamp) return hit;
  const row = statement(db, sql).get(params) as { n: number; capped: number };
  const result = { stamp, n: row.n, capped: row.capped === 1 };
  if (cache.size > 100) cache.clear();
  cache.set(key, result);
  return result;
}

/** Forget remembered totals (the bench uses it to measure cold requests). */
export function clearTotalCache(db: Db): void {
  totals.delete(db);
}

export function pageTransfers(db: Db, req: TransferPageRequest, options: { cacheTotal?: boolean } = {}): TransferPage {
  const limit = req.limit;
  const search = req.search.trim() !== '';
  let ids: number[];
  let next: TransferCursor | null;
  if (!search) {
    const { sql, params } = keyQuery(req, limit + 1);
    const keys = statement(db, sql).raw().all(params) as Array<[number, ...Array<string | number>]>;
    const more = keys.length > limit;
    if (more) keys.length = limit;
    ids = keys.map((k) => k[0]);
    next = more ? keys[keys.length - 1]!.slice(1) : null;
  } else {
    // Walk at most SEARCH_SCAN_ROWS candidates in order; stop at limit + 1 hits.
    const { sql, params } = keyQuery(req, SEARCH_SCAN_ROWS);
    const width = layouts[req.sort].keys.length;
    const hits: Array<Array<string | number>> = [];
    let last: Array<string | number> | null = null;
    let scanned = 0;
    for (const row of statement(db, sql).raw().iterate(params) as IterableIterator<Array<string | number>>) {
      scanned++;
      last = row;
      if (row[width + 1] === 1) {
        hits.push(row);
        if (hits.length > limit) break; // leaving the loop resets the statement
      }
    }
    if (hits.length > limit) {
      hits.length = limit;
      next = hits[limit - 1]!.slice(1, width + 1);
    } else {
      // Budget spent: continue after the last row examined (the rows between were no match).
      next = scanned >= SEARCH_SCAN_ROWS && last ? last.slice(1, width + 1) : null;
    }
    ids = hits.map((h) => h[0] as number);
  }
  const rows = fetchRows(db, ids);
  const total = pageTotal(db, req, options.cacheTotal ?? true);
  return { rows, next, total: total.n, ...(total.capped ? { totalCapped: true } : {}) };
}

/** Step 2: the full rows for a page's ids, in the page's order. */
function fetchRows(db: Db, ids: number[]): TransferPage['rows'] {
  if (ids.length === 0) return [];
  const found = statement(db, `${transferSelect} WHERE t.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as TransferDbRow[];
  const byId = new Map(found.map((r) => [r.id, r]));
  return ids.map((id) => stripKey(toTransferRow(byId.get(id)!)));
}
