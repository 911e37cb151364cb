// Keyset pages of transfers (electron/core/ledger/transferQuery.ts) on a real ledger: paging
// through every page with the cursor must give exactly the rows, in exactly the order, of one
// ORDER BY query without LIMIT, for every sort, direction, filter and query strategy.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type ParsedInput } from '../../shared/contract';
import type { Db } from '../../electron/core/db/open';
import { AppError } from '../../electron/core/errors';
import { LedgerWriter } from '../../electron/core/ledger/write';
import {
  countQuery, cursorForTransfer, defaultBudgets, keyQuery, pageTransfers, type QueryBudgets, type TransferPageRequest,
} from '../../electron/core/ledger/transferQuery';
import { tempLedger } from './tempLedger';
import { prng } from '../../bench/generate';

type Req = ParsedInput<'transfers:page'>;
type Sort = Req['sort'];
type Filters = NonNullable<Req['filters']>;

const sorts: Sort[] = ['date', 'amount', 'from', 'to'];
const dirs = ['asc', 'desc'] as const;

let db: Db;
let dir: string;
let hub: number; // the entity on one side of ~1/4 of all transfers
let small: number; // an entity with a handful of transfers
const TRANSFERS = 2_400; // below every default budget, so totals here are exact


beforeAll(() => {
  ({ db, dir } = tempLedger());
  const rand = prng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const w = new LedgerWriter(db);
  db.transaction(() => {
    // 50 entities; names repeat after normalisation (case, punctuation), so norm_name has ties.
    const bases = ['Acme Ltd', 'Blue Peak GmbH', 'Cedar Holdings', 'Delta Compute', 'Echo Labs', 'Foxtrot Capital', 'Granite AG', 'Harbor LLC', 'Iris Data', 'Juniper plc'];
    const variants = (n: string) => [n, n.toUpperCase(), n.replace(' ', ', '), `${n}.`, n.toLowerCase()];
    const ids: number[] = [];
    for (let i = 0; i < 50; i++) ids.push(w.entity({ kind: i % 7 === 0 ? 'person' : 'company', name: variants(bases[i % 10]!)[Math.floor(i / 10)]! }));
    hub = ids[3]!;
    small = ids[41]!;
    const dates = Array.from({ length: 40 }, (_, i) => `202${i % 5}-0${1 + (i % 9)}-1${i % 10}`);
    const amounts = [null, 0, 100, 5_000, 5_000, 123_456, 99_999_999];
    const kinds = [
      { type: 'cash', resource: 'Intercompany loan' }, { type: 'gpu', resource: 'H100 GPU hours' },
      { type: 'services', resource: 'Consulting services' }, { type: 'goods', resource: 'Server racks' }, { type: 'ip', resource: 'Patent_licence 100%' },
    ];
    for (let i = 0; i < TRANSFERS; i++) {
      const from = rand() < 0.15 ? hub : i % 500 === 0 ? small : pick(ids.filter((x) => x !== small));
      let to = rand() < 0.1 ? hub : pick(ids.filter((x) => x !== small));
      while (to === from) to = pick(ids);
      const kind = pick(kinds);
      const amount = pick(amounts);
      w.transfer({
        fromId: from, toId: to, resourceType: kind.type, resource: kind.resource,
        amountMinor: amount, currency: amount === null ? null : pick(['USD', 'EUR', 'GBP', 'JPY']),
        date: pick(dates), description: `${pick(['alpha', 'beta', 'gamma'])} transfer ${i}`,
      });
    }
  })();
});

afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The same request through the contract, for its defaults. */
function request(input: Partial<Req> & Record<string, unknown>): TransferPageRequest {
  return contract['transfers:page'].input.parse(input);
}

