// Query benchmark: pages of 100 transfers for the grid on a 1M-transfer ledger, every sort and
// direction and the filters with the default sort, at random depths. Target: p95 < 30 ms.
// The ledger is generated once (seeded, deterministic) and cached under os.tmpdir().
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openLedger, type Db } from '../electron/core/db/open';
import { normalizeName } from '../electron/core/ledger/names';
import { transferSelect } from '../electron/core/ledger/read';
import {
  clearTotalCache, countQuery, cursorForTransfer, defaultBudgets, keyQuery, pageTransfers,
  type QueryBudgets, type TransferFilters, type TransferPageRequest, type TransferPageSort,
} from '../electron/core/ledger/transferQuery';
import { prng } from './generate';
import { formatTable, timed } from './timing';

export const QUERY_TARGET_MS = 30;

/**
 * Indexes this benchmark recommends for schema 3 (not in migrations.ts): a filter on resource type
 * or currency is then a range in (date, id) order, so date-sorted pages read ~100 index entries
 * instead of checking rows one by one, and its total is an exact index range count instead of a
 * capped one (an exact count without them is a full table scan, 130-220 ms at 1M rows).
 * transferQuery.ts uses them when present (it looks for an index leading with the column, then
 * occurred_on). Measured by the bench on a copy of the ledger, with their build time.
 */
