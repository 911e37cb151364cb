// Pages of transfers for the grid: filtered, sorted by date, amount or a party's name, and
// keyset-paged, so a page costs about the same at any depth of a million-row ledger.
//
// A page is found in two steps. Step 1 (the "key query") returns only ids and sort keys, in
// order; step 2 fetches the full rows for those <= limit ids by primary key. The cursor is the
// sort key of the page's last row: [date, id], [amount, id] or [party norm_name, party id, date,
// id] for from/to, and the keyset condition is a row-value comparison over exactly the ORDER BY.
//
// How step 1 finds rows (keyQuery):
// - The filters pick a *driver*: an index range holding every candidate in (date, id) order:
//   the entity's two ranges of transfers_by_from/_to (merged), else the range of an index that
//   leads with (resource_type, occurred_on) or (currency, occurred_on) if the ledger has one
//   (schema 2 has neither; bench/queries.ts recommends both), else transfers_by_date. Date bounds
//   always narrow the driver's range.
// - Sort by date walks the driver in order. The other sorts walk their own order
//   (transfers_by_amount; entities_by_norm_name joined to transfers_by_from/_to) unless the
//   driver's range holds at most budgets.sortRows rows: then those are read and sorted, a cost
//   that grows with the filter's size, not the ledger's.
// - Filters the walked index cannot answer, and the free-text search (a LIKE no index can serve),
//   are *residual*: checked row by row, for at most budgets.scanRows (searchScanRows) candidates
//   per request. When that runs out before the page is full, the page comes back short, with a
//   cursor after the last row examined, and the next request carries on from there.
// - total is exact when the driver's range answers every filter (an index range count; 10-15 ms
//   for count(*) at 1M rows). Otherwise it counts the hits among a budget of candidates and is a
//   lower bound, flagged totalCapped. Totals are remembered per connection and filter set until
//   the ledger changes: a grid asks for the same total on every page and every re-sort.
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

/**
 * Work limits per request, in rows, sized so a request stays well under 30 ms on the bench
 * machine (1M transfers, the ledger's default 2 MB page cache), where a candidate reached through
 * an index costs ~3.5-5 us (a random table lookup), ~8 us with a search (four LIKEs, two name
 * lookups), and a row of a plain table scan ~0.15 us (~3 us with a search).
 */
export interface QueryBudgets {
  /** Candidates one request may check against residual filters before returning a short page. */
  scanRows: number;
  /** The same when the request has a free-text search. */
  searchScanRows: number;
  /** Rows a capped total may count when its candidates are the whole table (read in rowid order). */
  tableCountRows: number;
  /** The same when the request has a free-text search. */
  searchTableCountRows: number;
  /** Largest driver range that is read whole and sorted for a sort its index does not give. */
  sortRows: number;
}
export const defaultBudgets: QueryBudgets = { scanRows: 3_000, searchScanRows: 1_500, tableCountRows: 50_000, searchTableCountRows: 3_000, sortRows: 4_000 };

type KeyKind = 'text' | 'int';

interface SortLayout {
  /** The sort key expressions, most significant first; the last is always the transfer id. */
  keys: string[];
  kinds: KeyKind[];
  /** FROM clause when walking this sort's own order (CROSS JOIN fixes the loop order: party first). */
  walkFrom: string;
  /** The same tables, for looking up one transfer's keys. */
  rowFrom: string;
  /** The same tables, for joining to a set of candidate ids `c`. */
  joinFrom: string;
  /**
   * Leading keys the keyset repeats as a non-strict bound (redundant, as the full comparison
   * implies it) so SQLite can seek the index: it does not seek on a row value over an expression
   * index (amount) or over columns of two tables (the party, then its transfers).
   */
  seekKeys: number;
  /** Can date bounds narrow this walk through an index (the party's (id, date, id) range)? */
  walkSeeksDates: boolean;
}

