// XBRL instance and Inline XBRL parsing: related-party disclosures, reference figures, text
// blocks, transformation formats, units, duplicates, located problems, and hostile DTDs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractedDisclosure, ExtractionResult } from '../../electron/core/importers/extracted';
import { parseXbrl } from '../../electron/core/importers/xbrl';
import { readableMemberName } from '../../electron/core/importers/xbrl/concepts';
import { parseDecimal, toMinorUnits } from '../../electron/core/importers/xbrl/decimal';
import { applyNumericFormat, numWordsEn, plainNumber } from '../../electron/core/importers/xbrl/ixt';

const fixtureDir = resolve(__dirname, '../fixtures/xbrl');
const fixture = (name: string) => readFileSync(join(fixtureDir, name));

/** The fields a reviewer checks, without the long description and excerpt. */
const brief = (d: ExtractedDisclosure) => ({
  id: d.locator.elementId,
  concept: d.concept,
  counterparty: d.counterpartyLabel,
  direction: d.direction,
  start: d.periodStart,
  end: d.periodEnd,
  minor: d.amountMinor,
  currency: d.currency,
  duplicates: d.duplicates?.map((l) => l.elementId) ?? [],
});
const byId = (r: ExtractionResult, id: string) => {
  const d = r.disclosures.find((x) => x.locator.elementId === id);
  if (!d) throw new Error(`no disclosure ${id}`);
  return d;
};
const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

