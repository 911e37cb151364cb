// Jumps in the transfer grid (electron/core/ledger/transferQuery.ts): a page that starts at a
// position (`offset`, the scrollbar dragged far) or at one transfer (`at`, another view opening
// the ledger on it), and the flagged-only filter. Checked against one ORDER BY over a real ledger.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type ParsedInput } from '../../shared/contract';
import type { Db } from '../../electron/core/db/open';
import { AppError } from '../../electron/core/errors';
import { LedgerWriter } from '../../electron/core/ledger/write';
import { defaultBudgets, pageTransfers, type QueryBudgets } from '../../electron/core/ledger/transferQuery';
import { tempLedger } from './tempLedger';
import { prng } from '../../bench/generate';

type Req = ParsedInput<'transfers:page'>;
type Filters = NonNullable<Req['filters']>;
const sorts: Array<Req['sort']> = ['date', 'amount', 'from', 'to'];
const dirs = ['asc', 'desc'] as const;
const TRANSFERS = 1_500;

let db: Db;
let dir: string;
let hub: number;

beforeAll(() => {
  ({ db, dir } = tempLedger());
  const rand = prng(11);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const w = new LedgerWriter(db);
  db.transaction(() => {
    const names = ['Acme Ltd', 'ACME LTD', 'Blue Peak GmbH', 'Cedar Holdings', 'Delta Compute', 'Echo Labs', 'Foxtrot Capital', 'Granite AG'];
    const ids = names.map((name) => w.entity({ kind: 'company', name }));
    hub = ids[4]!;
    for (let i = 0; i < TRANSFERS; i++) {
      const from = pick(ids);
      let to = pick(ids);
      while (to === from) to = pick(ids);
      const amount = pick([null, 100, 5_000, 5_000, 99_999]);
      const id = w.transfer({
        fromId: from, toId: to, resourceType: pick(['cash', 'gpu', 'services']), resource: pick(['Loan', 'H100 GPU hours', 'Consulting']),
        amountMinor: amount, currency: amount === null ? null : pick(['USD', 'EUR']), date: `202${i % 4}-0${1 + (i % 9)}-1${i % 7}`,
        description: `transfer ${i}`,
      });
      // Every 7th transfer flagged; every 21st of those dismissed (it no longer counts as flagged); some with two flags.
      if (i % 7 === 0) {
        const status = i % 21 === 0 ? 'dismissed' : 'open';
        const flag = db.prepare(`INSERT INTO flags (rule_id, rule_version, transfer_id, severity, title, summary, paths_json, status) VALUES (?, 1, ?, 'high', 't', 's', '[]', ?)`);
        flag.run('common-control', id, status);
        if (i % 49 === 0) flag.run('interlock', id, 'open');
      }
    }
  })();
});

afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const request = (input: Record<string, unknown>): Req => contract['transfers:page'].input.parse(input);

/** The reference order, written independently of transferQuery.ts. */
function reference(sort: Req['sort'], dirn: 'asc' | 'desc', filters: Filters = {}, search = ''): number[] {
  const keys = {
    date: ['t.occurred_on', 't.id'], amount: ['ifnull(t.amount_minor, -1)', 't.id'],
    from: ['f.norm_name', 'f.id', 't.occurred_on', 't.id'], to: ['o.norm_name', 'o.id', 't.occurred_on', 't.id'],
  }[sort];
  const where = ['1'];
  const params: unknown[] = [];
  if (filters.flagged) where.push(`t.id IN (SELECT transfer_id FROM flags WHERE status IN ('open', 'confirmed'))`);
  if (filters.entityId !== undefined) { where.push('(t.from_id = ? OR t.to_id = ?)'); params.push(filters.entityId, filters.entityId); }
  if (filters.resourceType !== undefined) { where.push('t.resource_type = ?'); params.push(filters.resourceType); }
  if (filters.dateFrom !== undefined) { where.push('t.occurred_on >= ?'); params.push(filters.dateFrom); }
  if (search) { where.push('t.description LIKE ?'); params.push(`%${search}%`); }
  return db.prepare(`SELECT t.id FROM transfers t JOIN entities f ON f.id = t.from_id JOIN entities o ON o.id = t.to_id
    WHERE ${where.join(' AND ')} ORDER BY ${keys.map((k) => `${k} ${dirn}`).join(', ')}`).pluck().all(...params) as number[];
}

const tiny: QueryBudgets = { scanRows: 37, searchScanRows: 23, tableCountRows: 5_000, searchTableCountRows: 5_000, sortRows: 50 };

