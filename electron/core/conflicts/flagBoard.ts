// The Flags board's pages: filtered and sorted in SQLite and keyset-paged, so the board never
// loads every flag (a 1M-transfer ledger has tens of thousands, each with its paths as JSON).
// A row carries the flag without paths, checklist and summary, and its transfer; the flag's page
// reads one flag in full (flagWithTransfer).
//
// Every order ends with the flag id, and the keyset condition is a row-value comparison over
// exactly the ORDER BY, all in one direction, so pages join up without gaps or repeats. A page is
// found in two steps: the key query reads only ids and sort keys, from the board indexes of
// migration 4 (db/migrations.ts), which hold the filter columns too; then the page's own rows are
// read by id. A flag's row is large, so no request reads more of them than it returns.
import type { Db } from '../db/open';
import type { ParsedInput, Output } from '../../../shared/contract';
import type { FlagBoardCursor, FlagBoardRow, FlagBoardSortKey, FlagWithTransfer } from '../../../shared/flagBoard';
import { AppError } from '../errors';
import { stripKey, toTransferRow, transferSelect, type TransferDbRow } from '../ledger/read';
import type { EntityRef } from '../../../shared/domain';
import { getFlag } from './flags';
import { flagPathsColumn, flagPathsJoin } from './flagPaths';
import { stmt } from './stmtCache';

export type FlagPageRequest = ParsedInput<'flags:page'>;
export type FlagPage = Output<'flags:page'>;

// The same expressions as the indexes flags_board_by_* (migration 4): SQLite matches an index
// expression whatever the table's alias.
const severityRank = `(CASE f.severity WHEN 'high' THEN 2 WHEN 'medium' THEN 1 ELSE 0 END)`;
const statusRank = `(CASE f.status WHEN 'open' THEN 0 WHEN 'confirmed' THEN 1 ELSE 2 END)`;
// Amounts in different currencies are not comparable; minor units order each currency's flags, and a flag without an amount sorts lowest.
const amountKey = `ifnull(f.at_stake_minor, -1)`;

interface SortLayout {
  /** Sort expressions, most significant first; the flag id is appended. */
  keys: string[];
  kinds: Array<'int' | 'text'>;
}
const layouts: Record<FlagBoardSortKey, SortLayout> = {
  // Within a severity, the largest amount at stake first (or last, ascending).
  severity: { keys: [severityRank, amountKey], kinds: ['int', 'int', 'int'] },
  amount: { keys: [amountKey], kinds: ['int', 'int'] },
  rule: { keys: ['f.rule_id'], kinds: ['text', 'int'] },
  status: { keys: [statusRank], kinds: ['int', 'int'] },
  date: { keys: ['t.occurred_on'], kinds: ['text', 'int'] },
};

/** Check a cursor against its sort's layout; one from another sort, or a forged one, is refused. */
function decodeCursor(sort: FlagBoardSortKey, after: FlagBoardCursor | null): Array<string | number> | null {
  if (after === null) return null;
  const { kinds } = layouts[sort];
  const bad = (why: string): never => { throw new AppError('invalid_input', `Invalid cursor for the flags sorted by ${sort}: ${why}`, [`after: ${why}`]); };
  if (after.length !== kinds.length) bad(`expected ${kinds.length} values, got ${after.length}`);
  return after.map((v, i) => {
    if (kinds[i] === 'text' ? typeof v !== 'string' : typeof v !== 'number' || !Number.isSafeInteger(v)) bad(`value ${i} must be ${kinds[i] === 'text' ? 'a string' : 'an integer'}`);
    return v;
  });
}

