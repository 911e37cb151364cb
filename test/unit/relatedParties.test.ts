import { describe, expect, it } from 'vitest';
import { relatedParties } from '../../electron/core/conflicts/relatedParties';
import { LedgerWriter } from '../../electron/core/ledger/write';
import { createHandlers } from '../../electron/core/handlers';
import type { Db } from '../../electron/core/db/open';
import { tempLedger, tempSampleLedger } from './tempLedger';

function group(db: Db) {
  const w = new LedgerWriter(db);
  const e = (kind: 'company' | 'person', name: string) => w.entity({ kind, name });
  const issuer = e('company', 'Issuer Corp');
  const parent = e('company', 'Parent Holdings');
  const sub = e('company', 'Issuer Sub');
  const assoc = e('company', 'Associate Co');
  const sibling = e('company', 'Fellow Sub');
  const dana = e('person', 'Dana Director');
  const old = e('person', 'Olga Oldboard');
  const cfo = e('person', 'Chris CFO');
  const kid = e('person', 'Kim CFO-child');
  const investor = e('person', 'Ivy Investor');
  const parentChair = e('person', 'Paul Parentchair');
  w.affiliation({ subjectId: parent, objectId: issuer, kind: 'ownership', equityPct: 60, votingPct: 60 });
  w.affiliation({ subjectId: parent, objectId: sibling, kind: 'ownership', equityPct: 100, votingPct: 100 });
  w.affiliation({ subjectId: issuer, objectId: sub, kind: 'ownership', equityPct: 75, votingPct: 75 });
  w.affiliation({ subjectId: issuer, objectId: assoc, kind: 'ownership', equityPct: 25, votingPct: 25 });
  w.affiliation({ subjectId: dana, objectId: issuer, kind: 'role', role: 'director', validFrom: '2019-01-01' });
  w.affiliation({ subjectId: old, objectId: issuer, kind: 'role', role: 'director', validFrom: '2015-01-01', validTo: '2022-06-30' });
  w.affiliation({ subjectId: cfo, objectId: issuer, kind: 'role', role: 'Chief Financial Officer', validFrom: '2020-01-01' });
  w.affiliation({ subjectId: kid, objectId: cfo, kind: 'family', role: 'child' });
  w.affiliation({ subjectId: investor, objectId: issuer, kind: 'ownership', equityPct: 22, votingPct: 22 });
  w.affiliation({ subjectId: parentChair, objectId: parent, kind: 'role', role: 'Chairman', validFrom: '2018-01-01' });
  return { issuer, parent, sub, assoc, sibling, dana, old, cfo, kid, investor, parentChair };
}

const cats = (list: ReturnType<typeof relatedParties>, regime: 'us-sec' | 'ias24', id: number) => list.filter((p) => p.regime === regime && p.party.id === id).map((p) => p.category).sort();

describe('related persons under S-K 404', () => {
  it('names directors, officers, >5% holders and immediate family, for the fiscal year', () => {
    const { db } = tempLedger();
    const g = group(db);
    const r = relatedParties(db, g.issuer, '2024-06-30');
    expect(cats(r, 'us-sec', g.dana)).toEqual(['director']);
    expect(cats(r, 'us-sec', g.cfo)).toEqual(['executive officer']);
    expect(cats(r, 'us-sec', g.investor)).toEqual(['>5% holder']);
    expect(cats(r, 'us-sec', g.parent)).toEqual(['>5% holder']);
    const child = r.find((p) => p.regime === 'us-sec' && p.party.id === g.kid)!;
    expect(child.category).toBe('immediate family');
    expect(child.path.map((e) => `${e.from.name} -${e.relation}-> ${e.to.name}`)).toEqual(['Kim CFO-child -child-> Chris CFO', 'Chris CFO -Chief Financial Officer-> Issuer Corp']);
    expect(child.validFrom).toBe('2020-01-01');
  });

  it('drops a director who left before the year, but keeps one who served part of it', () => {
    const { db } = tempLedger();
    const g = group(db);
    expect(cats(relatedParties(db, g.issuer, '2024-06-30'), 'us-sec', g.old)).toEqual([]);
    const in2022 = relatedParties(db, g.issuer, '2022-12-31');
    expect(cats(in2022, 'us-sec', g.old)).toEqual(['director']); // served until 30 June 2022: at any time that year
    expect(in2022.find((p) => p.party.id === g.old)!.validTo).toBe('2022-06-30');
  });
});

describe('related parties under IAS 24', () => {
  it('names the parent, significant influence from 20%, key management of the entity and its parent, and close family', () => {
    const { db } = tempLedger();
    const g = group(db);
    const r = relatedParties(db, g.issuer, '2024-06-30');
    expect(cats(r, 'ias24', g.parent)).toEqual(['parent']);
    expect(cats(r, 'ias24', g.investor)).toEqual(['significant influence']);
    expect(cats(r, 'ias24', g.dana)).toEqual(['key management']);
    expect(cats(r, 'ias24', g.parentChair)).toEqual(['key management of the parent']);
    expect(cats(r, 'ias24', g.kid)).toEqual(['close family']);
    expect(cats(r, 'ias24', g.old)).toEqual([]); // left in 2022: not key management at the date
  });

  it('names subsidiaries, associates and fellow subsidiaries, with the path that makes them so', () => {
    const { db } = tempLedger();
    const g = group(db);
    const r = relatedParties(db, g.issuer, '2024-06-30');
    expect(cats(r, 'ias24', g.sub)).toEqual(['subsidiary']);
    expect(cats(r, 'ias24', g.assoc)).toEqual(['associate']);
    const sibling = r.find((p) => p.regime === 'ias24' && p.party.id === g.sibling)!;
    expect(sibling.category).toBe('fellow subsidiary');
    expect(sibling.path.map((e) => e.to.name)).toEqual(['Issuer Corp', 'Fellow Sub']);
  });

  it('answers through the entity:relatedParties channel for the sample (Musk controls X: related to Tesla)', async () => {
    const { db } = tempSampleLedger();
    const tesla = db.prepare(`SELECT id FROM entities WHERE name = 'Tesla, Inc.'`).pluck().get() as number;
    const session = { db, info: () => ({ name: 'sample' }) } as unknown as Parameters<typeof createHandlers>[0];
    const h = createHandlers(session, { appVersion: 'test', printPdf: async () => Buffer.alloc(0), emit: () => undefined });
    const list = await h['entity:relatedParties']({ entityId: tesla, asOf: '2024-06-01' });
    const x = list.find((p) => p.regime === 'ias24' && p.party.name === 'X Corp.')!;
    expect(x.category).toBe('controlled by a related person');
    expect(x.path.map((e) => e.from.name)).toEqual(['Elon Musk', 'Elon Musk']);
    expect(x.path[1]!.evidence.length).toBeGreaterThan(0);
    expect(list.find((p) => p.regime === 'us-sec' && p.party.name === 'Elon Musk' && p.category === 'executive officer')).toBeDefined();
  });
});