const partyLayout = (side: 'from_id' | 'to_id'): SortLayout => ({
  // p.id (not t.from_id) so SQLite sees that (norm_name, rowid) of entities_by_norm_name, then
  // (date, id) of the party's index range, is the whole ORDER BY: no sort.
  keys: ['p.norm_name', 'p.id', 't.occurred_on', 't.id'],
  kinds: ['text', 'int', 'text', 'int'],
  walkFrom: `entities p CROSS JOIN transfers t ON t.${side} = p.id`,
  rowFrom: `transfers t JOIN entities p ON p.id = t.${side}`,
  joinFrom: `c CROSS JOIN transfers t ON t.id = c.id CROSS JOIN entities p ON p.id = t.${side}`,
  seekKeys: 2,
  walkSeeksDates: true,
});

const layouts: Record<TransferPageSort, SortLayout> = {
  date: {
    keys: ['t.occurred_on', 't.id'], kinds: ['text', 'int'], walkFrom: 'transfers t', rowFrom: 'transfers t',
    joinFrom: 'c CROSS JOIN transfers t ON t.id = c.id', seekKeys: 0, walkSeeksDates: true,
  },
  // The same expression as the index transfers_by_amount: a missing amount sorts below zero.
  amount: {
    keys: ['ifnull(t.amount_minor, -1)', 't.id'], kinds: ['int', 'int'], walkFrom: 'transfers t', rowFrom: 'transfers t',
    joinFrom: 'c CROSS JOIN transfers t ON t.id = c.id', seekKeys: 1, walkSeeksDates: false,
  },
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
  const row = statement(db, `SELECT ${layout.keys.map((k, i) => `${k} AS k${i}`).join(', ')} FROM ${layout.rowFrom} WHERE t.id = ?`, 'raw')
    .get(id) as TransferCursor | undefined;
  if (!row) throw new AppError('not_found', `No transfer with id ${id}`);
  return row;
}

// Prepared statements, per connection: a page request reuses the same few shapes of SQL.
const statements = new WeakMap<Db, Map<string, Database.Statement>>();
function statement(db: Db, sql: string, mode: 'objects' | 'raw' | 'pluck' = 'objects'): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    if (cache.size > 200) cache.clear();
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  // The row mode sticks to a statement: set it on every use.
  return mode === 'raw' ? stmt.raw(true) : mode === 'pluck' ? stmt.pluck(true) : stmt.pluck(false).raw(false);
}

/**
 * Columns that lead an index of transfers followed by occurred_on: a filter on one is a range of
 * that index in date order. None in schema 2; see the recommendation in bench/queries.ts.
 */
const dateOrderedIndexes = new WeakMap<Db, { schema: number; columns: Set<string> }>();
function dateOrderedColumns(db: Db): Set<string> {
  const schema = db.pragma('schema_version', { simple: true }) as number;
  const known = dateOrderedIndexes.get(db);
  if (known && known.schema === schema) return known.columns;
  const rows = statement(db, `SELECT il.name AS idx, ii.seqno AS seqno, ii.name AS col
    FROM pragma_index_list('transfers') il, pragma_index_info(il.name) ii WHERE il.partial = 0 AND ii.seqno < 2`)
    .all() as Array<{ idx: string; seqno: number; col: string | null }>;
  const byIndex = new Map<string, Array<string | null>>();
  for (const r of rows) {
    const cols = byIndex.get(r.idx) ?? [];
    cols[r.seqno] = r.col;
    byIndex.set(r.idx, cols);
  }
  const columns = new Set<string>();
  for (const [first, second] of byIndex.values()) if (first && second === 'occurred_on') columns.add(first);
  dateOrderedIndexes.set(db, { schema, columns });
  return columns;
}

const likeEscape = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const searchTerm = `(t.resource LIKE @q ESCAPE '\\' OR t.description LIKE @q ESCAPE '\\'
  OR (SELECT name FROM entities WHERE id = t.from_id) LIKE @q ESCAPE '\\'
  OR (SELECT name FROM entities WHERE id = t.to_id) LIKE @q ESCAPE '\\')`;

