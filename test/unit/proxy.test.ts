import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CandidateTransfer, ExtractionResult } from '../../electron/core/importers/extracted';
import { extractProxyText, locateRelatedPersonSection, parseProxyStatement, proxyText } from '../../electron/core/importers/proxy';
import { findAmounts } from '../../electron/core/importers/proxy/amounts';
import { findPeriods } from '../../electron/core/importers/proxy/periods';

const fixtures = path.resolve(__dirname, '../fixtures/proxy');
const fixture = (name: string) => readFileSync(path.join(fixtures, name));
const html = (body: string) => Buffer.from(`<html><body>${body}</body></html>`);

type Row = [counterparty: string | null, direction: CandidateTransfer['direction'], amountMinor: number | null, currency: string | null, periodText: string | null, periodStart: string | null, periodEnd: string | null];
const rows = (r: ExtractionResult): Row[] => r.candidates.map((c) => [c.counterparty, c.direction, c.amountMinor, c.currency, c.periodText, c.periodStart, c.periodEnd]);

/** Every excerpt is the exact slice of the extracted text its locator names. */
function expectExcerptsInText(bytes: Buffer, r: ExtractionResult): void {
  const text = proxyText(bytes);
  for (const c of r.candidates) {
    expect(c.locator.charStart).toBeTypeOf('number');
    expect(text.slice(c.locator.charStart, c.locator.charEnd)).toBe(c.excerpt);
    expect(text.split('\n')[c.locator.line! - 1]).toBeDefined();
  }
  if (r.statesNoTransactions) {
    const l = r.statesNoTransactions.locator;
    expect(text.slice(l.charStart, l.charEnd)).toBe(r.statesNoTransactions.excerpt);
  }
  for (const b of r.textBlocks) expect(text.slice(b.locator.charStart, b.locator.charEnd)).toContain(b.text.slice(0, 40));
}

describe('proxy statement (HTML DEF 14A)', () => {
  const bytes = fixture('def14a-tesla-style.htm');
  const r = parseProxyStatement(bytes, 'def14a-tesla-style.htm');

  it('reads it as HTML and finds the section, skipping the table-of-contents entry', () => {
    expect(r.format).toBe('proxy-html');
    const found = locateRelatedPersonSection(bytes);
    const toc = found.candidates.filter((c) => c.kind === 'toc');
    expect(toc).toHaveLength(1);
    expect(toc[0]!.heading).toBe('Certain Relationships and Related Person Transactions');
    expect(found.chosen!.heading).toBe('CERTAIN RELATIONSHIPS AND RELATED PERSON TRANSACTIONS');
    expect(found.chosen!.headingStart).toBeGreaterThan(toc[0]!.headingStart);
    // The policy subsection belongs to the section; the next section does not.
    const sectionText = found.text.slice(found.chosen!.bodyStart, found.chosen!.bodyEnd);
    expect(sectionText).toContain('Policies and Procedures for Related Person Transactions');
    expect(sectionText).not.toContain('STOCKHOLDER PROPOSALS');
    expect(r.textBlocks).toHaveLength(1);
    expect(r.textBlocks[0]!.text.startsWith('CERTAIN RELATIONSHIPS AND RELATED PERSON\nTRANSACTIONS')).toBe(true);
    expect(r.problems).toEqual([]);
  });

  it('proposes each transfer with party, direction, exact amount and period', () => {
    expect(rows(r)).toEqual<Row[]>([
      ['SpaceX', 'to_issuer', 210_000_000, 'USD', '2023', '2023-01-01', '2023-12-31'],
      ['SpaceX', 'to_issuer', 80_000_000, 'USD', '2023', '2023-01-01', '2023-12-31'],
      ['SpaceX', 'from_issuer', 70_000_000, 'USD', '2023', '2023-01-01', '2023-12-31'],
      ['X Corp.', 'to_issuer', 100_000_000, 'USD', '2023', '2023-01-01', '2023-12-31'],
      ['X', 'from_issuer', 20_000_000, 'USD', '2023', '2023-01-01', '2023-12-31'],
      ['X', 'from_issuer', 5_000_000, 'USD', '2023', '2023-01-01', '2023-12-31'],
      ['The Boring Company', 'from_issuer', 20_000_000, 'USD', '2023', '2023-01-01', '2023-12-31'],
      ['The Boring Company', 'from_issuer', 100_000_000, 'USD', '2023', '2023-01-01', '2023-12-31'],
      ['xAI', 'to_issuer', 19_830_000_000, 'USD', 'the year ended December 31, 2024', '2024-01-01', '2024-12-31'],
      ['xAI', 'to_issuer', 3_700_000_000, 'USD', 'since January 1, 2025', '2025-01-01', null],
    ]);
  });

  it('leaves out thresholds, limits, scripts, hidden text and other sections', () => {
    const amounts = r.candidates.map((c) => c.amountMinor);
    expect(amounts).not.toContain(12_000_000); // "exceeds $120,000"
    expect(amounts).not.toContain(500_000_000); // "up to $5.0 million annually"
    expect(amounts).not.toContain(40_000_000); // salary under Executive Compensation
    const text = proxyText(bytes);
    expect(text).not.toContain('$9.9 million'); // <script>
    expect(text).not.toContain('paid $1.0 million'); // display:none / ix:header
    expect(r.candidates.every((c) => !/Innisfree/.test(c.description))).toBe(true);
  });

  it('locates every excerpt in the extracted text, with line and page', () => {
    expectExcerptsInText(bytes, r);
    const first = r.candidates[0]!;
    expect(first.excerpt).toBe('In 2023, SpaceX made payments to Tesla of $2.1 million and $0.8 million for purchases of Tesla parts and for engineering services, respectively.');
    expect(first.description).toBe(first.excerpt);
    expect(first.locator.page).toBe(5);
    expect(first.locator.label).toBe(`line ${first.locator.line}, page 5`);
    expect(r.candidates.find((c) => c.counterparty === 'xAI')!.locator.page).toBe(6);
  });

  it('maps extracted text back to the HTML source', () => {
    const map = extractProxyText(bytes);
    const source = bytes.toString('utf8');
    const c = r.candidates[2]!;
    const at = map.source[c.locator.charStart!]!;
    expect(source.slice(at, at + 20)).toBe(c.excerpt.slice(0, 20));
    // "&#160;" in the markup is one space in the text, mapped to the entity.
    const nbsp = c.excerpt.indexOf('0.7 million') + 3;
    expect(source.slice(map.source[c.locator.charStart! + nbsp]!).startsWith('&#160;million')).toBe(true);
  });
});

