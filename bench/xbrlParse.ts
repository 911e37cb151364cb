// Inline XBRL parse benchmark: parseXbrl over a generated ~3 MB 10-K in the EDGAR/Workiva layout
// (styled tables of ix:nonFraction facts, a few hundred contexts, text blocks with continuations),
// against htmlparser2's bare Parser (no handlers) over the same bytes in the same run.
// Targets: parseXbrl under 1 s, and at most 3x the bare parser's time.
import { performance } from 'node:perf_hooks';
import { Parser } from 'htmlparser2';
import { parseXbrl } from '../electron/core/importers/xbrl';
import { prng } from './generate';
import { median } from './timing';

export const XBRL_TARGET_MS = 1000;
export const XBRL_TARGET_RATIO = 3;

export interface XbrlBenchResult {
  bytes: number;
  parseMs: number;
  tokenizerMs: number;
  ratio: number;
}

const span = "color:#000000;font-family:'Helvetica',sans-serif;font-size:9pt;font-weight:400;line-height:100%";
const para = "color:#000000;font-family:'Helvetica',sans-serif;font-size:9pt;font-weight:400;line-height:120%";
const words = ('the company its subsidiaries revenue increased primarily due to higher net sales of products and services '
  + 'during fiscal year compared with prior period operating expenses research development selling general administrative '
  + 'agreement with related party under which services were provided at terms no less favorable than arm length').split(' ');

const concepts = [
  'Revenues', 'CostOfRevenue', 'GrossProfit', 'ResearchAndDevelopmentExpense', 'SellingGeneralAndAdministrativeExpense',
  'OperatingIncomeLoss', 'NonoperatingIncomeExpense', 'IncomeTaxExpenseBenefit', 'NetIncomeLoss', 'Assets', 'Liabilities',
  'StockholdersEquity', 'CashAndCashEquivalentsAtCarryingValue', 'AccountsReceivableNetCurrent', 'InventoryNet',
  'PropertyPlantAndEquipmentNet', 'AccountsPayableCurrent', 'LongTermDebtNoncurrent', 'ShareBasedCompensation', 'Depreciation',
];
const rpConcepts = ['RevenueFromRelatedParties', 'DueToRelatedPartiesCurrent', 'RelatedPartyTransactionPurchasesFromRelatedParty', 'AccountsReceivableRelatedPartiesCurrent'];
const products = ['ProductMember', 'ServiceMember', 'IPhoneMember', 'MacMember', 'WearablesMember', 'LicensingMember'];
const parties = ['SpaceXMember', 'NorthwindLogisticsMember', 'HeliosShippingMember', 'us-gaap:NonrelatedPartyMember', 'us-gaap:RelatedPartyMember'];