// A flag that still stands (open or confirmed), the same test as flagCount in read.ts.
const flaggedTerm = `EXISTS (SELECT 1 FROM flags g WHERE g.transfer_id = t.id AND g.status <> 'dismissed')`;

type DriverKind = 'entity' | 'flagged' | 'resource_type' | 'currency' | 'date';

/** The filters as SQL: which index range drives, and what each filter's term is. */
interface FilterPlan {
  driver: DriverKind;
  /** Terms the driver's index range answers (entity excluded: it is the two-range union). */
  driverTerms: string[];
  dateTerms: string[];
  typeTerm: string | null;
  currencyTerm: string | null;
  entityTerm: string | null;
  flaggedTerm: string | null;
  searchTerm: string | null;
  params: Record<string, unknown>;
}

function planFilters(db: Db, req: TransferPageRequest): FilterPlan {
  const f = req.filters ?? {};
  const params: Record<string, unknown> = {};
  const dateTerms: string[] = [];
  if (f.dateFrom !== undefined) { dateTerms.push('t.occurred_on >= @dateFrom'); params.dateFrom = f.dateFrom; }
  if (f.dateTo !== undefined) { dateTerms.push('t.occurred_on <= @dateTo'); params.dateTo = f.dateTo; }
  let typeTerm: string | null = null;
  if (f.resourceType !== undefined) { typeTerm = 't.resource_type = @resourceType'; params.resourceType = f.resourceType; }
  let currencyTerm: string | null = null;
  if (f.currency !== undefined) { currencyTerm = 't.currency = @currency'; params.currency = f.currency; }
  let entityTerm: string | null = null;
  if (f.entityId !== undefined) { entityTerm = '(t.from_id = @entityId OR t.to_id = @entityId)'; params.entityId = f.entityId; }
  const flagged = f.flagged ? flaggedTerm : null;
  const search = req.search.trim();
  if (search) params.q = likeEscape(search);

  const indexed = typeTerm || currencyTerm ? dateOrderedColumns(db) : new Set<string>();
  let driver: DriverKind = 'date';
  if (entityTerm) driver = 'entity';
  // Flagged transfers are few next to the ledger: the flags table is the cheapest list of candidates.
  else if (flagged) driver = 'flagged';
  else if (typeTerm && indexed.has('resource_type')) driver = 'resource_type';
  else if (currencyTerm && indexed.has('currency')) driver = 'currency';
  const driverTerms = driver === 'resource_type' ? [typeTerm!] : driver === 'currency' ? [currencyTerm!] : [];
  return { driver, driverTerms, dateTerms, typeTerm, currencyTerm, entityTerm, flaggedTerm: flagged, searchTerm: search ? searchTerm : null, params };
}

/** Filters the driver's range does not answer: checked row by row. */
function residualTerms(fp: FilterPlan): string[] {
  const terms = [fp.typeTerm, fp.currencyTerm].filter((t): t is string => t !== null && !fp.driverTerms.includes(t));
  if (fp.flaggedTerm && fp.driver !== 'flagged') terms.push(fp.flaggedTerm);
  if (fp.searchTerm) terms.push(fp.searchTerm);
  return terms;
}

/** SELECT over the driver's range (both entity ranges as UNION ALL arms), with `cols` and extra terms. */
function driverSelect(fp: FilterPlan, cols: string, extra: string[]): string[] {
  const base = [...fp.driverTerms, ...fp.dateTerms, ...extra];
  const arms = fp.driver === 'entity' ? ['t.from_id = @entityId', 't.to_id = @entityId'] : [null];
  // Flagged: start from the flags (CROSS JOIN keeps that loop order), each transfer once.
  const from = fp.driver === 'flagged'
    ? `(SELECT DISTINCT transfer_id AS fid FROM flags WHERE status <> 'dismissed') ff CROSS JOIN transfers t ON t.id = ff.fid`
    : 'transfers t';
  return arms.map((arm) => {
    const terms = arm ? [arm, ...base] : base;
    return `SELECT ${cols} FROM ${from}${terms.length ? ` WHERE ${terms.join(' AND ')}` : ''}`;
  });
}