describe('prospectus (plain text)', () => {
  const bytes = fixture('prospectus-nordlys.txt');
  const r = parseProxyStatement(bytes, 'prospectus-nordlys.txt');

  it('finds "RELATED PARTY TRANSACTIONS" after its dotted table-of-contents entry', () => {
    expect(r.format).toBe('proxy-text');
    const found = locateRelatedPersonSection(bytes);
    expect(found.candidates.map((c) => [c.heading, c.kind])).toEqual([
      ['Related Party Transactions', 'toc'],
      ['RELATED PARTY TRANSACTIONS', 'heading'],
    ]);
    const body = found.text.slice(found.chosen!.bodyStart, found.chosen!.bodyEnd);
    expect(body).toContain('Indemnification Agreements');
    expect(body).not.toContain('PRINCIPAL STOCKHOLDERS');
  });

  it('reads sentences, a relative, a pronoun, other currencies and a table', () => {
    expect(rows(r)).toEqual<Row[]>([
      ['Halvorsen Properties LLC', 'from_issuer', 120_000_000, 'USD', '2023', '2023-01-01', '2023-12-31'],
      ["Mr. Smith's brother-in-law", 'from_issuer', 18_650_000, 'USD', 'the year ended December 31, 2023', '2023-01-01', '2023-12-31'],
      ['Nordic Composites AB', 'to_issuer', 200_000_000, 'EUR', '2023', '2023-01-01', '2023-12-31'],
      ['Nordic Composites AB', 'from_issuer', 245_000_000, 'USD', 'Year Ended December 31, 2022', '2022-01-01', '2022-12-31'],
      ['Nordic Composites AB', 'from_issuer', 312_550_000, 'USD', 'Year Ended December 31, 2023', '2023-01-01', '2023-12-31'],
      ['Lindqvist Logistics GmbH', 'from_issuer', 31_000_000, 'USD', 'Year Ended December 31, 2022', '2022-01-01', '2022-12-31'],
      ['Lindqvist Logistics GmbH', 'from_issuer', 19_500_000, 'USD', 'Year Ended December 31, 2023', '2023-01-01', '2023-12-31'],
      ['Erik Halvorsen', 'to_issuer', 350_000_000, 'USD', 'June 15, 2023', '2023-06-15', '2023-06-15'],
    ]);
    expectExcerptsInText(bytes, r);
    // A wrapped sentence keeps its line breaks in the excerpt; the description reads as one line.
    const rent = r.candidates[0]!;
    expect(rent.excerpt).toContain('\n');
    expect(rent.description).toBe('During 2023, we paid rent of approximately $1.2 million to Halvorsen Properties LLC under this lease.');
    const row = r.candidates[3]!;
    expect(row.excerpt).toBe('Nordic Composites AB                     $  2,450,000   $  3,125,500');
    expect(r.candidates.some((c) => /^Total/.test(c.excerpt))).toBe(false);
  });

  it('keeps text offsets equal to the file once CRLF is one character', () => {
    const map = extractProxyText(bytes);
    const source = bytes.toString('utf8');
    const c = r.candidates[0]!;
    expect(source.slice(map.source[c.locator.charStart!]!).startsWith('During')).toBe(true);
    expect(map.text).not.toContain('\r');
    expect(map.pageBreaks.length).toBe(3);
  });
});

