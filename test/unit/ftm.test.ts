import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFtm } from '../../electron/core/importers/ftm/parseFtm';
import { exportFtm } from '../../electron/core/importers/ftm/exportFtm';
import { isOfficerRole } from '../../electron/core/importers/ftm/model';
import { allTransfers } from '../../electron/core/ledger/read';
import { LedgerWriter } from '../../electron/core/ledger/write';
import { mergeEntities } from '../../electron/core/ledger/edits';
import { detectFormat } from '../../electron/core/importers/detect';
import { commitExtraction } from '../../electron/core/importers/commitExtraction';
import { count, tempLedger, tempSampleLedger } from './tempLedger';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures/ftm', name));
const lines = (...entities: unknown[]) => Buffer.from(entities.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('\n'));
const party = (id: string, name: string, schema = 'Company', properties: Record<string, unknown> = {}) => ({ id, schema, properties: { name: [name], ...properties } });

describe('FollowTheMoney JSON lines', () => {
  const x = parseFtm(fixture('musk-group.jsonl'), 'musk-group.jsonl');

  it('is a file the format detection sends here', () => {
    expect(detectFormat(fixture('musk-group.jsonl'), 'musk-group.jsonl')).toBe('ftm');
  });

  it('reads parties with their kinds, names, aliases, identifiers and jurisdictions', () => {
    expect(x.format).toBe('ftm');
    expect(x.entities.map((e) => [e.key, e.kind, e.name, e.aliases, e.jurisdiction])).toEqual([
      ['p-musk', 'person', 'Elon Musk', ['Elon Reeve Musk'], null],
      ['p-kimbal', 'person', 'Kimbal Musk', [], null],
      ['c-tesla', 'company', 'Tesla, Inc.', ['Tesla Motors, Inc.'], 'US'],
      ['c-spacex', 'company', 'Space Exploration Technologies Corp.', ['SpaceX'], 'US'],
      ['o-xai', 'company', 'X.AI Corp.', [], 'US'],
      ['le-trust', 'trust', 'Elon Musk Revocable Trust', [], null],
    ]);
    expect(x.entities[2]!.identifiers).toEqual([
      { scheme: 'cik', value: '0001318605', jurisdiction: null },
      { scheme: 'ticker', value: 'TSLA', jurisdiction: null },
      { scheme: 'other', value: 'irsCode: 91-2197729', jurisdiction: null },
    ]);
    expect(x.entities[3]!.identifiers).toEqual([{ scheme: 'registration', value: '3500808', jurisdiction: 'US' }]);
    const text = fixture('musk-group.jsonl').toString('utf8');
    const third = text.split('\n')[2]!;
    expect(x.entities[2]!.locator).toEqual({ label: 'line 3 (Company c-tesla)', line: 3, elementId: 'c-tesla', charStart: text.indexOf(third), charEnd: text.indexOf(third) + third.length });
  });

  it('reads ownership, directorships, employment, family and unknown links as affiliations', () => {
    expect(x.affiliations.map((a) => [a.locator.line, a.subjectKey, a.objectKey, a.kind, a.role, a.equityPct, a.votingPct, a.validFrom, a.validTo])).toEqual([
      [8, 'p-musk', 'c-tesla', 'ownership', 'shareholder', 13, null, '2010-01-01', null],
      // An end known to the year lasts to the end of that year.
      [9, 'le-trust', 'c-spacex', 'ownership', null, 42, 78, '2022-01-01', '2022-12-31'],
      [10, 'p-musk', 'c-tesla', 'role', 'Director', null, null, '2004-04-01', null],
      [11, 'p-musk', 'c-tesla', 'role', 'Chief Executive Officer', null, null, '2008-10-01', null],
      [12, 'p-musk', 'o-xai', 'role', 'unknown link: founder', null, null, null, null],
      [13, 'p-musk', 'p-kimbal', 'family', 'brother', null, null, null, null],
      [19, 'le-trust', 'o-xai', 'ownership', null, null, null, null, null],
    ]);
  });

  it('reads payments as cash transfers in minor units, with the precision of their dates', () => {
    expect(x.transfers).toEqual([
      { fromKey: 'o-xai', toKey: 'c-tesla', resourceType: 'cash', resource: 'Megapack purchases', amountMinor: 19_830_000_000, currency: 'USD',
        date: '2024-01-01', datePrecision: 'year', description: '', locator: { label: 'line 14 (Payment pay-1)', line: 14, elementId: 'pay-1', charStart: expect.any(Number), charEnd: expect.any(Number) } },
      { fromKey: 'c-spacex', toKey: 'c-tesla', resourceType: 'cash', resource: 'parts and services', amountMinor: 210_000_050, currency: 'USD',
        date: '2023-05-01', datePrecision: 'month', description: 'first of two payments', locator: expect.objectContaining({ line: 15 }) },
      { fromKey: 'c-tesla', toKey: 'c-spacex', resourceType: 'cash', resource: 'aircraft use', amountMinor: 70_000_000, currency: 'USD',
        date: '2023-11-15', datePrecision: 'day', description: '', locator: expect.objectContaining({ line: 16 }) },
    ]);
  });

  it('reports every problem with its line and reads the other lines', () => {
    expect(x.problems.map((p) => [p.locator.label, p.message])).toEqual([
      ['line 17', expect.stringMatching(/^not valid JSON \(.+\); line skipped$/)],
      ['line 18 (Ownership own-3)', 'owner refers to "c-unknown-holdco", which is not in the file; the Ownership is skipped'],
      ['line 19 (Ownership own-4)', 'percentage "25-50" is a range, not one figure; kept without a percentage'],
      ['line 20 (Payment pay-4)', 'the Payment has no date; skipped'],
      ['line 21 (Address addr-1)', 'schema Address is not imported: 2 entities of it skipped (the first at line 21 (Address addr-1))'],
    ]);
    expect(x.problems.map((p) => p.locator.line)).toEqual([17, 18, 19, 20, 21]);
  });

  it('locates lines by character range, across CRLF line ends and a byte-order mark', () => {
    const text = '\uFEFF' + [JSON.stringify(party('a', 'Acme')), '', JSON.stringify(party('b', 'Beta'))].join('\r\n');
    const y = parseFtm(Buffer.from(text), 'crlf.jsonl');
    const body = text.slice(1);
    expect(y.entities.map((e) => [e.locator.line, body.slice(e.locator.charStart, e.locator.charEnd)])).toEqual([
      [1, JSON.stringify(party('a', 'Acme'))], [3, JSON.stringify(party('b', 'Beta'))],
    ]);
  });

  it('merges fragments of one entity spread over lines, and refuses an id reused for another schema', () => {
    const y = parseFtm(lines(
      party('a', 'Acme', 'Company', { jurisdiction: ['de'] }),
      { id: 'a', schema: 'Company', properties: { alias: ['Acme GmbH'], leiCode: ['529900t8bm49aursdo55'] } },
      { id: 'a', schema: 'Person', properties: { name: ['Ann Acme'] } },
    ), 'frag.jsonl');
    expect(y.entities).toMatchObject([{ key: 'a', name: 'Acme', aliases: ['Acme GmbH'], jurisdiction: 'DE', identifiers: [{ scheme: 'lei', value: '529900T8BM49AURSDO55' }] }]);
    expect(y.problems.map((p) => [p.locator.line, p.message])).toEqual([[3, 'id "a" was already used at line 1 (Company a) with schema Company; this Person line skipped']]);
  });

  it('says why a link cannot be used: missing end, a skipped party, a non-party, the same entity twice', () => {
    const y = parseFtm(lines(
      party('a', 'Acme'),
      { id: 'nameless', schema: 'Company', properties: { jurisdiction: ['us'] } },
      { id: 'd1', schema: 'Directorship', properties: { director: ['nameless'], organization: ['a'] } },
      { id: 'p1', schema: 'Payment', properties: { payer: ['a'], beneficiary: ['a'], amount: ['1'], currency: ['USD'], date: ['2024'] } },
      { id: 'u1', schema: 'UnknownLink', properties: { subject: ['a'], object: ['p1'] } },
      { id: 'e1', schema: 'Employment', properties: { employer: ['a'] } },
      { id: 'o1', schema: 'Ownership', properties: { owner: ['a', 'nameless'], asset: ['a'] } },
    ), 'links.jsonl');
    expect(y.affiliations).toEqual([]);
    expect(y.transfers).toEqual([]);
    expect(y.problems.map((p) => [p.locator.line, p.message])).toEqual([
      [2, 'the Company has no name; skipped'],
      [3, 'director refers to "nameless" (line 2 (Company nameless)), which was skipped; the Directorship is skipped'],
      [4, 'payer and beneficiary are the same entity ("a"); skipped'],
      [5, 'object refers to "p1" (line 4 (Payment p1)), a Payment, not a person or organisation; the UnknownLink is skipped'],
      [6, 'the Employment has no employee; skipped'],
      [7, 'owner names 2 entities; only the first ("a") is used'],
      [7, 'owner and asset are the same entity ("a"); skipped'],
    ]);
  });

  it('keeps a payment whose amount cannot be read, without the amount, and says why', () => {
    const pay = (id: string, props: Record<string, string[]>) => ({ id, schema: 'Payment', properties: { payer: ['a'], beneficiary: ['b'], date: ['2024-02-30'], ...props } });
    const y = parseFtm(lines(
      party('a', 'Acme'), party('b', 'Beta', 'Person'),
      pay('p1', { amount: ['-5'], currency: ['USD'], date: ['2024-02'] }),
      pay('p2', { amount: ['100'], date: ['2024'] }),
      pay('p3', { amount: ['100'], currency: ['US$'], date: ['2024'] }),
      pay('p4', { amount: ['1.005'], currency: ['USD'], date: ['2024'] }),
      pay('p5', { amountEur: ['1.234,56'], date: ['2024'] }),
      pay('p6', { amount: ['10'], currency: ['USD'] }),
    ), 'pay.jsonl');
    expect(y.transfers.map((t) => [t.locator.elementId, t.amountMinor, t.currency])).toEqual([['p1', null, null], ['p2', null, null], ['p3', null, null], ['p4', null, null], ['p5', null, null]]);
    expect(y.problems.map((p) => [p.locator.elementId, p.message])).toEqual([
      ['p1', 'amount "-5" is negative; a transfer\'s direction gives its sign; kept without an amount'],
      ['p2', 'amount 100 has no currency; kept without an amount'],
      ['p3', 'currency "US$" is not an ISO 4217 code; kept without an amount'],
      ['p4', 'amount "1.005" has more decimals than USD allows (2); kept without an amount'],
      ['p5', 'amount "1.234,56" is not a number; kept without an amount'],
      ['p6', 'date "2024-02-30" is not a calendar date; left out'],
      ['p6', 'the Payment has no readable date; skipped'],
    ]);
  });

  it('reads Control as control and an UnknownLink that names its kind as that kind', () => {
    const y = parseFtm(lines(
      party('a', 'Acme'), party('p', 'Pat', 'Person'), party('q', 'Quinn', 'Person'),
      { id: 'c1', schema: 'Control', properties: { controller: ['p'], controlled: ['a'], controlType: ['voting'] } },
      { id: 'u1', schema: 'UnknownLink', properties: { subject: ['p'], object: ['a'], role: ['control: owner'] } },
      { id: 'u2', schema: 'UnknownLink', properties: { subject: ['p'], object: ['q'], role: ['family: spouse'] } },
      { id: 'm1', schema: 'Membership', properties: { member: ['q'], organization: ['a'] } },
      { id: 'u3', schema: 'UnknownLink', properties: { subject: ['q'], object: ['a'] } },
    ), 'kinds.jsonl');
    expect(y.affiliations.map((a) => [a.kind, a.role])).toEqual([['control', 'voting'], ['control', 'owner'], ['family', 'spouse'], ['role', 'member'], ['role', 'unknown link']]);
    expect(y.problems).toEqual([]);
  });

  it('refuses a file with no FtM entity on any line, naming it', () => {
    expect(() => parseFtm(Buffer.from('date,from,to\n2024-01-01,A,B\n'), 'ledger.csv'))
      .toThrow(/^ledger\.csv: not FollowTheMoney JSON lines: no line holds an entity \(line 1: not valid JSON .*\); expected FollowTheMoney JSON lines, one \{"id", "schema", "properties"\} object a line\.$/);
    expect(() => parseFtm(Buffer.from('{"name": "x"}\n'), 'x.jsonl')).toThrow(/line 1: the entity has no "id"/);
  });

  it('tells officer roles from directors', () => {
    for (const r of ['CEO', 'founder and CEO', 'Chief Financial Officer', 'President', 'Secretary']) expect(isOfficerRole(r), r).toBe(true);
    for (const r of ['Director', 'Chairman', 'Executive Chairman', 'non-executive director', 'owner', null]) expect(isOfficerRole(r), String(r)).toBe(false);
  });
});