export type KeyQueryMode = 'walk' | 'sort';

export interface KeyQuery {
  /** Rows: id, k0..kn (the sort key, the cursor), then `hit` (0/1) when `scan` is set. */
  sql: string;
  params: Record<string, unknown>;
  /** walk: an index in the requested order; sort: a small driver range read whole and sorted. */
  mode: KeyQueryMode;
  /** Set when residual filters are checked row by row: the most candidate rows to examine. */
  scan: number | null;
  /** The same rows in the same order without the LIMIT (for offset seeks and positions). */
  body: string;
}

/** The count of the driver's range, stopping at `cap` + 1 (cheap: an index range). */
function driverSize(db: Db, fp: FilterPlan, cap: number): number {
  const sql = `SELECT count(*) FROM (${driverSelect(fp, '1', []).join(' UNION ALL ')} LIMIT @cap)`;
  return statement(db, sql, 'pluck').get({ ...pick(fp.params, sql), cap: cap + 1 }) as number;
}

/** Only the named parameters a statement uses (better-sqlite3 refuses unknown ones). */
function pick(params: Record<string, unknown>, sql: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([k]) => sql.includes(`@${k}`)));
}

/** Step 1 as SQL, for a page of `limit` rows. Exported for EXPLAIN QUERY PLAN (tests, bench). */
export function keyQuery(db: Db, req: TransferPageRequest, budgets: QueryBudgets = defaultBudgets): KeyQuery {
  const layout = layouts[req.sort];
  const fp = planFilters(db, req);
  const after = decodeCursor(req.sort, req.after);
  const dir = req.dir === 'asc' ? 'ASC' : 'DESC';
  const cmp = req.dir === 'asc' ? '>' : '<';
  const params: Record<string, unknown> = { ...fp.params };
  const keyset: string[] = [];
  if (after) {
    after.forEach((v, i) => { params[`k${i}`] = v; });
    const tuple = (n: number) => `(${Array.from({ length: n }, (_, i) => `@k${i}`).join(', ')})`;
    // Exactly the ORDER BY: rows strictly after the cursor in this direction.
    keyset.push(`(${layout.keys.join(', ')}) ${cmp} ${tuple(layout.keys.length)}`);
    // Redundant, but lets SQLite seek instead of scanning from the start (see seekKeys).
    if (layout.seekKeys) keyset.push(`(${layout.keys.slice(0, layout.seekKeys).join(', ')}) ${cmp}= ${tuple(layout.seekKeys)}`);
  }
  const keyCols = [`t.id AS id`, ...layout.keys.map((k, i) => `${k} AS k${i}`)];
  const order = `ORDER BY ${layout.keys.map((_, i) => `k${i} ${dir}`).join(', ')}`;
  const scanBudget = fp.searchTerm ? budgets.searchScanRows : budgets.scanRows;
  const hitCol = (terms: string[]) => `CASE WHEN ${terms.map((t) => `(${t})`).join(' AND ')} THEN 1 ELSE 0 END AS hit`;
  const finish = (sql: string, mode: KeyQueryMode, residual: string[]): KeyQuery => {
    const scan = residual.length ? scanBudget : null;
    params.limit = scan ?? req.limit + 1;
    return { sql: `${sql} LIMIT @limit`, params: pick(params, `${sql} @limit`), mode, scan, body: sql };
  };

  if (req.sort === 'date') {
    // Every driver is in (date, id) order: walk it (entity: merge its two ranges).
    const residual = residualTerms(fp);
    const cols = [...keyCols, ...(residual.length ? [hitCol(residual)] : [])].join(', ');
    return finish(`${driverSelect(fp, cols, keyset).join(' UNION ALL ')} ${order}`, 'walk', residual);
  }

  // Another order. A small driver range (an entity, a short period, a rare type) is cheaper read
  // whole and sorted than found by walking the sort's index past everything else.
  const narrowed = fp.driver !== 'date' || fp.dateTerms.length > 0;
  if (narrowed && driverSize(db, fp, budgets.sortRows) <= budgets.sortRows) {
    // MATERIALIZED: the candidates come from the driver's index whatever the planner guesses.
    // At most sortRows of them, so the residual filters can be plain WHERE terms.
    const where = [...residualTerms(fp), ...keyset];
    const sql = `WITH c(id) AS MATERIALIZED (${driverSelect(fp, 't.id', []).join(' UNION ALL ')})
      SELECT ${keyCols.join(', ')} FROM ${layout.joinFrom}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ${order}`;
    return finish(sql, 'sort', []);
  }

  // Walk the sort's own index; every filter it cannot seek on is residual.
  const residual = [
    ...(fp.entityTerm ? [fp.entityTerm] : []),
    ...(fp.flaggedTerm ? [fp.flaggedTerm] : []),
    ...(layout.walkSeeksDates ? [] : fp.dateTerms),
    ...[fp.typeTerm, fp.currencyTerm].filter((t): t is string => t !== null),
    ...(fp.searchTerm ? [fp.searchTerm] : []),
  ];
  const where = [...(layout.walkSeeksDates ? fp.dateTerms : []), ...keyset];
  const cols = [...keyCols, ...(residual.length ? [hitCol(residual)] : [])].join(', ');
  return finish(`SELECT ${cols} FROM ${layout.walkFrom}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ${order}`, 'walk', residual);
}