describe('other shapes of the genre (HTML)', () => {
  const bytes = fixture('def14a-mixed-genre.htm');
  const r = parseProxyStatement(bytes, 'def14a-mixed-genre.htm');

  it('reads holders, directors, relatives, gifts and share sales; not share counts, balances or the next section', () => {
    expect(rows(r)).toEqual<Row[]>([
      ['BlackRock', 'from_issuer', 110_000_000, 'USD', '2023', '2023-01-01', '2023-12-31'],
      ['Acme Packaging Corp.', 'from_issuer', 340_000_000, 'USD', 'fiscal 2023', '2023-01-01', '2023-12-31'],
      ['son-in-law of Ms. Lee', 'from_issuer', 21_500_000, 'USD', '2023', '2023-01-01', '2023-12-31'],
      ['Smith Family Foundation', 'from_issuer', 50_000_000, 'USD', '2023', '2023-01-01', '2023-12-31'],
      [null, 'from_issuer', 20_000_000, 'USD', '2023', '2023-01-01', '2023-12-31'],
      ['Summit Ridge Ventures II, L.P.', 'to_issuer', 1_000_000_000, 'USD', 'Since January 1, 2023', '2023-01-01', null],
      ['Entities affiliated with Harbor Oak Capital', 'to_issuer', 250_000_000, 'USD', 'Since January 1, 2023', '2023-01-01', null],
      ['Jane Doe', 'from_issuer', 31_000_000, 'USD', '2023', '2023-01-01', '2023-12-31'],
      ['Orbit Logistics LLC', 'from_issuer', 40_000_000, 'USD', '2023', '2023-01-01', '2023-12-31'],
    ]);
    expectExcerptsInText(bytes, r);
    expect(r.problems).toEqual([]);
  });
});

describe('a section stating there were none', () => {
  const bytes = fixture('def14a-no-transactions.htm');
  const r = parseProxyStatement(bytes, 'def14a-no-transactions.htm');

  it('records the statement and proposes nothing', () => {
    expect(r.candidates).toEqual([]);
    expect(r.statesNoTransactions?.excerpt).toBe('Since January 1, 2024, there have been no related person transactions requiring disclosure under Item 404(a) of Regulation S-K.');
    expect(r.problems).toEqual([]);
    expectExcerptsInText(bytes, r);
    const found = locateRelatedPersonSection(bytes);
    expect(found.candidates.map((c) => c.kind)).toEqual(['toc', 'heading', 'run-in']);
    expect(found.chosen!.kind).toBe('heading');
  });

  it('knows other ways of saying so, but not a lead-in to a list', () => {
    const none = (sentence: string) => parseProxyStatement(html(`<h2>Related Party Transactions</h2><p>${sentence}</p><h2>Other Matters</h2><p>None.</p>`), 'x.htm');
    expect(none('We have not engaged in any related party transactions since the beginning of our last fiscal year.').statesNoTransactions).not.toBeNull();
    expect(none('There were no transactions since January 1, 2024 that require disclosure under Item 404 of Regulation S-K.').statesNoTransactions).not.toBeNull();
    expect(none('Other than as described below, there were no related person transactions during 2024.').statesNoTransactions).toBeNull();
    const bare = parseProxyStatement(Buffer.from('CERTAIN RELATIONSHIPS AND RELATED TRANSACTIONS\n\nNone.\n\nOTHER MATTERS\n\nNone.\n'), 'bare.txt');
    expect(bare.statesNoTransactions?.excerpt).toBe('None.');
  });
});