describe('Inline XBRL 10-K (acme-10k-2023.htm)', () => {
  const bytes = fixture('acme-10k-2023.htm');
  const text = bytes.toString('utf8');
  const r = parseXbrl(bytes, 'acme-10k-2023.htm');
  const issuer = { name: 'Acme Rockets Inc.', cik: '0001234567', ticker: 'ACME' };
  const fy = { start: '2023-01-01', end: '2023-12-31' };
  const ye = { start: null, end: '2023-12-31' };

  it('is read as Inline XBRL despite the BOM and whitespace before the XML declaration', () => {
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(r.format).toBe('ixbrl');
  });

  it('extracts every related-party fact, exactly, in document order', () => {
    expect(r.disclosures.map(brief)).toEqual([
      { id: 'f-3', concept: 'us-gaap:RevenueFromRelatedParties', counterparty: null, direction: 'received', ...fy, minor: 120_000_000, currency: 'USD', duplicates: [] },
      { id: 'f-4', concept: 'us-gaap:Revenues', counterparty: 'SpaceX', direction: 'received', ...fy, minor: 120_000_000, currency: 'USD', duplicates: ['f-21'] },
      { id: 'f-7', concept: 'us-gaap:RelatedPartyTransactionAmountsOfTransaction', counterparty: 'SpaceX', direction: 'other', ...fy, minor: -50_000_000, currency: 'USD', duplicates: [] },
      { id: 'f-10', concept: 'us-gaap:DueToRelatedPartiesCurrent', counterparty: 'Northwind Logistics', direction: 'payable', ...ye, minor: 1_234_500_000, currency: 'USD', duplicates: [] },
      { id: 'f-11', concept: 'us-gaap:AccountsReceivableRelatedPartiesCurrent', counterparty: 'Northwind Logistics', direction: 'receivable', ...ye, minor: 0, currency: 'USD', duplicates: [] },
      { id: 'f-12', concept: 'us-gaap:RelatedPartyTransactionPurchasesFromRelatedParty', counterparty: 'SpaceX', direction: 'paid', ...fy, minor: 123_457, currency: 'USD', duplicates: [] },
      { id: 'f-13', concept: 'us-gaap:RelatedPartyTransactionRate', counterparty: 'SpaceX', direction: 'other', ...fy, minor: null, currency: null, duplicates: [] },
      { id: 'f-22', concept: 'us-gaap:RelatedPartyTransactionExpensesFromTransactionsWithRelatedParty', counterparty: 'Chief Executive Officer', direction: 'paid', ...fy, minor: 0, currency: 'USD', duplicates: [] },
      { id: 'f-23', concept: 'us-gaap:RepaymentsOfRelatedPartyDebt', counterparty: 'SpaceX', direction: 'paid', ...fy, minor: 12_000_000, currency: 'USD', duplicates: [] },
    ]);
    for (const d of r.disclosures) expect(d.issuer).toEqual(issuer);
  });

  it('ignores NonrelatedPartyMember facts and a major customer named only on srt:CounterpartyNameAxis', () => {
    const ids = r.disclosures.map((d) => d.locator.elementId);
    expect(ids).not.toContain('f-5');
    expect(ids).not.toContain('f-6');
    expect(r.disclosures.filter((d) => d.amountMinor === 9_557_300_000_000)).toEqual([]);
  });

  it('resolves units through their definitions: unitRef "U_shares" is USD, "number" is pure', () => {
    expect(byId(r, 'f-4').currency).toBe('USD');
    expect(byId(r, 'f-13').description).toContain('0.055 xbrli:pure');
  });

  it('applies scale and sign, and rounds half away from zero to whole cents', () => {
    expect(byId(r, 'f-7').description).toContain('-500000 USD (shown as "0.5", ixt:num-dot-decimal, scale 6, sign -)');
    expect(byId(r, 'f-12').description).toContain('Rounded half away from zero');
  });

  it('says when a counterparty name is derived from the member name', () => {
    expect(byId(r, 'f-4').description).toContain('The counterparty name "SpaceX" is derived from the member name acme:SpaceXMember');
    expect(byId(r, 'f-3').description).not.toContain('derived');
  });

  it('quotes the table row around a fact as its excerpt', () => {
    expect(byId(r, 'f-4').excerpt).toBe('of which from SpaceX (related party) 1.2');
    expect(byId(r, 'f-10').excerpt).toBe('Due to Northwind Logistics (in thousands) 12,345');
    expect(byId(r, 'f-23').excerpt).toBe('During 2023 we repaid one hundred twenty thousand dollars of the SpaceX shareholder loan.');
  });

  it('locates each fact by id, line and character range', () => {
    const d = byId(r, 'f-10');
    const at = text.lastIndexOf('<ix:nonFraction', text.indexOf('id="f-10"'));
    expect(d.locator).toEqual({
      label: `fact f-10 (us-gaap:DueToRelatedPartiesCurrent), line ${lineOf(text, at)}`,
      elementId: 'f-10',
      line: lineOf(text, at),
      charStart: at,
      charEnd: text.indexOf('</ix:nonFraction>', at) + '</ix:nonFraction>'.length,
    });
  });

  it('takes revenue, total assets and equity from contexts without dimensions', () => {
    expect(r.figures.map((f) => [f.figure, f.concept, f.periodStart, f.periodEnd, f.amountMinor, f.currency, f.locator.elementId])).toEqual([
      ['revenue', 'us-gaap:Revenues', '2023-01-01', '2023-12-31', 9_677_300_000_000, 'USD', 'f-1'],
      ['revenue', 'us-gaap:Revenues', '2022-01-01', '2022-12-31', 8_146_200_000_000, 'USD', 'f-2'],
      ['totalAssets', 'us-gaap:Assets', null, '2023-12-31', 36_498_000_000_000, 'USD', 'f-8'],
      ['equity', 'us-gaap:StockholdersEquity', null, '2023-12-31', 6_214_600_000_000, 'USD', 'f-9'],
    ]);
    expect(r.figures[0]!.issuer).toEqual(issuer);
  });

  it('joins the text block across its continuation chain in chain order, without ix:exclude content', () => {
    expect(r.textBlocks).toHaveLength(1);
    expect(r.textBlocks[0]!.concept).toBe('us-gaap:RelatedPartyTransactionsDisclosureTextBlock');
    expect(r.textBlocks[0]!.locator.elementId).toBe('f-20');
    expect(r.textBlocks[0]!.text).toBe(
      'Note 12 — Related Party Transactions We sell launch services to SpaceX, a company controlled by our Chief Executive Officer. '
      + 'Revenue from SpaceX was $1.2 million in 2023. During 2023 we repaid one hundred twenty thousand dollars of the SpaceX shareholder loan. '
      + 'Our Chief Executive Officer received no other payments from the Company.',
    );
    expect(r.statesNoTransactions).toBeNull();
  });

  it('reports an unknown format and a missing context as located problems, and nothing else', () => {
    expect(r.problems.map((p) => [p.locator.elementId, p.message])).toEqual([
      ['f-bad-format', 'has the transformation format ixt:num-fancy-decimal, which is not one this importer knows (ixt v1-v5, ixt-sec); the fact was skipped'],
      ['f-missing-context', 'refers to context "c-99", which the document does not define; the fact was skipped'],
    ]);
    const bad = r.problems[0]!.locator;
    expect(bad.line).toBe(lineOf(text, text.indexOf('id="f-bad-format"')));
    expect(bad.charStart).toBe(text.lastIndexOf('<ix:nonFraction', text.indexOf('id="f-bad-format"')));
  });
});