export interface CountQuery { sql: string; params: Record<string, unknown>; exact: boolean }

/**
 * The count for `total`, with the same filters (no cursor, no order): exact when the driver's
 * index range answers every filter; otherwise the hits among at most the scan budget of the
 * driver's candidates (`capped` is 1 when there were more candidates).
 */
export function countQuery(db: Db, req: TransferPageRequest, budgets: QueryBudgets = defaultBudgets): CountQuery {
  const fp = planFilters(db, req);
  const residual = residualTerms(fp);
  if (!residual.length) {
    const parts = driverSelect(fp, 'count(*)', []).map((s) => `(${s})`);
    const sql = `SELECT ${parts.join(' + ')} AS n, 0 AS capped`;
    return { sql, params: pick(fp.params, sql), exact: true };
  }
  // Candidates from the whole table are read in rowid order (sequential, cheap per row).
  const wholeTable = fp.driver === 'date' && fp.dateTerms.length === 0;
  const budget = wholeTable
    ? (fp.searchTerm ? budgets.searchTableCountRows : budgets.tableCountRows)
    : (fp.searchTerm ? budgets.searchScanRows : budgets.scanRows);
  const hit = `CASE WHEN ${residual.map((t) => `(${t})`).join(' AND ')} THEN 1 ELSE 0 END AS hit`;
  const sql = `SELECT ifnull(sum(hit), 0) AS n, count(*) > @budget AS capped
    FROM (SELECT hit FROM (${driverSelect(fp, hit, []).join(' UNION ALL ')}) LIMIT @budget + 1)`;
  return { sql, params: { ...pick(fp.params, sql), budget }, exact: false };
}

// Totals, remembered per connection for the same filters while the ledger is unchanged. The stamp
// changes with any change on this connection (total_changes) or committed by another (data_version).
interface CachedTotal { stamp: string; n: number; capped: boolean }
const totals = new WeakMap<Db, Map<string, CachedTotal>>();

