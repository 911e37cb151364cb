// SEC XBRL JSON as served by data.sec.gov/api/xbrl: companyfacts (every concept a company has
// reported) and companyconcept (one concept). Kept: related-party facts as disclosures, and the
// issuer's revenue, total assets and equity as reference figures for materiality.
//
// companyfacts for a large filer is 10-50 MB. It is parsed once with JSON.parse, and only the
// concepts that matter are looked at fact by fact; everything else is a name lookup, so the work
// stays linear in the file. A malformed fact is a located problem (concept, unit, index), never a
// crash; only a file that is not SEC XBRL JSON at all is refused (UnsupportedFileError, an Error
// naming the file and what was expected).
import { emptyExtraction, type ExtractedDisclosure, type ExtractedFigure, type ExtractionResult, type PartyRef, type SourceLocator } from '../extracted';
import { isCurrency } from '../../../../shared/money';
import { directionOf, figureOf, isAnnualForm, isFullYear, isRelatedPartyConcept, type FigureKind } from './concepts';
import { decimalToMinor, numberToDecimalString } from './decimal';
import { UnsupportedFileError } from '../detect';

export type SecJsonFormat = 'sec-companyfacts' | 'sec-companyconcept';

const EXPECTED = 'expected a companyfacts ({cik, entityName, facts}) or companyconcept ({cik, taxonomy, tag, units}) file from data.sec.gov/api/xbrl';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
function isDay(v: unknown): v is string {
  if (typeof v !== 'string' || !isoDay.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** CIK as a number (1318605) or a string ("0001318605", "CIK0001318605") -> "0001318605". */
export function normalizeCik(v: unknown): string | null {
  let digits: string | null = null;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) digits = String(v);
  else if (typeof v === 'string') {
    const m = /^\s*(?:CIK)?0*(\d{1,10})\s*$/i.exec(v);
    if (m && m[1] !== undefined && Number(m[1]) > 0) digits = m[1];
  }
  if (digits === null || digits.length > 10) return null;
  return digits.padStart(10, '0');
}

/** One fact as the API lists it, checked. */
interface Fact {
  start: string | null;
  end: string;
  val: number;
  valText: string;
  accn: string | null;
  fy: number | null;
  fp: string | null;
  form: string | null;
  filed: string | null;
  raw: Json;
}

function factLabel(qname: string, unit: string, f: Pick<Fact, 'accn' | 'fy' | 'fp' | 'form'>): string {
  const parts = [qname, unit];
  if (f.accn) parts.push(`accn ${f.accn}`);
  const period = [f.fy !== null ? `FY${f.fy}` : null, f.fp && f.fp !== 'FY' ? f.fp : null, f.form].filter(Boolean).join(' ');
  if (period) parts.push(period);
  return parts.join(', ');
}

const elementId = (qname: string, unit: string, index: number) => `${qname}/${unit}/${index}`;

/** Checks one fact; returns the problem message when it cannot be used. */
function readFact(raw: unknown): Fact | string {
  if (!isObject(raw)) return 'is not an object';
  const { start, end, val } = raw;
  if (!isDay(end)) return `has no valid end date (end: ${JSON.stringify(end ?? null)})`;
  if (start !== undefined && start !== null && !isDay(start)) return `has an invalid start date (start: ${JSON.stringify(start)})`;
  if (typeof start === 'string' && start > end) return `starts (${start}) after it ends (${end})`;
  let value: number;
  let valText: string;
  if (typeof val === 'number' && Number.isFinite(val)) {
    value = val;
    valText = numberToDecimalString(val);
    // A JSON integer beyond 2^53 lost digits in JSON.parse; its exact value cannot be known here.
    if (Number.isInteger(val) && !Number.isSafeInteger(val)) return `has a value (${valText}) too large to read exactly`;
  } else if (typeof val === 'string' && /^-?\d+(\.\d+)?$/.test(val.trim())) {
    valText = val.trim();
    value = Number(valText);
  } else {
    return `has no numeric value (val: ${JSON.stringify(val ?? null)})`;
  }
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  return {
    start: typeof start === 'string' ? start : null, end, val: value, valText,
    accn: str(raw.accn), fy: typeof raw.fy === 'number' && Number.isInteger(raw.fy) ? raw.fy : null,
    fp: str(raw.fp), form: str(raw.form), filed: isDay(raw.filed) ? raw.filed : null, raw,
  };
}

interface KeptDisclosure { index: number; filed: string; others: Array<{ filed: string; locator: SourceLocator }> }
interface FigureCandidate { figure: ExtractedFigure; annual: boolean; rank: number; filed: string }

/** Sorts missing filing dates last, so a dated filing is "earlier" than an undated one. */
const filedKey = (f: Fact) => f.filed ?? '9999-99-99';

class Extractor {
  readonly result: ExtractionResult;
  private readonly kept = new Map<string, KeptDisclosure>();
  private readonly figures = new Map<string, FigureCandidate>();

  constructor(format: SecJsonFormat, private readonly issuer: PartyRef) {
    this.result = emptyExtraction(format);
  }

  problem(label: string, message: string, id?: string): void {
    this.result.problems.push({ locator: id ? { label, elementId: id } : { label }, message });
  }

  /** One concept's units and facts. Returns whether the concept was of interest. */
  concept(taxonomy: string, name: string, body: unknown): boolean {
    const qname = `${taxonomy}:${name}`;
    const related = isRelatedPartyConcept(name);
    const figure = figureOf(qname);
    if (!related && !figure) return false;
    if (!isObject(body)) {
      this.problem(qname, 'the concept is not an object with label, description and units', qname);
      return true;
    }
    const label = typeof body.label === 'string' && body.label.trim() ? body.label.trim() : qname;
    if (!isObject(body.units)) {
      this.problem(qname, 'the concept has no units object', qname);
      return true;
    }
    for (const [unit, list] of Object.entries(body.units)) {
      if (!Array.isArray(list)) {
        this.problem(`${qname}, ${unit}`, `unit "${unit}" is not a list of facts`, `${qname}/${unit}`);
        continue;
      }
      for (let i = 0; i < list.length; i++) {
        const fact = readFact(list[i]);
        if (typeof fact === 'string') {
          this.problem(`${qname}, ${unit}, index ${i}`, `fact ${fact}; skipped`, elementId(qname, unit, i));
          continue;
        }
        if (related) this.disclosure(qname, name, label, unit, i, fact);
        if (figure) this.figure(qname, figure.figure, figure.rank, unit, i, fact);
      }
    }
    return true;
  }

  private disclosure(qname: string, name: string, label: string, unit: string, index: number, f: Fact): void {
    const locator: SourceLocator = { label: factLabel(qname, unit, f), elementId: elementId(qname, unit, index) };
    // The same fact repeated in later filings (a 10-K restates last year's figures) is one fact.
    const key = `${qname}\u0000${unit}\u0000${f.start ?? ''}\u0000${f.end}\u0000${f.valText}`;
    const seen = this.kept.get(key);
    if (seen && filedKey(f) >= seen.filed) {
      seen.others.push({ filed: filedKey(f), locator });
      return;
    }
    const direction = directionOf(name, f.val);
    let amountMinor: number | null = null;
    let currency: string | null = null;
    let description = label;
    if (isCurrency(unit)) {
      const conv = decimalToMinor(f.valText, unit);
      if (conv.ok) {
        // A two-sided balance ("due from (to)") states its side by its sign; the amount is the size.
        amountMinor = /DueFromTo|DueToFrom/.test(name) ? Math.abs(conv.minor) : conv.minor;
        currency = unit;
        if (conv.rounded) description += `. The value ${f.valText} ${unit} has more decimals than ${unit} has; rounded to the nearest minor unit`;
      } else {
        this.problem(locator.label, `${conv.reason}; kept without an amount`, locator.elementId);
        description += `. Value ${f.valText} ${unit} could not be held exactly; no amount kept`;
      }
    } else {
      description += `. Unit "${unit}" is not a currency, so this is not a monetary amount: value ${f.valText} ${unit}, no amount kept`;
    }
    const disclosure: ExtractedDisclosure = {
      issuer: this.issuer, counterpartyLabel: null, concept: qname, direction,
      periodStart: f.start, periodEnd: f.end, amountMinor, currency, description,
      locator, excerpt: JSON.stringify(f.raw),
    };
    if (seen) {
      // An earlier filing of a fact already kept: keep the earlier one, list the later one.
      const previous = this.result.disclosures[seen.index]!;
      seen.others.push({ filed: seen.filed, locator: previous.locator });
      seen.filed = filedKey(f);
      this.result.disclosures[seen.index] = disclosure;
      return;
    }
    this.kept.set(key, { index: this.result.disclosures.length, filed: filedKey(f), others: [] });
    this.result.disclosures.push(disclosure);
  }

  private figure(qname: string, figure: FigureKind, rank: number, unit: string, index: number, f: Fact): void {
    const label = factLabel(qname, unit, f);
    const id = elementId(qname, unit, index);
    if (figure === 'revenue') {
      // Materiality compares with a year's revenue: quarters and year-to-date spans are left out.
      if (f.start === null || !isFullYear(f.start, f.end)) return;
    } else if (f.start !== null) {
      return; // a balance is at an instant; a duration fact of Assets is not total assets
    }
    if (!isCurrency(unit)) {
      this.problem(label, `unit "${unit}" is not a currency; not used as the issuer's ${figure}`, id);
      return;
    }
    const conv = decimalToMinor(f.valText, unit);
    if (!conv.ok) {
      this.problem(label, `${conv.reason}; not used as the issuer's ${figure}`, id);
      return;
    }
    const candidate: FigureCandidate = {
      figure: { issuer: this.issuer, figure, concept: qname, periodStart: f.start, periodEnd: f.end, amountMinor: conv.minor, currency: unit, locator: { label, elementId: id } },
      annual: isAnnualForm(f.form), rank, filed: f.filed ?? '',
    };
    // One figure per (figure, period end, currency): the ledger keeps one per document.
    const key = `${figure}\u0000${f.end}\u0000${unit}`;
    const best = this.figures.get(key);
    if (!best || better(candidate, best)) this.figures.set(key, candidate);
  }

  finish(): ExtractionResult {
    for (const k of this.kept.values()) {
      if (k.others.length === 0) continue;
      k.others.sort((a, b) => (a.filed < b.filed ? -1 : a.filed > b.filed ? 1 : 0));
      this.result.disclosures[k.index]!.duplicates = k.others.map((o) => o.locator);
    }
    const order: Record<FigureKind, number> = { revenue: 0, totalAssets: 1, equity: 2 };
    this.result.figures = [...this.figures.values()].map((c) => c.figure).sort((a, b) =>
      order[a.figure] - order[b.figure] || (a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : 0) || (a.currency < b.currency ? -1 : 1));
    return this.result;
  }
}

/**
 * Annual statements (10-K, 20-F...) first; then the preferred concept; then the latest filing,
 * whose value includes any restatement.
 */
function better(a: FigureCandidate, b: FigureCandidate): boolean {
  if (a.annual !== b.annual) return a.annual;
  if (a.rank !== b.rank) return a.rank < b.rank;
  return a.filed > b.filed;
}

function refuse(fileName: string, what: string): never {
  throw new UnsupportedFileError(`${fileName}: not SEC XBRL JSON: ${what}; ${EXPECTED}.`);
}

export function parseSecJson(bytes: Buffer, fileName: string): ExtractionResult {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    refuse(fileName, `the file is not valid JSON (${(err as Error).message})`);
  }
  if (!isObject(root)) refuse(fileName, Array.isArray(root) ? 'the file holds a JSON array' : 'the file holds no JSON object');
  let format: SecJsonFormat;
  if ('facts' in root) format = 'sec-companyfacts';
  else if ('units' in root && ('tag' in root || 'taxonomy' in root)) format = 'sec-companyconcept';
  else if (Array.isArray(root.data) && ('ccp' in root || 'pts' in root)) refuse(fileName, 'this is a frames file (one concept across many companies), not one company\'s facts');
  else if ('filings' in root) refuse(fileName, 'this is a submissions file (the list of a company\'s filings), which holds no facts');
  else refuse(fileName, `a JSON object with neither "facts" nor "units" (keys: ${Object.keys(root).slice(0, 8).join(', ') || 'none'})`);

  const cik = normalizeCik(root.cik);
  const name = typeof root.entityName === 'string' && root.entityName.trim() ? root.entityName.trim() : undefined;
  const issuer: PartyRef = {};
  if (name) issuer.name = name;
  if (cik) issuer.cik = cik;
  const x = new Extractor(format, issuer);
  if (!cik) x.problem('cik', `the CIK ${JSON.stringify(root.cik ?? null)} is not a positive number of at most 10 digits; the issuer is known by name only`);
  if (!name) x.problem('entityName', 'the file names no entity');

  if (format === 'sec-companyfacts') {
    if (!isObject(root.facts)) {
      x.problem('facts', '"facts" is not an object of taxonomies; nothing could be read');
      return x.finish();
    }
    for (const [taxonomy, concepts] of Object.entries(root.facts)) {
      if (!isObject(concepts)) {
        x.problem(taxonomy, `taxonomy "${taxonomy}" is not an object of concepts; skipped`, taxonomy);
        continue;
      }
      for (const [concept, body] of Object.entries(concepts)) x.concept(taxonomy, concept, body);
    }
  } else {
    const taxonomy = typeof root.taxonomy === 'string' ? root.taxonomy : null;
    const tag = typeof root.tag === 'string' ? root.tag : null;
    if (!taxonomy || !tag) {
      x.problem('taxonomy/tag', 'the file does not say which concept it holds (taxonomy and tag); nothing could be read');
      return x.finish();
    }
    if (!x.concept(taxonomy, tag, root)) {
      x.problem(`${taxonomy}:${tag}`, `${taxonomy}:${tag} is neither a related-party concept nor revenue, total assets or equity; nothing was extracted`, `${taxonomy}:${tag}`);
    }
  }
  return x.finish();
}