/** A deterministic Inline XBRL 10-K of about `targetBytes` (ASCII, so bytes = characters). */
export function buildInline10K(targetBytes = 3_000_000, seed = 7): Buffer {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const sentence = (n: number) => Array.from({ length: n }, () => pick(words)).join(' ');
  const out: string[] = [];
  let size = 0;
  const push = (s: string) => { out.push(s); size += s.length; };

  push(`<?xml version='1.0' encoding='ASCII'?>\n<!--XBRL Document Created for the benchmark-->\n`);
  push('<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:dei="http://xbrl.sec.gov/dei/2024" xmlns:bench="http://www.bench.example/20241231" xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:xbrldi="http://xbrl.org/2006/xbrldi" xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:ixt-sec="http://www.sec.gov/inlineXBRL/transformation/2015-08-31" xmlns:us-gaap="http://fasb.org/us-gaap/2024" xmlns:srt="http://fasb.org/srt/2024" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:iso4217="http://www.xbrl.org/2003/iso4217" xml:lang="en-US">');
  push('<head><meta http-equiv="Content-Type" content="text/html"/><title>bench-20241231</title></head><body><div style="display:none"><ix:header><ix:hidden>');
  push('<ix:nonNumeric contextRef="c-1" name="dei:EntityCentralIndexKey" id="f-h1">0000999999</ix:nonNumeric><ix:nonNumeric contextRef="c-1" name="dei:DocumentType" id="f-h2">10-K</ix:nonNumeric>');
  push('</ix:hidden><ix:references xml:lang="en-US"><link:schemaRef xlink:type="simple" xlink:href="bench-20241231.xsd"/></ix:references><ix:resources>');
  push('<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit><xbrli:unit id="shares"><xbrli:measure>xbrli:shares</xbrli:measure></xbrli:unit><xbrli:unit id="usdPerShare"><xbrli:divide><xbrli:unitNumerator><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unitNumerator><xbrli:unitDenominator><xbrli:measure>xbrli:shares</xbrli:measure></xbrli:unitDenominator></xbrli:divide></xbrli:unit>');
  const years = [2024, 2023, 2022];
  const ctxIds: Array<{ id: string; instant: boolean }> = [];
  let c = 0;
  const context = (period: string, segment: string, instant: boolean) => {
    const id = `c-${++c}`;
    ctxIds.push({ id, instant });
    push(`<xbrli:context id="${id}"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">0000999999</xbrli:identifier>${segment ? `<xbrli:segment>${segment}</xbrli:segment>` : ''}</xbrli:entity><xbrli:period>${period}</xbrli:period></xbrli:context>`);
  };
  for (const y of years) {
    const dur = `<xbrli:startDate>${y}-01-01</xbrli:startDate><xbrli:endDate>${y}-12-31</xbrli:endDate>`;
    const inst = `<xbrli:instant>${y}-12-31</xbrli:instant>`;
    context(dur, '', false);
    context(inst, '', true);
    for (const p of products) context(dur, `<xbrldi:explicitMember dimension="srt:ProductOrServiceAxis">us-gaap:${p}</xbrldi:explicitMember>`, false);
    for (const p of parties) {
      const member = p.includes(':') ? p : `bench:${p}`;
      context(dur, `<xbrldi:explicitMember dimension="us-gaap:RelatedPartyTransactionsByRelatedPartyAxis">${member}</xbrldi:explicitMember>`, false);
      context(inst, `<xbrldi:explicitMember dimension="us-gaap:RelatedPartyTransactionsByRelatedPartyAxis">${member}</xbrldi:explicitMember>`, true);
    }
    for (let q = 0; q < 60; q++) context(dur, `<xbrldi:explicitMember dimension="us-gaap:StatementBusinessSegmentsAxis">bench:Segment${q}Member</xbrldi:explicitMember>`, false);
  }
  push('</ix:resources></ix:header></div>');

  let fact = 0;
  let table = 0;
  let cont = 0;
  const cell = (concept: string, ctx: string) => {
    // The same fact (concept, context) shows the same value wherever it appears, as in a real filing.
    let h = 2166136261;
    for (const ch of concept + ctx) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    h >>>= 0;
    const value = `${1 + (h % 999)},${String((h >>> 10) % 1000).padStart(3, '0')}`;
    return `<td colspan="2" style="background-color:#ffffff;padding:2px 0 2px 1pt;text-align:right;vertical-align:bottom"><span style="${span}"><ix:nonFraction unitRef="usd" contextRef="${ctx}" decimals="-6" name="${concept}" format="ixt:num-dot-decimal" scale="6" id="f-${++fact}">${value}</ix:nonFraction>&#160;</span></td><td style="background-color:#ffffff;padding:2px 1pt 2px 0;text-align:right;vertical-align:bottom"/><td colspan="3" style="background-color:#ffffff;padding:0 1pt"/>`;
  };
  const paragraph = () => `<div style="margin-top:9pt;text-align:justify"><span style="${para}">${sentence(40 + Math.floor(rand() * 60))}.</span></div>`;
  while (size < targetBytes) {
    table++;
    for (let i = 0; i < 3; i++) push(paragraph());
    const textBlock = table % 5 === 0;
    const related = table % 10 === 0;
    if (textBlock) {
      const name = related ? 'us-gaap:RelatedPartyTransactionsDisclosureTextBlock' : 'us-gaap:SegmentReportingDisclosureTextBlock';
      push(`<ix:nonNumeric contextRef="c-1" name="${name}" escape="true" id="tb-${table}"${related ? ` continuedAt="cont-${cont + 1}"` : ''}>`);
    }
    push(`<div style="margin-top:6pt"><table style="border-collapse:collapse;display:inline-table;margin-bottom:5pt;vertical-align:text-bottom;width:100.000%"><tr><td colspan="3" style="padding:0 1pt"/>${years.map((y) => `<td colspan="3" style="border-bottom:1pt solid #000000;padding:2px 1pt;text-align:center;vertical-align:bottom"><span style="${span};font-weight:700">${y}</span></td>`).join('')}</tr>`);
    for (let r = 0; r < 12; r++) {
      const rp = rand() < 0.08;
      const concept = rp ? `us-gaap:${pick(rpConcepts)}` : `us-gaap:${pick(concepts)}`;
      const row = [`<tr><td colspan="3" style="background-color:#efefef;padding:2px 1pt;text-align:left;vertical-align:bottom"><span style="${span}">${sentence(3)}</span></td>`];
      for (let y = 0; y < years.length; y++) {
        const base = y * (2 + products.length + parties.length * 2 + 60);
        const ctx = rp ? `c-${base + 3 + products.length + Math.floor(rand() * parties.length * 2)}` : rand() < 0.5 ? `c-${base + 1 + Math.floor(rand() * 2)}` : `c-${base + 3 + products.length + parties.length * 2 + Math.floor(rand() * 60)}`;
        row.push(cell(concept, ctx));
      }
      row.push('</tr>');
      push(row.join(''));
    }
    push('</table></div>');
    if (textBlock) {
      push(`${paragraph()}</ix:nonNumeric>`);
      if (related) {
        push(`<div style="page-break-after:always"><span style="${para}">Bench Inc. | 2024 Form 10-K | ${table}</span></div>`);
        push(`<ix:continuation id="cont-${++cont}">${paragraph()}${paragraph()}<ix:exclude><div><span>Bench Inc. | page ${table + 1}</span></div></ix:exclude></ix:continuation>`);
      }
    }
  }
  push('</body></html>\n');
  return Buffer.from(out.join(''), 'latin1');
}

