// XBRL instance documents (.xml) and Inline XBRL filings (.htm/.xhtml: 10-K, 10-Q, 20-F, ESEF):
// related-party facts as disclosures, the issuer's revenue / total assets / equity as reference
// figures, and related-party text blocks as evidence.
//
// A fact counts as related-party by its concept (RevenueFromRelatedParties, DueToRelatedParties...,
// KeyManagementPersonnelCompensation, ...) or by its dimensions (a member on
// RelatedPartyTransactionsByRelatedPartyAxis, ifrs-full:CategoriesOfRelatedPartiesAxis, ..., or a
// related-looking member on srt:CounterpartyNameAxis); a NonrelatedPartyMember rules it out.
// Units are resolved through their definitions (the unit id's spelling means nothing), amounts
// are exact integer minor units (BigInt, no floats). A malformed fact is a located problem and is
// skipped; only a file that is not XBRL at all throws. DTDs are never interpreted (see prolog.ts).
import { emptyExtraction, type ExtractedDisclosure, type ExtractedFigure, type ExtractionResult, type ImportProblem, type PartyRef, type SourceLocator } from '../extracted';
import { isCurrency, minorDigits } from '../../../../shared/money';
import {
  axisRole, directionOf, figureOf, identityFieldOf, isGenericRelatedMember, isNonRelatedMember, isRelatedPartyConcept, isRelatedPartyTextConcept,
  isStrongRole, memberLooksRelated, readableMemberName, type AxisRole, type FigureKind,
} from './concepts';
import { decEquals, decToString, parseDecimal, roundedAt, toMinorUnits, withScale, type Dec } from './decimal';
import { applyNumericFormat, plainNumber } from './ixt';
import { LabelIndex, readLinkbaseText } from './labels';
import { clark, NS, qnameText, type Context, type NumericFact, type QName, type TextFact, type Unit } from './model';
import { readProlog } from './prolog';
import { scan } from './scan';
import { clip, htmlText, inlineText, normalizeSpace } from './text';

export type XbrlFormat = 'xbrl' | 'ixbrl';

const CIK_SCHEME = 'http://www.sec.gov/CIK';
const LEI_SCHEME = 'http://standards.iso.org/iso/17442';
const EXCERPT_MAX = 400;