describe('XBRL instance, IFRS 20-F (nova-20f-2023.xml)', () => {
  const bytes = fixture('nova-20f-2023.xml');
  const r = parseXbrl(bytes, 'nova-20f-2023.xml');
  const fy = { start: '2023-01-01', end: '2023-12-31' };
  const ye = { start: null, end: '2023-12-31' };

  it('is read as an instance despite whitespace before the XML declaration', () => {
    expect(bytes.toString('latin1', 0, 2)).toBe('  ');
    expect(r.format).toBe('xbrl');
  });

  it('extracts the IFRS related-party facts with CategoriesOfRelatedPartiesAxis (segment and scenario) and a typed member', () => {
    expect(r.disclosures.map(brief)).toEqual([
      { id: 'f-kmp', concept: 'ifrs-full:KeyManagementPersonnelCompensation', counterparty: null, direction: 'paid', ...fy, minor: 1_250_000_000, currency: 'EUR', duplicates: ['f-kmp-again'] },
      { id: 'f-kmp-short', concept: 'ifrs-full:KeyManagementPersonnelCompensationShorttermEmployeeBenefits', counterparty: 'Key Management Personnel Of Entity Or Parent', direction: 'paid', ...fy, minor: 840_000_000, currency: 'EUR', duplicates: [] },
      { id: 'f-payable-parent', concept: 'ifrs-full:AmountsPayableRelatedPartyTransactions', counterparty: 'Parent', direction: 'payable', ...ye, minor: 275_000_051, currency: 'EUR', duplicates: [] },
      { id: 'f-receivable-jpy', concept: 'ifrs-full:AmountsReceivableRelatedPartyTransactions', counterparty: 'Parent', direction: 'receivable', ...ye, minor: 1_501, currency: 'JPY', duplicates: [] },
      { id: 'f-purchases-assoc', concept: 'ifrs-full:PurchasesOfGoodsRelatedPartyTransactions', counterparty: 'Associates', direction: 'paid', ...fy, minor: -64_000_000, currency: 'EUR', duplicates: [] },
      { id: 'f-rev-helios', concept: 'ifrs-full:Revenue', counterparty: 'Helios Shipping AS', direction: 'received', ...fy, minor: 310_000_000, currency: 'EUR', duplicates: [] },
      { id: 'f-rate', concept: 'nova:RelatedPartyLoanInterestRate', counterparty: 'Key Management Personnel Of Entity Or Parent', direction: 'other', ...fy, minor: null, currency: null, duplicates: [] },
    ]);
    expect(r.disclosures[0]!.issuer).toEqual({ name: 'Nova Holding N.V.', cik: '0009876543' });
  });

  it('names ifrs-full concepts by their usual prefix whatever the filing binds', () => {
    expect(r.figures.map((f) => [f.figure, f.concept, f.periodStart, f.periodEnd, f.amountMinor, f.currency])).toEqual([
      ['revenue', 'ifrs-full:Revenue', '2023-01-01', '2023-12-31', 4_523_000_000_000, 'EUR'],
      ['totalAssets', 'ifrs-full:Assets', null, '2023-12-31', 9_800_000_000_000, 'EUR'],
      ['equity', 'ifrs-full:Equity', null, '2023-12-31', 4_100_000_000_000, 'EUR'],
    ]);
  });

  it('reads escaped HTML and CDATA text facts as plain text', () => {
    expect(r.textBlocks.map((b) => [b.concept, b.text, b.locator.elementId])).toEqual([
      ['ifrs-full:DisclosureOfRelatedPartyExplanatory', 'Note 28 — Related parties The Group’s parent is Nova Stichting. Key management received EUR 12.5 million. Associates 640', 'f-textblock'],
      ['ifrs-full:NameOfUltimateParentOfGroup', 'Nova Stichting', 'f-parent-name'],
    ]);
  });

  it('reports a missing unit, a context without a valid period and a value that is not a number; a nil fact is no problem', () => {
    expect(r.problems.map((p) => [p.locator.elementId, p.message])).toEqual([
      ['f-missing-unit', 'refers to unit "u9", which the document does not define; the fact was skipped'],
      ['D2023_Broken', 'context "D2023_Broken" has no valid period (start "2023-01-01", end "2023-13-45", instant null); facts that use it were skipped'],
      ['f-not-a-number', 'has the value "1,200", which is not a decimal number; the fact was skipped'],
    ]);
    expect(r.problems.every((p) => typeof p.locator.line === 'number' && typeof p.locator.charStart === 'number')).toBe(true);
  });

  it('uses the labels of a label linkbase passed beside the instance', () => {
    const withLabels = parseXbrl(bytes, 'nova-20f-2023.xml', new Map([['nova-20f-2023_lab.xml', fixture('nova-20f-2023_lab.xml')]]));
    expect(withLabels.disclosures.map((d) => d.counterpartyLabel)).toEqual([
      null, 'Key management personnel of entity or parent', 'Parent', 'Parent', 'Associates', 'Helios Shipping AS', 'Key management personnel of entity or parent',
    ]);
    expect(withLabels.disclosures[0]!.description).toBe('Key management personnel compensation (ifrs-full:KeyManagementPersonnelCompensation), 2023-01-01 to 2023-12-31: 12500000 EUR.');
    expect(withLabels.disclosures.some((d) => d.description.includes('derived'))).toBe(false);
    expect(withLabels.problems).toEqual(r.problems);
  });

  it('says when a companion file is not a label linkbase', () => {
    const x = parseXbrl(bytes, 'nova-20f-2023.xml', new Map([['nova-20f-2023.xsd', '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>']]));
    expect(x.problems[0]).toEqual({ locator: { label: 'nova-20f-2023.xsd' }, message: 'nova-20f-2023.xsd is not a label linkbase; it was not used' });
  });

  it('reads the same instance encoded as UTF-16 with a byte order mark', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bytes.toString('utf8'), 'utf16le')]);
    const x = parseXbrl(utf16, 'nova-utf16.xml');
    expect(x.disclosures.map(brief)).toEqual(r.disclosures.map(brief));
  });
});