/** Times parseXbrl and the bare htmlparser2 Parser over the same generated 10-K (median of `runs`). */
export function benchXbrlParse(targetBytes = 3_000_000, runs = 5): XbrlBenchResult {
  const bytes = buildInline10K(targetBytes);
  const bare = () => {
    const p = new Parser(null, { xmlMode: true, decodeEntities: true });
    p.end(bytes.toString('utf8'));
  };
  const ours = () => parseXbrl(bytes, 'bench-20241231.htm');
  const check = ours();
  if (check.problems.length > 0 || check.disclosures.length === 0) throw new Error(`xbrl bench: the generated document did not parse cleanly (${check.problems.length} problems, ${check.disclosures.length} disclosures)`);
  // Warm both up (JIT) before timing: the numbers are for steady state, as in a session importing filings.
  for (let i = 0; i < 3; i++) { ours(); bare(); }
  const parse: number[] = [];
  const tokenize: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    ours();
    parse.push(performance.now() - t);
    t = performance.now();
    bare();
    tokenize.push(performance.now() - t);
  }
  const parseMs = median(parse);
  const tokenizerMs = median(tokenize);
  return { bytes: bytes.length, parseMs: Math.round(parseMs * 10) / 10, tokenizerMs: Math.round(tokenizerMs * 10) / 10, ratio: Math.round((parseMs / tokenizerMs) * 100) / 100 };
}
