import { describe, expect, it } from 'vitest';
import { valuationDetail } from '../../electron/core/valuation/detail';
import { sensitivity } from '../../electron/core/valuation/sensitivity';
import { writeAssumptions, readAssumptions } from '../../electron/core/valuation/assumptions';
import { writeSettings } from '../../electron/core/ledger/settings';
import { flagsForTransfer, runRules } from '../../electron/core/conflicts/flags';
import { allTransfers } from '../../electron/core/ledger/read';
import { LedgerWriter } from '../../electron/core/ledger/write';
import { ensureReferenceRates } from '../../electron/core/valuation/fx';
import type { Db } from '../../electron/core/db/open';
import { tempLedger, tempSampleLedger } from './tempLedger';

const redirectId = (db: Db) => allTransfers(db).find((t) => t.status === 'redirected')!.id;
const bandId = (db: Db) => db.prepare(`SELECT id FROM price_bands WHERE resource_key = 'nvidia-h100'`).pluck().get() as number;

describe('valuation detail', () => {
  it('converts the band into the reporting currency at the rate of the transfer\'s date, naming the rate', () => {
    const { db } = tempSampleLedger();
    ensureReferenceRates(db);
    writeSettings(db, { reportingCurrency: 'EUR' });
    const d = valuationDetail(db, redirectId(db));
    expect(d.valuation!.lowMinor).toBe(300_000_000_00); // the band stays in the transfer's currency for the deviation
    expect(d.reporting!.currency).toBe('EUR');
    expect(d.reporting!.fx).toMatch(/^EUR\/USD [\d.]+ on 2023-1[12]-\d\d \(ECB/);
    const rate = Number(/EUR\/USD ([\d.]+)/.exec(d.reporting!.fx)![1]);
    expect(d.reporting!.lowMinor).toBe(Math.round(300_000_000_00 / rate));
    expect(d.thresholds.find((t) => t.rule === 'off-market')).toMatchObject({ value: '4.2%', met: true });
  });

  it('values the months Tesla waited from the ledger, and follows a changed assumption', () => {
    const { db } = tempSampleLedger();
    const d = valuationDetail(db, redirectId(db));
    // The swap-back reached Tesla one month later (2024-01 against 2023-12): 12,000 GPUs x $1,460 a month x 1 month.
    expect(d.delay).toMatchObject({ months: 1, minor: 12_000 * 1_460_00, currency: 'USD' });
    expect(d.delay!.monthsBasis).toMatch(/until transfer \d+ reached Tesla, Inc\. on 2024-01-01/);
    writeAssumptions(db, { rentalRates: [] , costOfCapitalPct: 12 });
    const byCapital = valuationDetail(db, redirectId(db)).delay!;
    // No rental rate: the base value $390M at 12% a year for one month.
    expect(byCapital.minor).toBe(Math.round(390_000_000_00 * 0.12 / 12));
    expect(byCapital.method).toMatch(/12% a year cost of capital × 1 months/);
    expect(readAssumptions(db).costOfCapitalPct).toBe(12);
    expect(db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'valuation.assumptions'`).pluck().get()).toBe(1);
  });

  it('states materiality against revenue, total assets and equity, per transfer and per year with the counterparty', () => {
    const { db } = tempLedger();
    const w = new LedgerWriter(db);
    const a = w.entity({ kind: 'company', name: 'Issuer AG' });
    const b = w.entity({ kind: 'company', name: 'Sister GmbH' });
    const fig = db.prepare(`INSERT INTO issuer_figures (entity_id, figure, period_end, amount_minor, currency, concept) VALUES (?, ?, '2024-12-31', ?, 'EUR', ?)`);
    fig.run(a, 'revenue', 50_000_000_00, 'ifrs-full:Revenue');
    fig.run(a, 'totalAssets', 200_000_000_00, 'ifrs-full:Assets');
    fig.run(a, 'equity', 80_000_000_00, 'ifrs-full:Equity');
    w.transfer({ fromId: a, toId: b, resourceType: 'cash', resource: 'loan', amountMinor: 1_000_000_00, currency: 'EUR', date: '2024-02-01' });
    const second = w.transfer({ fromId: b, toId: a, resourceType: 'services', resource: 'services', amountMinor: 2_000_000_00, currency: 'EUR', date: '2024-06-01' });
    const m = valuationDetail(db, second).materiality;
    expect(m).toHaveLength(1);
    const share = new Map(m[0]!.shares.map((s) => [s.figure, s]));
    expect(share.get('revenue')).toMatchObject({ transferPct: 4, yearTotalPct: 6, yearTotalMinor: 3_000_000_00, source: 'ifrs-full:Revenue' });
    expect(share.get('totalAssets')!.yearTotalPct).toBeCloseTo(1.5, 9);
    expect(share.get('equity')!.transferPct).toBeCloseTo(2.5, 9);
    const th = valuationDetail(db, second).thresholds;
    expect(th.find((t) => t.rule === 'aktg-111a')).toMatchObject({ met: true });
    expect(th.find((t) => t.rule === 'ias24-material')).toMatchObject({ value: '6.000%', met: true });
  });
});

describe('sensitivity', () => {
  it('says which valuations and flags a wider H100 band would change, and changes nothing', () => {
    const { db } = tempSampleLedger();
    const id = redirectId(db);
    const before = flagsForTransfer(db, id).map((f) => f.ruleId).sort();
    const s = sensitivity(db, { kind: 'priceBand', id: bandId(db), lowMinor: 25_000_00, baseMinor: 35_000_00, highMinor: 45_000_00 });
    expect(s.assumption).toMatch(/Nvidia H100 GPU \(USD\) 2500000\/3250000\/4000000 → 2500000\/3500000\/4500000/);
    expect(s.valuations.find((v) => v.transferId === id)).toEqual({ transferId: id,
      before: { low: 300_000_000_00, base: 390_000_000_00, high: 480_000_000_00, currency: 'USD' },
      after: { low: 300_000_000_00, base: 420_000_000_00, high: 540_000_000_00, currency: 'USD' } });
    // $500M is inside a $300M-$540M band: the off-market flag would go.
    expect(s.flags.find((f) => f.transferId === id && f.ruleId === 'off-market')).toMatchObject({ before: { title: 'Off-market: 4.2% above the market band', atStakeMinor: 20_000_000_00 }, after: null });
    // The ledger itself is unchanged.
    expect(flagsForTransfer(db, id).map((f) => f.ruleId).sort()).toEqual(before);
    expect(db.prepare(`SELECT high_minor FROM price_bands WHERE id = ?`).pluck().get(bandId(db))).toBe(40_000_00);
  });

  it('for an FX rate: a euro transfer crossing the S-K threshold', () => {
    const { db } = tempLedger();
    ensureReferenceRates(db);
    const w = new LedgerWriter(db);
    const pat = w.entity({ kind: 'person', name: 'Pat' });
    const a = w.entity({ kind: 'company', name: 'A' });
    const b = w.entity({ kind: 'company', name: 'B' });
    w.affiliation({ subjectId: pat, objectId: a, kind: 'role', role: 'CEO' });
    w.affiliation({ subjectId: pat, objectId: b, kind: 'control' });
    const t = w.transfer({ fromId: a, toId: b, resourceType: 'cash', resource: 'fee', amountMinor: 115_000_00, currency: 'EUR', date: '2024-03-01' });
    runRules(db);
    expect(flagsForTransfer(db, t).some((f) => f.ruleId === 'sk404-threshold')).toBe(true); // at 1.0813: $124,349.50
    const s = sensitivity(db, { kind: 'fxRate', quote: 'USD', day: '2024-03-01', rateMicro: 1_000_000 });
    expect(s.assumption).toBe('EUR/USD on 2024-03-01 1.0813 → 1');
    expect(s.flags.find((f) => f.transferId === t && f.ruleId === 'sk404-threshold')).toMatchObject({ before: { atStakeMinor: 124_349_50 }, after: null });
  });
});

describe('the cost of a redirect in the flag', () => {
  it('states what Tesla gave up by waiting in the corporate-opportunity flag, and follows the assumptions', () => {
    const { db } = tempSampleLedger();
    const co = () => flagsForTransfer(db, redirectId(db)).find((f) => f.ruleId === 'corporate-opportunity')!;
    expect(co().summary).toMatch(/What Tesla, Inc\. gave up by waiting 1 months \(until transfer \d+ reached Tesla, Inc\. on 2024-01-01\): about \$17,520,000\.00/);
    writeAssumptions(db, { rentalRates: [{ resourceKey: 'nvidia-h100', unit: 'unit', currency: 'USD', perMonthMinor: 2_000_00, source: 'test rate' }] });
    runRules(db);
    expect(co().summary).toMatch(/about \$24,000,000\.00 \(12,000 unit × \$2,000\.00 rental a month × 1 months \(test rate\)\)/);
  });
});