/** The reference: one ORDER BY over everything the filters admit, written independently of transferQuery.ts. */
function reference(sort: Sort, dirn: 'asc' | 'desc', filters: Filters = {}, search = ''): number[] {
  const keys = {
    date: ['t.occurred_on', 't.id'],
    amount: ['ifnull(t.amount_minor, -1)', 't.id'],
    from: ['f.norm_name', 'f.id', 't.occurred_on', 't.id'],
    to: ['o.norm_name', 'o.id', 't.occurred_on', 't.id'],
  }[sort];
  const where: string[] = ['1'];
  const params: unknown[] = [];
  if (filters.entityId !== undefined) { where.push('(t.from_id = ? OR t.to_id = ?)'); params.push(filters.entityId, filters.entityId); }
  if (filters.resourceType !== undefined) { where.push('t.resource_type = ?'); params.push(filters.resourceType); }
  if (filters.currency !== undefined) { where.push('t.currency = ?'); params.push(filters.currency); }
  if (filters.dateFrom !== undefined) { where.push('t.occurred_on >= ?'); params.push(filters.dateFrom); }
  if (filters.dateTo !== undefined) { where.push('t.occurred_on <= ?'); params.push(filters.dateTo); }
  if (search) {
    where.push(`(f.name LIKE ?1 ESCAPE '\\' OR o.name LIKE ?1 ESCAPE '\\' OR t.resource LIKE ?1 ESCAPE '\\' OR t.description LIKE ?1 ESCAPE '\\')`.replace(/\?1/g, '?'));
    const q = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(q, q, q, q);
  }
  const sql = `SELECT t.id FROM transfers t JOIN entities f ON f.id = t.from_id JOIN entities o ON o.id = t.to_id
    WHERE ${where.join(' AND ')} ORDER BY ${keys.map((k) => `${k} ${dirn}`).join(', ')}`;
  return db.prepare(sql).pluck().all(...params) as number[];
}

/** Which strategies the paging tests went through (checked at the end: every one must be covered). */
const seen = new Set<string>();

/** Every page, following the cursor to the end. */
function pageAll(input: Partial<Req> & Record<string, unknown>, budgets: QueryBudgets = defaultBudgets) {
  const ids: number[] = [];
  const totals = new Set<string>();
  let after: Req['after'] = null;
  let pages = 0;
  for (;;) {
    const req = request({ ...input, after });
    const page = pageTransfers(db, req, { budgets });
    const q = keyQuery(db, req, budgets);
    seen.add(`${req.sort} ${q.mode}${q.scan === null ? '' : ' with scan budget'}`);
    if (page.next && page.rows.length < req.limit) seen.add('short page');
    if (page.totalCapped) seen.add('capped total');
    expect(page.rows.length).toBeLessThanOrEqual(req.limit);
    ids.push(...page.rows.map((r) => r.id));
    totals.add(JSON.stringify([page.total, page.totalCapped ?? false]));
    expect(contract['transfers:page'].output.safeParse(page).success).toBe(true);
    pages++;
    if (pages > TRANSFERS + 10) throw new Error('paging did not end');
    if (!page.next) break;
    after = page.next;
  }
  expect(totals.size).toBe(1); // the same total on every page
  const [total, capped] = JSON.parse([...totals][0]!) as [number, boolean];
  return { ids, total, capped, pages };
}

const filterCases: Array<{ name: string; filters?: Filters; search?: string }> = [
  { name: 'none' },
  { name: 'hub entity', filters: {} },
  { name: 'small entity', filters: {} },
  { name: 'resourceType', filters: { resourceType: 'gpu' } },
  { name: 'currency', filters: { currency: 'EUR' } },
  { name: 'dateRange', filters: { dateFrom: '2021-02-01', dateTo: '2023-06-30' } },
  { name: 'dateFrom only', filters: { dateFrom: '2023-01-01' } },
  { name: 'entity + dateRange', filters: { dateFrom: '2021-02-01', dateTo: '2023-06-30' } },
  { name: 'resourceType + currency + dateRange', filters: { resourceType: 'cash', currency: 'USD', dateFrom: '2020-01-01', dateTo: '2022-12-31' } },
  { name: 'search', search: 'h100' },
  { name: 'search with LIKE wildcards', search: '_licence 100%' },
  { name: 'search party name + entity', search: 'acme', filters: {} },
  { name: 'no match', filters: { resourceType: 'staff' } },
];
/** Entity ids exist only once the ledger is built. */
function filtersOf(c: (typeof filterCases)[number]): Filters | undefined {
  if (c.name.startsWith('hub entity') || c.name.startsWith('entity')) return { ...c.filters, entityId: hub };
  if (c.name === 'small entity' || c.name.startsWith('search party')) return { ...c.filters, entityId: small };
  return c.filters;
}

