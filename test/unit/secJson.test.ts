import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSecJson, normalizeCik } from '../../electron/core/importers/secJson/parseSecJson';
import { directionOf, isRelatedPartyConcept } from '../../electron/core/importers/secJson/concepts';
import { decimalToMinor, numberToDecimalString } from '../../electron/core/importers/secJson/decimal';
import { detectFormat } from '../../electron/core/importers/detect';
import { commitExtraction } from '../../electron/core/importers/commitExtraction';
import { count, tempSampleLedger } from './tempLedger';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures/sec-json', name));
const json = (v: unknown) => Buffer.from(JSON.stringify(v));

const K23 = { accn: '0001628280-24-002390', fy: 2023, fp: 'FY', form: '10-K', filed: '2024-01-29' };
const K22 = { accn: '0000950170-23-001409', fy: 2022, fp: 'FY', form: '10-K', filed: '2023-01-31' };

describe('SEC companyfacts', () => {
  const x = parseSecJson(fixture('tesla-companyfacts-excerpt.json'), 'tesla-companyfacts-excerpt.json');
  const issuer = { name: 'Tesla, Inc.', cik: '0001318605' };
  const byConcept = (c: string) => x.disclosures.filter((d) => d.concept === c);

  it('detects the format and pads the CIK', () => {
    expect(x.format).toBe('sec-companyfacts');
    expect(x.disclosures.every((d) => d.issuer.cik === '0001318605' && d.issuer.name === 'Tesla, Inc.')).toBe(true);
  });

  it('keeps related-party concepts only, one disclosure per distinct fact', () => {
    expect([...new Set(x.disclosures.map((d) => d.concept))].sort()).toEqual([
      'us-gaap:AccountsPayableRelatedPartiesCurrent',
      'us-gaap:DueFromRelatedPartiesCurrent',
      'us-gaap:DueToRelatedPartiesCurrent',
      'us-gaap:IncreaseDecreaseInDueToRelatedParties',
      'us-gaap:RelatedPartyTransactionPurchasesFromRelatedParty',
      'us-gaap:RelatedPartyTransactionRate',
      'us-gaap:RevenueFromRelatedParties',
    ]);
    expect(x.disclosures).toHaveLength(8);
  });

  it('keeps a fact repeated in a later filing once, from the earliest filing, and lists the others', () => {
    const [y2022, y2023] = byConcept('us-gaap:DueToRelatedPartiesCurrent');
    expect(y2022).toEqual({
      issuer, counterpartyLabel: null, concept: 'us-gaap:DueToRelatedPartiesCurrent', direction: 'payable',
      periodStart: null, periodEnd: '2022-12-31', amountMinor: 1_200_000_000, currency: 'USD',
      description: 'Due to Related Parties, Current',
      locator: { label: 'us-gaap:DueToRelatedPartiesCurrent, USD, accn 0000950170-23-001409, FY2022 10-K', elementId: 'us-gaap:DueToRelatedPartiesCurrent/USD/0' },
      excerpt: JSON.stringify({ end: '2022-12-31', val: 12000000, ...K22, frame: 'CY2022Q4I' }),
      duplicates: [{ label: 'us-gaap:DueToRelatedPartiesCurrent, USD, accn 0001628280-24-002390, FY2023 10-K', elementId: 'us-gaap:DueToRelatedPartiesCurrent/USD/1' }],
    });
    expect(y2023).toMatchObject({ periodEnd: '2023-12-31', amountMinor: 950_000_000, direction: 'payable' });
    expect(y2023!.duplicates).toBeUndefined();
  });

  it('converts values to minor units exactly and reads direction from the concept name', () => {
    const one = (c: string) => { const d = byConcept(c); expect(d).toHaveLength(1); return d[0]!; };
    expect(one('us-gaap:RevenueFromRelatedParties')).toMatchObject({ amountMinor: 123_456_789, currency: 'USD', direction: 'received', periodStart: '2023-01-01', periodEnd: '2023-12-31' });
    expect(one('us-gaap:RelatedPartyTransactionPurchasesFromRelatedParty')).toMatchObject({ amountMinor: 210_000_000, direction: 'paid', periodStart: '2023-01-01', periodEnd: '2023-12-31',
      locator: { label: 'us-gaap:RelatedPartyTransactionPurchasesFromRelatedParty, USD, accn 0001628280-24-002390, FY2023 10-K' } });
    expect(one('us-gaap:DueFromRelatedPartiesCurrent')).toMatchObject({ amountMinor: 35_000_000, direction: 'receivable', periodStart: null, periodEnd: '2023-12-31' });
    // A change in a balance has no direction of its own; its sign is kept as filed.
    expect(one('us-gaap:IncreaseDecreaseInDueToRelatedParties')).toMatchObject({ amountMinor: -250_000_000, direction: 'other' });
  });

  it('keeps a non-monetary fact without an amount and says why', () => {
    const rate = byConcept('us-gaap:RelatedPartyTransactionRate')[0]!;
    expect(rate).toMatchObject({ amountMinor: null, currency: null, periodStart: '2023-01-01', periodEnd: '2023-12-31',
      locator: { label: 'us-gaap:RelatedPartyTransactionRate, pure, accn 0001628280-24-002390, FY2023 10-K' } });
    expect(rate.description).toBe('Related Party Transaction, Rate. Unit "pure" is not a currency, so this is not a monetary amount: value 0.05 pure, no amount kept');
  });

  it('locates malformed facts and reads the rest of the concept', () => {
    expect(x.problems).toEqual([
      { locator: { label: 'us-gaap:AccountsPayableRelatedPartiesCurrent, USD, index 0', elementId: 'us-gaap:AccountsPayableRelatedPartiesCurrent/USD/0' },
        message: 'fact has no valid end date (end: null); skipped' },
      { locator: { label: 'us-gaap:AccountsPayableRelatedPartiesCurrent, USD, index 1', elementId: 'us-gaap:AccountsPayableRelatedPartiesCurrent/USD/1' },
        message: 'fact has no numeric value (val: "n/a"); skipped' },
    ]);
    expect(byConcept('us-gaap:AccountsPayableRelatedPartiesCurrent')).toMatchObject([{ amountMinor: 64_000_000, direction: 'payable', locator: { elementId: 'us-gaap:AccountsPayableRelatedPartiesCurrent/USD/2' } }]);
  });

  it('takes revenue, total assets and equity, preferring annual figures and the total concept', () => {
    const figs = x.figures.map((f) => [f.figure, f.concept, f.periodStart, f.periodEnd, f.amountMinor, f.currency, f.locator.label]);
    expect(figs).toEqual([
      // Full-year revenue only: the Q3 quarter and the nine months to September are left out.
      ['revenue', 'us-gaap:Revenues', '2022-01-01', '2022-12-31', 8_146_200_000_000, 'USD', 'us-gaap:Revenues, USD, accn 0001628280-24-002390, FY2023 10-K'],
      // Revenues wins over the narrower RevenueFromContractWithCustomerExcludingAssessedTax.
      ['revenue', 'us-gaap:Revenues', '2023-01-01', '2023-12-31', 9_677_300_000_000, 'USD', 'us-gaap:Revenues, USD, accn 0001628280-24-002390, FY2023 10-K'],
      ['totalAssets', 'us-gaap:Assets', null, '2022-12-31', 8_233_800_000_000, 'USD', 'us-gaap:Assets, USD, accn 0001628280-24-002390, FY2023 10-K'],
      ['totalAssets', 'us-gaap:Assets', null, '2023-09-30', 9_394_100_000_000, 'USD', 'us-gaap:Assets, USD, accn 0001628280-23-034847, FY2023 Q3 10-Q'],
      // The 10-K balance wins over the same date repeated in the next 10-Q.
      ['totalAssets', 'us-gaap:Assets', null, '2023-12-31', 10_661_800_000_000, 'USD', 'us-gaap:Assets, USD, accn 0001628280-24-002390, FY2023 10-K'],
      ['equity', 'us-gaap:StockholdersEquity', null, '2023-12-31', 6_263_400_000_000, 'USD', 'us-gaap:StockholdersEquity, USD, accn 0001628280-24-002390, FY2023 10-K'],
    ]);
    expect(x.figures.every((f) => f.issuer.cik === '0001318605')).toBe(true);
  });
});