function ledgerStamp(db: Db): string {
  const changes = statement(db, 'SELECT total_changes()', 'pluck').get() as number;
  const version = db.pragma('data_version', { simple: true }) as number;
  return `${changes}:${version}`;
}

/** Forget remembered totals (the bench uses it to start each series cold). */
export function clearTotalCache(db: Db): void {
  totals.delete(db);
}

export function pageTotal(db: Db, req: TransferPageRequest, options: PageOptions = {}): { n: number; capped: boolean } {
  const { sql, params } = countQuery(db, req, options.budgets);
  const key = `${sql}\u0000${JSON.stringify(params)}`;
  let cache = totals.get(db);
  if (!cache) totals.set(db, (cache = new Map()));
  const stamp = ledgerStamp(db);
  const known = options.cacheTotal === false ? undefined : cache.get(key);
  if (known && known.stamp === stamp) return known;
  const row = statement(db, sql).get(params) as { n: number; capped: number };
  const result = { stamp, n: row.n, capped: row.capped === 1 };
  if (cache.size > 100) cache.clear();
  cache.set(key, result);
  return result;
}

export interface PageOptions {
  /** Remember totals between requests (default true; the bench turns it off to measure cold requests). */
  cacheTotal?: boolean;
  budgets?: QueryBudgets;
}

/**
 * A page of transfers. With `offset` or `at` (and no cursor) the page starts at a position in the
 * order rather than after a key: the grid jumps there when its scrollbar is dragged far or when
 * another view opens the ledger on one transfer. Both walk the same index as the page (an OFFSET
 * over the key query, ~14 ms per 500k rows of a date or amount order at 1M rows, more for a party
 * order as it joins entities), from whichever end of the order is nearer when the total is exact.
 */
export function pageTransfers(db: Db, req: TransferPageRequest, options: PageOptions = {}): TransferPage {
  if (req.after !== null && req.after !== undefined) return pageAfter(db, req, options);
  if (req.offset !== undefined && req.offset > 0) {
    const seek = keyBefore(db, req, req.offset, options);
    if (seek === 'end') {
      const total = pageTotal(db, req, options);
      return { rows: [], next: null, total: total.n, ...(total.capped ? { totalCapped: true } : {}), offset: req.offset };
    }
    return { ...pageAfter(db, { ...req, after: seek }, options), offset: req.offset };
  }
  if (req.at !== undefined) {
    const offset = positionOf(db, req, req.at, options.budgets);
    const page = offset === 0 ? pageAfter(db, req, options) : pageAfter(db, { ...req, after: keyBefore(db, req, offset, options) as TransferCursor }, options);
    return { ...page, offset };
  }
  return { ...pageAfter(db, req, options), ...(req.offset === 0 ? { offset: 0 } : {}) };
}

/** Candidates a seek or a position may examine when residual filters are checked row by row. */
const seekScanRows = (budgets: QueryBudgets) => budgets.tableCountRows;

/**
 * The cursor of the row just before `offset` in the request's order ('end' when there is none):
 * an OFFSET over the key query, walked from the nearer end when the total is exact.
 */
function keyBefore(db: Db, req: TransferPageRequest, offset: number, options: PageOptions): TransferCursor | 'end' {
  const budgets = options.budgets ?? defaultBudgets;
  const total = pageTotal(db, req, options);
  const reverse = !total.capped && offset > total.n / 2;
  if (!total.capped && offset >= total.n) return 'end';
  const dir = reverse ? (req.dir === 'asc' ? 'desc' : 'asc') : req.dir;
  // Dir order position offset-1 is position n-offset counted from the other end.
  const skip = reverse ? total.n - offset : offset - 1;
  const q = keyQuery(db, { ...req, dir, after: null }, budgets);
  const width = layouts[req.sort].keys.length;
  const keyCols = Array.from({ length: width }, (_, i) => `k${i}`).join(', ');
  const sql = q.scan === null
    ? `SELECT ${keyCols} FROM (${q.body}) LIMIT 1 OFFSET @skip`
    : `SELECT ${keyCols} FROM (SELECT * FROM (${q.body}) LIMIT @seekCap) WHERE hit = 1 LIMIT 1 OFFSET @skip`;
  const params = { ...pick(q.params, q.body), skip, ...(q.scan === null ? {} : { seekCap: seekScanRows(budgets) }) };
  const row = statement(db, sql, 'raw').get(params) as TransferCursor | undefined;
  return row ?? 'end';
}

