import { describe, expect, it } from 'vitest';
import { flowsSummary, OTHERS } from '../../electron/core/ledger/flows';
import { convertMinor } from '../../electron/core/valuation/fx';
import { allTransfers } from '../../electron/core/ledger/read';
import { LedgerWriter } from '../../electron/core/ledger/write';
import { tempSampleLedger } from './tempLedger';
import { entityId } from './sampleIds';

const all = { resourceTypes: [], topN: 10, net: false };

describe('flows:summary', () => {
  it('sums what moved in the period, equal to the transfers themselves', () => {
    const { db } = tempSampleLedger();
    const f = flowsSummary(db, { ...all, from: '2023-01-01', to: '2023-12-31' });
    const moved = allTransfers(db).filter((t) => t.date >= '2023-01-01' && t.date <= '2023-12-31' && (t.status === 'executed' || t.status === 'redirected'));
    const expected = moved.reduce((s, t) => s + (t.amountMinor ?? 0), 0);
    expect(f.currency).toBe('USD');
    expect(f.totalMinor).toBe(expected);
    expect(f.links.reduce((s, l) => s + l.valueMinor, 0)).toBe(expected);
    expect(f.transfers).toBe(moved.filter((t) => t.amountMinor !== null).length);
    const tesla = String(entityId(db, 'Tesla, Inc.'));
    const x = String(entityId(db, 'X Corp.'));
    const teslaToX = f.links.find((l) => l.source === tesla && l.target === x)!;
    expect(teslaToX.valueMinor).toBe(50_000_000_000 + 5_000_000 + 20_000_000); // H100 + services + advertising
    expect(teslaToX.byType).toEqual([{ resourceType: 'gpu', valueMinor: 50_000_000_000 }, { resourceType: 'services', valueMinor: 25_000_000 }]);
    // Value both ways between Tesla and X, and Tesla and SpaceX: named, shown as separate columns.
    expect(f.reciprocal.map((r) => [r.a, r.b].sort().join(' / ')).sort()).toEqual(['SpaceX / Tesla, Inc.', 'Tesla, Inc. / X Corp.']);
    expect(f.senders.map((s) => s.key)).toContain(tesla);
    expect(f.receivers.map((s) => s.key)).toContain(tesla);
  });

  it('nets a pair\'s opposite flows when asked, filters by resource type, and folds small firms into Others', () => {
    const { db } = tempSampleLedger();
    const tesla = String(entityId(db, 'Tesla, Inc.'));
    const x = String(entityId(db, 'X Corp.'));
    const net = flowsSummary(db, { ...all, net: true, from: '2023-01-01', to: '2023-12-31' });
    expect(net.links.find((l) => l.source === tesla && l.target === x)!.valueMinor).toBe(50_025_000_000 - 100_000_000);
    expect(net.links.find((l) => l.source === x && l.target === tesla)).toBeUndefined();
    const gpu = flowsSummary(db, { ...all, resourceTypes: ['gpu'], from: '2023-01-01', to: '2023-12-31' });
    expect(gpu.links).toHaveLength(1);
    expect(gpu.totalMinor).toBe(50_000_000_000);
    const top2 = flowsSummary(db, { ...all, topN: 2, from: '2023-01-01', to: '2026-12-31' });
    const full = flowsSummary(db, { ...all, from: '2023-01-01', to: '2026-12-31' });
    expect(top2.totalMinor).toBe(full.totalMinor);
    expect(top2.senders.length + top2.receivers.length).toBeLessThanOrEqual(6);
    expect(top2.senders.concat(top2.receivers).find((p) => p.key === OTHERS)!.members).toBe(full.firms - 2);
    expect(full.withoutAmount).toBeGreaterThan(0); // the Grok training data has no amount
  });

  it('converts other currencies at the day\'s rate and names what it could not convert', () => {
    const { db } = tempSampleLedger();
    const w = new LedgerWriter(db);
    const tesla = entityId(db, 'Tesla, Inc.');
    const spacex = entityId(db, 'SpaceX');
    w.transfer({ fromId: tesla, toId: spacex, resourceType: 'cash', resource: 'EUR payment', amountMinor: 1_000_000, currency: 'EUR', date: '2024-06-14', datePrecision: 'day' });
    w.transfer({ fromId: tesla, toId: spacex, resourceType: 'cash', resource: 'peso payment', amountMinor: 5_000_000, currency: 'ARS', date: '2024-06-14', datePrecision: 'day' });
    const f = flowsSummary(db, { ...all, from: '2024-06-01', to: '2024-06-30' });
    expect(f.totalMinor).toBe(convertMinor(db, 1_000_000, 'EUR', 'USD', '2024-06-14').minor);
    expect(f.totalMinor).toBeGreaterThan(1_000_000); // a euro was worth more than a dollar
    expect(f.unconverted).toEqual([{ currency: 'ARS', amountMinor: 5_000_000, transfers: 1, reason: expect.stringMatching(/No EUR\/ARS rate/) }]);
  });

  it('reads the date index for the period', () => {
    const { db } = tempSampleLedger();
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT from_id, to_id, sum(amount_minor) FROM transfers WHERE occurred_on >= ? AND occurred_on <= ? AND status IN ('executed','redirected') AND amount_minor IS NOT NULL GROUP BY from_id, to_id, resource_type, currency, substr(occurred_on, 1, 7)`)
      .all('2023-01-01', '2023-12-31') as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/transfers_by_date/);
  });
});