describe('ESEF report with older transformation registries (brightwater-esef-2023.xhtml)', () => {
  const r = parseXbrl(fixture('brightwater-esef-2023.xhtml'), 'brightwater-esef-2023.xhtml');
  const fy = { start: '2023-01-01', end: '2023-12-31' };
  const ye = { start: null, end: '2023-12-31' };

  it('reads ixt v1, v2, v3 and v5 formats and ifrs-full categories of related parties', () => {
    expect(r.format).toBe('ixbrl');
    expect(r.disclosures.map(brief)).toEqual([
      { id: 'es-4', concept: 'ifrs-full:RevenueFromSaleOfGoodsRelatedPartyTransactions', counterparty: 'Subsidiaries', direction: 'received', ...fy, minor: 1_234_567, currency: 'EUR', duplicates: [] },
      { id: 'es-5', concept: 'ifrs-full:AmountsPayableRelatedPartyTransactions', counterparty: 'Other Related Parties', direction: 'payable', ...ye, minor: 123_450, currency: 'EUR', duplicates: [] },
      { id: 'es-6', concept: 'ifrs-full:ServicesReceivedRelatedPartyTransactions', counterparty: 'Nordic Wind JV', direction: 'paid', ...fy, minor: 525, currency: 'EUR', duplicates: [] },
      { id: 'es-7', concept: 'ifrs-full:PurchasesOfGoodsRelatedPartyTransactions', counterparty: 'Subsidiaries', direction: 'paid', ...fy, minor: 0, currency: 'EUR', duplicates: [] },
    ]);
    expect(r.figures.map((f) => [f.figure, f.amountMinor])).toEqual([['revenue', 123_456_700_000], ['totalAssets', 234_567_800_000], ['equity', 45_678_950_000]]);
  });

  it('knows the issuer by its LEI and the IFRS name of the reporting entity', () => {
    expect(r.disclosures[0]!.issuer).toEqual({ name: 'Brightwater Energy SE', lei: '529900ABCDEFGHIJKL12' });
  });

  it('does not take "no transactions with related parties other than ..." as a statement of none', () => {
    expect(r.textBlocks).toHaveLength(1);
    expect(r.statesNoTransactions).toBeNull();
  });

  it('reports a date format on a number as a located problem', () => {
    expect(r.problems.map((p) => [p.locator.elementId, p.message])).toEqual([
      ['es-8', 'has the format ixt:datedaymonthyear, which does not give a number; the fact was skipped'],
    ]);
  });
});

describe('real filing excerpt: Apple Inc. 10-Q for the quarter ended March 29, 2025 (aapl-20250329-excerpt.htm)', () => {
  const r = parseXbrl(fixture('aapl-20250329-excerpt.htm'), 'aapl-20250329-excerpt.htm');

  it('reads the Workiva markup: net sales for four periods, no related-party facts, no problems', () => {
    expect(r.format).toBe('ixbrl');
    expect(r.problems).toEqual([]);
    expect(r.disclosures).toEqual([]);
    expect(r.figures.map((f) => [f.concept, f.periodStart, f.periodEnd, f.amountMinor, f.currency, f.locator.elementId])).toEqual([
      ['us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax', '2024-12-29', '2025-03-29', 9_535_900_000_000, 'USD', 'f-62'],
      ['us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax', '2023-12-31', '2024-03-30', 9_075_300_000_000, 'USD', 'f-63'],
      ['us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax', '2024-09-29', '2025-03-29', 21_965_900_000_000, 'USD', 'f-64'],
      ['us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax', '2023-10-01', '2024-03-30', 21_032_800_000_000, 'USD', 'f-65'],
    ]);
    expect(r.figures[0]!.issuer).toEqual({ cik: '0000320193' });
  });
});

/** A small Inline XBRL document: contexts c-1 (FY2023) and c-sx (SpaceX on the related-party axis), unit usd. */
function inline(body: string, resources = ''): Buffer {
  const ctx = (id: string, seg: string) => `<xbrli:context id="${id}"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1234567</xbrli:identifier>${seg}</xbrli:entity><xbrli:period><xbrli:startDate>2023-01-01</xbrli:startDate><xbrli:endDate>2023-12-31</xbrli:endDate></xbrli:period></xbrli:context>`;
  return Buffer.from(`<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12" xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:xbrldi="http://xbrl.org/2006/xbrldi" xmlns:iso4217="http://www.xbrl.org/2003/iso4217" xmlns:us-gaap="http://fasb.org/us-gaap/2023" xmlns:acme="http://acme.example/2023">
<body><div style="display:none"><ix:header><ix:resources>
<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
${ctx('c-1', '')}
${ctx('c-sx', '<xbrli:segment><xbrldi:explicitMember dimension="us-gaap:RelatedPartyTransactionsByRelatedPartyAxis">acme:SpaceXMember</xbrldi:explicitMember></xbrli:segment>')}
${resources}</ix:resources></ix:header></div>
${body}
</body></html>`);
}
const nf = (id: string, attrs: string, shown: string) => `<ix:nonFraction id="${id}" contextRef="c-sx" unitRef="usd" name="us-gaap:Revenues" format="ixt:num-dot-decimal" ${attrs}>${shown}</ix:nonFraction>`;