export const recommendedIndexes = [
  'CREATE INDEX transfers_by_type ON transfers(resource_type, occurred_on, id)',
  'CREATE INDEX transfers_by_currency ON transfers(currency, occurred_on, id)',
];
const FIXTURE_VERSION = 1;

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (rand: Rand, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
/** Pick by weight: [[value, weight], ...]. */
function weighted<T>(rand: Rand, table: ReadonlyArray<readonly [T, number]>): T {
  const sum = table.reduce((s, [, w]) => s + w, 0);
  let r = rand() * sum;
  for (const [v, w] of table) if ((r -= w) < 0) return v;
  return table[table.length - 1]![0];
}

// ---------------------------------------------------------------------------------------------
// The ledger: entities with names that repeat (ties in norm_name), transfers whose parties are
// skewed (a few hubs with tens of thousands of transfers, a long tail with a handful), ~10
// currencies, all ten resource types, dates 2015-2025 (hundreds per day), rounded amounts (ties).

const stems = ['Northwind', 'Bluepeak', 'Ironbridge', 'Silverline', 'Redwood', 'Oakmont', 'Harbor', 'Summit', 'Granite', 'Cedar',
  'Falcon', 'Meridian', 'Aurora', 'Keystone', 'Lakeside', 'Pinnacle', 'Horizon', 'Evergreen', 'Sterling', 'Atlas',
  'Vanguard', 'Crescent', 'Beacon', 'Cobalt', 'Orion', 'Sapphire', 'Highland', 'Riverside', 'Westgate', 'Eastbrook'];
const trades = ['Trading', 'Logistics', 'Capital', 'Energy', 'Systems', 'Compute', 'Holdings', 'Partners', 'Labs', 'Resources',
  'Analytics', 'Shipping', 'Metals', 'Foods', 'Pharma', 'Robotics', 'Cloud', 'Data', 'Ventures', 'Industries'];
const forms = ['Ltd', 'Inc.', 'GmbH', 'S.A.', 'LLC', 'B.V.', 'plc', 'AG', 'Pte. Ltd.', 'Holdings, Inc.'];
const regions = ['', '', '', 'Europe', 'Asia', 'Americas', 'Ireland', 'Cayman', 'Luxembourg', 'Singapore'];
const firstNames = ['Anna', 'Ben', 'Carla', 'David', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemal', 'Lena', 'Marta', 'Nils', 'Omar', 'Priya'];
const lastNames = ['Alvarez', 'Becker', 'Chen', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Hansen', 'Ito', 'Jensen', 'Kowalski', 'Larsen', 'Moreau', 'Novak', 'Okafor', 'Petrov'];

const currencies = [['USD', 40], ['EUR', 20], ['GBP', 10], ['JPY', 7], ['CHF', 6], ['CNY', 5], ['SGD', 4], ['HKD', 3], ['CAD', 3], ['AUD', 2]] as const;
interface Kind { type: string; weight: number; resources: readonly string[]; unit: string | null; qty: [number, number] | null; priced: number }
const kinds: readonly Kind[] = [
  { type: 'cash', weight: 30, resources: ['Intercompany loan', 'Dividend', 'Capital contribution', 'Loan repayment'], unit: null, qty: null, priced: 1 },
  { type: 'services', weight: 20, resources: ['Management services', 'Consulting services', 'IT support', 'Legal services'], unit: 'hours', qty: [1, 2_000], priced: 0.97 },
  { type: 'goods', weight: 15, resources: ['Steel coil', 'Server racks', 'Network switches', 'Crude oil'], unit: 'pcs', qty: [1, 5_000], priced: 0.97 },
  { type: 'gpu', weight: 8, resources: ['H100 GPU hours', 'A100 GPU hours', 'H200 GPU hours'], unit: 'gpu-hours', qty: [100, 200_000], priced: 0.9 },
  { type: 'compute', weight: 8, resources: ['Cloud compute credits', 'Datacenter capacity'], unit: 'MW-months', qty: [1, 500], priced: 0.9 },
  { type: 'data', weight: 6, resources: ['Training data licence', 'Market data feed'], unit: 'licences', qty: [1, 50], priced: 0.8 },
  { type: 'staff', weight: 5, resources: ['Engineer secondment', 'Executive time'], unit: 'FTE-months', qty: [1, 120], priced: 0.5 },
  { type: 'ip', weight: 4, resources: ['Patent licence', 'Trademark licence', 'Software licence'], unit: null, qty: null, priced: 0.8 },
  { type: 'equity', weight: 2, resources: ['Share transfer', 'Option grant'], unit: 'shares', qty: [100, 1_000_000], priced: 0.9 },
  { type: 'allocation', weight: 2, resources: ['GPU allocation', 'Budget allocation'], unit: 'units', qty: [1, 10_000], priced: 0.3 },
];
const statuses = [['executed', 85], ['proposed', 7], ['reversed', 4], ['redirected', 4]] as const;
const memoWords = ['per agreement', 'as invoiced', 'year-end true-up', 'transfer pricing adjustment', 'cost sharing', 'under the master services agreement'];

const day0 = Date.UTC(2015, 0, 1) / 86_400_000;
const dayCount = Date.UTC(2026, 0, 1) / 86_400_000 - day0; // 2015-01-01 .. 2025-12-31
const isoDay = (d: number) => new Date((day0 + d) * 86_400_000).toISOString().slice(0, 10);

function entityName(rand: Rand): { kind: string; name: string } {
  const k = rand();
  if (k < 0.15) return { kind: 'person', name: `${pick(rand, firstNames)} ${pick(rand, lastNames)}` }; // 256 names: many ties
  const kind = k < 0.18 ? 'fund' : k < 0.2 ? 'trust' : 'company';
  const parts = [pick(rand, stems), pick(rand, trades), pick(rand, regions), rand() < 0.6 ? String(int(rand, 1, 40)) : '', pick(rand, forms)];
  return { kind, name: parts.filter(Boolean).join(' ') };
}

export interface FixtureSize { transfers: number; entities: number }

function buildLedger(file: string, size: FixtureSize, seed: number): void {
  const rand = prng(seed);
  const db = openLedger(file);
  try {
    const insertEntity = db.prepare(`INSERT INTO entities (id, kind, name, norm_name, recorded_at) VALUES (?, ?, ?, ?, ?)`);
    const insertTransfer = db.prepare(`INSERT INTO transfers (id, from_id, to_id, resource_type, resource, quantity, unit, amount_minor, currency,
      occurred_on, status, description, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const recordedAt = '2026-01-01T00:00:00.000Z';
    // Building the transfer indexes once at the end is several times faster than keeping them up to date.
    const indexes = db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'transfers' AND sql IS NOT NULL`).all() as Array<{ name: string; sql: string }>;
    db.transaction(() => {
      for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);
      for (let id = 1; id <= size.entities; id++) {
        const e = entityName(rand);
        insertEntity.run(id, e.kind, e.name, normalizeName(e.name), recordedAt);
      }
      // Party ids from a skewed distribution: id = n * u^3 makes the top 100 entities (by activity)
      // take ~10% of all transfers. Activity is spread over ids by a fixed permutation (a multiplier).
      const n = size.entities;
      const party = () => ((Math.floor(n * rand() ** 3) * 48_271) % n) + 1;
      for (let id = 1; id <= size.transfers; id++) {
        const from = party();
        let to = party();
        while (to === from) to = party();
        const kind = weighted(rand, kinds.map((k) => [k, k.weight] as const));
        const priced = rand() < kind.priced;
        // Log-uniform 10.00 .. 1e9.00, rounded to two significant digits: many equal amounts.
        const raw = 10 ** (3 + rand() * 8);
        const mag = 10 ** Math.max(0, Math.floor(Math.log10(raw)) - 1);
        const amount = priced ? Math.round(raw / mag) * mag : null;
        const resource = pick(rand, kind.resources);
        const date = isoDay(Math.floor(rand() * dayCount));
        insertTransfer.run(
          id, from, to, kind.type, resource, kind.qty ? int(rand, kind.qty[0], kind.qty[1]) : null, kind.unit,
          amount, priced ? weighted(rand, currencies) : null, date, weighted(rand, statuses),
          `${resource}, ${pick(rand, memoWords)} (ref ${date.slice(0, 4)}-${int(rand, 1000, 99999)})`, recordedAt,
        );
      }
      for (const ix of indexes) db.exec(ix.sql);
      db.prepare(`INSERT INTO ledger_settings (key, value) VALUES ('bench_fixture', ?)`).run(String(FIXTURE_VERSION));
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/**
 * Read the whole file once so the OS has it cached: the bench measures queries on a ledger that
 * is in use, not the first disk reads after other work (the CSV bench) pushed it out.
 */
function warmFileCache(file: string): number {
  const t = timed(() => {
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(1 << 20);
    try {
      while (fs.readSync(fd, buf, 0, buf.length, null) > 0) { /* read on */ }
    } finally {
      fs.closeSync(fd);
    }
  });
  return t.seconds;
}

/** The cached ledger for this size and seed, built on first use. */
export function queryFixture(size: FixtureSize, seed = 20250101): { file: string; built: boolean; seconds: number } {
  const file = path.join(os.tmpdir(), `armslength-bench-queries-v${FIXTURE_VERSION}-${size.transfers}x${size.entities}-${seed}.armslength`);
  if (fs.existsSync(file)) return { file, built: false, seconds: 0 };
  const tmp = `${file}.building-${process.pid}`;
  const t = timed(() => buildLedger(tmp, size, seed));
  fs.renameSync(tmp, file);
  return { file, built: true, seconds: t.seconds };
}

// ---------------------------------------------------------------------------------------------
// The queries.

interface Sample { id: number; from_id: number; to_id: number; resource_type: string; currency: string | null; occurred_on: string }

interface QuerySpec {
  name: string;
  /** Filters on resource type or currency: measured again with recommendedIndexes. */
  usesTypeOrCurrency?: boolean;
  sort: TransferPageSort;
  dir: 'asc' | 'desc';
  /** Part of the target (the issue's list) or extra context. */
  target: boolean;
  /** Filters (and search) for a request, chosen around a random existing transfer that matches them. */
  filters?: (s: Sample, rand: Rand) => TransferFilters;
  search?: string;
}

const dateRangeAround = (s: Sample, rand: Rand): { dateFrom: string; dateTo: string } => {
  const d = Date.UTC(+s.occurred_on.slice(0, 4), +s.occurred_on.slice(5, 7) - 1, +s.occurred_on.slice(8, 10)) / 86_400_000 - day0;
  const len = int(rand, 7, 730);
  const start = d - int(rand, 0, len);
  return { dateFrom: isoDay(start), dateTo: isoDay(start + len) };
};
const side = (s: Sample, rand: Rand) => (rand() < 0.5 ? s.from_id : s.to_id);

const specs: QuerySpec[] = [
  ...(['date', 'amount', 'from', 'to'] as const).flatMap((sort) => (['desc', 'asc'] as const).map((dir): QuerySpec => ({ name: `sort ${sort} ${dir}`, sort, dir, target: true }))),
  { name: 'filter entity', sort: 'date', dir: 'desc', target: true, filters: (s, r) => ({ entityId: side(s, r) }) },
  { name: 'filter resourceType', sort: 'date', dir: 'desc', target: true, usesTypeOrCurrency: true, filters: (s) => ({ resourceType: s.resource_type as TransferFilters['resourceType'] }) },
  { name: 'filter currency', sort: 'date', dir: 'desc', target: true, usesTypeOrCurrency: true, filters: (s) => ({ currency: s.currency ?? 'USD' }) },
  { name: 'filter dateRange', sort: 'date', dir: 'desc', target: true, filters: (s, r) => dateRangeAround(s, r) },
  { name: 'filter entity+dateRange', sort: 'date', dir: 'desc', target: true, filters: (s, r) => ({ entityId: side(s, r), ...dateRangeAround(s, r) }) },
  // Context, outside the issue's list: other sorts with filters, and the bounded free-text search.
  { name: '(extra) amount desc, entity', sort: 'amount', dir: 'desc', target: false, filters: (s, r) => ({ entityId: side(s, r) }) },
  { name: '(extra) from asc, currency', sort: 'from', dir: 'asc', target: false, usesTypeOrCurrency: true, filters: (s) => ({ currency: s.currency ?? 'USD' }) },
  { name: '(extra) to desc, dateRange', sort: 'to', dir: 'desc', target: false, filters: (s, r) => dateRangeAround(s, r) },
  { name: '(extra) amount asc, resourceType+currency', sort: 'amount', dir: 'asc', target: false, usesTypeOrCurrency: true,
    filters: (s) => ({ resourceType: s.resource_type as TransferFilters['resourceType'], currency: s.currency ?? 'USD' }) },
  { name: '(extra) date desc, resourceType+currency', sort: 'date', dir: 'desc', target: false, usesTypeOrCurrency: true,
    filters: (s) => ({ resourceType: s.resource_type as TransferFilters['resourceType'], currency: s.currency ?? 'USD' }) },
  { name: '(extra) amount desc, dateRange', sort: 'amount', dir: 'desc', target: false, filters: (s, r) => dateRangeAround(s, r) },
  { name: '(extra) search "H100" (common)', sort: 'date', dir: 'desc', target: false, search: 'H100' },
  { name: '(extra) search "Okafor" (party)', sort: 'date', dir: 'desc', target: false, search: 'Okafor' },
  { name: '(extra) search "zzz" (no match)', sort: 'date', dir: 'desc', target: false, search: 'zzz' },
];

export interface QueryResult {
  query: string; sort: TransferPageSort; dir: 'asc' | 'desc'; target: boolean;
  /** Ad hoc indexes present for this measurement. */
  withIndexes: boolean;
  requests: number; firstPages: number; rowsReturned: number;
  /** Requests whose page came back short (fewer than 100 rows) with a cursor: a scan budget ran out. */
  shortPages: number;
  /** Requests whose total is a lower bound (totalCapped). */
  cappedTotals: number;
  /** How step 1 ran: walk (an index in order) or sort (a small filtered range, sorted), and with a row budget or not. */
  modes: Record<string, number>;
  /** Whole request: key query, row fetch and total. Totals computed fresh for every request (no cache). */
  p50Ms: number; p95Ms: number; maxMs: number;
  /** The same requests with the total remembered between requests of the same filters (as the app does). */
  cachedTotal: { p50Ms: number; p95Ms: number; maxMs: number };
  /** The total alone (the count with these filters), per request, uncached. */
  countP50Ms: number; countP95Ms: number;
  targetMs: number; ok: boolean;
  plans: { firstPage: string; afterCursor: string; count: string; rows: string };
  example: { request: unknown };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function explain(db: Db, sql: string, params: Record<string, unknown> | unknown[]): string {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params as Record<string, unknown>) as Array<{ id: number; parent: number; detail: string }>;
  const depth = new Map<number, number>([[0, -1]]);
  return rows.map((r) => {
    const d = (depth.get(r.parent) ?? -1) + 1;
    depth.set(r.id, d);
    return `${'  '.repeat(d)}${r.detail}`;
  }).join('\n');
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return { p50Ms: r(percentile(s, 50)), p95Ms: r(percentile(s, 95)), maxMs: r(s[s.length - 1] ?? 0) };
}

function runSpec(db: Db, spec: QuerySpec, requests: number, seed: number, maxId: number, withIndexes: boolean): QueryResult {
  const rand = prng(seed);
  const sample = db.prepare(`SELECT id, from_id, to_id, resource_type, currency, occurred_on FROM transfers WHERE id = ?`);
  // Build the requests first (untimed): every 10th is a first page, the rest start after a random
  // existing transfer that matches the request's filters.
  const reqs: TransferPageRequest[] = [];
  for (let i = 0; i < requests; i++) {
    const s = sample.get(int(rand, 1, maxId)) as Sample;
    const filters = spec.filters?.(s, rand);
    const after = i % 10 === 0 ? null : cursorForTransfer(db, spec.sort, s.id);
    reqs.push({ limit: 100, sort: spec.sort, dir: spec.dir, after, search: spec.search ?? '', ...(filters ? { filters } : {}) });
  }
  for (const req of reqs.slice(0, 10)) pageTransfers(db, req, { cacheTotal: false }); // warm up (untimed)

  const run = (cacheTotal: boolean) => {
    clearTotalCache(db);
    let rowsReturned = 0;
    let shortPages = 0;
    let cappedTotals = 0;
    const ms = reqs.map((req) => {
      const t0 = performance.now();
      const page = pageTransfers(db, req, { cacheTotal });
      const dt = performance.now() - t0;
      rowsReturned += page.rows.length;
      if (page.next && page.rows.length < req.limit) shortPages++;
      if (page.totalCapped) cappedTotals++;
      return dt;
    });
    return { ms, rowsReturned, shortPages, cappedTotals };
  };
  const cold = run(false);
  const warm = run(true);
  const countMs = reqs.map((req) => {
    const { sql, params } = countQuery(db, req);
    const stmt = db.prepare(sql);
    const t0 = performance.now();
    stmt.get(params);
    return performance.now() - t0;
  });
  const modes: Record<string, number> = {};
  for (const req of reqs) {
    const q = keyQuery(db, req);
    const mode = `${q.mode}${q.scan ? ` (scan <= ${q.scan})` : ''}`;
    modes[mode] = (modes[mode] ?? 0) + 1;
  }

  const first = reqs[0]!;
  const withCursor = reqs.find((r) => r.after !== null) ?? first;
  const k1 = keyQuery(db, first);
  const k2 = keyQuery(db, withCursor);
  const c = countQuery(db, first);
  const coldStats = stats(cold.ms);
  const countStats = stats(countMs);
  return {
    query: spec.name, sort: spec.sort, dir: spec.dir, target: spec.target, withIndexes,
    requests, firstPages: reqs.filter((r) => r.after === null).length, rowsReturned: cold.rowsReturned,
    shortPages: cold.shortPages, cappedTotals: cold.cappedTotals, modes,
    ...coldStats, cachedTotal: stats(warm.ms), countP50Ms: countStats.p50Ms, countP95Ms: countStats.p95Ms,
    targetMs: QUERY_TARGET_MS, ok: coldStats.p95Ms < QUERY_TARGET_MS,
    plans: {
      firstPage: `[${k1.mode}${k1.scan ? `, scan <= ${k1.scan}` : ''}] ${k1.sql}\n--\n${explain(db, k1.sql, k1.params)}`,
      afterCursor: `[${k2.mode}${k2.scan ? `, scan <= ${k2.scan}` : ''}] ${k2.sql}\n--\n${explain(db, k2.sql, k2.params)}`,
      count: `[${c.exact ? 'exact' : 'capped'}] ${c.sql}\n--\n${explain(db, c.sql, c.params)}`,
      rows: explain(db, `${transferSelect} WHERE t.id IN (SELECT value FROM json_each(?))`, ['[1,2,3]']),
    },
    example: { request: withCursor },
  };
}

export interface QueryBenchOptions {
  transfers?: number;
  entities?: number;
  requests?: number;
  /**
   * Indexes (CREATE INDEX ... SQL) to measure: created ad hoc on a copy of the fixture, then the
   * queries they can serve run again. Default recommendedIndexes; [] skips the comparison.
   */
  extraIndexes?: string[];
  /** Connection pragmas (e.g. "mmap_size = 1073741824") for every measurement: for comparisons only. */
  pragmas?: string[];
  log?: (line: string) => void;
}

export interface QueryBenchReport {
  fixture: { file: string; transfers: number; entities: number; built: boolean; buildSeconds: number; fileMb: number };
  pragmas: string[];
  /** os.loadavg() (1, 5, 15 min) before and after: other processes on the machine move these numbers. */
  loadAverage: { before: number[]; after: number[] };
  requestsPerQuery: number;
  budgets: QueryBudgets;
  results: QueryResult[];
  /** The same measurements for the queries on resource type or currency, with extraIndexes created ad hoc. */
  withIndexes: { indexes: Array<{ sql: string; buildSeconds: number; sizeMb: number | null }>; results: QueryResult[] } | null;
}

export function benchQueries(options: QueryBenchOptions = {}): QueryBenchReport {
  const log = options.log ?? ((line: string) => console.error(line));
  const size = { transfers: options.transfers ?? 1_000_000, entities: options.entities ?? 100_000 };
  const requests = options.requests ?? 200;
  const fixture = queryFixture(size);
  log(`[queries] ledger ${fixture.file} (${size.transfers} transfers, ${size.entities} entities)${fixture.built ? `, built in ${fixture.seconds.toFixed(1)} s` : ', cached'}`);
  const pragmas = options.pragmas ?? [];
  const loadBefore = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const measure = (db: Db, list: QuerySpec[], withIndexes: boolean) => {
    for (const p of pragmas) db.pragma(p);
    const maxId = db.prepare('SELECT max(id) FROM transfers').pluck().get() as number;
    return list.map((spec) => {
      const r = runSpec(db, spec, requests, 1000 + specs.indexOf(spec), maxId, withIndexes);
      log(`[queries]${withIndexes ? ' [+ix]' : ''} ${r.query}: p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, max ${r.maxMs} ms (cached total: p95 ${r.cachedTotal.p95Ms} ms)`);
      return r;
    });
  };

  log(`[queries] read the ledger file into the OS cache in ${warmFileCache(fixture.file).toFixed(2)} s`);
  let results: QueryResult[];
  const db = openLedger(fixture.file);
  try {
    results = measure(db, specs, false);
  } finally {
    db.close();
  }

  let withIndexes: QueryBenchReport['withIndexes'] = null;
  const extraIndexes = options.extraIndexes ?? recommendedIndexes;
  if (extraIndexes.length) {
    // Never change the cached fixture: measure the indexes on a copy.
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'armslength-bench-ix-'));
    try {
      const file = path.join(scratch, 'ledger.armslength');
      fs.copyFileSync(fixture.file, file);
      warmFileCache(file);
      const ixDb = openLedger(file);
      try {
        const indexes = extraIndexes.map((sql) => {
          const t = timed(() => ixDb.exec(sql));
          const name = /CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)/i.exec(sql)?.[1];
          let sizeMb: number | null = null;
          try {
            sizeMb = Math.round((ixDb.prepare(`SELECT sum(pgsize) FROM dbstat WHERE name = ?`).pluck().get(name) as number) / 1e5) / 10;
          } catch { /* dbstat not compiled in */ }
          log(`[queries] ad hoc: ${sql} (${t.seconds.toFixed(1)} s${sizeMb !== null ? `, ${sizeMb} MB` : ''})`);
          return { sql, buildSeconds: Math.round(t.seconds * 100) / 100, sizeMb };
        });
        withIndexes = { indexes, results: measure(ixDb, specs.filter((s) => s.usesTypeOrCurrency), true) };
      } finally {
        ixDb.close();
      }
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }
  return {
    fixture: { file: fixture.file, ...size, built: fixture.built, buildSeconds: fixture.seconds, fileMb: Math.round(fs.statSync(fixture.file).size / 1e6) },
    pragmas, loadAverage: { before: loadBefore, after: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    requestsPerQuery: requests, budgets: defaultBudgets, results, withIndexes,
  };
}

export function formatQueryTable(report: QueryBenchReport): string {
  const f = (x: number) => x.toFixed(2);
  const all = [...report.results, ...(report.withIndexes?.results ?? [])];
  return formatTable(
    ['query', 'p50 (ms)', 'p95 (ms)', 'max (ms)', 'target', 'ok', 'total p95 (ms)', 'p95 cached total', 'short pages', 'capped totals', 'step 1'],
    all.map((r) => [
      `${r.withIndexes ? '[+ix] ' : ''}${r.query}`, f(r.p50Ms), f(r.p95Ms), f(r.maxMs), `<${r.targetMs} ms`,
      r.target ? (r.ok ? 'yes' : 'NO') : (r.ok ? '(yes)' : '(no)'),
      f(r.countP95Ms), f(r.cachedTotal.p95Ms), `${r.shortPages}/${r.requests}`, `${r.cappedTotals}/${r.requests}`,
      Object.entries(r.modes).map(([m, n]) => (n === r.requests ? m : `${m} x${n}`)).join(', '),
    ]),
  );
}