/** How many rows come before transfer `id` in the request's order; refused if the filters leave it out. */
function positionOf(db: Db, req: TransferPageRequest, id: number, budgets: QueryBudgets = defaultBudgets): number {
  const fp = planFilters(db, req);
  const matchSql = `SELECT count(*) FROM (${driverSelect(fp, '1', ['t.id = @atId', ...residualTerms(fp)]).join(' UNION ALL ')})`;
  const matches = statement(db, matchSql, 'pluck').get({ ...pick(fp.params, matchSql), atId: id }) as number;
  if (!matches) throw new AppError('not_found', `Transfer #${id} is not among the transfers these filters show`, [`at: ${id}`]);
  // Rows before it in this order are the rows after it in the reverse order.
  const reverse = req.dir === 'asc' ? 'desc' : 'asc';
  const q = keyQuery(db, { ...req, dir: reverse, after: cursorForTransfer(db, req.sort, id) }, budgets);
  const sql = q.scan === null
    ? `SELECT count(*) FROM (${q.body})`
    : `SELECT ifnull(sum(hit), 0) FROM (SELECT hit FROM (${q.body}) LIMIT @seekCap)`;
  return statement(db, sql, 'pluck').get({ ...pick(q.params, q.body), ...(q.scan === null ? {} : { seekCap: seekScanRows(budgets) }) }) as number;
}

/** A page after the request's cursor (or from the start). */
function pageAfter(db: Db, req: TransferPageRequest, options: PageOptions = {}): TransferPage {
  const limit = req.limit;
  const q = keyQuery(db, req, options.budgets);
  const width = layouts[req.sort].keys.length;
  let keys: Array<Array<string | number>>;
  let next: TransferCursor | null;
  if (q.scan === null) {
    keys = statement(db, q.sql, 'raw').all(q.params) as Array<Array<string | number>>;
    const more = keys.length > limit;
    if (more) keys.length = limit;
    next = more ? keys[keys.length - 1]!.slice(1, width + 1) : null;
  } else {
    // Walk at most q.scan candidates in order, keeping those that pass the residual filters.
    keys = [];
    let last: Array<string | number> | null = null;
    let scanned = 0;
    for (const row of statement(db, q.sql, 'raw').iterate(q.params) as IterableIterator<Array<string | number>>) {
      scanned++;
      last = row;
      if (row[width + 1] === 1) {
        keys.push(row);
        if (keys.length > limit) break; // leaving the loop resets the statement
      }
    }
    if (keys.length > limit) {
      keys.length = limit;
      next = keys[limit - 1]!.slice(1, width + 1);
    } else {
      // Budget spent: carry on after the last row examined (those between did not match).
      next = scanned >= q.scan && last ? last.slice(1, width + 1) : null;
    }
  }
  const rows = fetchRows(db, keys.map((k) => k[0] as number));
  const total = pageTotal(db, req, options);
  return { rows, next, total: total.n, ...(total.capped ? { totalCapped: true } : {}) };
}

/** Step 2: the full rows for a page's ids, in the page's order. */
function fetchRows(db: Db, ids: number[]): TransferPage['rows'] {
  if (ids.length === 0) return [];
  const found = statement(db, `${transferSelect} WHERE t.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as TransferDbRow[];
  const byId = new Map(found.map((r) => [r.id, r]));
  return ids.map((id) => stripKey(toTransferRow(byId.get(id)!)));
}