function filterTerms(filters: FlagPageRequest['filters']): { terms: string[]; params: Record<string, string>; join: string } {
  const terms: string[] = [];
  const params: Record<string, string> = {};
  if (filters.status) { terms.push('f.status = @status'); params.status = filters.status; }
  if (filters.ruleId) { terms.push('f.rule_id = @ruleId'); params.ruleId = filters.ruleId; }
  if (filters.regime) { terms.push('f.regime = @regime'); params.regime = filters.regime; }
  if (filters.severity) { terms.push('f.severity = @severity'); params.severity = filters.severity; }
  // Paths are arrays of arrays of edge objects: a flag has something to draw exactly when its JSON
  // holds an object. (This one reads the paths: the graph's picker asks for a short list.)
  if (filters.hasPath) terms.push(`instr(${flagPathsColumn}, '{') > 0`);
  return { terms, params, join: filters.hasPath ? ` ${flagPathsJoin}` : '' };
}

/**
 * The date order joins flags to transfers. Read flag-first, it costs a transfer lookup per
 * matching flag (~45 ms at 30k flags); read date-first down transfers_by_date, it costs the
 * transfers passed over until the page is full: about limit x transfers / matching flags under an
 * even spread. So date-first when that is the smaller, i.e. when many flags match.
 */
function dateFirst(db: Db, matching: number, limit: number): boolean {
  const transfers = (stmt(db, `SELECT max(id) FROM transfers`).pluck().get() as number | null) ?? 0;
  return matching * matching > limit * transfers;
}

interface FlagPageQuery {
  /** The key query: flag ids and sort keys (k0, k1, ..., the last being the id), in order. */
  sql: string;
  params: Record<string, string | number>;
  keyCount: number;
  /** The filter's total. */
  countSql: string;
  countParams: Record<string, string>;
}

/** The page's SQL and parameters (exported so a test can read SQLite's plan for it). */
export function flagPageQuery(req: FlagPageRequest, options: { dateFirst?: boolean } = {}): FlagPageQuery {
  const keys = [...layouts[req.sort].keys, 'f.id'];
  const after = decodeCursor(req.sort, req.after);
  const { terms, params, join } = filterTerms(req.filters);
  const where = [...terms];
  const keyParams: Record<string, string | number> = {};
  if (after) {
    const cmp = req.dir === 'desc' ? '<' : '>';
    // The leading key again as a plain bound: SQLite seeks an index on it, not on a row value over expressions.
    where.push(`${keys[0]} ${cmp}= @k0`, `(${keys.join(', ')}) ${cmp} (${keys.map((_, i) => `@k${i}`).join(', ')})`);
    after.forEach((v, i) => { keyParams[`k${i}`] = v; });
  }
  // CROSS JOIN fixes the loop order (see dateFirst).
  const from = (req.sort !== 'date' ? 'flags f'
    : options.dateFirst ? 'transfers t CROSS JOIN flags f ON f.transfer_id = t.id' : 'flags f CROSS JOIN transfers t ON t.id = f.transfer_id') + join;
  const dir = req.dir === 'desc' ? 'DESC' : 'ASC';
  const sql = `SELECT ${keys.map((k, i) => `${k} AS k${i}`).join(', ')} FROM ${from}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${keys.map((k) => `${k} ${dir}`).join(', ')} LIMIT @limit`;
  const countSql = `SELECT count(*) FROM flags f${join}${terms.length ? ` WHERE ${terms.join(' AND ')}` : ''}`;
  return { sql, params: { ...params, ...keyParams, limit: req.limit }, keyCount: keys.length, countSql, countParams: params };
}

interface BoardDbRow {
  id: number; rule_id: string; rule_version: number; transfer_id: number; severity: FlagBoardRow['severity']; title: string;
  at_stake_minor: number | null; at_stake_currency: string | null; status: FlagBoardRow['status']; regime: string | null;
}

