import { describe, expect, it } from 'vitest';
import { flagsForTransfer, runRules, rules } from '../../electron/core/conflicts/flags';
import { allTransfers } from '../../electron/core/ledger/read';
import { LedgerWriter } from '../../electron/core/ledger/write';
import { ensureReferenceRates } from '../../electron/core/valuation/fx';
import type { Db } from '../../electron/core/db/open';
import { tempLedger, tempSampleLedger } from './tempLedger';

const byRule = (db: Db, transferId: number) => new Map(flagsForTransfer(db, transferId).map((f) => [f.ruleId, f]));
const redirectOf = (db: Db) => allTransfers(db).find((t) => t.status === 'redirected')!;

function firms(db: Db) {
  const w = new LedgerWriter(db);
  const pat = w.entity({ kind: 'person', name: 'Pat Quinn' });
  const a = w.entity({ kind: 'company', name: 'Alpha Inc' });
  const b = w.entity({ kind: 'company', name: 'Beta Inc' });
  return { w, pat, a, b };
}

describe('the rule set', () => {
  it('gives every rule an id, a version and a regime', () => {
    expect(rules.map((r) => `${r.id}@${r.version}/${r.regime}`)).toEqual([
      'common-control@1/general', 'interlock@1/general', 'corporate-opportunity@1/delaware', 'off-market@1/general',
      'sk404-threshold@1/us-sec', 'missing-approval@1/us-sec', 'undisclosed@1/us-sec', 'aktg-111a@1/eu-de', 'round-trip@1/general',
      'ias24-material@1/ifrs',
    ]);
  });
});

describe('interlock', () => {
  it('flags a person who is an officer or director of both sides, and not a mere shareholder', () => {
    const { db } = tempLedger();
    const { w, pat, a, b } = firms(db);
    w.affiliation({ subjectId: pat, objectId: a, kind: 'role', role: 'director', validFrom: '2020-01-01' });
    w.affiliation({ subjectId: pat, objectId: b, kind: 'role', role: 'Chief Financial Officer', validFrom: '2020-01-01' });
    const t = w.transfer({ fromId: a, toId: b, resourceType: 'services', resource: 'consulting', amountMinor: 50_000_00, currency: 'USD', date: '2024-02-01' });
    const other = w.entity({ kind: 'company', name: 'Gamma Inc' });
    w.affiliation({ subjectId: pat, objectId: other, kind: 'ownership', equityPct: 5, votingPct: 5 });
    const t2 = w.transfer({ fromId: a, toId: other, resourceType: 'services', resource: 'consulting', amountMinor: 50_000_00, currency: 'USD', date: '2024-02-01' });
    runRules(db);
    const f = byRule(db, t);
    expect([...f.keys()]).toEqual(['interlock']);
    expect(f.get('interlock')!.summary).toMatch(/Pat Quinn holds an officer or director role on both sides: Alpha Inc \(Pat Quinn: director\) and Beta Inc \(Pat Quinn: Chief Financial Officer\)/);
    expect(f.get('interlock')!.summary).toMatch(/under IAS 24 a shared director alone does not make the firms related/);
    expect(byRule(db, t2).size).toBe(0);
  });
});

