import { describe, expect, it } from 'vitest';
import { flagsForTransfer, listFlags, reviewFlag, runRules } from '../../electron/core/conflicts/flags';
import { readRuleProfile, writeRuleProfile } from '../../electron/core/conflicts/profile';
import { unexplainedDisclosures } from '../../electron/core/conflicts/unexplained';
import { flagPathsColumn, flagPathsJoin } from '../../electron/core/conflicts/flagPaths';
import { writeSettings } from '../../electron/core/ledger/settings';
import { allTransfers } from '../../electron/core/ledger/read';
import { LedgerWriter } from '../../electron/core/ledger/write';
import { ensureReferenceRates } from '../../electron/core/valuation/fx';
import type { Db } from '../../electron/core/db/open';
import { generateGroupLedger, groupLedgerSqlSink } from '../../bench/generate';
import { count, tempLedger, tempSampleLedger } from './tempLedger';

const byRule = (db: Db, id: number) => new Map(flagsForTransfer(db, id).map((f) => [f.ruleId, f]));

function related(db: Db) {
  const w = new LedgerWriter(db);
  const pat = w.entity({ kind: 'person', name: 'Pat Quinn' });
  const a = w.entity({ kind: 'company', name: 'Alpha Inc' });
  const b = w.entity({ kind: 'company', name: 'Beta Inc' });
  w.affiliation({ subjectId: pat, objectId: a, kind: 'control', role: 'founder' });
  w.affiliation({ subjectId: pat, objectId: b, kind: 'control', role: 'founder' });
  return { w, pat, a, b };
}

/** Every flag's content, for comparing two ways of reaching the same ledger. */
const snapshot = (db: Db) => db.prepare(`SELECT f.rule_id, f.transfer_id, f.severity, f.title, f.summary, ${flagPathsColumn} AS paths, f.at_stake_minor, f.at_stake_currency, f.regime, f.checklist_json
  FROM flags f ${flagPathsJoin} ORDER BY f.rule_id, f.transfer_id`).all();

describe('round trips and swaps', () => {
  it('matches a return leg within the window, nets the legs and values the timing gain', () => {
    const { db } = tempLedger();
    const { w, a, b } = related(db);
    const out = w.transfer({ fromId: a, toId: b, resourceType: 'cash', resource: 'loan', amountMinor: 10_000_000_00, currency: 'USD', date: '2024-01-01' });
    const back = w.transfer({ fromId: b, toId: a, resourceType: 'cash', resource: 'repayment', amountMinor: 9_500_000_00, currency: 'USD', date: '2024-03-01' });
    const late = w.transfer({ fromId: a, toId: b, resourceType: 'cash', resource: 'loan', amountMinor: 10_000_000_00, currency: 'USD', date: '2024-12-01' });
    runRules(db);
    expect(byRule(db, out).has('round-trip')).toBe(false); // the first leg carries no round-trip flag
    const f = byRule(db, back).get('round-trip')!;
    expect(f.title).toBe(`Round trip: returns transfer ${out} after 60 days`);
    expect(f.summary).toMatch(/net \$500,000\.00 kept by Beta Inc/);
    expect(f.summary).toMatch(/Beta Inc had the use of it meanwhile/);
    // $10M x 8% a year x 60/365 days
    expect(f.atStakeMinor).toBe(Math.round(10_000_000_00 * 0.08 * 60 / 365));
    expect(f.checklist.map((c) => c.id)).toEqual(['first-leg', 'match', 'timing-gain']);
    expect(byRule(db, late).has('round-trip')).toBe(false); // 'back' is 275 days earlier: outside the 90-day window
  });

  it('leaves legs of different size alone, and follows a changed tolerance', () => {
    const { db } = tempLedger();
    const { w, a, b } = related(db);
    w.transfer({ fromId: a, toId: b, resourceType: 'cash', resource: 'loan', amountMinor: 10_000_000_00, currency: 'USD', date: '2024-01-01' });
    const back = w.transfer({ fromId: b, toId: a, resourceType: 'cash', resource: 'repayment', amountMinor: 7_000_000_00, currency: 'USD', date: '2024-02-01' });
    runRules(db);
    expect(byRule(db, back).has('round-trip')).toBe(false);
    writeRuleProfile(db, { overrides: { roundTripTolerancePct: 35 } });
    const r = runRules(db);
    expect(r.mode).toBe('full'); // a profile change re-runs everything
    expect(byRule(db, back).has('round-trip')).toBe(true);
  });

  it('shows the sample\'s GPU swap: X\'s order slots back to Tesla a month after the redirect', () => {
    const { db } = tempSampleLedger();
    const swap = allTransfers(db).find((t) => t.status === 'proposed' && t.resourceType === 'allocation')!;
    const f = byRule(db, swap.id).get('round-trip')!;
    expect(f.summary).toMatch(/12,000 × \$1,460\.00 a month rental/);
    expect(f.regime).toBe('general');
  });
});

