// The Overview's numbers (overview:get) on real ledger files, each recomputed here from the
// ledger's rows by a separate path (per transfer, in JS), never hard-coded.
import { describe, expect, it } from 'vitest';
import { computeOverview, overviewFor, periodOf } from '../../electron/core/ledger/overview';
import { allTransfers } from '../../electron/core/ledger/read';
import { listFlags, reviewFlag } from '../../electron/core/conflicts/flags';
import { createEntity, createTransfer } from '../../electron/core/ledger/edits';
import { writeSettings } from '../../electron/core/ledger/settings';
import { convertMinor, ensureReferenceRates } from '../../electron/core/valuation/fx';
import type { Flag } from '../../shared/domain';
import { tempLedger, tempSampleLedger } from './tempLedger';

const sumBy = <T>(xs: T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);

describe('overview of the sample ledger (all USD, reporting in USD)', () => {
  it('totals every transfer and its value, and counts flags by review state', () => {
    const { db } = tempSampleLedger();
    const o = computeOverview(db, 'month');
    const ts = allTransfers(db);
    expect(o.reportingCurrency).toBe('USD');
    expect(o.totals.transfers).toBe(ts.length);
    expect(o.totals.withoutAmount).toBe(ts.filter((t) => t.amountMinor === null).length);
    expect(o.totals.value).toEqual({ currency: 'USD', minor: sumBy(ts, (t) => t.amountMinor ?? 0), converted: ts.filter((t) => t.amountMinor !== null).length, others: [] });
    const flags = listFlags(db);
    expect(o.totals.flags).toEqual({
      open: flags.filter((f) => f.status === 'open').length,
      confirmed: flags.filter((f) => f.status === 'confirmed').length,
      dismissed: flags.filter((f) => f.status === 'dismissed').length,
    });
  });

  it('sums the amount at stake per rule and per severity, leaving dismissed flags out', () => {
    const { db } = tempSampleLedger();
    const check = () => {
      const o = computeOverview(db, 'month');
      const live = listFlags(db).filter((f) => f.status !== 'dismissed');
      const rules = [...new Set(live.map((f) => f.ruleId))];
      expect(o.byRule.map((r) => r.ruleId).sort()).toEqual(rules.sort());
      for (const r of o.byRule) {
        const mine = live.filter((f) => f.ruleId === r.ruleId);
        expect(r.flags).toBe(mine.length);
        expect(r.value.minor).toBe(sumBy(mine, (f) => f.atStakeMinor ?? 0));
      }
      for (const s of o.bySeverity) {
        const mine = live.filter((f) => f.severity === s.severity);
        expect(s.flags).toBe(mine.length);
        expect(s.value.minor).toBe(sumBy(mine, (f) => f.atStakeMinor ?? 0));
      }
      expect(sumBy(o.bySeverity, (s) => s.flags)).toBe(live.length);
      // Flagged transfers count once however many flags they carry.
      const flaggedIds = new Set(live.map((f) => f.transferId));
      const flagged = allTransfers(db).filter((t) => flaggedIds.has(t.id));
      expect(o.flagged.transfers).toBe(flagged.length);
      expect(o.flagged.value.minor).toBe(sumBy(flagged, (t) => t.amountMinor ?? 0));
      return { o, live };
    };
    const before = check();
    const victim = before.live.find((f) => (f.atStakeMinor ?? 0) > 0)!;
    reviewFlag(db, victim.id, 'dismissed', 'approved by the audit committee');
    const after = check();
    expect(after.o.totals.flags.dismissed).toBe(before.o.totals.flags.dismissed + 1);
    const rule = (o: typeof before.o) => o.byRule.find((r) => r.ruleId === victim.ruleId)?.flags ?? 0;
    expect(rule(after.o)).toBe(rule(before.o) - 1);
  });

  it('ranks related pairs by the value of their flagged transfers, either direction together', () => {
    const { db } = tempSampleLedger();
    const o = computeOverview(db, 'month');
    const live = listFlags(db).filter((f) => f.status !== 'dismissed');
    const flaggedIds = new Set(live.map((f) => f.transferId));
    const pairs = new Map<string, { value: number; transfers: number; flags: number }>();
    const key = (a: number, b: number) => `${Math.min(a, b)}-${Math.max(a, b)}`;
    for (const t of allTransfers(db).filter((x) => flaggedIds.has(x.id))) {
      const p = pairs.get(key(t.from.id, t.to.id)) ?? { value: 0, transfers: 0, flags: 0 };
      p.value += t.amountMinor ?? 0; p.transfers += 1;
      p.flags += live.filter((f: Flag) => f.transferId === t.id).length;
      pairs.set(key(t.from.id, t.to.id), p);
    }
    const expected = [...pairs.values()].sort((a, b) => b.value - a.value || b.transfers - a.transfers).slice(0, 8);
    expect(o.topPairs.map((p) => p.value.minor)).toEqual(expected.map((p) => p.value));
    for (const p of o.topPairs) expect(pairs.get(key(p.a.id, p.b.id))).toEqual({ value: p.value.minor, transfers: p.transfers, flags: p.flags });
    const first = o.topPairs[0]!;
    expect(first.a.id).toBeLessThan(first.b.id);
  });

  it('places transfers on a continuous month or quarter timeline, and year-only ones apart', () => {
    const { db } = tempSampleLedger();
    const ts = allTransfers(db);
    for (const g of ['month', 'quarter'] as const) {
      const o = computeOverview(db, g);
      const dated = ts.filter((t) => t.datePrecision !== 'year');
      expect(sumBy(o.timeline, (p) => p.transfers)).toBe(dated.length);
      expect(sumBy(o.yearOnly, (y) => y.transfers)).toBe(ts.length - dated.length);
      for (const p of o.timeline) {
        const inside = dated.filter((t) => periodOf(t.date, g).period === p.period);
        expect(p.transfers).toBe(inside.length);
        expect(p.value.minor).toBe(sumBy(inside, (t) => t.amountMinor ?? 0));
      }
      // No gaps: consecutive periods, first and last holding transfers.
      const starts = o.timeline.map((p) => p.start);
      expect(new Set(starts).size).toBe(starts.length);
      expect([...starts].sort()).toEqual(starts);
      expect(o.timeline[0]!.transfers).toBeGreaterThan(0);
      expect(o.timeline.at(-1)!.transfers).toBeGreaterThan(0);
      const months = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7));
      expect(months(starts.at(-1)!) - months(starts[0]!)).toBe((starts.length - 1) * (g === 'month' ? 1 : 3));
    }
    expect(computeOverview(db, 'quarter').timeline.some((p) => p.period === '2023-Q4')).toBe(true);
  });
});