describe('off-market terms', () => {
  it('flags the H100 redirect at $41,667 a unit against a $25k-$40k band, with the gap at stake', () => {
    const { db } = tempSampleLedger();
    const f = byRule(db, redirectOf(db).id).get('off-market')!;
    expect(f.title).toBe('Off-market: 4.2% above the market band');
    expect(f.atStakeMinor).toBe(20_000_000_00); // $500M reported - $480M band high
    expect(f.summary).toMatch(/lies \$20,000,000\.00 above the band's high, between parties related through Elon Musk/);
  });

  it('leaves a price inside the band alone, and unrelated parties alone', () => {
    const { db } = tempSampleLedger();
    const w = new LedgerWriter(db);
    const id = (n: string) => db.prepare(`SELECT id FROM entities WHERE name = ?`).pluck().get(n) as number;
    const inside = w.transfer({ fromId: id('Tesla, Inc.'), toId: id('xAI'), resourceType: 'gpu', resource: 'Nvidia H100 GPU', resourceKey: 'nvidia-h100', quantity: 100, unit: 'unit', amountMinor: 3_000_000_00, currency: 'USD', date: '2024-03-01' });
    const stranger = w.entity({ kind: 'company', name: 'Stranger Cloud' });
    const unrelated = w.transfer({ fromId: id('Nvidia'), toId: stranger, resourceType: 'gpu', resource: 'Nvidia H100 GPU', resourceKey: 'nvidia-h100', quantity: 100, unit: 'unit', amountMinor: 9_000_000_00, currency: 'USD', date: '2024-03-01' });
    runRules(db);
    expect(byRule(db, inside).has('off-market')).toBe(false);
    expect(byRule(db, unrelated).size).toBe(0);
  });
});

describe('corporate opportunity', () => {
  it('flags GPUs meant for Tesla that went to X, with the Broz factors and their evidence', () => {
    const { db } = tempSampleLedger();
    const f = byRule(db, redirectOf(db).id).get('corporate-opportunity')!;
    expect(f.title).toBe('Corporate opportunity: meant for Tesla, Inc., went to X Corp.');
    expect(f.summary).toMatch(/\(3\) interest or expectancy: yes — it was meant for Tesla, Inc\. and was redirected/);
    expect(f.summary).toMatch(/\(4\) conflict: yes — Elon Musk stands on both sides/);
    expect(f.summary).not.toMatch(/Inc\.\./);
    expect(f.paths[0]![0]!.evidence[0]!.excerpt).toMatch(/CEO of Tesla/);
  });

  it('does not flag a transfer that reached the firm it was meant for', () => {
    const { db } = tempSampleLedger();
    const swapBack = allTransfers(db).find((t) => t.status === 'proposed')!;
    expect(byRule(db, swapBack.id).has('corporate-opportunity')).toBe(false);
  });
});

describe('S-K 404 threshold and approval', () => {
  it('needs more than $120,000 with a related person, converting other currencies at the day\'s rate', () => {
    const { db } = tempLedger();
    ensureReferenceRates(db);
    const { w, pat, a, b } = firms(db);
    w.affiliation({ subjectId: pat, objectId: a, kind: 'role', role: 'CEO' });
    w.affiliation({ subjectId: pat, objectId: b, kind: 'control', role: 'majority owner' });
    const under = w.transfer({ fromId: a, toId: b, resourceType: 'cash', resource: 'fee', amountMinor: 120_000_00, currency: 'USD', date: '2024-03-01' });
    const over = w.transfer({ fromId: a, toId: b, resourceType: 'cash', resource: 'fee', amountMinor: 120_000_01, currency: 'USD', date: '2024-03-01' });
    // €115,000 on 2024-03-01 at EUR/USD 1.0813 is $124,349.50: over the threshold.
    const euros = w.transfer({ fromId: b, toId: a, resourceType: 'cash', resource: 'rent', amountMinor: 115_000_00, currency: 'EUR', date: '2024-03-01' });
    runRules(db);
    expect(byRule(db, under).has('sk404-threshold')).toBe(false);
    expect(byRule(db, over).get('sk404-threshold')!.title).toBe('S-K 404: $120,000.01 with related person Pat Quinn');
    const eur = byRule(db, euros).get('sk404-threshold')!;
    expect(eur.atStakeMinor).toBe(124_349_50);
    expect(eur.summary).toMatch(/€115,000\.00 at EUR\/USD 1\.0813 on 2024-03-01/);
  });

  it('clears the missing-approval flag once an independent body approved, but not for a conflicted one', () => {
    const { db } = tempSampleLedger();
    const t = redirectOf(db);
    expect(byRule(db, t.id).has('missing-approval')).toBe(true);
    const w = new LedgerWriter(db);
    w.approval({ transferId: t.id, body: 'Board of directors (Musk voting)', independent: false, decision: 'approved', decidedOn: '2023-12-15' });
    runRules(db);
    expect(byRule(db, t.id).has('missing-approval')).toBe(true);
    w.approval({ transferId: t.id, body: 'Audit committee', independent: true, decision: 'ratified', decidedOn: '2024-06-20' });
    runRules(db);
    expect(byRule(db, t.id).has('missing-approval')).toBe(false);
    expect(byRule(db, t.id).has('sk404-threshold')).toBe(true);
  });
});

describe('AktG §111a threshold', () => {
  it('adds up a year of transactions with the same party against 1.5% of total assets', () => {
    const { db } = tempLedger();
    const { w, pat, a, b } = firms(db);
    w.affiliation({ subjectId: pat, objectId: a, kind: 'control', role: 'majority shareholder' });
    w.affiliation({ subjectId: pat, objectId: b, kind: 'control', role: 'majority shareholder' });
    db.prepare(`INSERT INTO issuer_figures (entity_id, figure, period_end, amount_minor, currency) VALUES (?, 'totalAssets', '2024-12-31', ?, 'EUR')`).run(a, 100_000_000_00);
    const first = w.transfer({ fromId: a, toId: b, resourceType: 'cash', resource: 'loan', amountMinor: 1_000_000_00, currency: 'EUR', date: '2024-03-01' });
    const second = w.transfer({ fromId: b, toId: a, resourceType: 'services', resource: 'services', amountMinor: 600_000_00, currency: 'EUR', date: '2024-09-01' });
    const nextYear = w.transfer({ fromId: a, toId: b, resourceType: 'cash', resource: 'loan', amountMinor: 1_000_000_00, currency: 'EUR', date: '2025-01-15' });
    runRules(db);
    expect(byRule(db, first).has('aktg-111a')).toBe(false); // 1.0% alone
    const f = byRule(db, second).get('aktg-111a')!;
    expect(f.title).toBe("AktG §111a: 1.60% of Alpha Inc's assets with Beta Inc");
    expect(f.atStakeMinor).toBe(1_600_000_00);
    expect(f.summary).toMatch(/With 1 earlier transaction with Beta Inc in 2024, the total is €1,600,000\.00/);
    expect(byRule(db, nextYear).has('aktg-111a')).toBe(false); // no 2025 figure: nothing to compare with
  });
});

describe('undisclosed', () => {
  function withDisclosure(amountMinor: number, label = 'SpaceX') {
    const { db } = tempSampleLedger();
    const tesla = db.prepare(`SELECT id FROM entities WHERE name = 'Tesla, Inc.'`).pluck().get() as number;
    const doc = new LedgerWriter(db).document({ name: 'Tesla 10-K 2023', kind: 'xbrl' });
    new LedgerWriter(db).disclosure({ documentId: doc, issuerId: tesla, counterpartyLabel: label, concept: 'us-gaap:RevenueFromRelatedParties', direction: 'received',
      periodStart: '2023-01-01', periodEnd: '2023-12-31', amountMinor, currency: 'USD', locator: 'fact f-1' });
    runRules(db);
    const spacexPayment = allTransfers(db).find((t) => t.from.name === 'SpaceX' && t.amountMinor === 2_100_000_00)!;
    return { db, spacexPayment };
  }

  it('is quiet when a disclosure by the issuer covers the transfer', () => {
    const { db, spacexPayment } = withDisclosure(2_050_000_00);
    expect(byRule(db, spacexPayment.id).has('undisclosed')).toBe(false);
  });

  it('flags a transfer that the issuer\'s disclosures for the year do not cover', () => {
    const { db, spacexPayment } = withDisclosure(50_000_00);
    const f = byRule(db, spacexPayment.id).get('undisclosed')!;
    expect(f.title).toBe('Undisclosed: no disclosure by Tesla, Inc. covers this transfer');
    expect(f.summary).toMatch(/include 1 about SpaceX, but none for this period and an amount within 10% of \$2,100,000\.00/);
  });

  it('does not guess when no disclosures of the issuer were imported', () => {
    const { db } = tempSampleLedger();
    expect(db.prepare(`SELECT count(*) FROM flags WHERE rule_id = 'undisclosed'`).pluck().get()).toBe(0);
  });
});