/** Offsets to 1-based line numbers, indexed once on first use. */
class LineIndex {
  private starts: number[] | null = null;
  constructor(private readonly text: string) {}
  lineOf(offset: number): number {
    if (this.starts === null) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

export function normalizeCik(v: string): string | null {
  const m = /^\s*(?:CIK)?0*(\d{1,10})\s*$/i.exec(v);
  return m && m[1] !== undefined && Number(m[1]) > 0 ? m[1].padStart(10, '0') : null;
}

const dateOnly = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * An XBRL period date as an ISO day. A date-only end or instant means the end of that day; a
 * dateTime of exactly midnight as an end means the end of the day before (XBRL 2.1, 4.7.2).
 */
function periodDay(text: string | null, isEnd: boolean): string | null | undefined {
  if (text === null) return null;
  const m = dateOnly.exec(text);
  if (!m) return undefined;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day) return undefined;
  if (isEnd && m[4] === '00' && m[5] === '00' && m[6] === '00') {
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  }
  return day;
}

interface Counterparty {
  label: string;
  /** Made from the member's name because no label was available. */
  derivedFrom: QName | null;
}

interface ContextInfo {
  ctx: Context;
  ok: boolean;
  periodStart: string | null;
  periodEnd: string | null;
  key: string;
  issuer: PartyRef;
  excluded: boolean;
  strong: boolean;
  weakRelated: boolean;
  counterparty: Counterparty | null;
  /** The counterparty a counterparty/title axis names, used only when the fact is related by other means too. */
  weakCounterparty: Counterparty | null;
}

interface UnitInfo {
  ok: boolean;
  currency: string | null;
  key: string;
  text: string;
}

interface Entry {
  fact: NumericFact;
  dec: Dec;
  decimals: number;
  ctx: ContextInfo;
  unit: UnitInfo;
  locator: SourceLocator;
  figure: { figure: FigureKind; rank: number } | undefined;
  related: boolean;
}

/**
 * Parses an XBRL instance or Inline XBRL document. `companions` may hold the filing's label
 * linkbase (*_lab.xml) by file name, so dimension members get their real labels.
 */
export function parseXbrl(bytes: Buffer, fileName: string, companions?: ReadonlyMap<string, Buffer | string>): ExtractionResult {
  const prolog = readProlog(bytes, fileName);
  const inline = prolog.format === 'ixbrl';
  const result = emptyExtraction(prolog.format);
  const problems: ImportProblem[] = result.problems;
  problems.push(...prolog.problems);
  const text = prolog.text;
  const lines = new LineIndex(text);
  const locate = (offset: number, label?: string, elementId?: string | null, end?: number): SourceLocator => {
    const line = lines.lineOf(offset);
    const loc: SourceLocator = { label: label ? `${label}, line ${line}` : `line ${line}`, line, charStart: offset };
    if (elementId) loc.elementId = elementId;
    if (end !== undefined && end > offset) loc.charEnd = end;
    return loc;
  };

  const labels = new LabelIndex();
  for (const [name, content] of companions ?? []) {
    try {
      if (!labels.add(readLinkbaseText(content))) problems.push({ locator: { label: name }, message: `${name} is not a label linkbase; it was not used` });
    } catch (err) {
      problems.push({ locator: { label: name }, message: `${name} could not be read as a label linkbase (${(err as Error).message})` });
    }
  }

  const s = scan(text, inline, problems, locate);
  if (s.contexts.size === 0 && s.numeric.length === 0 && s.text.length === 0) {
    problems.push({ locator: { label: 'document', line: 1 }, message: 'the document holds no XBRL contexts or facts' });
  }

  // The issuer: cover-page facts, and the entity identifier most contexts use.
  const identity: { name?: string; cik?: string; ticker?: string } = {};
  for (const f of s.text) {
    const field = identityFieldOf(f.concept);
    const value = f.inline ? f.text : normalizeSpace(f.text ?? '');
    if (!field || !value) continue;
    if (field === 'name' && identity.name === undefined) identity.name = value;
    if (field === 'ticker' && identity.ticker === undefined) identity.ticker = value;
    if (field === 'cik' && identity.cik === undefined) {
      const cik = normalizeCik(value);
      if (cik) identity.cik = cik;
      else problems.push({ locator: locate(f.span.start, factLabel(f), f.id, f.span.end), message: `the CIK "${clip(value, 40)}" is not a number of at most 10 digits` });
    }
  }
  const identifierCounts = new Map<string, number>();
  for (const c of s.contexts.values()) {
    const k = `${c.scheme}\u0001${c.identifier}`;
    identifierCounts.set(k, (identifierCounts.get(k) ?? 0) + 1);
  }
  const mainIdentifier = [...identifierCounts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  const partyOf = (scheme: string, identifier: string, main: boolean): PartyRef => {
    const p: PartyRef = {};
    if (main && identity.name) p.name = identity.name;
    const cik = scheme === CIK_SCHEME ? normalizeCik(identifier) : null;
    if (cik) p.cik = cik;
    else if (main && identity.cik) p.cik = identity.cik;
    if (scheme === LEI_SCHEME && /^[A-Z0-9]{18}\d{2}$/.test(identifier)) p.lei = identifier;
    if (main && identity.ticker) p.ticker = identity.ticker;
    return p;
  };

  const contextInfos = new Map<string, ContextInfo>();
  function contextInfo(id: string): ContextInfo | undefined {
    let info = contextInfos.get(id);
    if (info) return info;
    const ctx = s.contexts.get(id);
    if (!ctx) return undefined;
    const where = () => locate(ctx.at, `context ${id}`, id);
    let ok = true;
    let periodStart: string | null = null;
    let periodEnd: string | null = null;
    if (ctx.instant !== null) {
      const d = periodDay(ctx.instant, true);
      if (d) periodEnd = d;
      else ok = false;
    } else if (ctx.startDate !== null || ctx.endDate !== null) {
      const a = periodDay(ctx.startDate, false);
      const b = periodDay(ctx.endDate, true);
      if (a && b && a <= b) [periodStart, periodEnd] = [a, b];
      else ok = false;
    } else if (!ctx.forever) ok = false;
    if (!ok) problems.push({ locator: where(), message: `context "${id}" has no valid period (start ${JSON.stringify(ctx.startDate)}, end ${JSON.stringify(ctx.endDate)}, instant ${JSON.stringify(ctx.instant)}); facts that use it were skipped` });
    if (!ctx.identifier) {
      problems.push({ locator: where(), message: `context "${id}" names no entity identifier; facts that use it were skipped` });
      ok = false;
    }
    const dimKeys = ctx.dims.map((d) => `${clark(d.axis)}=${d.member ? clark(d.member) : `typed:${d.typedValue ?? ''}`}`).sort();
    const key = [ctx.scheme, ctx.identifier, periodStart ?? '', periodEnd ?? '', ctx.forever ? 'forever' : '', ...dimKeys].join('\u0001');

    let excluded = false;
    let strong = false;
    let weakRelated = false;
    let best: { rank: number; cp: Counterparty } | null = null;
    let weakBest: { rank: number; cp: Counterparty } | null = null;
    const rankOf: Record<AxisRole, number> = { counterparty: 0, party: 1, category: 2, individual: 3, transaction: 9 };
    for (const d of ctx.dims) {
      if (d.member && isNonRelatedMember(d.member.local)) excluded = true;
      const role = axisRole(d.axis);
      if (!role) continue;
      const strongRole = isStrongRole(role);
      if (strongRole) strong = true;
      else if (d.member && memberLooksRelated(d.member.local)) weakRelated = true;
      if (role === 'transaction') continue;
      let cp: Counterparty | null = null;
      if (d.typedValue) cp = { label: d.typedValue, derivedFrom: null };
      else if (d.member && !isGenericRelatedMember(d.member.local) && !isNonRelatedMember(d.member.local)) {
        const label = labels.labelOf(d.member);
        cp = label ? { label, derivedFrom: null } : { label: readableMemberName(d.member.local), derivedFrom: d.member };
      }
      if (!cp) continue;
      const candidate = { rank: rankOf[role], cp };
      if (strongRole || (d.member && memberLooksRelated(d.member.local))) {
        if (!best || candidate.rank < best.rank) best = candidate;
      } else if (!weakBest || candidate.rank < weakBest.rank) weakBest = candidate;
    }
    const main = `${ctx.scheme}\u0001${ctx.identifier}` === mainIdentifier;
    info = {
      ctx, ok, periodStart, periodEnd, key, issuer: partyOf(ctx.scheme, ctx.identifier, main), excluded, strong, weakRelated,
      counterparty: best?.cp ?? null, weakCounterparty: weakBest?.cp ?? null,
    };
    contextInfos.set(id, info);
    return info;
  }

  const unitInfos = new Map<string, UnitInfo>();
  function unitInfo(id: string): UnitInfo | undefined {
    let info = unitInfos.get(id);
    if (info) return info;
    const u = s.units.get(id);
    if (!u) return undefined;
    info = describeUnit(u);
    if (!info.ok) problems.push({ locator: locate(u.at, `unit ${id}`, id), message: `unit "${id}" has no measure; facts that use it were skipped` });
    unitInfos.set(id, info);
    return info;
  }
  function describeUnit(u: Unit): UnitInfo {
    const num = u.numerators.map(clark).sort();
    const den = u.denominators.map(clark).sort();
    const text = u.numerators.map(qnameText).join('*') + (u.denominators.length ? `/${u.denominators.map(qnameText).join('*')}` : '');
    let currency: string | null = null;
    const only = u.numerators.length === 1 && u.denominators.length === 0 ? u.numerators[0]! : null;
    if (only && (only.ns === NS.iso4217 || only.ns === 'urn:unbound:iso4217')) {
      if (isCurrency(only.local)) currency = only.local;
      else problems.push({ locator: locate(u.at, `unit ${u.id}`, u.id), message: `unit "${u.id}" names "${only.local}", which is not an ISO 4217 currency; its facts are kept without an amount` });
    }
    return { ok: u.numerators.length > 0, currency, key: `${num.join('*')}/${den.join('*')}`, text };
  }

  function factLabel(f: NumericFact | TextFact): string {
    return f.id ? `fact ${f.id} (${qnameText(f.concept)})` : qnameText(f.concept);
  }

  /** The fact's value, or a problem message. */
  function valueOf(f: NumericFact): Dec | string {
    if (!f.inline) {
      const t = f.text.trim();
      const d = parseDecimal(t, true);
      if (d) return d;
      if (/^[+-]?(INF|NaN)$/.test(t)) return `has the value ${t}, which is not an amount`;
      return `has the value "${clip(t, 60)}", which is not a decimal number`;
    }
    const shown = f.text;
    const r = f.format ? applyNumericFormat(f.format.local, shown) : plainNumber(shown);
    const fmt = f.format ? qnameText(f.format) : '';
    let decimal: string;
    switch (r.kind) {
      case 'number': decimal = r.decimal; break;
      case 'invalid': return `shows "${clip(normalizeSpace(shown), 60)}", which ${r.reason}`;
      case 'notNumeric': return `has the format ${fmt}, which does not give a number`;
      case 'nonFinite': return `has the format ${fmt}, which gives ${r.value}, not an amount`;
      case 'unknown': return `has the transformation format ${fmt}, which is not one this importer knows (ixt v1-v5, ixt-sec)`;
    }
    let scale = 0;
    if (f.scale !== null) {
      if (!/^-?\d{1,3}$/.test(f.scale.trim()) || Math.abs(Number(f.scale)) > 30) return `has the scale "${f.scale}", which is not a whole number between -30 and 30`;
      scale = Number(f.scale);
    }
    if (f.sign !== null && f.sign !== '-') return `has the sign "${f.sign}"; only "-" is allowed`;
    const d = parseDecimal(decimal);
    if (!d) return `shows "${clip(normalizeSpace(shown), 60)}", which has too many digits`;
    return withScale(d, scale, f.sign === '-');
  }

  function decimalsOf(f: NumericFact, locator: SourceLocator): number {
    if (f.decimals === null) return Number.POSITIVE_INFINITY;
    const t = f.decimals.trim();
    if (t === 'INF') return Number.POSITIVE_INFINITY;
    if (/^-?\d+$/.test(t)) return Number(t);
    problems.push({ locator, message: `has decimals="${f.decimals}", which is neither a whole number nor INF; it was read as INF` });
    return Number.POSITIVE_INFINITY;
  }

  const relatedConcepts = new Map<QName, boolean>();
  const relatedConcept = (q: QName): boolean => {
    let r = relatedConcepts.get(q);
    if (r === undefined) relatedConcepts.set(q, (r = isRelatedPartyConcept(q.local)));
    return r;
  };

  // Numeric facts: each needs its context and unit (a missing one is a problem wherever it
  // stands); the related-party ones and the reference figures are then read and kept, grouped so
  // that duplicates report once.
  const groups = new Map<string, Entry[]>();
  for (const f of s.numeric) {
    if (f.nil) continue;
    const where = () => locate(f.span.start, factLabel(f), f.id, f.span.end);
    const skip = (message: string) => problems.push({ locator: where(), message: `${message}; the fact was skipped` });
    if (!f.contextRef) { skip('has no contextRef'); continue; }
    const ctx = contextInfo(f.contextRef);
    if (!ctx) { skip(`refers to context "${f.contextRef}", which the document does not define`); continue; }
    if (!f.unitRef) { skip('has no unitRef'); continue; }
    const unit = unitInfo(f.unitRef);
    if (!unit) { skip(`refers to unit "${f.unitRef}", which the document does not define`); continue; }
    if (!ctx.ok || !unit.ok) continue; // reported once at the context or unit
    const figure = ctx.ctx.dims.length === 0 && unit.currency !== null ? figureOf(f.concept) : undefined;
    const related = !ctx.excluded && (ctx.strong || ctx.weakRelated || relatedConcept(f.concept));
    // Facts that are neither are not read further: their values do not matter to the import.
    if (!figure && !related) continue;
    const dec = valueOf(f);
    if (typeof dec === 'string') { skip(dec); continue; }
    const locator = where();
    const entry: Entry = { fact: f, dec, decimals: decimalsOf(f, locator), ctx, unit, locator, figure, related };
    const key = `${clark(f.concept)}\u0002${ctx.key}\u0002${unit.key}`;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }

  const consistent = (a: Entry, b: Entry): boolean => {
    if (decEquals(a.dec, b.dec)) return true;
    const k = Math.min(a.decimals, b.decimals);
    return Number.isFinite(k) && roundedAt(a.dec, k) === roundedAt(b.dec, k);
  };

  const disclosures: ExtractedDisclosure[] = [];
  const figureBest = new Map<string, { rank: number; figure: ExtractedFigure }>();
  for (const group of groups.values()) {
    const clusters: Array<{ primary: Entry; others: Entry[] }> = [];
    for (const e of group) {
      const c = clusters.find((cl) => consistent(cl.primary, e));
      if (!c) clusters.push({ primary: e, others: [] });
      else if (e.decimals > c.primary.decimals) {
        c.others.push(c.primary);
        c.primary = e;
      } else c.others.push(e);
    }
    if (clusters.length > 1) {
      const first = clusters[0]!.primary;
      for (const c of clusters.slice(1)) {
        problems.push({
          locator: c.primary.locator,
          message: `${qnameText(first.fact.concept)} is reported for the same context and unit with a different value (${decToString(c.primary.dec)} here, ${decToString(first.dec)} at ${first.locator.label}); both values were kept`,
        });
      }
    }
    for (const c of clusters) {
      const e = c.primary;
      let minor: number | null = null;
      let rounded = false;
      if (e.unit.currency) {
        const m = toMinorUnits(e.dec, minorDigits(e.unit.currency));
        if (!m.ok) {
          problems.push({ locator: e.locator, message: `${decToString(e.dec)} ${e.unit.currency} ${m.reason}; the fact was skipped` });
          continue;
        }
        minor = m.minor;
        rounded = m.rounded;
      }
      if (e.related) {
        const d: ExtractedDisclosure = {
          issuer: e.ctx.issuer,
          counterpartyLabel: (e.ctx.counterparty ?? e.ctx.weakCounterparty)?.label ?? null,
          concept: qnameText(e.fact.concept),
          direction: directionOf(e.fact.concept.local, e.dec.neg && e.dec.digits !== 0n),
          periodStart: e.ctx.periodStart,
          periodEnd: e.ctx.periodEnd,
          amountMinor: minor,
          currency: minor !== null ? e.unit.currency : null,
          description: describe(e, rounded),
          locator: e.locator,
          excerpt: excerptOf(e.fact),
        };
        if (c.others.length) d.duplicates = c.others.map((o) => o.locator);
        disclosures.push(d);
      }
      if (e.figure && minor !== null && e.unit.currency && e.ctx.periodEnd) {
        const fkey = `${e.figure.figure}\u0001${e.ctx.periodStart ?? ''}\u0001${e.ctx.periodEnd}\u0001${e.unit.currency}\u0001${e.ctx.issuer.cik ?? e.ctx.issuer.lei ?? ''}`;
        const have = figureBest.get(fkey);
        if (!have || e.figure.rank < have.rank) {
          figureBest.set(fkey, {
            rank: e.figure.rank,
            figure: { issuer: e.ctx.issuer, figure: e.figure.figure, concept: qnameText(e.fact.concept), periodStart: e.ctx.periodStart, periodEnd: e.ctx.periodEnd, amountMinor: minor, currency: e.unit.currency, locator: e.locator },
          });
        }
      }
    }
  }
  const byPosition = (a: { locator: SourceLocator }, b: { locator: SourceLocator }) => (a.locator.charStart ?? 0) - (b.locator.charStart ?? 0);
  result.disclosures = disclosures.sort(byPosition);
  result.figures = [...figureBest.values()].map((v) => v.figure).sort(byPosition);

  function describe(e: Entry, rounded: boolean): string {
    const concept = qnameText(e.fact.concept);
    const conceptLabel = labels.labelOf(e.fact.concept);
    let out = conceptLabel ? `${conceptLabel} (${concept})` : concept;
    const dims = e.ctx.ctx.dims.map((d) => {
      const member = d.member ? (labels.labelOf(d.member) ? `${labels.labelOf(d.member)} (${qnameText(d.member)})` : qnameText(d.member)) : `"${d.typedValue ?? ''}"`;
      return `${qnameText(d.axis)} = ${member}`;
    });
    if (dims.length) out += ` [${dims.join('; ')}]`;
    const p = e.ctx;
    out += p.periodStart ? `, ${p.periodStart} to ${p.periodEnd}` : p.periodEnd ? `, at ${p.periodEnd}` : ', for all periods';
    out += `: ${decToString(e.dec)} ${e.unit.currency ?? e.unit.text}`;
    if (e.fact.inline) {
      const shown = clip(normalizeSpace(e.fact.text), 40);
      const how = [e.fact.format ? qnameText(e.fact.format) : null, e.fact.scale && e.fact.scale !== '0' ? `scale ${e.fact.scale}` : null, e.fact.sign === '-' ? 'sign -' : null].filter(Boolean);
      out += ` (shown as "${shown}"${how.length ? `, ${how.join(', ')}` : ''})`;
    }
    out += '.';
    if (rounded) out += ` Rounded half away from zero to whole minor units of ${e.unit.currency}.`;
    const cp = e.ctx.counterparty ?? e.ctx.weakCounterparty;
    if (cp?.derivedFrom) {
      out += ` The counterparty name "${cp.label}" is derived from the member name ${qnameText(cp.derivedFrom)}: the filing's labels were not available${labels.size ? ' for it' : ''}.`;
    }
    return out;
  }

  function excerptOf(f: NumericFact): string {
    if (!f.inline) return clip(normalizeSpace(text.slice(f.span.start, f.span.end)), EXCERPT_MAX);
    const c = f.container && f.container.end > f.container.start ? f.container : null;
    let start = c ? c.start : f.span.start;
    let end = c ? c.end : f.span.end;
    if (end - start > 8000) {
      // A long paragraph: a window around the fact, cut at tag boundaries.
      const ws = Math.max(start, f.span.start - 1500);
      const we = Math.min(end, f.span.end + 1500);
      const a = ws === start ? ws : text.indexOf('>', ws) + 1;
      const b = we === end ? we : text.lastIndexOf('<', we);
      if (a > 0 && b > a && a <= f.span.start && b >= f.span.end) [start, end] = [a, b];
    }
    try {
      return clip(inlineText(text, start, end, s.inlinePrefixes), EXCERPT_MAX);
    } catch {
      return clip(normalizeSpace(f.text), EXCERPT_MAX);
    }
  }

  // Related-party text blocks, joined across ix:continuation chains in chain order.
  const seenBlocks = new Set<string>();
  for (const f of s.text) {
    if (!isRelatedPartyTextConcept(f.concept.local)) continue;
    const locator = locate(f.span.start, factLabel(f), f.id, f.span.end);
    if (f.contextRef === null || !s.contexts.has(f.contextRef)) {
      problems.push({ locator, message: f.contextRef === null ? 'has no contextRef; its text was kept' : `refers to context "${f.contextRef}", which the document does not define; its text was kept` });
    }
    let body: string;
    if (!f.inline) body = htmlText(f.text ?? '');
    else {
      const parts = [inlineText(text, f.span.start, f.span.end, s.inlinePrefixes)];
      const seen = new Set<string>();
      for (let next = f.continuedAt; next !== null;) {
        if (seen.has(next)) {
          problems.push({ locator, message: `its continuation chain loops back to "${next}"; the text was cut there` });
          break;
        }
        seen.add(next);
        const c = s.continuations.get(next);
        if (!c) {
          problems.push({ locator, message: `continues at "${next}", but no ix:continuation has that id; the text is incomplete` });
          break;
        }
        parts.push(inlineText(text, c.span.start, c.span.end, s.inlinePrefixes));
        next = c.continuedAt;
      }
      body = normalizeSpace(parts.join(' '));
    }
    if (!body) continue;
    const concept = qnameText(f.concept);
    const dedupe = `${concept}\u0001${body}`;
    if (seenBlocks.has(dedupe)) continue;
    seenBlocks.add(dedupe);
    result.textBlocks.push({ concept, text: body, locator });
    if (!result.statesNoTransactions) {
      const m = noTransactions.exec(body);
      if (m) result.statesNoTransactions = { excerpt: sentenceAround(body, m.index), locator };
    }
  }

  return result;
}

const noTransactions = /\b(?:there\s+(?:were|are|have\s+been|was)\s+no|(?:we|the\s+(?:company|group|registrant))\s+(?:did|does|has|have)\s+not\s+(?:had|have|enter(?:ed)?\s+into|engage(?:d)?\s+in)\s+any|no)\s+(?:material\s+|significant\s+)?(?:related[\s-]+part(?:y|ies)\s+transactions|transactions\s+with\s+(?:any\s+)?related\s+part(?:y|ies))\b(?!\s*,?\s*(?:other\s+than|except|besides|apart\s+from|beyond|save\s+for))/i;

function sentenceAround(s: string, at: number): string {
  const start = Math.max(s.lastIndexOf('. ', at) + 2, 0);
  const stop = s.indexOf('.', at);
  return clip(s.slice(start, stop < 0 ? s.length : stop + 1).trim(), EXCERPT_MAX);
}