describe('disclosures no transfer explains', () => {
  it('lists a disclosed amount the ledger cannot account for, and not one it can', () => {
    const { db } = tempSampleLedger();
    const w = new LedgerWriter(db);
    const tesla = db.prepare(`SELECT id FROM entities WHERE name = 'Tesla, Inc.'`).pluck().get() as number;
    const doc = w.document({ name: 'Tesla 10-K 2023', kind: 'xbrl' });
    const base = { documentId: doc, issuerId: tesla, concept: 'us-gaap:RelatedPartyTransactionAmountsOfTransaction', direction: 'received' as const, periodStart: '2023-01-01', periodEnd: '2023-12-31', currency: 'USD' };
    w.disclosure({ ...base, counterpartyLabel: 'SpaceX', amountMinor: 3_600_000_00, locator: 'fact f-1' }); // SpaceX <-> Tesla 2023: 2.1M + 0.8M + 0.7M
    w.disclosure({ ...base, counterpartyLabel: 'The Boring Company', amountMinor: 9_000_000_00, locator: 'fact f-2' });
    w.disclosure({ ...base, counterpartyLabel: 'Hyperloop One', amountMinor: 1_000_00, locator: 'fact f-3' });
    w.disclosure({ ...base, counterpartyLabel: null, amountMinor: 5_000_00, locator: 'fact f-4' }); // a filing that does not name the party
    const list = unexplainedDisclosures(db);
    expect(list.map((d) => d.locator)).toEqual(['fact f-2', 'fact f-3', 'fact f-4']);
    expect(list[2]!.reason).toBe('The filing does not name the related party, so no transfer can be matched to it.');
    expect(list[0]).toMatchObject({ matchingTransfers: 2, matchedTotalMinor: 1_200_000_00 });
    expect(list[0]!.reason).toMatch(/add up to a different amount/);
    expect(list[1]!.reason).toMatch(/No entity in the ledger is named "Hyperloop One"/);
  });
});