describe('a page at an offset', () => {
  it('holds exactly the rows at that position of the order, from either end, for every sort and direction', () => {
    for (const sort of sorts) {
      for (const dirn of dirs) {
        const all = reference(sort, dirn);
        for (const offset of [0, 1, 99, 700, 751, all.length - 10, all.length - 1]) {
          const page = pageTransfers(db, request({ sort, dir: dirn, limit: 25, offset }));
          expect(page.rows.map((r) => r.id), `${sort} ${dirn} @${offset}`).toEqual(all.slice(offset, offset + 25));
          expect(page.offset).toBe(offset);
          expect(page.next === null).toBe(offset + 25 >= all.length);
          expect(contract['transfers:page'].output.safeParse(page).success).toBe(true);
        }
      }
    }
  });

  it('continues with the cursor from where the jump landed', () => {
    const all = reference('amount', 'desc');
    const first = pageTransfers(db, request({ sort: 'amount', limit: 40, offset: 1_000 }));
    const second = pageTransfers(db, request({ sort: 'amount', limit: 40, after: first.next }));
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(all.slice(1_000, 1_080));
  });

  it('is empty past the end, with the total', () => {
    const page = pageTransfers(db, request({ offset: TRANSFERS + 5 }));
    expect(page.rows).toEqual([]);
    expect(page.next).toBeNull();
    expect(page.total).toBe(TRANSFERS);
  });

  it('applies filters, including those checked row by row (search, small budgets)', () => {
    const cases: Array<{ filters?: Filters; search?: string }> = [
      { filters: { entityId: 0 } }, { filters: { resourceType: 'gpu', dateFrom: '2021-01-01' } }, { search: 'transfer 1' }, { filters: { flagged: true } },
    ];
    for (const c of cases) {
      const filters = c.filters?.entityId === 0 ? { ...c.filters, entityId: hub } : c.filters;
      for (const budgets of [defaultBudgets, tiny]) {
        for (const sort of ['date', 'from'] as const) {
          const all = reference(sort, 'desc', filters, c.search);
          const offset = Math.floor(all.length * 0.6);
          const page = pageTransfers(db, request({ sort, limit: 10, offset, search: c.search ?? '', ...(filters ? { filters } : {}) }), { budgets });
          // A page checked row by row may come back short; what it holds must be the next rows.
          expect(page.rows.length).toBeGreaterThan(0);
          expect(page.rows.map((r) => r.id), JSON.stringify(c)).toEqual(all.slice(offset, offset + page.rows.length));
        }
      }
    }
  });
});

describe('a page at a transfer', () => {
  it('starts at that transfer and says where it stands in the order', () => {
    for (const sort of sorts) {
      for (const dirn of dirs) {
        const all = reference(sort, dirn);
        for (const position of [0, 3, 640, all.length - 1]) {
          const page = pageTransfers(db, request({ sort, dir: dirn, limit: 5, at: all[position] }));
          expect(page.offset, `${sort} ${dirn}`).toBe(position);
          expect(page.rows.map((r) => r.id)).toEqual(all.slice(position, position + 5));
        }
      }
    }
  });

  it('counts its position among the filtered rows, and refuses a transfer the filters leave out', () => {
    const all = reference('date', 'desc', { entityId: hub });
    const page = pageTransfers(db, request({ limit: 3, at: all[20], filters: { entityId: hub } }));
    expect(page.offset).toBe(20);
    const outside = db.prepare('SELECT id FROM transfers WHERE from_id <> ? AND to_id <> ? LIMIT 1').pluck().get(hub, hub) as number;
    expect(() => pageTransfers(db, request({ at: outside, filters: { entityId: hub } }))).toThrow(AppError);
    expect(() => pageTransfers(db, request({ at: outside, filters: { entityId: hub } }))).toThrow(`Transfer #${outside} is not among the transfers these filters show`);
  });
});

describe('flagged only', () => {
  it('pages exactly the transfers with a flag that is not dismissed, each once, with an exact total', () => {
    for (const sort of sorts) {
      for (const dirn of dirs) {
        for (const budgets of [defaultBudgets, tiny]) {
          const expected = reference(sort, dirn, { flagged: true });
          const ids: number[] = [];
          let after: Req['after'] = null;
          let total = -1;
          for (let guard = 0; guard < 500; guard++) {
            const page = pageTransfers(db, request({ sort, dir: dirn, limit: 30, after, filters: { flagged: true } }), { budgets });
            ids.push(...page.rows.map((r) => r.id));
            for (const r of page.rows) expect(r.flagCount).toBeGreaterThan(0);
            total = page.total;
            if (!page.next) break;
            after = page.next;
          }
          expect(ids, `${sort} ${dirn}`).toEqual(expected);
          expect(total).toBe(expected.length);
        }
      }
    }
    // The dismissed ones are left out: fewer than every seventh.
    expect(reference('date', 'desc', { flagged: true }).length).toBeLessThan(Math.ceil(TRANSFERS / 7));
  });

  it('combines with an entity and a search', () => {
    const filters = { flagged: true, entityId: hub } as const;
    const expected = reference('date', 'desc', filters, 'transfer 1');
    const page = pageTransfers(db, request({ limit: 500, filters, search: 'transfer 1' }));
    expect(expected.length).toBeGreaterThan(3);
    expect(page.rows.map((r) => r.id)).toEqual(expected);
  });
});