describe('the remembered overview', () => {
  it('is reused while the ledger stays the same, and recomputed after a review, an edit or a settings change', () => {
    const { db } = tempSampleLedger();
    const first = overviewFor(db, 'month');
    expect(overviewFor(db, 'month')).toBe(first);
    expect(overviewFor(db, 'quarter')).not.toBe(first);
    const flag = listFlags(db).find((f) => f.status === 'open')!;
    reviewFlag(db, flag.id, 'dismissed', 'not related at the time');
    const afterReview = overviewFor(db, 'month');
    expect(afterReview.totals.flags.dismissed).toBe(first.totals.flags.dismissed + 1);
    const [a, b] = db.prepare(`SELECT id FROM entities ORDER BY id LIMIT 2`).pluck().all() as number[];
    createTransfer(db, { fromId: a!, toId: b!, resourceType: 'cash', resource: 'late payment', amount: '10', currency: 'USD', date: '2024-02-02' });
    expect(overviewFor(db, 'month').totals.transfers).toBe(afterReview.totals.transfers + 1);
    writeSettings(db, { reportingCurrency: 'EUR' });
    expect(overviewFor(db, 'month').reportingCurrency).toBe('EUR');
  });
});

describe('overview with several currencies', () => {
  const setup = () => {
    const { db } = tempLedger();
    ensureReferenceRates(db); // the shipped ECB rates, as every opened ledger gets them
    const a = createEntity(db, { kind: 'company', name: 'Alpha AG' });
    const b = createEntity(db, { kind: 'company', name: 'Beta Inc.' });
    createTransfer(db, { fromId: a, toId: b, resourceType: 'cash', resource: 'loan', amount: '1000.00', currency: 'USD', date: '2024-03-15' });
    createTransfer(db, { fromId: a, toId: b, resourceType: 'cash', resource: 'fee', amount: '2500.50', currency: 'EUR', date: '2024-03-15' });
    createTransfer(db, { fromId: b, toId: a, resourceType: 'services', resource: 'consulting', amount: '777.00', currency: 'EUR', date: '2024-06-03' });
    // The FX table has no Argentine peso: kept apart, never added in.
    createTransfer(db, { fromId: b, toId: a, resourceType: 'cash', resource: 'royalty', amount: '90000', currency: 'ARS', date: '2024-06-03' });
    createTransfer(db, { fromId: b, toId: a, resourceType: 'data', resource: 'customer list', date: '2024-06-03' });
    return db;
  };

  it('converts what has a rate on its day into the reporting currency and lists the rest per currency', () => {
    const db = setup();
    const o = computeOverview(db, 'month');
    const usd = 100_000 + convertMinor(db, 250_050, 'EUR', 'USD', '2024-03-15').minor + convertMinor(db, 77_700, 'EUR', 'USD', '2024-06-03').minor;
    expect(o.totals.value).toEqual({ currency: 'USD', minor: usd, converted: 3, others: [{ currency: 'ARS', minor: 9_000_000, count: 1 }] });
    expect(o.totals.withoutAmount).toBe(1);
    const june = o.timeline.find((p) => p.period === '2024-06')!;
    expect(june.value.others).toEqual([{ currency: 'ARS', minor: 9_000_000, count: 1 }]);
    expect(o.timeline.map((p) => p.period)).toEqual(['2024-03', '2024-04', '2024-05', '2024-06']);
    expect(o.timeline.find((p) => p.period === '2024-04')!.transfers).toBe(0);

    writeSettings(db, { reportingCurrency: 'EUR' });
    const e = computeOverview(db, 'quarter');
    expect(e.totals.value.currency).toBe('EUR');
    expect(e.totals.value.minor).toBe(250_050 + 77_700 + convertMinor(db, 100_000, 'USD', 'EUR', '2024-03-15').minor);
    expect(e.timeline.map((p) => p.period)).toEqual(['2024-Q1', '2024-Q2']);
  });
});

// Opt-in timing on a big ledger (e.g. a copy of the query benchmark's 1M-transfer file):
// ARMSLENGTH_BIG_LEDGER=/tmp/copy.armslength npx vitest run ... test/unit/overview.test.ts
const big = process.env.ARMSLENGTH_BIG_LEDGER;
describe.skipIf(!big)('overview timing on a big ledger', () => {
  it('computes in bounded time', async () => {
    const { openLedger } = await import('../../electron/core/db/open');
    const db = openLedger(big!);
    for (const g of ['month', 'quarter'] as const) {
      const t0 = performance.now();
      const o = computeOverview(db, g);
      console.log(`overview by ${g}: ${(performance.now() - t0).toFixed(0)} ms for ${o.totals.transfers} transfers, ${o.timeline.length} periods, ${o.byRule.length} rules`);
      expect(o.totals.transfers).toBe(db.prepare('SELECT count(*) FROM transfers').pluck().get());
    }
    db.close();
  });
});