describe('a document without the section', () => {
  it('returns no candidates and a problem naming the headings looked for', () => {
    const r = parseProxyStatement(fixture('def14a-no-section.htm'), 'def14a-no-section.htm');
    expect(r.candidates).toEqual([]);
    expect(r.textBlocks).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.message).toMatch(/no related-person section was found/);
    expect(r.problems[0]!.message).toContain('"Certain Relationships and Related Person Transactions"');
    expect(r.problems[0]!.message).toContain('"Transactions with Related Persons"');
  });

  it('never throws on text, but names the file for binary input', () => {
    expect(parseProxyStatement(Buffer.alloc(0), 'empty.txt').problems).toHaveLength(1);
    expect(() => parseProxyStatement(Buffer.from('%PDF-1.7\n%\xe2\xe3\n1 0 obj'), 'proxy.pdf')).toThrow(/proxy\.pdf: a PDF/);
    expect(() => parseProxyStatement(Buffer.from([0x41, 0x00, 0x42, 0x00, 0x01, 0x02]), 'blob.bin')).toThrow(/blob\.bin/);
  });
});

describe('the genre', () => {
  it('finds headings in their many forms', () => {
    const cases: Array<[string, string]> = [
      ['<p><b>Item 13. Certain Relationships and Related Transactions, and Director Independence</b></p>', 'Item 13. Certain Relationships and Related Transactions, and Director Independence'],
      ['<h3>Related\u2011Party Transactions</h3>', 'Related\u2011Party Transactions'],
      ['<p style="font-weight:bold">5.&nbsp;&nbsp;RELATED PERSON TRANSACTIONS</p>', '5. RELATED PERSON TRANSACTIONS'],
      ['<p><b>Transactions with Related&nbsp;Persons</b></p>', 'Transactions with Related Persons'],
      ['<p><b>Review, Approval or Ratification of Transactions with Related Persons</b></p>', 'Review, Approval or Ratification of Transactions with Related Persons'],
    ];
    for (const [heading, expected] of cases) {
      const doc = html(`${heading}<p>In 2024, we paid $300,000 to Acme Supply LLC, which is owned by the brother of our Chief Executive Officer.</p><p><b>OTHER MATTERS</b></p><p>Nothing else.</p>`);
      const r = parseProxyStatement(doc, 'x.htm');
      expect(r.textBlocks[0]?.text.split('\n')[0], heading).toBe(expected);
      expect(rows(r)).toEqual<Row[]>([['Acme Supply LLC', 'from_issuer', 30_000_000, 'USD', '2024', '2024-01-01', '2024-12-31']]);
    }
  });

  it('reads a run-in heading and ends the section at the next one', () => {
    const r = parseProxyStatement(html(`
      <p><b>Board Meetings.</b> The board met six times in fiscal 2023.</p>
      <p><b>Related Person Transactions.</b> In fiscal 2023, Brightwater Labs, Inc., a company controlled by Dr. Ana Ruiz, a director, paid us $450,000 for software licenses.</p>
      <p><b>Code of Conduct.</b> In 2023 we paid $95,000 to Ethicspoint LLC for our hotline.</p>
      <p>Our fiscal year ended September 30, 2023.</p>`), 'runin.htm');
    expect(rows(r)).toEqual<Row[]>([['Brightwater Labs, Inc.', 'to_issuer', 45_000_000, 'USD', 'fiscal 2023', '2022-10-01', '2023-09-30']]);
  });

  it('ends the section at the next heading of the same rank, not at a subheading', () => {
    const r = parseProxyStatement(html(`
      <h2>Certain Relationships and Related Person Transactions</h2>
      <h3>Arrangements with Mr. Okafor</h3>
      <p>During 2024, we purchased steel tubing from Okafor Metals Ltd. for approximately $2.4 million.</p>
      <h3>Aircraft</h3>
      <p>In 2024, we reimbursed Mr. Okafor $180,000 for business use of his aircraft.</p>
      <h2>Annual Meeting Logistics</h2>
      <p>In 2024, we paid Broadridge $75,000 for mailing services.</p>`), 'levels.htm');
    expect(rows(r)).toEqual<Row[]>([
      ['Okafor Metals Ltd.', 'from_issuer', 240_000_000, 'USD', '2024', '2024-01-01', '2024-12-31'],
      ['Mr. Okafor', 'from_issuer', 18_000_000, 'USD', '2024', '2024-01-01', '2024-12-31'],
    ]);
  });

  it('reads a designed proxy that repeats the section title at the top of each page', () => {
    const page = (n: number, body: string) =>
      `<div style="font-size:8pt">CERTAIN RELATIONSHIPS AND RELATED PERSON TRANSACTIONS</div><div>${body}</div><div style="text-align:center;font-size:8pt">Proxy Statement | ${n}</div><hr style="page-break-after:always"/>`;
    const bytes = html(`<p align="center"><b>KESTREL AIR, INC.</b><br/>(Exact name of registrant as specified in its charter)</p>
      <div style="font-size:8pt">CORPORATE GOVERNANCE</div><div><span style="font-size:18pt;font-weight:700">Corporate Governance</span></div><div>The board met five times.</div><hr style="page-break-after:always"/>
      <div style="font-size:8pt">CERTAIN RELATIONSHIPS AND RELATED PERSON TRANSACTIONS</div>
      <div><span style="font-size:18pt;font-weight:700">Certain Relationships and Related Person Transactions</span></div>
      <div>In 2024, Kestrel paid Falcon Hangar LLC, which Mr. Ito owns, $600,000 for hangar space.</div><div style="text-align:center;font-size:8pt">Proxy Statement | 41</div><hr style="page-break-after:always"/>
      ${page(42, '<span style="font-size:10pt;font-weight:700">Catering</span></div><div>In 2024, we paid Ito Catering Co. $150,000 for in-flight meals.')}
      ${page(43, 'Our policy requires approval of any transaction exceeding $120,000.')}
      <div style="font-size:8pt">STOCKHOLDER PROPOSALS</div><div><span style="font-size:18pt;font-weight:700">Stockholder Proposals</span></div><div>We paid Broadridge $50,000.</div>`);
    const r = parseProxyStatement(bytes, 'kestrel.htm');
    expect(rows(r)).toEqual<Row[]>([
      ['Falcon Hangar LLC', 'from_issuer', 60_000_000, 'USD', '2024', '2024-01-01', '2024-12-31'],
      ['Ito Catering Co.', 'from_issuer', 15_000_000, 'USD', '2024', '2024-01-01', '2024-12-31'],
    ]);
    expect(r.candidates.map((c) => c.locator.page)).toEqual([2, 3]);
  });

  it('pairs amounts with their years ("respectively", or written after each) and keeps several amounts apart', () => {
    const r = parseProxyStatement(html(`
      <p><b>RELATED PARTY TRANSACTIONS</b></p>
      <p>In 2024 and 2023, Helix Freight Corp. paid us $1.5 million and $1.1 million, respectively, for warehousing services.</p>
      <p>We sold solar panels to Greenfield Partners LP for $1.2 billion during 2024.</p>
      <p>Since 2022, Lark Media Inc. has billed us $2.1 million in 2023 and $1.8 million in 2022 for advertising.</p>
      <p><b>OTHER MATTERS</b></p>`), 'resp.htm');
    expect(rows(r)).toEqual<Row[]>([
      ['Helix Freight Corp.', 'to_issuer', 150_000_000, 'USD', '2024', '2024-01-01', '2024-12-31'],
      ['Helix Freight Corp.', 'to_issuer', 110_000_000, 'USD', '2023', '2023-01-01', '2023-12-31'],
      ['Greenfield Partners LP', 'to_issuer', 120_000_000_000, 'USD', '2024', '2024-01-01', '2024-12-31'],
      ['Lark Media Inc.', 'from_issuer', 210_000_000, 'USD', '2023', '2023-01-01', '2023-12-31'],
      ['Lark Media Inc.', 'from_issuer', 180_000_000, 'USD', '2022', '2022-01-01', '2022-12-31'],
    ]);
  });

  it('reads an HTML table with split dollar cells and a scale', () => {
    const bytes = html(`
      <p><b>CERTAIN RELATIONSHIPS AND RELATED PERSON TRANSACTIONS</b></p>
      <p>The following table shows payments we made to entities affiliated with our directors (in thousands):</p>
      <table>
        <tr><td><b>Name</b></td><td></td><td colspan="3" style="text-align:center"><b>2024</b></td><td colspan="3" style="text-align:center"><b>2023</b></td></tr>
        <tr><td>Redwood Advisory LLC<sup>(1)</sup></td><td></td><td>$</td><td>1,250</td><td></td><td>$</td><td>980</td><td></td></tr>
        <tr><td>Castellan Security Inc.</td><td></td><td>$</td><td>410</td><td></td><td>$</td><td>&#8212;</td><td></td></tr>
        <tr><td>Total</td><td></td><td>$</td><td>1,660</td><td></td><td>$</td><td>980</td><td></td></tr>
      </table>
      <p><b>STOCKHOLDER PROPOSALS</b></p>`);
    const r = parseProxyStatement(bytes, 'table.htm');
    expect(rows(r)).toEqual<Row[]>([
      ['Redwood Advisory LLC', 'from_issuer', 125_000_000, 'USD', '2024', '2024-01-01', '2024-12-31'],
      ['Redwood Advisory LLC', 'from_issuer', 98_000_000, 'USD', '2023', '2023-01-01', '2023-12-31'],
      ['Castellan Security Inc.', 'from_issuer', 41_000_000, 'USD', '2024', '2024-01-01', '2024-12-31'],
    ]);
    expectExcerptsInText(bytes, r);
    expect(r.candidates[0]!.excerpt).toBe('Redwood Advisory LLC(1)\t$\t1,250\t$\t980');
  });

  it('names an appositive relative, an entity by its owner, and refuses rates and ranges', () => {
    const r = parseProxyStatement(html(`
      <p><b>Related Person Transactions</b></p>
      <p>Ms. Patel's son, Arjun Patel, is employed by us as a sales engineer and received total compensation of $162,000 in 2024.</p>
      <p>We lease a warehouse from an entity controlled by Mr. Brandt and paid rent of $240,000 during 2024.</p>
      <p>Under the lease, rent is $20,000 per month and may range from $230,000 to $260,000 a year.</p>
      <p><b>Other Matters</b></p>`), 'people.htm');
    expect(rows(r)).toEqual<Row[]>([
      ['Arjun Patel', 'from_issuer', 16_200_000, 'USD', '2024', '2024-01-01', '2024-12-31'],
      ['entity controlled by Mr. Brandt', 'from_issuer', 24_000_000, 'USD', '2024', '2024-01-01', '2024-12-31'],
    ]);
  });

  it('uses the issuer name it is given', () => {
    const doc = Buffer.from('RELATED PARTY TRANSACTIONS\n\nDuring 2024, Orion paid Vega Systems Inc. $640,000 for engineering services.\n\nOTHER MATTERS\n');
    const given = parseProxyStatement(doc, 'orion.txt', { name: 'Orion Dynamics Corp.' });
    expect(rows(given)).toEqual<Row[]>([['Vega Systems Inc.', 'from_issuer', 64_000_000, 'USD', '2024', '2024-01-01', '2024-12-31']]);
    expect(given.problems).toEqual([]);
    const unknown = parseProxyStatement(doc, 'orion.txt');
    expect(unknown.problems.map((p) => p.message).join(' ')).toMatch(/issuer's name was neither given nor found/);
  });

  it('reads an EDGAR full submission and Windows-1252 text', () => {
    const submission = Buffer.from([
      '<SEC-DOCUMENT>0001234567-25-000001.txt : 20250401',
      '<SEC-HEADER>0001234567-25-000001.hdr.sgml : 20250401',
      'COMPANY DATA:',
      '\t\tCOMPANY CONFORMED NAME:\t\t\tLUMEN BAY INC',
      '</SEC-HEADER>',
      '<DOCUMENT>',
      '<TYPE>DEF 14A',
      '<TEXT>',
      '<html><body><p><b>RELATED PERSON TRANSACTIONS</b></p><p>In 2024, Lumen Bay paid Tidewater Studios LLC $210,000 for video production.</p><p><b>OTHER MATTERS</b></p></body></html>',
      '</TEXT>',
      '</DOCUMENT>',
      '<DOCUMENT>',
      '<TYPE>GRAPHIC',
      '<TEXT>',
      'begin 644 g1.jpg',
      'M_]C_X  02D9)1@ ! 0$ 8 !@  #_VP!#  @&!@<&!0@\'!P<)"0@*#!0-# L+',
      '</TEXT>',
      '</DOCUMENT>',
      '</SEC-DOCUMENT>',
    ].join('\n'));
    const r = parseProxyStatement(submission, 'full.txt');
    expect(r.format).toBe('proxy-html');
    expect(rows(r)).toEqual<Row[]>([['Tidewater Studios LLC', 'from_issuer', 21_000_000, 'USD', '2024', '2024-01-01', '2024-12-31']]);
    expect(proxyText(submission)).not.toContain('begin 644');

    const cp1252 = Buffer.concat([
      Buffer.from('CERTAIN RELATIONSHIPS AND RELATED TRANSACTIONS\r\n\r\n'),
      Buffer.from([0x93]), Buffer.from('Harbor'), Buffer.from([0x94]),
      Buffer.from(' aside, during 2023 Coastal Marine Co. paid us $75,000 for dock space.\r\n\r\nOTHER MATTERS\r\n'),
    ]);
    const w = parseProxyStatement(cp1252, 'old.txt');
    expect(proxyText(cp1252)).toContain('\u201cHarbor\u201d');
    expect(rows(w)).toEqual<Row[]>([['Coastal Marine Co.', 'to_issuer', 7_500_000, 'USD', '2023', '2023-01-01', '2023-12-31']]);
  });
});

describe('amounts and periods', () => {
  it('turns written amounts into exact minor units', () => {
    const read = (s: string) => findAmounts(s).map((a) => [a.text, a.minor, a.currency]);
    expect(read('approximately $198.3 million')).toEqual([['$198.3 million', 19_830_000_000, 'USD']]);
    expect(read('$2.1 million and $0.8 million')).toEqual([['$2.1 million', 210_000_000, 'USD'], ['$0.8 million', 80_000_000, 'USD']]);
    expect(read('$50,000')).toEqual([['$50,000', 5_000_000, 'USD']]);
    expect(read('$1.2 billion')).toEqual([['$1.2 billion', 120_000_000_000, 'USD']]);
    expect(read('$0.7 million')).toEqual([['$0.7 million', 70_000_000, 'USD']]);
    expect(read('US$3.5 million')).toEqual([['US$3.5 million', 350_000_000, 'USD']]);
    expect(read('€2 million')).toEqual([['€2 million', 200_000_000, 'EUR']]);
    expect(read('approximately $37 million')).toEqual([['$37 million', 3_700_000_000, 'USD']]);
    expect(read('¥150 million')).toEqual([['¥150 million', 150_000_000, 'JPY']]);
    expect(read('2.5 million euros')).toEqual([['2.5 million euros', 250_000_000, 'EUR']]);
    expect(read('$4.75bn')).toEqual([['$4.75bn', 475_000_000_000, 'USD']]);
    expect(read('$0.123456 per share')).toEqual([]);
  });

  it('reads periods as written, with ISO bounds when it can', () => {
    const fye = { month: 12, day: 31, latest: '2024-12-31' };
    const read = (s: string) => findPeriods(s, fye).map((p) => [p.text, p.periodStart, p.periodEnd]);
    expect(read('in fiscal 2023')).toEqual([['fiscal 2023', '2023-01-01', '2023-12-31']]);
    expect(read('during 2024')).toEqual([['2024', '2024-01-01', '2024-12-31']]);
    expect(read('since January 1, 2024')).toEqual([['since January 1, 2024', '2024-01-01', null]]);
    expect(read('for the year ended December 31, 2023')).toEqual([['the year ended December 31, 2023', '2023-01-01', '2023-12-31']]);
    expect(read('from January 1, 2023 through March 31, 2024')).toEqual([['from January 1, 2023 through March 31, 2024', '2023-01-01', '2024-03-31']]);
    expect(read('in March 2024')).toEqual([['March 2024', '2024-03-01', '2024-03-31']]);
    expect(read('during the last fiscal year')).toEqual([['the last fiscal year', '2024-01-01', '2024-12-31']]);
    expect(read('for the fiscal year ended January 28, 2024')).toEqual([['the fiscal year ended January 28, 2024', '2023-01-29', '2024-01-28']]);
    expect(findPeriods('in fiscal 2023', { month: 9, day: 30, latest: null }).map((p) => [p.periodStart, p.periodEnd])).toEqual([['2022-10-01', '2023-09-30']]);
    expect(findPeriods('in fiscal 2023', null).map((p) => [p.text, p.periodStart, p.periodEnd])).toEqual([['fiscal 2023', null, null]]);
  });
});