describe('SEC fixtures in the import pipeline', () => {
  it('are files the format detection sends here', () => {
    expect(detectFormat(fixture('tesla-companyfacts-excerpt.json'), 'x.json')).toBe('sec-json');
    expect(detectFormat(fixture('tesla-companyconcept-AccountsReceivableRelatedPartiesCurrent.json'), 'x.json')).toBe('sec-json');
  });

  it('commit their valid part to the issuer already in the ledger', () => {
    const { db } = tempSampleLedger();
    const bytes = fixture('tesla-companyfacts-excerpt.json');
    const r = commitExtraction(db, parseSecJson(bytes, 'facts.json'), { fileName: 'facts.json', bytes, importValidPart: true });
    expect(r).toMatchObject({ disclosures: 8, figures: 6, problemsLeftOut: 2 });
    const tesla = db.prepare(`SELECT entity_id FROM entity_identifiers WHERE scheme = 'cik' AND value = '0001318605'`).pluck().get();
    expect(db.prepare(`SELECT DISTINCT issuer_id FROM disclosures`).pluck().all()).toEqual([tesla]);
    expect(count(db, 'issuer_figures')).toBe(6);
    db.close();
  });
});

describe('SEC companyconcept', () => {
  it('reads one concept, with a zero-padded string CIK, keeping the earliest filing of a repeated fact', () => {
    const x = parseSecJson(fixture('tesla-companyconcept-AccountsReceivableRelatedPartiesCurrent.json'), 'c.json');
    expect(x.format).toBe('sec-companyconcept');
    expect(x.problems).toEqual([]);
    expect(x.figures).toEqual([]);
    expect(x.disclosures.map((d) => [d.periodEnd, d.amountMinor, d.direction, d.locator.label, (d.duplicates ?? []).map((l) => l.elementId)])).toEqual([
      ['2022-12-31', 41_000_000, 'receivable', 'us-gaap:AccountsReceivableRelatedPartiesCurrent, USD, accn 0000950170-23-001409, FY2022 10-K',
        ['us-gaap:AccountsReceivableRelatedPartiesCurrent/USD/3', 'us-gaap:AccountsReceivableRelatedPartiesCurrent/USD/0']],
      ['2023-06-30', 45_500_000, 'receivable', 'us-gaap:AccountsReceivableRelatedPartiesCurrent, USD, accn 0000950170-23-033872, FY2023 Q2 10-Q', []],
      ['2023-12-31', 52_000_000, 'receivable', 'us-gaap:AccountsReceivableRelatedPartiesCurrent, USD, accn 0001628280-24-002390, FY2023 10-K', []],
    ]);
    expect(x.disclosures[0]!.issuer).toEqual({ name: 'Tesla, Inc.', cik: '0001318605' });
  });

  it('says when the concept is neither related-party nor a reference figure', () => {
    const x = parseSecJson(json({ cik: 1318605, taxonomy: 'us-gaap', tag: 'AccountsPayableCurrent', label: 'AP', entityName: 'Tesla, Inc.', units: { USD: [{ end: '2023-12-31', val: 1, ...K23 }] } }), 'ap.json');
    expect(x.disclosures).toEqual([]);
    expect(x.problems).toEqual([{ locator: { label: 'us-gaap:AccountsPayableCurrent', elementId: 'us-gaap:AccountsPayableCurrent' },
      message: 'us-gaap:AccountsPayableCurrent is neither a related-party concept nor revenue, total assets or equity; nothing was extracted' }]);
  });

  it('reads a revenue concept as figures', () => {
    const x = parseSecJson(json({ cik: 1318605, taxonomy: 'us-gaap', tag: 'Revenues', label: 'Revenues', entityName: 'Tesla, Inc.',
      units: { USD: [{ start: '2023-01-01', end: '2023-12-31', val: 96773000000, ...K23 }] } }), 'rev.json');
    expect(x.figures).toMatchObject([{ figure: 'revenue', amountMinor: 9_677_300_000_000, periodStart: '2023-01-01', periodEnd: '2023-12-31' }]);
    expect(x.problems).toEqual([]);
  });
});