describe('Inline XBRL details', () => {
  it('treats decimals as precision, never as a scale', () => {
    const r = parseXbrl(inline(`<p>${nf('a', 'decimals="-6"', '1,200,000')}</p>`), 'd.htm');
    expect(r.disclosures.map((d) => d.amountMinor)).toEqual([120_000_000]);
  });

  it('folds a less precise duplicate into the more precise fact', () => {
    const r = parseXbrl(inline(`<p>${nf('a', 'decimals="-5" scale="6"', '1.2')}</p><p>${nf('b', 'decimals="0"', '1,234,567')}</p><p>${nf('c', 'decimals="-5" scale="6"', '1.2')}</p>`), 'd.htm');
    expect(r.disclosures.map(brief)).toEqual([
      { id: 'b', concept: 'us-gaap:Revenues', counterparty: 'SpaceX', direction: 'received', start: '2023-01-01', end: '2023-12-31', minor: 123_456_700, currency: 'USD', duplicates: ['a', 'c'] },
    ]);
    expect(r.problems).toEqual([]);
  });

  it('keeps both values of contradicting duplicates and reports it', () => {
    const r = parseXbrl(inline(`<p>${nf('a', 'decimals="-5" scale="6"', '1.2')}</p><p>${nf('b', 'decimals="-5" scale="6"', '1.5')}</p>`), 'd.htm');
    expect(r.disclosures.map((d) => [d.locator.elementId, d.amountMinor])).toEqual([['a', 120_000_000], ['b', 150_000_000]]);
    expect(r.problems.map((p) => [p.locator.elementId, p.message])).toEqual([
      ['b', expect.stringContaining('us-gaap:Revenues is reported for the same context and unit with a different value (1500000 here, 1200000 at fact a (us-gaap:Revenues), line')],
    ]);
  });

  it('reports a continuation chain that breaks or loops, keeping the text it has', () => {
    const tb = (id: string, at: string) => `<ix:nonNumeric id="${id}" contextRef="c-1" name="us-gaap:RelatedPartyTransactionsDisclosureTextBlock" escape="true" continuedAt="${at}"><p>Text ${id}.</p></ix:nonNumeric>`;
    const r = parseXbrl(inline(`${tb('t1', 'gone')}<ix:continuation id="k1" continuedAt="k2"><p>K1.</p></ix:continuation><ix:continuation id="k2" continuedAt="k1"><p>K2.</p></ix:continuation>${tb('t2', 'k1')}`), 'd.htm');
    expect(r.textBlocks.map((b) => b.text)).toEqual(['Text t1.', 'Text t2. K1. K2.']);
    expect(r.problems.map((p) => [p.locator.elementId, p.message])).toEqual([
      ['t1', 'continues at "gone", but no ix:continuation has that id; the text is incomplete'],
      ['t2', 'its continuation chain loops back to "k1"; the text was cut there'],
    ]);
  });

  it('records a text block that states there were no related-party transactions', () => {
    const r = parseXbrl(inline('<ix:nonNumeric id="t" contextRef="c-1" name="us-gaap:RelatedPartyTransactionsDisclosureTextBlock" escape="true"><p>Note 9. Related Parties</p><p>There were no related party transactions during 2023 or 2022.</p></ix:nonNumeric>'), 'd.htm');
    expect(r.statesNoTransactions).toEqual({ excerpt: 'Related Parties There were no related party transactions during 2023 or 2022.', locator: r.textBlocks[0]!.locator });
  });

  it('resolves prefixes by their scope: a nested declaration of the us-gaap namespace under another prefix', () => {
    const r = parseXbrl(inline('<div xmlns:gaap="http://fasb.org/us-gaap/2023"><ix:nonFraction id="n" contextRef="c-1" unitRef="usd" name="gaap:DueToRelatedPartiesCurrent" decimals="0">42</ix:nonFraction></div>'), 'd.htm');
    expect(r.disclosures.map((d) => [d.concept, d.amountMinor, d.direction])).toEqual([['us-gaap:DueToRelatedPartiesCurrent', 4200, 'payable']]);
  });

  it('reads a format whose prefix is not declared by its name, and says the prefix is unbound', () => {
    const r = parseXbrl(inline(nf('u', 'decimals="0" format="foo:num-dot-decimal"', '1,000').replace('format="ixt:num-dot-decimal" ', '')), 'd.htm');
    expect(r.disclosures.map((d) => d.amountMinor)).toEqual([100_000]);
    expect(r.problems.map((p) => p.message)).toEqual(['the prefix "foo" (in "foo:num-dot-decimal") is not bound to a namespace; names using it are taken as written']);
  });

  it('keeps a per-share (divide) unit non-monetary, whatever its id says', () => {
    const unit = '<xbrli:unit id="USD"><xbrli:divide><xbrli:unitNumerator><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unitNumerator><xbrli:unitDenominator><xbrli:measure>xbrli:shares</xbrli:measure></xbrli:unitDenominator></xbrli:divide></xbrli:unit>';
    const r = parseXbrl(inline('<p><ix:nonFraction id="eps" contextRef="c-sx" unitRef="USD" name="acme:RelatedPartySharePrice" decimals="2">12.50</ix:nonFraction></p>', unit), 'd.htm');
    expect(r.disclosures.map((d) => [d.amountMinor, d.currency])).toEqual([[null, null]]);
    expect(r.disclosures[0]!.description).toContain(': 12.5 iso4217:USD/xbrli:shares (shown as "12.50")');
  });

  it('reads undeclared ix:, xbrli: and xbrldi: prefixes in their usual meaning and says so', () => {
    const page = inline(`<p>${nf('a', 'decimals="0"', '7')}</p>`).toString('utf8')
      .replace(' xmlns:xbrli="http://www.xbrl.org/2003/instance"', '').replace(' xmlns:xbrldi="http://xbrl.org/2006/xbrldi"', '');
    const r = parseXbrl(Buffer.from(page), 'd.htm');
    expect(r.disclosures.map((d) => [d.counterpartyLabel, d.amountMinor])).toEqual([['SpaceX', 700]]);
    expect(r.problems.map((p) => p.message)).toEqual([
      'the prefix "xbrli" (on <xbrli:unit>) is not bound to a namespace; it was read as http://www.xbrl.org/2003/instance',
      'the prefix "xbrldi" (on <xbrldi:explicitMember>) is not bound to a namespace; it was read as http://xbrl.org/2006/xbrldi',
    ]);
  });

  it('skips malformed facts with located problems and never throws', () => {
    const r = parseXbrl(inline([
      nf('s1', 'decimals="0" scale="six"', '5'),
      nf('s2', 'decimals="0" sign="+"', '5'),
      nf('s3', 'decimals="0"', '-5'),
      '<ix:nonFraction id="s4" contextRef="c-sx" name="us-gaap:Revenues" decimals="0">5</ix:nonFraction>',
      nf('s5', 'decimals="0" scale="6"', '99,999,999,999'),
      '<ix:nonFraction id="s6" contextRef="c-sx" unitRef="usd" decimals="0">5</ix:nonFraction>',
    ].map((x) => `<p>${x}</p>`).join('')), 'd.htm');
    expect(r.disclosures).toEqual([]);
    expect(r.problems.map((p) => [p.locator.elementId, p.message])).toEqual([
      ['s6', 'an ix:nonFraction without a valid name (null) was skipped'],
      ['s1', 'has the scale "six", which is not a whole number between -30 and 30; the fact was skipped'],
      ['s2', 'has the sign "+"; only "-" is allowed; the fact was skipped'],
      ['s3', 'shows "-5", which is not a number in num-dot-decimal form; the fact was skipped'],
      ['s4', 'has no unitRef; the fact was skipped'],
      ['s5', '99999999999000000 USD is too large to hold exactly in minor units; the fact was skipped'],
    ]);
  });

  it('survives a document cut off in the middle', () => {
    const whole = fixture('acme-10k-2023.htm');
    for (const cut of [0.3, 0.5, 0.8, 0.95]) {
      const r = parseXbrl(whole.subarray(0, Math.floor(whole.length * cut)), 'cut.htm');
      expect(r.format).toBe('ixbrl');
    }
  });
});