describe('exporting the ledger as FollowTheMoney', () => {
  it('writes the sample ledger deterministically, one valid entity a line', () => {
    const { db } = tempSampleLedger();
    const out = exportFtm(db);
    expect(exportFtm(db)).toBe(out);
    expect(out.endsWith('\n')).toBe(true);
    const entities = out.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; schema: string; properties: Record<string, string[]> });
    for (const e of entities) {
      expect(e.id).toMatch(/^armslength-(entity|affiliation|transfer)-\d+$/);
      for (const values of Object.values(e.properties)) expect(values.every((v) => typeof v === 'string' && v !== '')).toBe(true);
    }
    const byName = (name: string) => entities.find((e) => e.properties.name?.[0] === name)!;
    const tesla = byName('Tesla, Inc.');
    expect(tesla).toEqual({ id: tesla.id, schema: 'Company', properties: { name: ['Tesla, Inc.'], alias: ['Tesla', 'Tesla Motors'], jurisdiction: ['us'], cikCode: ['0001318605'], ticker: ['TSLA'] } });
    expect(byName('Elon Musk').schema).toBe('Person');
    expect(byName('Elon Musk trust (SpaceX holding)')).toMatchObject({ schema: 'Company', properties: { legalForm: ['trust'] } });
    const ref = (name: string) => byName(name).id;
    const link = (schema: string, a: string, b: string) => entities.filter((e) => e.schema === schema && Object.values(e.properties).some((v) => v[0] === ref(a)) && Object.values(e.properties).some((v) => v[0] === ref(b)));

    expect(link('Employment', 'Elon Musk', 'Tesla, Inc.').map((e) => e.properties)).toEqual([{ employee: [ref('Elon Musk')], employer: [ref('Tesla, Inc.')], role: ['CEO'], startDate: ['2008-10-01'] }]);
    expect(link('Ownership', 'Elon Musk trust (SpaceX holding)', 'SpaceX').map((e) => e.properties)).toEqual([{
      owner: [ref('Elon Musk trust (SpaceX holding)')], asset: [ref('SpaceX')], role: ['shareholder'], percentage: ['42'], startDate: ['2022-01-01'],
      summary: ['voting rights: 78%'], description: ['as reported for 2022 (verify)'],
    }]);
    expect(link('UnknownLink', 'Elon Musk', 'X Corp.').map((e) => e.properties)).toEqual([{
      subject: [ref('Elon Musk')], object: [ref('X Corp.')], role: ['control: owner'], startDate: ['2022-10-27'], endDate: ['2025-03-28'],
    }]);
    const redirect = entities.find((e) => e.properties.purpose?.[0] === 'Nvidia H100 GPU')!;
    expect(redirect).toMatchObject({ schema: 'Payment', properties: {
      payer: [ref('Tesla, Inc.')], beneficiary: [ref('X Corp.')], amount: ['500000000.00'], currency: ['USD'], date: ['2023-12'],
      summary: ['resource type: gpu; status: redirected; quantity: 12000 unit; intended for: Tesla, Inc.'],
    } });
    const swap = entities.find((e) => e.properties.role?.[0] === 'transfer: Nvidia H100 GPU order slots')!;
    expect(swap).toMatchObject({ schema: 'UnknownLink', properties: { subject: [ref('X Corp.')], object: [ref('Tesla, Inc.')], date: ['2024-01'] } });
    db.close();
  });

  it('writes nothing for an empty ledger', () => {
    const { db } = tempLedger();
    expect(exportFtm(db)).toBe('');
    db.close();
  });

  it('round-trips the sample ledger through parseFtm', () => {
    const { db } = tempSampleLedger();
    const back = parseFtm(Buffer.from(exportFtm(db)), 'sample.ftm.jsonl');
    expect(back.problems).toEqual([]);

    const ledgerEntities = db.prepare(`SELECT id, kind, name, jurisdiction FROM entities WHERE merged_into_id IS NULL ORDER BY id`).all() as Array<{ id: number; kind: string; name: string; jurisdiction: string | null }>;
    const aliasesOf = (id: number) => db.prepare(`SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY id`).pluck().all(id);
    const identifiersOf = (id: number) => db.prepare(`SELECT scheme, value FROM entity_identifiers WHERE entity_id = ? ORDER BY id`).all(id);
    expect(back.entities.map((e) => ({ kind: e.kind, name: e.name, jurisdiction: e.jurisdiction, aliases: e.aliases, identifiers: e.identifiers.map(({ scheme, value }) => ({ scheme, value })) })))
      .toEqual(ledgerEntities.map((e) => ({ kind: e.kind, name: e.name, jurisdiction: e.jurisdiction, aliases: aliasesOf(e.id), identifiers: identifiersOf(e.id) })));
    const nameOfKey = new Map(back.entities.map((e) => [e.key, e.name]));

    const ledgerAffiliations = db.prepare(`SELECT s.name AS subject, o.name AS object, a.kind, a.role, a.equity_pct, a.voting_pct, a.valid_from, a.valid_to
      FROM affiliations a JOIN entities s ON s.id = a.subject_id JOIN entities o ON o.id = a.object_id ORDER BY a.id`).all();
    expect(back.affiliations.map((a) => ({ subject: nameOfKey.get(a.subjectKey), object: nameOfKey.get(a.objectKey), kind: a.kind, role: a.role,
      equity_pct: a.equityPct, voting_pct: a.votingPct, valid_from: a.validFrom, valid_to: a.validTo }))).toEqual(ledgerAffiliations);
    expect(back.affiliations.length).toBe(11);

    const ledgerTransfers = allTransfers(db).sort((a, b) => a.id - b.id).map((t) => ({ from: t.from.name, to: t.to.name, resourceType: t.resourceType, resource: t.resource,
      amountMinor: t.amountMinor, currency: t.currency, date: t.date, datePrecision: t.datePrecision, description: t.description }));
    expect(back.transfers.map((t) => ({ from: nameOfKey.get(t.fromKey), to: nameOfKey.get(t.toKey), resourceType: t.resourceType, resource: t.resource,
      amountMinor: t.amountMinor, currency: t.currency, date: t.date, datePrecision: t.datePrecision, description: t.description }))).toEqual(ledgerTransfers);
    expect(back.transfers.length).toBe(16);
    db.close();
  });

  it('round-trips the shapes the sample lacks: funds, public bodies, a person\'s CIK, voting-only and person-held links, yen', () => {
    const { db } = tempLedger();
    const w = new LedgerWriter(db);
    const ann = w.entity({ kind: 'person', name: 'Ann Insider' });
    const bob = w.entity({ kind: 'person', name: 'Bob Insider' });
    const fund = w.entity({ kind: 'fund', name: 'Growth Fund I', jurisdiction: 'KY' });
    const city = w.entity({ kind: 'public_body', name: 'City of Austin', jurisdiction: 'US' });
    const acme = w.entity({ kind: 'company', name: 'Acme KK', jurisdiction: 'JP' });
    w.identifier({ entityId: ann, scheme: 'cik', value: '0001494730' });
    w.identifier({ entityId: acme, scheme: 'lei', value: '5493001KJTIIGC8Y1R12' });
    w.identifier({ entityId: acme, scheme: 'other', value: 'corporate number 1234' });
    w.affiliation({ subjectId: fund, objectId: acme, kind: 'ownership', votingPct: 30, validFrom: '2020-01-01', validTo: '2023-06-30' });
    w.affiliation({ subjectId: ann, objectId: bob, kind: 'family', role: 'spouse' });
    w.affiliation({ subjectId: bob, objectId: ann, kind: 'role', role: 'assistant' });
    w.affiliation({ subjectId: fund, objectId: ann, kind: 'ownership', role: 'trust beneficiary interest', equityPct: 40, votingPct: 0 });
    w.affiliation({ subjectId: ann, objectId: city, kind: 'role', role: 'council member' });
    w.transfer({ fromId: acme, toId: fund, resourceType: 'ip', resource: 'patent licence', amountMinor: 123_456, currency: 'JPY', date: '2023-04-01', datePrecision: 'day' });
    const back = parseFtm(Buffer.from(exportFtm(db)), 'edge.jsonl');
    expect(back.problems).toEqual([]);
    expect(back.entities.map((e) => [e.kind, e.name, e.jurisdiction, e.identifiers.map((i) => `${i.scheme} ${i.value}`)])).toEqual([
      ['person', 'Ann Insider', null, ['cik 0001494730']],
      ['person', 'Bob Insider', null, []],
      ['fund', 'Growth Fund I', 'KY', []],
      ['public_body', 'City of Austin', 'US', []],
      ['company', 'Acme KK', 'JP', ['lei 5493001KJTIIGC8Y1R12', 'other corporate number 1234']],
    ]);
    expect(back.affiliations.map((a) => [a.kind, a.role, a.equityPct, a.votingPct, a.validFrom, a.validTo])).toEqual([
      ['ownership', null, null, 30, '2020-01-01', '2023-06-30'],
      ['family', 'spouse', null, null, null, null],
      ['role', 'assistant', null, null, null, null],
      ['ownership', 'trust beneficiary interest', 40, 0, null, null],
      ['role', 'council member', null, null, null, null],
    ]);
    expect(back.transfers).toMatchObject([{ resourceType: 'ip', resource: 'patent licence', amountMinor: 123_456, currency: 'JPY', date: '2023-04-01', datePrecision: 'day' }]);
    expect(exportFtm(db)).toContain('"amount":["123456"],"currency":["JPY"]');
    db.close();
  });

  it('never writes a merged entity, nor a reference to one', () => {
    const { db } = tempSampleLedger();
    const [boring, neuralink] = ['The Boring Company', 'Neuralink'].map((n) => db.prepare(`SELECT id FROM entities WHERE name = ?`).pluck().get(n) as number);
    mergeEntities(db, boring!, neuralink!, 'test: one entity');
    const out = exportFtm(db);
    expect(out).not.toContain(`"armslength-entity-${neuralink}"`);
    const back = parseFtm(Buffer.from(out), 'merged.jsonl');
    expect(back.problems).toEqual([]);
    expect(back.entities.map((e) => e.name)).not.toContain('Neuralink');
    expect(back.entities.find((e) => e.name === 'The Boring Company')!.aliases).toEqual(['Neuralink']);
    expect(back.affiliations.filter((a) => a.objectKey === `armslength-entity-${boring}`).map((a) => a.role)).toEqual(['runs the company', 'runs the company']);
    db.close();
  });

  it('exports what a fresh ledger accepts whole through the import pipeline', () => {
    const { db: sample } = tempSampleLedger();
    const bytes = Buffer.from(exportFtm(sample));
    sample.close();
    const { db } = tempLedger();
    const r = commitExtraction(db, parseFtm(bytes, 'sample.ftm.jsonl'), { fileName: 'sample.ftm.jsonl', bytes });
    expect(r).toMatchObject({ entitiesNew: 9, affiliations: 11, transfers: 16, problemsLeftOut: 0 });
    expect(count(db, 'entity_identifiers')).toBe(4);
    db.close();
  });
});