/** One page of the board, its filter's total, and on the first page the board's facets. */
export function pageFlags(db: Db, req: FlagPageRequest): FlagPage {
  const count = flagPageQuery(req);
  const total = stmt(db, count.countSql).pluck().get(count.countParams) as number;
  const q = req.sort === 'date' ? flagPageQuery(req, { dateFirst: dateFirst(db, total, req.limit) }) : count;
  const keyRows = stmt(db, q.sql).raw(true).all(q.params) as Array<Array<string | number>>;
  const ids = keyRows.map((k) => k[q.keyCount - 1] as number);
  const byId = new Map((stmt(db, `SELECT id, rule_id, rule_version, transfer_id, severity, title, at_stake_minor, at_stake_currency, status, regime
    FROM flags WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as BoardDbRow[]).map((r) => [r.id, r]));
  const transfers = boardTransfers(db, [...byId.values()].map((r) => r.transfer_id));
  return {
    rows: ids.map((id) => {
      const r = byId.get(id)!;
      return {
        id: r.id, ruleId: r.rule_id, ruleVersion: r.rule_version, transferId: r.transfer_id, severity: r.severity, title: r.title,
        atStakeMinor: r.at_stake_minor, atStakeCurrency: r.at_stake_currency, status: r.status, regime: r.regime,
        transfer: transfers.get(r.transfer_id)!,
      };
    }),
    next: keyRows.length === req.limit ? keyRows[keyRows.length - 1]! : null,
    total,
    facets: req.after ? null : boardFacets(db),
  };
}

// The facets change only with the flags: remembered per connection until the ledger changes (any
// change on this connection moves total_changes, one committed by another moves data_version).
const facetCache = new WeakMap<Db, { stamp: string; facets: NonNullable<FlagPage['facets']> }>();
function boardFacets(db: Db): NonNullable<FlagPage['facets']> {
  const stamp = `${stmt(db, 'SELECT total_changes()').pluck().get() as number}:${db.pragma('data_version', { simple: true }) as number}`;
  const known = facetCache.get(db);
  if (known && known.stamp === stamp) return known.facets;
  const facets = {
    all: stmt(db, `SELECT count(*) FROM flags`).pluck().get() as number,
    rules: stmt(db, `SELECT DISTINCT rule_id FROM flags ORDER BY rule_id`).pluck().all() as string[],
    regimes: stmt(db, `SELECT DISTINCT regime FROM flags WHERE regime IS NOT NULL ORDER BY regime`).pluck().all() as string[],
  };
  facetCache.set(db, { stamp, facets });
  return facets;
}

interface BoardTransferDbRow {
  id: number; occurred_on: string; date_precision: FlagBoardRow['transfer']['datePrecision']; resource: string;
  from_id: number; from_name: string; from_kind: EntityRef['kind']; to_id: number; to_name: string; to_kind: EntityRef['kind'];
}

/** The little a board row shows of each transfer, for a page's transfers at once. */
function boardTransfers(db: Db, ids: number[]): Map<number, FlagBoardRow['transfer']> {
  const rows = stmt(db, `SELECT t.id, t.occurred_on, t.date_precision, t.resource, t.from_id, f.name AS from_name, f.kind AS from_kind,
      t.to_id, o.name AS to_name, o.kind AS to_kind
    FROM transfers t JOIN entities f ON f.id = t.from_id JOIN entities o ON o.id = t.to_id
    WHERE t.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify([...new Set(ids)])) as BoardTransferDbRow[];
  return new Map(rows.map((r) => [r.id, {
    id: r.id, date: r.occurred_on, datePrecision: r.date_precision, resource: r.resource,
    from: { id: r.from_id, name: r.from_name, kind: r.from_kind }, to: { id: r.to_id, name: r.to_name, kind: r.to_kind },
  }]));
}

/** One flag in full (paths, checklist, review) with its transfer, for the flag's page. */
export function flagWithTransfer(db: Db, id: number): FlagWithTransfer {
  const flag = getFlag(db, id);
  const transfer = stmt(db, `${transferSelect} WHERE t.id = ?`).get(flag.transferId) as TransferDbRow;
  return { ...flag, transfer: stripKey(toTransferRow(transfer)) };
}