describe('files that are not XBRL', () => {
  it.each([
    ['page.htm', '<!DOCTYPE html><html><body><p>Proxy statement</p></body></html>', /page\.htm: not an XBRL document: an HTML page without Inline XBRL/],
    ['data.json', '{"facts": {}}', /data\.json: not an XBRL document: it does not start with an XML element/],
    ['feed.xml', '<?xml version="1.0"?><rss version="2.0"><channel/></rss>', /feed\.xml: not an XBRL document: its root element is <rss>/],
    ['empty.xml', '', /empty\.xml: not an XBRL document/],
  ])('%s is refused with an error naming the file', (name, content, message) => {
    expect(() => parseXbrl(Buffer.from(content), name)).toThrow(message);
  });
});

describe('hostile DTDs', () => {
  let server: Server;
  let port = 0;
  const requests: string[] = [];
  let dir = '';
  let secretFile = '';
  const SECRET = 'SECRET-MARKER-7f3a9c';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xbrl-xxe-'));
    secretFile = join(dir, 'secret.txt');
    writeFileSync(secretFile, SECRET);
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end(`<!ENTITY leaked "${SECRET}">`);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise<void>((done) => server.close(() => done()));
    rmSync(dir, { recursive: true, force: true });
  });

  const instance = (doctype: string, factText: string, blockText: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
${doctype}
<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:iso4217="http://www.xbrl.org/2003/iso4217" xmlns:us-gaap="http://fasb.org/us-gaap/2023">
  <xbrli:context id="c"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1234567</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:instant>2023-12-31</xbrli:instant></xbrli:period></xbrli:context>
  <xbrli:unit id="u"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
  <us-gaap:DueToRelatedPartiesCurrent contextRef="c" unitRef="u" decimals="0" id="fact">${factText}</us-gaap:DueToRelatedPartiesCurrent>
  <us-gaap:DueFromRelatedPartiesCurrent contextRef="c" unitRef="u" decimals="0" id="ok">100</us-gaap:DueFromRelatedPartiesCurrent>
  <us-gaap:RelatedPartyTransactionsDisclosureTextBlock contextRef="c" id="tb">${blockText}</us-gaap:RelatedPartyTransactionsDisclosureTextBlock>
</xbrli:xbrl>`);

  it('does not expand a billion-laughs entity bomb: quick, small, references left as written', () => {
    const lols = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) lols.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const doc = instance(`<!DOCTYPE xbrli:xbrl [\n  ${lols.join('\n  ')}\n]>`, '&lol9;', 'Related parties: &lol9;');
    const t = performance.now();
    const r = parseXbrl(doc, 'bomb.xml');
    expect(performance.now() - t).toBeLessThan(1000);
    expect(JSON.stringify(r).length).toBeLessThan(20_000);
    expect(r.problems[0]!.locator.line).toBe(2);
    expect(r.problems[0]!.message).toMatch(/^the document declares a DOCTYPE with an internal subset \(10 entity declarations\); XBRL does not use DTDs, so nothing in it was expanded, fetched or read/);
    expect(r.problems[1]).toMatchObject({ locator: { elementId: 'fact' }, message: 'has the value "&lol9;", which is not a decimal number; the fact was skipped' });
    expect(r.textBlocks.map((b) => b.text)).toEqual(['Related parties: &lol9;']);
    expect(r.disclosures.map((d) => [d.locator.elementId, d.amountMinor])).toEqual([['ok', 10_000]]);
  });

  it('never reads or fetches external entities or an external DTD', async () => {
    const base = `http://127.0.0.1:${port}`;
    const doctype = `<!DOCTYPE xbrli:xbrl SYSTEM "${base}/evil.dtd" [
  <!ENTITY xxe SYSTEM "${pathToFileURL(secretFile).href}">
  <!ENTITY remote SYSTEM "${base}/remote.xml">
  <!ENTITY % pe SYSTEM "${base}/pe.dtd">
  %pe;
]>`;
    const r = parseXbrl(instance(doctype, '&xxe;', 'Note: &xxe; &remote; &leaked;'), 'xxe.xml');
    await new Promise((done) => setTimeout(done, 200));
    expect(requests).toEqual([]);
    expect(JSON.stringify(r)).not.toContain(SECRET);
    expect(r.textBlocks.map((b) => b.text)).toEqual(['Note: &xxe; &remote; &leaked;']);
    expect(r.problems[0]!.message).toContain('some of them external SYSTEM/PUBLIC entities');
    expect(r.problems[1]).toMatchObject({ locator: { elementId: 'fact' }, message: 'has the value "&xxe;", which is not a decimal number; the fact was skipped' });
  });

  it('does the same for an Inline XBRL page with a DOCTYPE', () => {
    const page = inline(`<p><ix:nonFraction id="x" contextRef="c-sx" unitRef="usd" name="us-gaap:Revenues" decimals="0">&xxe;</ix:nonFraction></p>`)
      .toString('utf8').replace('<html', `<!DOCTYPE html [<!ENTITY xxe SYSTEM "${pathToFileURL(secretFile).href}">]>\n<html`);
    const r = parseXbrl(Buffer.from(page), 'xxe.htm');
    expect(r.format).toBe('ixbrl');
    expect(JSON.stringify(r)).not.toContain(SECRET);
    expect(r.problems.map((p) => p.locator.elementId ?? null)).toEqual([null, 'x']);
  });

  it('stays fast on inputs built to make parsers or patterns slow', () => {
    const timed = (f: () => unknown) => {
      const t = performance.now();
      f();
      return performance.now() - t;
    };
    // 200,000 nested elements: stopped at a depth no filing reaches.
    const deep = inline(`${'<div>'.repeat(200_000)}x${'</div>'.repeat(200_000)}`);
    let r: ExtractionResult | undefined;
    expect(timed(() => { r = parseXbrl(deep, 'deep.htm'); })).toBeLessThan(2000);
    expect(r!.problems.map((p) => p.message)).toEqual(['elements are nested more than 5000 deep here; the rest of the document was not read']);
    // An entity declaration padded with whitespace, a huge displayed number, a text block full of broken tags.
    const padded = instance(`<!DOCTYPE x [<!ENTITY${' '.repeat(100_000)}>]>`, `${' '.repeat(200_000)}1x`, `${'<a "'.repeat(50_000)}`);
    expect(timed(() => parseXbrl(padded, 'padded.xml'))).toBeLessThan(2000);
    const shown = inline(`<p>${nf('big', 'decimals="0"', `${'1 '.repeat(100_000)}x`)}</p><ix:nonNumeric id="tb" contextRef="c-1" name="us-gaap:RelatedPartyTransactionsDisclosureTextBlock">${'<ix:exclude>&lt;b "'.repeat(20_000)}</ix:nonNumeric>`);
    expect(timed(() => { r = parseXbrl(shown, 'shown.htm'); })).toBeLessThan(2000);
    expect(r!.problems.map((p) => p.message)).toContain('shows "1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1…", which is longer than 400 characters, too long to be a number; the fact was skipped');
  });

  it('neutralises a DOCTYPE in a label linkbase too', () => {
    const lab = readFileSync(join(fixtureDir, 'nova-20f-2023_lab.xml'), 'utf8')
      .replace('<link:linkbase', `<!DOCTYPE link:linkbase [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY xxe SYSTEM "${pathToFileURL(secretFile).href}">]>\n<link:linkbase`)
      .replace('Parent [member]', 'Parent &b; &xxe; [member]');
    const r = parseXbrl(fixture('nova-20f-2023.xml'), 'nova-20f-2023.xml', new Map([['lab.xml', lab]]));
    expect(r.disclosures.map((d) => d.counterpartyLabel)).toContain('Parent &b; &xxe;');
    expect(JSON.stringify(r)).not.toContain(SECRET);
  });

  it('refuses a document whose DOCTYPE never ends', () => {
    expect(() => parseXbrl(Buffer.from('<?xml version="1.0"?><!DOCTYPE x [ <!ENTITY a "b"> <xbrli:xbrl/>'), 'open.xml')).toThrow(/open\.xml: not an XBRL document: its DOCTYPE declaration never ends/);
  });
});