// Small budgets so that 3,000 rows exercise every strategy: short pages when a scan budget runs
// out, sorting small ranges, walking the sort's index past a large entity.
const budgetCases: Array<{ name: string; budgets: QueryBudgets }> = [
  { name: 'default budgets', budgets: defaultBudgets },
  { name: 'tiny budgets', budgets: { scanRows: 37, searchScanRows: 23, tableCountRows: 500, searchTableCountRows: 300, sortRows: 200 } },
  { name: 'never sort', budgets: { ...defaultBudgets, sortRows: 0 } },
];

describe('pageTransfers pages exactly like one ORDER BY', () => {
  it('has ties to get right', () => {
    const ties = (sql: string) => db.prepare(`SELECT count(*) FROM (SELECT ${sql} AS k FROM transfers t JOIN entities f ON f.id = t.from_id GROUP BY k HAVING count(*) > 1)`).pluck().get() as number;
    expect(ties('t.occurred_on')).toBeGreaterThan(10);
    expect(ties('ifnull(t.amount_minor, -1)')).toBeGreaterThan(3);
    expect(db.prepare(`SELECT count(*) FROM (SELECT norm_name FROM entities GROUP BY norm_name HAVING count(*) > 1)`).pluck().get()).toBeGreaterThan(5);
  });

  for (const { name: budgetName, budgets } of budgetCases) {
    describe(budgetName, () => {
      for (const c of filterCases) {
        it(`filters: ${c.name}`, () => {
          const filters = filtersOf(c);
          for (const sort of sorts) {
            for (const dirn of dirs) {
              const expected = reference(sort, dirn, filters, c.search ?? '');
              for (const limit of [7, 100]) {
                const got = pageAll({ sort, dir: dirn, limit, search: c.search ?? '', ...(filters ? { filters } : {}) }, budgets);
                expect(got.ids, `${sort} ${dirn} limit ${limit}`).toEqual(expected);
                if (got.capped) expect(got.total).toBeLessThanOrEqual(expected.length);
                else expect(got.total, `${sort} ${dirn} total`).toBe(expected.length);
              }
            }
          }
        });
      }
    });
  }

  it('went through every strategy', () => {
    const expected = ['short page', 'capped total', 'date walk', 'date walk with scan budget'];
    for (const sort of ['amount', 'from', 'to']) expected.push(`${sort} walk`, `${sort} walk with scan budget`, `${sort} sort`);
    expect([...seen].sort()).toEqual(expected.sort());
  });

  it('counts exactly with the default budgets on this ledger, and caps with small ones', () => {
    for (const c of filterCases) {
      const filters = filtersOf(c);
      const page = pageTransfers(db, request({ search: c.search ?? '', ...(filters ? { filters } : {}) }));
      expect(page.total, c.name).toBe(reference('date', 'desc', filters, c.search ?? '').length);
      expect(page.totalCapped, c.name).toBeUndefined();
    }
    const capped = pageTransfers(db, request({ filters: { currency: 'EUR' } }), { cacheTotal: false, budgets: { ...defaultBudgets, tableCountRows: 100 } });
    expect(capped.totalCapped).toBe(true);
    expect(capped.total).toBeGreaterThan(0);
    expect(capped.total).toBeLessThan(reference('date', 'desc', { currency: 'EUR' }).length);
  });

  it('applies the filters', () => {
    const f = { entityId: hub, resourceType: 'cash', currency: 'USD', dateFrom: '2021-01-01', dateTo: '2023-12-31' } as const;
    for (const sort of sorts) {
      const rows = pageTransfers(db, request({ sort, filters: f, limit: 500 })).rows;
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r.from.id === hub || r.to.id === hub).toBe(true);
        expect(r.resourceType).toBe('cash');
        expect(r.currency).toBe('USD');
        expect(r.date >= f.dateFrom && r.date <= f.dateTo).toBe(true);
      }
    }
  });

  it('continues from a cursor built from any row', () => {
    for (const sort of sorts) {
      for (const dirn of dirs) {
        const all = reference(sort, dirn);
        for (const at of [0, 1, 555, all.length - 2, all.length - 1]) {
          const page = pageTransfers(db, request({ sort, dir: dirn, limit: 10, after: cursorForTransfer(db, sort, all[at]!) }));
          expect(page.rows.map((r) => r.id)).toEqual(all.slice(at + 1, at + 11));
          expect(page.next === null).toBe(at + 11 >= all.length);
        }
      }
    }
  });

  it('sees a new transfer in the total (the remembered total is dropped when the ledger changes)', () => {
    const before = pageTransfers(db, request({ filters: { resourceType: 'goods' } })).total;
    const id = db.transaction(() => new LedgerWriter(db).transfer({ fromId: hub, toId: small, resourceType: 'goods', resource: 'Server racks', date: '2024-05-05' }))();
    try {
      expect(pageTransfers(db, request({ filters: { resourceType: 'goods' } })).total).toBe(before + 1);
    } finally {
      db.prepare('DELETE FROM transfers WHERE id = ?').run(id);
    }
    expect(pageTransfers(db, request({ filters: { resourceType: 'goods' } })).total).toBe(before);
  });
});

