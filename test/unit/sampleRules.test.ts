import { describe, expect, it } from 'vitest';
import { allTransfers, getTransfer, type TransferWithKey } from '../../electron/core/ledger/read';
import { valueTransfer, deviationFromBand } from '../../electron/core/valuation/priceBand';
import { flagsForTransfer, listFlags, reviewFlag, runRules } from '../../electron/core/conflicts/flags';
import { ControlGraph, controlRelation } from '../../electron/core/conflicts/controlGraph';
import { LedgerWriter } from '../../electron/core/ledger/write';
import { count, tempLedger, tempSampleLedger } from './tempLedger';

const findRedirect = (ts: TransferWithKey[]) => ts.find((t) => t.status === 'redirected' && t.resource.includes('H100'))!;

describe('the built-in sample ledger', () => {
  it('holds the Musk group, the H100 redirect and the other transfers, each with evidence', () => {
    const { db } = tempSampleLedger();
    const ts = allTransfers(db);
    expect(ts.length).toBe(16);
    const redirect = findRedirect(ts);
    expect(redirect).toMatchObject({ from: { name: 'Tesla, Inc.' }, to: { name: 'X Corp.' }, intendedFor: { name: 'Tesla, Inc.' }, quantity: 12000, amountMinor: 50_000_000_000, currency: 'USD', date: '2023-12-01', datePrecision: 'month' });
    const unsupported = db.prepare(`SELECT count(*) FROM transfers t WHERE NOT EXISTS (SELECT 1 FROM evidence e WHERE e.transfer_id = t.id)`).pluck().get();
    expect(unsupported).toBe(0);
    const unsupportedAffiliations = db.prepare(`SELECT count(*) FROM affiliations a WHERE NOT EXISTS (SELECT 1 FROM evidence e WHERE e.affiliation_id = a.id)`).pluck().get();
    expect(unsupportedAffiliations).toBe(0);
    // Documents we do not hold carry no invented hash.
    expect(db.prepare(`SELECT count(*) FROM documents WHERE sha256 IS NOT NULL`).pluck().get()).toBe(0);
  });

  it('values the redirect from the $25k-$40k band next to the reported $500M', () => {
    const { db } = tempSampleLedger();
    const r = valueTransfer(db, findRedirect(allTransfers(db)));
    expect(r.valuation).not.toBeNull();
    const v = r.valuation!;
    expect([v.lowMinor, v.baseMinor, v.highMinor]).toEqual([30_000_000_000, 39_000_000_000, 48_000_000_000]);
    expect(v.reportedUnitMinor).toBe(4_166_667); // $41,666.67 a unit
    expect(v.deviationPct).toBeCloseTo((500 - 480) / 480 * 100, 6);
    expect(v.source).toMatch(/Raymond James/);
  });

  it('says why a transfer cannot be valued instead of guessing', () => {
    const { db } = tempSampleLedger();
    const cash = allTransfers(db).find((t) => t.resource === 'Megapack purchases')!;
    expect(valueTransfer(db, cash)).toEqual({ valuation: null, note: expect.stringMatching(/No price-book resource/) });
    const late = { ...findRedirect(allTransfers(db)), date: '2026-06-01' };
    expect(valueTransfer(db, late).note).toMatch(/no band for nvidia-h100 per unit on 2026-06-01/);
  });

  it('flags the redirect because Elon Musk leads Tesla and controls X, with dated, evidenced paths', () => {
    const { db } = tempSampleLedger();
    const redirect = findRedirect(allTransfers(db));
    const [flag] = flagsForTransfer(db, redirect.id);
    expect(flag).toBeDefined();
    expect(flag!.ruleId).toBe('common-control');
    expect(flag!.severity).toBe('high');
    expect(flag!.summary).toMatch(/Elon Musk controls or leads both sides/);
    expect(flag!.summary).toMatch(/\$300,000,000\.00 to \$480,000,000\.00/);
    expect(flag!.summary).toMatch(/4\.2% above the band/);
    const [toTesla, toX] = flag!.paths;
    expect(toTesla!.map((e) => [e.from.name, e.relation, e.to.name])).toEqual([['Elon Musk', 'CEO', 'Tesla, Inc.']]);
    expect(toX!.map((e) => [e.from.name, e.to.name, e.validFrom, e.validTo])).toEqual([['Elon Musk', 'X Corp.', '2022-10-27', '2025-03-28']]);
    expect(toX![0]!.evidence[0]!.excerpt).toMatch(/owner of X/);
  });

  it('follows control through a trust and through a parent company, on the right dates', () => {
    const { db } = tempSampleLedger();
    const graph = new ControlGraph(db);
    const id = (name: string) => db.prepare(`SELECT id FROM entities WHERE name = ?`).pluck().get(name) as number;
    const spacex = graph.controllersOn(id('SpaceX'), '2023-06-01');
    expect(spacex.has(id('Elon Musk trust (SpaceX holding)'))).toBe(true);
    // After xAI bought X, Musk controls X through xAI, not directly.
    const x2025 = graph.controllersOn(id('X Corp.'), '2025-06-01');
    expect(x2025.get(id('Elon Musk'))!.path.map((e) => e.to.name)).toEqual(['xAI', 'X Corp.']);
    // Before X existed as Musk's, nobody in the ledger controlled it.
    expect(graph.controllersOn(id('X Corp.'), '2021-01-01').size).toBe(0);
  });

  it('does not flag a transfer between parties nobody controls in common', () => {
    const { db } = tempSampleLedger();
    const w = new LedgerWriter(db);
    const nvidia = db.prepare(`SELECT id FROM entities WHERE name = 'Nvidia'`).pluck().get() as number;
    const buyer = w.entity({ kind: 'company', name: 'Unrelated Cloud Ltd' });
    const id = w.transfer({ fromId: buyer, toId: nvidia, resourceType: 'cash', resource: 'GPU purchase', amountMinor: 1_000_000_00, currency: 'USD', date: '2024-03-01' });
    runRules(db);
    expect(flagsForTransfer(db, id)).toEqual([]);
  });

  it('grades severity by the amount at stake', () => {
    const { db } = tempLedger();
    const w = new LedgerWriter(db);
    const p = w.entity({ kind: 'person', name: 'Pat Owner' });
    const a = w.entity({ kind: 'company', name: 'A Co' });
    const b = w.entity({ kind: 'company', name: 'B Co' });
    w.affiliation({ subjectId: p, objectId: a, kind: 'ownership', equityPct: 60, votingPct: 60 });
    w.affiliation({ subjectId: p, objectId: b, kind: 'role', role: 'Chair' });
    const small = w.transfer({ fromId: a, toId: b, resourceType: 'cash', resource: 'fee', amountMinor: 50_000_00, currency: 'USD', date: '2024-01-01' });
    const mid = w.transfer({ fromId: a, toId: b, resourceType: 'cash', resource: 'fee', amountMinor: 500_000_00, currency: 'USD', date: '2024-01-01' });
    const big = w.transfer({ fromId: b, toId: a, resourceType: 'cash', resource: 'fee', amountMinor: 5_000_000_00, currency: 'USD', date: '2024-01-01' });
    runRules(db);
    expect([small, mid, big].map((id) => flagsForTransfer(db, id)[0]?.severity)).toEqual(['low', 'medium', 'high']);
  });

  it('ignores minority stakes, non-executive roles and expired roles', () => {
    expect(controlRelation({ kind: 'ownership', role: null, equity_pct: 13, voting_pct: 13 })).toBeNull();
    expect(controlRelation({ kind: 'ownership', role: null, equity_pct: 42, voting_pct: 78 })?.relation).toMatch(/78%/);
    expect(controlRelation({ kind: 'role', role: 'director', equity_pct: null, voting_pct: null })).toBeNull();
    expect(controlRelation({ kind: 'role', role: 'CEO', equity_pct: null, voting_pct: null })?.transitive).toBe(false);
    const { db } = tempLedger();
    const w = new LedgerWriter(db);
    const p = w.entity({ kind: 'person', name: 'Former CEO' });
    const a = w.entity({ kind: 'company', name: 'A Co' });
    const b = w.entity({ kind: 'company', name: 'B Co' });
    w.affiliation({ subjectId: p, objectId: a, kind: 'role', role: 'CEO', validFrom: '2010-01-01', validTo: '2019-12-31' });
    w.affiliation({ subjectId: p, objectId: b, kind: 'role', role: 'CEO', validFrom: '2010-01-01' });
    const before = w.transfer({ fromId: a, toId: b, resourceType: 'cash', resource: 'fee', amountMinor: 1_00, currency: 'USD', date: '2019-06-01' });
    const after = w.transfer({ fromId: a, toId: b, resourceType: 'cash', resource: 'fee', amountMinor: 1_00, currency: 'USD', date: '2021-06-01' });
    runRules(db);
    expect(flagsForTransfer(db, before)).toHaveLength(1);
    expect(flagsForTransfer(db, after)).toHaveLength(0);
  });

  it('handles a ring of cross-holdings without looping', () => {
    const { db } = tempLedger();
    const w = new LedgerWriter(db);
    const [a, b, c] = ['A', 'B', 'C'].map((n) => w.entity({ kind: 'company', name: n })) as [number, number, number];
    w.affiliation({ subjectId: a, objectId: b, kind: 'ownership', votingPct: 60 });
    w.affiliation({ subjectId: b, objectId: c, kind: 'ownership', votingPct: 60 });
    w.affiliation({ subjectId: c, objectId: a, kind: 'ownership', votingPct: 60 });
    const found = new ControlGraph(db).controllersOn(a, '2024-01-01');
    expect([...found.keys()].sort()).toEqual([b, c].sort());
  });

  it('keeps a review decision when the rules run again, and needs a reason to dismiss', () => {
    const { db } = tempSampleLedger();
    const flag = listFlags(db)[0]!;
    expect(() => reviewFlag(db, flag.id, 'dismissed', '  ')).toThrow(/needs a reason/);
    reviewFlag(db, flag.id, 'dismissed', 'Approved by the audit committee on 2024-02-01');
    const before = count(db, 'flags');
    const rerun = runRules(db);
    expect(rerun.created).toBe(0);
    expect(count(db, 'flags')).toBe(before);
    const after = flagsForTransfer(db, flag.transferId)[0]!;
    expect(after.status).toBe('dismissed');
    expect(after.statusReason).toBe('Approved by the audit committee on 2024-02-01');
  });

  it('removes an open flag whose condition no longer holds', () => {
    const { db } = tempSampleLedger();
    const redirect = findRedirect(allTransfers(db));
    db.prepare(`UPDATE affiliations SET valid_to = '2022-12-31' WHERE role = 'owner'`).run();
    const r = runRules(db);
    expect(r.removed).toBeGreaterThan(0);
    expect(flagsForTransfer(db, redirect.id)).toEqual([]);
    expect(getTransfer(db, redirect.id).flagCount).toBe(0);
  });
});

describe('deviation from a band', () => {
  it('is zero inside, positive above, negative below', () => {
    expect(deviationFromBand(30, 25, 40)).toBe(0);
    expect(deviationFromBand(50, 25, 40)).toBeCloseTo(25);
    expect(deviationFromBand(20, 25, 40)).toBeCloseTo(-20);
  });
});