describe('transformation formats', () => {
  it.each([
    ['num-dot-decimal', '1,234,567.89', '1234567.89'],
    ['num-dot-decimal', ' 1 234 567 ', '1234567'],
    ['num-dot-decimal', '.5', '.5'],
    ['numdotdecimal', '1,234.5', '1234.5'],
    ['numdotdecimal', '1\u00a0234', '1234'],
    ['num-comma-decimal', '1.234.567,89', '1234567.89'],
    ['numcommadecimal', '1 234,5', '1234.5'],
    ['numcommadot', '1,234.56', '1234.56'],
    ['numdotcomma', '1.234,56', '1234.56'],
    ['numspacedot', '1 234.56', '1234.56'],
    ['numspacecomma', '1 234,56', '1234.56'],
    ['numcomma', '1234,5', '1234.5'],
    ['num-dot-decimal-apos', "1'234'567.50", '1234567.50'],
    ['num-comma-decimal-apos', '1’234,5', '1234.5'],
    ['numdotdecimalin', '1,00,00,000.50', '10000000.50'],
    ['num-unit-decimal', '5 dollars 25 cents', '5.25'],
    ['numunitdecimal', '1,000 Euro 5', '1000.05'],
    ['num-unit-decimal-apos', "1'000 Franken 50", '1000.50'],
    ['numunitdecimalin', '1,00,000 rupees 5 paise', '100000.05'],
    ['fixed-zero', 'nil', '0'],
    ['zerodash', '\u2014', '0'],
    ['numdash', '-', '0'],
    ['numwordsen', 'no', '0'],
    ['numwordsen', 'None', '0'],
    ['numwordsen', 'one hundred twenty', '120'],
    ['numwordsen', 'Twenty-three thousand, four hundred and five', '23405'],
    ['numwordsen', 'one million two hundred thousand', '1200000'],
    ['numwordsen', 'twelve hundred', '1200'],
  ])('%s reads "%s" as %s', (format, shown, decimal) => {
    expect(applyNumericFormat(format, shown)).toEqual({ kind: 'number', decimal });
  });

  it.each([
    ['numdotdecimal', '1,23,4'],
    ['num-dot-decimal', '1.234.567'],
    ['numcommadot', '1.234,5'],
    ['zerodash', '0'],
    ['numwordsen', 'one apple'],
    ['numwordsen', 'one thousand two thousand'],
  ])('%s refuses "%s"', (format, shown) => {
    expect(applyNumericFormat(format, shown).kind).toBe('invalid');
  });

  it('tells non-numeric, non-finite and unknown formats apart', () => {
    expect(applyNumericFormat('fixed-empty', '').kind).toBe('notNumeric');
    expect(applyNumericFormat('date-day-month-year', '31.12.2023').kind).toBe('notNumeric');
    expect(applyNumericFormat('numinf', 'unlimited')).toEqual({ kind: 'nonFinite', value: 'INF' });
    expect(applyNumericFormat('num-fancy-decimal', '1').kind).toBe('unknown');
    expect(plainNumber(' 1234.5 ')).toEqual({ kind: 'number', decimal: '1234.5' });
    expect(plainNumber('1,234').kind).toBe('invalid');
    expect(numWordsEn('')).toBeNull();
  });
});

describe('amounts and names', () => {
  const minor = (text: string, digits: number) => {
    const m = toMinorUnits(parseDecimal(text)!, digits);
    return m.ok ? m.minor : m.reason;
  };
  it('rounds half away from zero, both signs, with no negative zero', () => {
    expect(minor('1.005', 2)).toBe(101);
    expect(minor('-1.005', 2)).toBe(-101);
    expect(minor('1.0049', 2)).toBe(100);
    expect(Object.is(minor('-0.004', 2), 0)).toBe(true);
    expect(minor('1500.5', 0)).toBe(1501);
    expect(minor('1.2345', 3)).toBe(1235);
    expect(minor('90071992547409.91', 2)).toBe(9_007_199_254_740_991);
    expect(minor('90071992547409.92', 2)).toBe('is too large to hold exactly in minor units');
  });

  it('derives readable names from member names', () => {
    expect(['SpaceXMember', 'ElonMuskMember', 'XAIHoldingsMember', 'NordicWindJVMember', 'KeyManagementPersonnelOfEntityOrParentMember'].map(readableMemberName))
      .toEqual(['SpaceX', 'Elon Musk', 'XAI Holdings', 'Nordic Wind JV', 'Key Management Personnel Of Entity Or Parent']);
  });
});