describe('query plans', () => {
  const plan = (q: { sql: string; params: Record<string, unknown> }) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(q.params) as Array<{ detail: string }>).map((r) => r.detail).join('\n');

  it('walks an index in order for every unfiltered sort: no temp b-tree', () => {
    for (const sort of sorts) {
      for (const dirn of dirs) {
        const first = request({ sort, dir: dirn });
        const deeper = request({ sort, dir: dirn, after: cursorForTransfer(db, sort, 1234) });
        for (const req of [first, deeper]) {
          const q = keyQuery(db, req);
          expect(q.mode).toBe('walk');
          const p = plan(q);
          expect(p, `${sort} ${dirn}`).not.toMatch(/TEMP B-TREE/);
          expect(p, `${sort} ${dirn}`).toMatch(/USING (COVERING )?INDEX (transfers_by_date|transfers_by_amount|entities_by_norm_name)/);
          if (req.after) expect(p, `${sort} ${dirn} seeks`).toMatch(/SEARCH/);
        }
      }
    }
  });

  it('merges the two index ranges of an entity for the date sort', () => {
    const p = plan(keyQuery(db, request({ filters: { entityId: hub, dateFrom: '2021-01-01' }, after: cursorForTransfer(db, 'date', 99) })));
    expect(p).toMatch(/MERGE \(UNION ALL\)/);
    expect(p).toMatch(/transfers_by_from \(from_id=\? AND occurred_on/);
    expect(p).toMatch(/transfers_by_to \(to_id=\? AND occurred_on/);
    expect(p).not.toMatch(/TEMP B-TREE/);
  });

  it('uses an index leading with (resource_type, occurred_on) when the ledger has one', () => {
    const before = keyQuery(db, request({ filters: { resourceType: 'gpu' } }));
    expect(before.scan).not.toBeNull(); // checked row by row, within a budget
    expect(countQuery(db, request({ filters: { resourceType: 'gpu' } })).exact).toBe(false);
    db.exec('CREATE INDEX test_transfers_by_type ON transfers(resource_type, occurred_on, id)');
    try {
      const q = keyQuery(db, request({ filters: { resourceType: 'gpu' }, after: cursorForTransfer(db, 'date', 10) }));
      expect(q.scan).toBeNull();
      expect(plan(q)).toMatch(/test_transfers_by_type \(resource_type=\? AND occurred_on<\?\)/);
      expect(plan(q)).not.toMatch(/TEMP B-TREE/);
      expect(countQuery(db, request({ filters: { resourceType: 'gpu' } })).exact).toBe(true);
      for (const dirn of dirs) {
        for (const filters of [{ resourceType: 'gpu' as const }, { resourceType: 'cash' as const, currency: 'GBP', dateTo: '2022-06-01' }]) {
          const got = pageAll({ dir: dirn, limit: 9, filters });
          expect(got.ids).toEqual(reference('date', dirn, filters));
          expect(got.total).toBe(got.ids.length);
        }
      }
    } finally {
      db.exec('DROP INDEX test_transfers_by_type');
    }
  });
});

describe('bad input', () => {
  const input = contract['transfers:page'].input;

  it('keeps {} working with the defaults', () => {
    expect(input.parse({})).toEqual({ limit: 100, sort: 'date', dir: 'desc', after: null, search: '' });
    const page = pageTransfers(db, input.parse({}));
    expect(page.rows).toHaveLength(100);
    expect(page.total).toBe(TRANSFERS);
    expect(page.next).toEqual(cursorForTransfer(db, 'date', page.rows[99]!.id));
  });

  it('refuses an unknown sort key, a bad direction and bad filters in the contract', () => {
    expect(input.safeParse({ sort: 'name' }).success).toBe(false);
    expect(input.safeParse({ sort: 'from_id' }).success).toBe(false);
    expect(input.safeParse({ dir: 'up' }).success).toBe(false);
    expect(input.safeParse({ limit: 501 }).success).toBe(false);
    expect(input.safeParse({ filters: { currency: 'usd' } }).success).toBe(false);
    expect(input.safeParse({ filters: { resourceType: 'lunch' } }).success).toBe(false);
    expect(input.safeParse({ filters: { dateFrom: '2024-1-1' } }).success).toBe(false);
    expect(input.safeParse({ filters: { entityId: 1.5 } }).success).toBe(false);
    expect(input.safeParse({ filters: { party: 3 } }).success).toBe(false);
    for (const sort of sorts) expect(input.safeParse({ sort, filters: { entityId: 3, dateFrom: '2024-01-01' } }).success).toBe(true);
  });

  it('refuses a malformed cursor in the contract', () => {
    for (const after of [{ key: '2024-01-01', id: 3 }, [], ['a', 1, 'b', 2, 3], [{}], [true, 1], '2024-01-01,3', 3]) {
      const parsed = input.safeParse({ after });
      expect(parsed.success, JSON.stringify(after)).toBe(false);
      if (!parsed.success) expect(parsed.error.issues[0]!.path[0]).toBe('after');
    }
  });

  it('refuses a cursor that does not fit the sort', () => {
    const bad: Array<[Sort, Req['after']]> = [
      ['date', [3, 3]], // a number where the date goes
      ['date', ['2024-01-01']], // too short
      ['amount', ['5000', 3]], // a string where the amount goes
      ['amount', [5000, 1.5]], // a fractional id
      ['from', ['2024-01-01', 3]], // a date cursor on the from sort
      ['to', ['acme ltd', 1, '2024-01-01', null]], // null id
      ['to', ['acme ltd', '1', '2024-01-01', 3]],
    ];
    for (const [sort, after] of bad) {
      const req = input.parse({ sort, after });
      let err: unknown;
      try {
        pageTransfers(db, req);
      } catch (e) {
        err = e;
      }
      expect(err, `${sort} ${JSON.stringify(after)}`).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('invalid_input');
      expect((err as AppError).details[0]).toMatch(/^after: /);
    }
  });
});