describe('rule profiles', () => {
  it('run only their regimes\' rules, with their thresholds', () => {
    const { db } = tempSampleLedger();
    const redirect = allTransfers(db).find((t) => t.status === 'redirected')!;
    expect([...byRule(db, redirect.id).keys()].sort()).toEqual(['common-control', 'corporate-opportunity', 'missing-approval', 'off-market', 'sk404-threshold']);
    writeRuleProfile(db, { id: 'eu-de' });
    runRules(db);
    expect([...byRule(db, redirect.id).keys()].sort()).toEqual(['common-control', 'off-market']);
    expect(readRuleProfile(db).regimes).toEqual(['general', 'eu-de']);
    writeRuleProfile(db, { id: 'us-sec', overrides: { sk404UsdMinor: 600_000_000_00, offMarketTolerancePct: 5 } });
    runRules(db);
    // $500M is under a $600M threshold, and 4.2% above the band is inside a 5% tolerance.
    expect([...byRule(db, redirect.id).keys()].sort()).toEqual(['common-control', 'corporate-opportunity']);
    writeRuleProfile(db, { overrides: { sk404UsdMinor: null, offMarketTolerancePct: null } });
    runRules(db);
    expect(byRule(db, redirect.id).get('sk404-threshold')!.summary).toMatch(/exceeds S-K 404\(a\)'s \$120,000\.00/);
    expect(db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'rules.profile'`).pluck().get()).toBe(3);
  });

  it('IFRS: a year with one related party reaching the share of revenue', () => {
    const { db } = tempLedger();
    const { w, a, b } = related(db);
    writeRuleProfile(db, { id: 'ifrs' });
    db.prepare(`INSERT INTO issuer_figures (entity_id, figure, period_end, amount_minor, currency, concept) VALUES (?, 'revenue', '2024-12-31', ?, 'USD', 'us-gaap:Revenues')`).run(a, 100_000_000_00);
    const first = w.transfer({ fromId: a, toId: b, resourceType: 'services', resource: 'services', amountMinor: 600_000_00, currency: 'USD', date: '2024-02-01' });
    const second = w.transfer({ fromId: b, toId: a, resourceType: 'services', resource: 'services', amountMinor: 500_000_00, currency: 'USD', date: '2024-05-01' });
    runRules(db);
    expect(byRule(db, first).has('ias24-material')).toBe(false);
    const f = byRule(db, second).get('ias24-material')!;
    expect(f.title).toBe("IAS 24: 1.10% of Alpha Inc's revenue with Beta Inc");
    expect(f.regime).toBe('ifrs');
    expect(byRule(db, second).has('sk404-threshold')).toBe(false); // not in the IFRS profile
  });
});

describe('what a run reuses between transfers', () => {
  it('answers each date by the affiliations valid on it, also after answering another date for the same firm', () => {
    const { db } = tempLedger();
    const w = new LedgerWriter(db);
    const pat = w.entity({ kind: 'person', name: 'Pat Quinn' });
    const a = w.entity({ kind: 'company', name: 'Alpha Inc' });
    const b = w.entity({ kind: 'company', name: 'Beta Inc' });
    w.affiliation({ subjectId: pat, objectId: a, kind: 'control', role: 'founder' });
    w.affiliation({ subjectId: pat, objectId: b, kind: 'control', role: 'founder', validFrom: '2024-03-01', validTo: '2024-06-30' });
    const cash = (fromId: number, toId: number, date: string, amountMinor = 1_000_000_00) => w.transfer({ fromId, toId, resourceType: 'cash', resource: 'payment', amountMinor, currency: 'USD', date });
    const before = cash(a, b, '2024-02-29');
    const during = cash(a, b, '2024-03-01');
    const back = cash(b, a, '2024-04-30'); // returns `during` within the window
    const lastDay = cash(a, b, '2024-06-30', 5_000_00);
    const after = cash(a, b, '2024-07-01');
    runRules(db, { full: true });
    const rulesOn = (id: number) => [...byRule(db, id).keys()].sort();
    expect(rulesOn(before)).toEqual([]);
    expect(rulesOn(during)).toContain('common-control');
    expect(rulesOn(back)).toEqual(expect.arrayContaining(['common-control', 'round-trip']));
    expect(byRule(db, back).get('round-trip')!.title).toBe(`Round trip: returns transfer ${during} after 60 days`);
    expect(rulesOn(lastDay)).toEqual(['common-control']);
    expect(rulesOn(after)).toEqual([]);
  });

  it('converts at the rate of each transfer\'s own day, the latest within the week before it', () => {
    const { db } = tempLedger();
    const { w, a, b } = related(db);
    w.fxRate({ base: 'EUR', quote: 'USD', day: '2031-01-06', rateMicro: 1_100_000, source: 'test rates' });
    w.fxRate({ base: 'EUR', quote: 'USD', day: '2031-01-08', rateMicro: 1_200_000, source: 'test rates' });
    const eur = (date: string) => w.transfer({ fromId: a, toId: b, resourceType: 'cash', resource: 'payment', amountMinor: 1_000_000_00, currency: 'EUR', date });
    const onFirst = eur('2031-01-07');
    const onSecond = eur('2031-01-09');
    const tooLate = eur('2031-01-16');
    runRules(db, { full: true });
    expect(byRule(db, onFirst).get('sk404-threshold')!.atStakeMinor).toBe(1_100_000_00);
    expect(byRule(db, onSecond).get('sk404-threshold')!.atStakeMinor).toBe(1_200_000_00);
    expect(byRule(db, tooLate).has('sk404-threshold')).toBe(false); // no rate within 7 days: not converted, no guess
    expect(byRule(db, tooLate).has('common-control')).toBe(true);
  });
});

describe('running the rules', () => {
  it('keeps the H100 flag of the sample: band $300M-$480M, 4.2% above, Musk CEO of Tesla and owner of X', () => {
    const { db } = tempSampleLedger();
    const redirect = allTransfers(db).find((t) => t.status === 'redirected')!;
    const f = byRule(db, redirect.id).get('common-control')!;
    expect(f.summary).toMatch(/market value \$300,000,000\.00 to \$480,000,000\.00 from the price band; the reported \$41,666\.67 per unit is 4\.2% above the band/);
    expect(f.paths.map((p) => p.map((e) => `${e.from.name} -${e.relation}-> ${e.to.name}`))).toEqual([['Elon Musk -CEO-> Tesla, Inc.'], [expect.stringMatching(/^Elon Musk -.*-> X Corp\.$/)]]);
    const co = byRule(db, redirect.id).get('corporate-opportunity')!;
    expect(co.regime).toBe('delaware');
    expect(co.checklist.map((c) => [c.id, c.met])).toEqual([['financial-ability', null], ['line-of-business', true], ['interest-or-expectancy', true], ['conflict', true]]);
    expect(co.checklist[3]!.evidence.length).toBeGreaterThan(0);
    expect(co.checklist[2]!.evidence[0]!.excerpt).toMatch(/redirect 12,000 H100/);
  });

  it('records who reviewed and when, and keeps it across full and incremental re-runs', () => {
    const { db } = tempSampleLedger();
    writeSettings(db, { reviewerName: 'Rita Reviewer' });
    const [first, second] = listFlags(db);
    reviewFlag(db, first!.id, 'confirmed', '');
    const dismissed = reviewFlag(db, second!.id, 'dismissed', 'Ratified by the audit committee', 'Ann Auditor');
    expect(dismissed.statusBy).toBe('Ann Auditor');
    expect(dismissed.statusChangedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(runRules(db, { full: true }).created).toBe(0);
    new LedgerWriter(db).transfer({ fromId: first!.transferId === 1 ? 2 : 1, toId: 3, resourceType: 'cash', resource: 'x', amountMinor: 1_00, currency: 'USD', date: '2024-01-01' });
    expect(runRules(db).mode).toBe('incremental');
    const after = new Map(listFlags(db).map((f) => [f.id, f]));
    expect(after.get(first!.id)).toMatchObject({ status: 'confirmed', statusBy: 'Rita Reviewer' });
    expect(after.get(second!.id)).toMatchObject({ status: 'dismissed', statusBy: 'Ann Auditor', statusReason: 'Ratified by the audit committee' });
    expect(db.prepare(`SELECT actor FROM audit_log WHERE action = 'flag.review' ORDER BY seq`).pluck().all()).toEqual(['Rita Reviewer', 'Ann Auditor']);
  });

  it('is deterministic: an incremental run after adding transfers equals a full run', () => {
    const build = () => {
      const { db } = tempLedger();
      const sink = groupLedgerSqlSink(db);
      const transfers: Array<Parameters<typeof sink.transfer>> = [];
      db.transaction(() => generateGroupLedger({ transfers: 3_000, entities: 500, affiliations: 1_500, relatedShare: 0.2 }, {
        ...sink, transfer: (...row) => transfers.push(row),
      }))();
      return { db, insert: (rows: typeof transfers) => db.transaction(() => { for (const r of rows) sink.transfer(...r); })(), transfers };
    };
    const stepwise = build();
    stepwise.insert(stepwise.transfers.slice(0, 2_000));
    const first = runRules(stepwise.db);
    expect(first.mode).toBe('full');
    stepwise.insert(stepwise.transfers.slice(2_000));
    const inc = runRules(stepwise.db);
    expect(inc.mode).toBe('incremental');
    expect(inc.evaluated).toBeLessThan(1_500);
    const whole = build();
    whole.insert(whole.transfers);
    runRules(whole.db);
    expect(count(whole.db, 'flags')).toBeGreaterThan(100);
    expect(snapshot(stepwise.db)).toEqual(snapshot(whole.db));
    // And a forced full run over the stepwise ledger changes nothing.
    expect(runRules(stepwise.db, { full: true })).toMatchObject({ created: 0, updated: 0, removed: 0 });
    expect(runRules(stepwise.db)).toMatchObject({ mode: 'incremental', evaluated: 0 });
  });

  it('a price band added, edited or removed re-values only its resource, and the result equals a full run', () => {
    const { db } = tempLedger();
    db.transaction(() => generateGroupLedger({ transfers: 3_000, entities: 500, affiliations: 1_500, relatedShare: 0.2 }, groupLedgerSqlSink(db)))();
    const w = new LedgerWriter(db);
    const h100 = { resourceKey: 'nvidia-h100', label: 'Nvidia H100 GPU', unit: 'unit', currency: 'USD', validFrom: '2019-01-01', validTo: '2026-12-31', source: 'test range' };
    w.priceBand({ ...h100, lowMinor: 25_000_00, baseMinor: 32_500_00, highMinor: 40_000_00 });
    const full = runRules(db);
    expect(full.mode).toBe('full');
    const offMarket = () => count(db, 'flags WHERE rule_id = \'off-market\'');
    const before = offMarket();
    expect(before).toBeGreaterThan(0);
    const unchangedByFullRun = () => expect(runRules(db, { full: true })).toMatchObject({ created: 0, updated: 0, removed: 0 });

    // A narrower band in force from a later id: more GPU prices fall outside it.
    const narrow = w.priceBand({ ...h100, lowMinor: 31_000_00, baseMinor: 32_500_00, highMinor: 34_000_00 });
    const added = runRules(db);
    expect(added.mode).toBe('incremental');
    expect(added.reason).toContain('price band (nvidia-h100)');
    expect(added.evaluated).toBeGreaterThan(0);
    expect(added.evaluated).toBeLessThan(full.evaluated);
    expect(offMarket()).toBeGreaterThan(before);
    unchangedByFullRun();

    // Edited in place, then removed: each time only that resource, and the same flags as a full run.
    db.prepare(`UPDATE price_bands SET low_minor = ?, high_minor = ? WHERE id = ?`).run(20_000_00, 50_000_00, narrow);
    expect(runRules(db)).toMatchObject({ mode: 'incremental' });
    expect(offMarket()).toBeLessThan(before);
    unchangedByFullRun();
    db.prepare(`DELETE FROM price_bands WHERE id = ?`).run(narrow);
    expect(runRules(db)).toMatchObject({ mode: 'incremental' });
    expect(offMarket()).toBe(before);
    unchangedByFullRun();

    // A band for a resource no transfer uses changes nothing and evaluates nothing of its own.
    w.priceBand({ ...h100, resourceKey: 'amd-mi300', label: 'AMD MI300', lowMinor: 10_000_00, baseMinor: 12_000_00, highMinor: 15_000_00 });
    expect(runRules(db)).toMatchObject({ mode: 'incremental', evaluated: 0, created: 0, updated: 0, removed: 0 });
    // Other inputs still re-run everything: a new board seat (person 1 at the last company).
    w.affiliation({ subjectId: 1, objectId: 500, kind: 'role', role: 'director' });
    expect(runRules(db).mode).toBe('full');
  });

  it('an FX rate added, edited or removed re-converts only the transfers of the dates it serves; a rates file re-runs everything', () => {
    const { db } = tempLedger();
    db.transaction(() => generateGroupLedger({ transfers: 3_000, entities: 500, affiliations: 1_500, relatedShare: 0.2 }, groupLedgerSqlSink(db)))();
    ensureReferenceRates(db);
    const full = runRules(db);
    // A related EUR transfer over the S-K 404 threshold in USD, on a day the reference rates cover.
    const sk404 = db.prepare(`SELECT t.occurred_on AS day FROM flags f JOIN transfers t ON t.id = f.transfer_id
      WHERE f.rule_id = 'sk404-threshold' AND t.currency = 'EUR' AND t.occurred_on IN (SELECT day FROM fx_rates WHERE quote = 'USD') ORDER BY t.id LIMIT 1`).get() as { day: string };
    const flagsOn = (day: string) => count(db, `flags f JOIN transfers t ON t.id = f.transfer_id WHERE f.rule_id = 'sk404-threshold' AND t.occurred_on = '${day}'`);
    const before = flagsOn(sk404.day);
    expect(before).toBeGreaterThan(0);
    const unchangedByFullRun = () => expect(runRules(db, { full: true })).toMatchObject({ created: 0, updated: 0, removed: 0 });

    // A person's rate for that day, one millionth of a dollar per euro: no EUR amount reaches $120,000.
    const rate = db.prepare(`INSERT INTO fx_rates (base, quote, day, rate_micro, source) VALUES ('EUR', 'USD', ?, 1, 'what if')`).run(sk404.day).lastInsertRowid;
    const scoped = runRules(db);
    expect(scoped.mode).toBe('incremental');
    expect(scoped.reason).toContain(`converted with a changed FX rate (${sk404.day})`);
    expect(scoped.evaluated).toBeGreaterThan(0);
    expect(scoped.evaluated).toBeLessThan(full.evaluated / 10);
    expect(flagsOn(sk404.day)).toBeLessThan(before);
    unchangedByFullRun();
    // Edited, then removed: the flags come back as a full run finds them.
    db.prepare(`UPDATE fx_rates SET rate_micro = 2 WHERE id = ?`).run(rate);
    expect(runRules(db).mode).toBe('incremental');
    unchangedByFullRun();
    db.prepare(`DELETE FROM fx_rates WHERE id = ?`).run(rate);
    expect(runRules(db).mode).toBe('incremental');
    expect(flagsOn(sk404.day)).toBe(before);
    unchangedByFullRun();

    // Rates for more than a month of days (a rates file) re-run everything.
    const add = db.prepare(`INSERT INTO fx_rates (base, quote, day, rate_micro, source) VALUES ('EUR', 'CHF', ?, 950000, 'file')`);
    for (let d = 1; d <= 40; d++) add.run(`2019-${String(1 + Math.floor((d - 1) / 28)).padStart(2, '0')}-${String(1 + ((d - 1) % 28)).padStart(2, '0')}`);
    expect(runRules(db)).toMatchObject({ mode: 'full', reason: 'FX rates of 40 days changed' });
  });

  it('re-evaluates only edited transfers and the others between the same parties', () => {
    const { db } = tempLedger();
    const { w, a, b } = related(db);
    const c = w.entity({ kind: 'company', name: 'Gamma Inc' });
    const t1 = w.transfer({ fromId: a, toId: b, resourceType: 'cash', resource: 'fee', amountMinor: 50_000_00, currency: 'USD', date: '2024-01-01' });
    w.transfer({ fromId: b, toId: a, resourceType: 'cash', resource: 'fee', amountMinor: 60_000_00, currency: 'USD', date: '2024-02-01' });
    w.transfer({ fromId: a, toId: c, resourceType: 'cash', resource: 'fee', amountMinor: 60_000_00, currency: 'USD', date: '2024-02-01' });
    runRules(db);
    expect(byRule(db, t1).has('sk404-threshold')).toBe(false);
    db.prepare(`UPDATE transfers SET amount_minor = ? WHERE id = ?`).run(500_000_00, t1);
    const r = runRules(db);
    expect(r).toMatchObject({ mode: 'incremental', evaluated: 2 });
    expect(byRule(db, t1).has('sk404-threshold')).toBe(true);
  });
});