describe('SEC JSON details', () => {
  const facts = (concepts: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    json({ cik: 320193, entityName: 'Apple Inc.', facts: { 'us-gaap': concepts }, ...extra });

  it('normalises CIKs given as numbers or strings', () => {
    expect(normalizeCik(1318605)).toBe('0001318605');
    expect(normalizeCik('1318605')).toBe('0001318605');
    expect(normalizeCik('0001318605')).toBe('0001318605');
    expect(normalizeCik('CIK0000320193')).toBe('0000320193');
    expect(normalizeCik('12345678901')).toBeNull();
    expect(normalizeCik(0)).toBeNull();
    expect(normalizeCik('abc')).toBeNull();
    const x = parseSecJson(json({ cik: 'not a cik', entityName: 'X', facts: {} }), 'x.json');
    expect(x.problems).toEqual([{ locator: { label: 'cik' }, message: 'the CIK "not a cik" is not a positive number of at most 10 digits; the issuer is known by name only' }]);
  });

  it('treats per-share units as non-monetary', () => {
    const x = parseSecJson(facts({ RelatedPartyTransactionAmountsOfTransaction: { label: 'RPT amount', units: { 'USD/shares': [{ start: '2023-01-01', end: '2023-12-31', val: 1.25, ...K23 }] } } }), 'eps.json');
    expect(x.disclosures).toMatchObject([{ amountMinor: null, currency: null, direction: 'other' }]);
    expect(x.disclosures[0]!.description).toMatch(/Unit "USD\/shares" is not a currency/);
    expect(x.disclosures[0]!.issuer).toEqual({ name: 'Apple Inc.', cik: '0000320193' });
  });

  it('reads other currencies with their own minor units, and rounds sub-cent values saying so', () => {
    const x = parseSecJson(facts({
      DueToRelatedPartiesCurrent: { label: 'Due to RP', units: { JPY: [{ end: '2023-03-31', val: 1500000000, ...K23 }], EUR: [{ end: '2023-03-31', val: 10.125, ...K23 }] } },
    }), 'fx.json');
    expect(x.disclosures.map((d) => [d.currency, d.amountMinor])).toEqual([['JPY', 1_500_000_000], ['EUR', 1013]]);
    expect(x.disclosures[1]!.description).toMatch(/more decimals than EUR has; rounded/);
  });

  it('locates structural problems and never throws on them', () => {
    const x = parseSecJson(facts({
      DueToRelatedPartiesCurrent: { label: 'Due to RP', units: { USD: 'oops', EUR: [42, { start: '2024-01-01', end: '2023-12-31', val: 1, ...K23 }, { end: '2023-02-30', val: 1 }] } },
      DueFromRelatedPartiesCurrent: 'not an object',
      RevenueFromRelatedParties: { label: 'x' },
    }), 'bad.json');
    expect(x.disclosures).toEqual([]);
    expect(x.problems.map((p) => [p.locator.elementId, p.message])).toEqual([
      ['us-gaap:DueToRelatedPartiesCurrent/USD', 'unit "USD" is not a list of facts'],
      ['us-gaap:DueToRelatedPartiesCurrent/EUR/0', 'fact is not an object; skipped'],
      ['us-gaap:DueToRelatedPartiesCurrent/EUR/1', 'fact starts (2024-01-01) after it ends (2023-12-31); skipped'],
      ['us-gaap:DueToRelatedPartiesCurrent/EUR/2', 'fact has no valid end date (end: "2023-02-30"); skipped'],
      ['us-gaap:DueFromRelatedPartiesCurrent', 'the concept is not an object with label, description and units'],
      ['us-gaap:RevenueFromRelatedParties', 'the concept has no units object'],
    ]);
    const y = parseSecJson(json({ cik: 1, entityName: 'A', facts: [] }), 'y.json');
    expect(y.problems.map((p) => p.message)).toEqual(['"facts" is not an object of taxonomies; nothing could be read']);
  });

  it('refuses what is not SEC XBRL JSON, naming the file and what was expected', () => {
    const refuse = (s: string) => () => parseSecJson(Buffer.from(s), 'prices.json');
    expect(refuse('{"cik": 1,')).toThrow(/^prices\.json: not SEC XBRL JSON: the file is not valid JSON \(.*\); expected a companyfacts \(\{cik, entityName, facts\}\) or companyconcept/);
    expect(refuse('[1, 2]')).toThrow('prices.json: not SEC XBRL JSON: the file holds a JSON array; expected a companyfacts');
    expect(refuse('{"hello": "world"}')).toThrow('prices.json: not SEC XBRL JSON: a JSON object with neither "facts" nor "units" (keys: hello)');
    expect(refuse('{"taxonomy":"us-gaap","tag":"Revenues","ccp":"CY2023","uom":"USD","pts":10,"data":[]}')).toThrow(/frames file \(one concept across many companies\)/);
    expect(refuse('{"cik":"1318605","filings":{"recent":{}}}')).toThrow(/submissions file/);
  });

  it('uses annual IFRS figures of a 20-F filer and leaves quarterly revenue out', () => {
    const x = parseSecJson(json({ cik: 1000184, entityName: 'SAP SE', facts: { 'ifrs-full': {
      Revenue: { label: 'Revenue', units: { EUR: [
        { start: '2023-01-01', end: '2023-12-31', val: 31207000000, accn: 'a1', fy: 2023, fp: 'FY', form: '20-F', filed: '2024-02-22' },
        { start: '2023-10-01', end: '2023-12-31', val: 8470000000, accn: 'a2', fy: 2023, fp: 'Q4', form: '6-K', filed: '2024-01-25' },
      ] } },
      Equity: { label: 'Equity', units: { EUR: [{ end: '2023-12-31', val: 44000000000, accn: 'a1', fy: 2023, fp: 'FY', form: '20-F', filed: '2024-02-22' }] } },
      EquityAttributableToOwnersOfParent: { label: 'Equity attributable', units: { EUR: [{ end: '2023-12-31', val: 43000000000, accn: 'a1', fy: 2023, fp: 'FY', form: '20-F', filed: '2024-02-22' }] } },
      KeyManagementPersonnelCompensation: { label: 'KMP compensation', units: { EUR: [{ start: '2023-01-01', end: '2023-12-31', val: 60000000, accn: 'a1', fy: 2023, fp: 'FY', form: '20-F', filed: '2024-02-22' }] } },
    } } }), 'sap.json');
    expect(x.figures.map((f) => [f.figure, f.concept, f.amountMinor, f.currency])).toEqual([
      ['revenue', 'ifrs-full:Revenue', 3_120_700_000_000, 'EUR'],
      ['equity', 'ifrs-full:EquityAttributableToOwnersOfParent', 4_300_000_000_000, 'EUR'],
    ]);
    expect(x.disclosures).toMatchObject([{ concept: 'ifrs-full:KeyManagementPersonnelCompensation', direction: 'paid', amountMinor: 6_000_000_000, currency: 'EUR' }]);
  });

  it('classifies concepts by name', () => {
    for (const c of ['DueToRelatedPartiesCurrent', 'DueToAffiliateCurrent', 'DueFromOfficersOrStockholdersCurrent', 'RelatedPartyTransactionRate',
      'KeyManagementPersonnelCompensationShorttermEmployeeBenefits', 'PurchasesOfGoodsRelatedPartyTransactions', 'NotesPayableRelatedPartiesClassifiedCurrent']) {
      expect(isRelatedPartyConcept(c), c).toBe(true);
    }
    for (const c of ['Revenues', 'AccountsPayableCurrent', 'DueToEmployeesCurrent' /* wages, not a related party */]) expect(isRelatedPartyConcept(c), c).toBe(false);
    const dirs: Array<[string, number, string]> = [
      ['RelatedPartyTransactionRevenuesFromTransactionsWithRelatedParty', 1, 'received'],
      ['RelatedPartyTransactionExpensesFromTransactionsWithRelatedParty', 1, 'paid'],
      ['RelatedPartyTransactionPurchasesFromRelatedParty', 1, 'paid'],
      ['RevenueFromRelatedParties', 1, 'received'],
      ['DueToRelatedPartiesCurrentAndNoncurrent', 1, 'payable'],
      ['DueFromRelatedPartiesCurrent', 1, 'receivable'],
      ['AccountsPayableRelatedPartiesCurrent', 1, 'payable'],
      ['AccountsReceivableRelatedPartiesCurrent', 1, 'receivable'],
      ['NotesPayableRelatedPartiesClassifiedCurrent', 1, 'payable'],
      ['RepaymentsOfRelatedPartyDebt', 1, 'paid'],
      ['ProceedsFromRelatedPartyDebt', 1, 'received'],
      ['RelatedPartyTransactionAmountsOfTransaction', 1, 'other'],
      ['RelatedPartyTransactionDueFromToRelatedParty', 5, 'receivable'],
      ['RelatedPartyTransactionDueFromToRelatedParty', -5, 'payable'],
      ['RevenueFromSaleOfGoodsRelatedPartyTransactions', 1, 'received'],
      ['ServicesReceivedRelatedPartyTransactions', 1, 'paid'],
      ['AmountsPayableRelatedPartyTransactions', 1, 'payable'],
      ['AmountsReceivableRelatedPartyTransactions', 1, 'receivable'],
      ['KeyManagementPersonnelCompensation', 1, 'paid'],
      ['IncreaseDecreaseInDueFromRelatedParties', 1, 'other'],
    ];
    for (const [c, v, d] of dirs) expect(directionOf(c, v), c).toBe(d);
  });

  it('keeps the size of a two-sided balance and states its side by direction', () => {
    const x = parseSecJson(facts({ RelatedPartyTransactionDueFromToRelatedParty: { label: 'Due from (to)', units: { USD: [{ end: '2023-12-31', val: -75000, ...K23 }] } } }), 'd.json');
    expect(x.disclosures).toMatchObject([{ direction: 'payable', amountMinor: 7_500_000 }]);
  });

  it('converts JSON numbers through their exact decimal form', () => {
    expect(numberToDecimalString(1234567.89)).toBe('1234567.89');
    expect(numberToDecimalString(1e21)).toBe('1000000000000000000000');
    expect(numberToDecimalString(1.5e-7)).toBe('0.00000015');
    expect(numberToDecimalString(-2.5e-7)).toBe('-0.00000025');
    expect(decimalToMinor('1234567.89', 'USD')).toEqual({ ok: true, minor: 123456789, rounded: false });
    expect(decimalToMinor('0.005', 'USD')).toEqual({ ok: true, minor: 1, rounded: true });
    expect(decimalToMinor('-12.344', 'USD')).toEqual({ ok: true, minor: -1234, rounded: true });
    expect(decimalToMinor('1234', 'JPY')).toEqual({ ok: true, minor: 1234, rounded: false });
    expect(decimalToMinor('1.5', 'KWD')).toEqual({ ok: true, minor: 1500, rounded: false });
    expect(decimalToMinor('1000000000000000000000', 'USD')).toMatchObject({ ok: false });
    // 0.1 + 0.2 style floats: the JSON text "0.3" is what arrives, not 0.30000000000000004.
    expect(decimalToMinor(numberToDecimalString(JSON.parse('0.3') as number), 'USD')).toEqual({ ok: true, minor: 30, rounded: false });
  });

  it('reads a large companyfacts file in linear time, looking closely only at the concepts it needs', () => {
    const concepts: Record<string, unknown> = {};
    const filler = Array.from({ length: 100 }, (_, i) => ({ start: '2023-01-01', end: '2023-12-31', val: 1000 + i, ...K23, frame: 'CY2023' }));
    for (let i = 0; i < 2500; i++) concepts[`SomeOtherConcept${i}`] = { label: `Concept ${i}`, description: 'x'.repeat(200), units: { USD: filler } };
    concepts.DueToRelatedPartiesCurrent = { label: 'Due to RP', units: { USD: Array.from({ length: 20000 }, (_, i) => ({
      end: `20${String(10 + (i % 14)).padStart(2, '0')}-12-31`, val: i, accn: `acc-${i}`, fy: 2023, fp: 'FY', form: '10-K', filed: `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`,
    })) } };
    const bytes = facts(concepts);
    expect(bytes.length).toBeGreaterThan(25_000_000);
    const t0 = performance.now();
    const x = parseSecJson(bytes, 'big.json');
    const ms = performance.now() - t0;
    expect(x.disclosures).toHaveLength(20000);
    expect(x.problems).toEqual([]);
    expect(ms).toBeLessThan(8000); // about 0.3 s on a laptop; a quadratic pass over 20,000 facts would take minutes
  });
});
