import { describe, expect, it } from 'vitest';
import { lookThrough } from '../../electron/core/conflicts/lookThrough';
import { ControlGraph } from '../../electron/core/conflicts/controlGraph';
import { LedgerWriter } from '../../electron/core/ledger/write';
import type { Db } from '../../electron/core/db/open';
import { tempLedger } from './tempLedger';

function ledger(): { db: Db; w: LedgerWriter; co: (name: string) => number; person: (name: string) => number } {
  const { db } = tempLedger();
  const w = new LedgerWriter(db);
  return { db, w, co: (name) => w.entity({ kind: 'company', name }), person: (name) => w.entity({ kind: 'person', name }) };
}
const holder = (r: ReturnType<typeof lookThrough>, id: number) => r.holders.find((h) => h.holder.id === id);

describe('ownership look-through', () => {
  it('multiplies the shares along a chain ten deep', () => {
    const { db, w, co, person } = ledger();
    const top = person('Top Holder');
    const firms = Array.from({ length: 10 }, (_, i) => co(`Level ${i + 1}`));
    w.affiliation({ subjectId: top, objectId: firms[0]!, kind: 'ownership', equityPct: 80, votingPct: 80 });
    for (let i = 1; i < firms.length; i++) w.affiliation({ subjectId: firms[i - 1]!, objectId: firms[i]!, kind: 'ownership', equityPct: 90, votingPct: 90 });
    const r = lookThrough(db, firms[9]!, '2024-01-01');
    // 0.8 x 0.9^9
    expect(holder(r, top)!.effectivePct).toBeCloseTo(80 * 0.9 ** 9, 6);
    expect(holder(r, top)!.chains[0]!.path).toHaveLength(10);
    expect(holder(r, top)!.controls).toBe(true); // a majority at every step
    expect(holder(r, top)!.controlPath.map((e) => e.to.name)).toEqual(firms.map((_, i) => `Level ${i + 1}`));
  });

  it('sums the products over every chain', () => {
    const { db, w, co, person } = ledger();
    const p = person('Pat');
    const [a, b, c] = [co('A'), co('B'), co('C')];
    w.affiliation({ subjectId: p, objectId: a, kind: 'ownership', equityPct: 50 });
    w.affiliation({ subjectId: p, objectId: b, kind: 'ownership', equityPct: 50 });
    w.affiliation({ subjectId: a, objectId: c, kind: 'ownership', equityPct: 40 });
    w.affiliation({ subjectId: b, objectId: c, kind: 'ownership', equityPct: 20 });
    w.affiliation({ subjectId: p, objectId: c, kind: 'ownership', equityPct: 5 });
    const r = lookThrough(db, c, '2024-01-01');
    // 0.5 x 0.4 + 0.5 x 0.2 + 0.05 = 35%
    expect(holder(r, p)!.effectivePct).toBeCloseTo(35, 9);
    expect(holder(r, p)!.chains.map((ch) => Math.round(ch.pct * 100) / 100)).toEqual([20, 10, 5]);
    expect(holder(r, p)!.controls).toBe(false); // no majority anywhere: 35% is not control
  });

  it('ends in a ring of cross-holdings and counts each simple chain once', () => {
    const { db, w, co } = ledger();
    const [a, b, c] = [co('A'), co('B'), co('C')];
    w.affiliation({ subjectId: a, objectId: b, kind: 'ownership', equityPct: 50 });
    w.affiliation({ subjectId: b, objectId: a, kind: 'ownership', equityPct: 10 });
    w.affiliation({ subjectId: b, objectId: c, kind: 'ownership', equityPct: 60 });
    const r = lookThrough(db, c, '2024-01-01');
    expect(holder(r, b)!.effectivePct).toBeCloseTo(60, 9);
    expect(holder(r, a)!.effectivePct).toBeCloseTo(30, 9); // A -> B -> C; the ring back to A is not walked again
    expect(r.truncated).toBe(false);
  });

  it('ignores holdings outside their dates', () => {
    const { db, w, co, person } = ledger();
    const p = person('Former Owner');
    const a = co('A');
    w.affiliation({ subjectId: p, objectId: a, kind: 'ownership', equityPct: 70, validFrom: '2010-01-01', validTo: '2019-12-31' });
    expect(holder(lookThrough(db, a, '2015-06-01'), p)!.effectivePct).toBe(70);
    expect(holder(lookThrough(db, a, '2021-06-01'), p)).toBeUndefined();
  });
});

describe('control', () => {
  it('by a majority of the votes even with a minority of the equity', () => {
    const { db, w, co, person } = ledger();
    const p = person('Dual Class');
    const a = co('A');
    w.affiliation({ subjectId: p, objectId: a, kind: 'ownership', equityPct: 20, votingPct: 60 });
    const r = lookThrough(db, a, '2024-01-01');
    expect(holder(r, p)).toMatchObject({ effectivePct: 20, controls: true });
    expect(holder(r, p)!.controlPath[0]!.relation).toMatch(/60% of the votes/);
  });

  it('by the power to appoint the board, without a majority', () => {
    const { db, w, co, person } = ledger();
    const p = person('Founder');
    const a = co('A');
    w.affiliation({ subjectId: p, objectId: a, kind: 'ownership', role: 'appoints a majority of the board', equityPct: 10, votingPct: 10 });
    expect(new ControlGraph(db).controllersOn(a, '2024-01-01').get(p)!.path[0]!.relation).toMatch(/power over the board/);
  });

  it('by one third of the votes with managerial authority, but not by one third alone', () => {
    const { db, w, co, person } = ledger();
    const p = person('Chief');
    const q = person('Passive');
    const a = co('A');
    const b = co('B');
    w.affiliation({ subjectId: p, objectId: a, kind: 'ownership', votingPct: 35 });
    w.affiliation({ subjectId: p, objectId: a, kind: 'role', role: 'CEO', validFrom: '2020-01-01', validTo: '2022-12-31' });
    w.affiliation({ subjectId: q, objectId: b, kind: 'ownership', votingPct: 40 });
    const child = co('A Sub');
    w.affiliation({ subjectId: a, objectId: child, kind: 'ownership', votingPct: 100 });
    const g = new ControlGraph(db);
    // While CEO: controls A and, through A, its subsidiary.
    expect(g.controllersOn(child, '2021-06-01').get(p)!.path.map((e) => e.relation)[0]).toMatch(/one third plus managerial authority/);
    // After leaving the post, 35% alone is not control.
    expect(g.controllersOn(child, '2023-06-01').has(p)).toBe(false);
    expect(g.controllersOn(b, '2021-06-01').has(q)).toBe(false);
  });
});
