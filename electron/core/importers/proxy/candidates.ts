// Candidate transfers from the related-person section: each amount in a sentence or a table row
// with the party it was paid to or received from, its direction seen from the issuer, and its
// period. Precision over recall: thresholds ("exceeds $120,000"), limits ("up to"), rates ("per
// share") and ranges are not transfers, and policy sentences need a named party and a verb.
import type { CandidateTransfer, SourceLocator } from '../extracted';
import { cellAmount, findAmounts, type AmountMention } from './amounts';
import { Layout, textColumns } from './layout';
import { F_CELL } from './textMap';
import { findMentions, type IssuerNames, type Mention } from './names';
import { findPeriods, fiscalYearBounds, type FiscalYearEnd, type PeriodMention } from './periods';
import type { SectionCandidate } from './section';

export interface ExtractContext {
  layout: Layout;
  issuer: IssuerNames;
  aliases: ReadonlyMap<string, string>;
  fye: FiscalYearEnd | null;
}

export interface SectionFindings {
  candidates: CandidateTransfer[];
  noTransactions: { excerpt: string; start: number; end: number } | null;
}

type Direction = CandidateTransfer['direction'];

// ---------------------------------------------------------------------------------------------
// Paragraphs and sentences

interface Paragraph {
  start: number;
  end: number;
  /** The paragraph's text with page furniture (running footers, page numbers) blanked out. */
  clean: string;
  /** The paragraph before ends with a colon: a list introduced by it. */
  listIntro: boolean;
}

const terminal = /[.!?:;"”’)]$/;
const bullet = /^(?:[•·▪■◦●○►▸➢✓✔*\u2022\u25aa\u25cf]|\(?[a-z0-9]{1,3}\)|[a-z0-9]{1,2}\.)\s/i;

function paragraphs(layout: Layout, from: number, to: number): { paras: Paragraph[]; tableLines: number[] } {
  const lines = layout.lines;
  const text = layout.text;
  const paras: Paragraph[] = [];
  const tableLines: number[] = [];
  let cur: { start: number; end: number; blank: Array<[number, number]> } | null = null;
  let gap: Array<[number, number]> = [];
  const close = () => {
    if (!cur) return;
    let clean = text.slice(cur.start, cur.end);
    for (const [a, b] of cur.blank) clean = clean.slice(0, a - cur.start) + ' '.repeat(b - a) + clean.slice(b - cur.start);
    const prev = paras[paras.length - 1];
    paras.push({ start: cur.start, end: cur.end, clean, listIntro: !!prev && /:\s*$/.test(prev.clean) });
    cur = null;
  };
  const first = layout.lineAt(from);
  for (let i = first; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.start >= to) break;
    const ts = Math.max(l.ts, from);
    const te = Math.min(l.te, to);
    if (ts >= te || layout.isBlankOrRule(i)) { gap.push([l.start, Math.min(l.end, to)]); continue; }
    if (layout.isFurniture(i)) { gap.push([l.start, Math.min(l.end, to)]); continue; }
    if (!(i === first && from > l.ts) && layout.headingAt(i)) {
      close();
      gap = [];
      i = layout.headingAt(i)!.last;
      continue;
    }
    if (layout.isTableLine(i)) {
      close();
      gap = [];
      tableLines.push(i);
      continue;
    }
    const lineText = text.slice(ts, te);
    if (cur) {
      const c: { start: number; end: number; blank: Array<[number, number]> } = cur;
      const sep = gap.length > 0 || layout.html;
      const continues = !sep || (!terminal.test(text.slice(c.start, c.end).trimEnd()) && /^[\p{Ll}\d$€£(]/u.test(lineText));
      if (continues && !bullet.test(lineText)) {
        c.blank.push(...gap.filter(([a]) => a >= c.end));
        c.end = te;
        gap = [];
        continue;
      }
      close();
    }
    cur = { start: ts, end: te, blank: [] };
    gap = [];
  }
  close();
  return { paras, tableLines };
}

const sentenceStarters = new Set(['the', 'in', 'during', 'we', 'our', 'this', 'these', 'since', 'for', 'as', 'on', 'such', 'each', 'all', 'mr', 'ms', 'mrs', 'dr', 'pursuant', 'under', 'there', 'it', 'he', 'she', 'they', 'also', 'additionally', 'from', 'at', 'following', 'prior', 'none', 'no']);
const titleAbbrev = /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Messrs|Prof|Hon|St|No|Nos|Jr|Sr|vs|v|e\.g|i\.e|cf|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|N\.A|L\.P|L\.L\.C|S\.A|N\.V|B\.V)\.$/;
const companyAbbrev = /(?:^|[\s(])(?:Inc|Corp|Co|Ltd|Bros|LLC|L\.L\.C|Incorporated)\.$/;

/** Sentence ranges [start, end) in a string. */
export function sentences(s: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  const re = /[.!?]["”’)\]]*(?=\s|$)/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const end = m.index + m[0].length;
    const before = s.slice(Math.max(0, m.index - 20), m.index + 1);
    const rest = s.slice(end);
    const nextWord = /^\s*["“‘(]*([\p{L}\d$€£]+)/u.exec(rest)?.[1] ?? '';
    if (nextWord !== '') {
      if (/^\p{Ll}/u.test(nextWord)) continue;
      if (titleAbbrev.test(before)) continue;
      if (companyAbbrev.test(before) && !sentenceStarters.has(nextWord.toLowerCase())) continue;
      // An initial ("John J. Smith"), unless a lowercase word precedes it ("paid to X. In 2023").
      const initial = /(?:^|\s)(\S+)\s+\p{Lu}\.$/u.exec(before);
      if (initial && /^[\p{Lu}]/u.test(initial[1]!) && /^\p{Lu}/u.test(nextWord) && !sentenceStarters.has(nextWord.toLowerCase())) continue;
    }
    push(start, end);
    start = end;
  }
  push(start, s.length);
  return out;

  function push(a: number, b: number) {
    while (a < b && /\s/.test(s[a]!)) a++;
    while (b > a && /\s/.test(s[b - 1]!)) b--;
    if (b > a) out.push([a, b]);
  }
}

// ---------------------------------------------------------------------------------------------
// Who pays whom: cues in a sentence

interface Cue {
  /** Where the verb or noun that says it stands. */
  pos: number;
  payer?: Side;
  payee?: Side;
}

type Side = { issuer: true } | { issuer: false; mention: Mention };

const M = String.raw`(\x01\x02*)`;
const SUBJGAP = String.raw`(?:[ \t\n]*\([^)]{0,80}\))?(?:[ \t\n]*,[^;]{1,150}?,)?[ \t\n]+(?:(?:has|have|had|also|collectively|previously|each|then|subsequently|jointly|together|further|additionally|to\s+date|in\s+(?:the\s+)?aggregate|in\s+total|will|would|agreed\s+to|has\s+been|have\s+been|is|was|were)[ \t\n]+)*`;
const PAY = String.raw`paid|pays|pay|made(?:\s+\w+){0,2}\s+payments?|makes(?:\s+\w+){0,2}\s+payments?|purchased|purchases|bought|buys|reimbursed|reimburses|lent|loaned|loans|advanced|invested|contributed|donated|incurred|spent|acquired|engaged|retained|hired`;
const RECV = String.raw`received|receives|earned|earns|billed|bills|charged|charges|invoiced|invoices|sold|sells|collected|generated|recognized|borrowed|provided|provides|supplied|supplies|delivered|performed|rendered|paid\s+by|reimbursed\s+by|compensated`;
const LEASE = String.raw`leased|leases|lease|rented|rents|rent|subleased|subleases|sublease|licensed|licenses|license`;
const EMPLOYED = String.raw`employed|serves|served|works|worked`;
const subjectVerb = new RegExp(String.raw`${M}${SUBJGAP}(${RECV}|${PAY}|${LEASE}|${EMPLOYED})\b`, 'gid');
const payVerb = new RegExp(String.raw`^(?:${PAY})$`, 'i');
const leaseVerb = new RegExp(String.raw`^(?:${LEASE})$`, 'i');
const employedVerb = new RegExp(String.raw`^(?:${EMPLOYED})$`, 'i');
const directObjectVerbs = /^(?:paid|pays|pay|reimbursed|reimburses|lent|loaned|loans|advanced|engaged|retained|hired|billed|bills|charged|charges|invoiced|invoices|compensated)$/i;

const nominal: Array<{ re: RegExp; role: 'payer' | 'payee' | 'comp' }> = [
  { re: new RegExp(String.raw`\b(?:payments?|paid|fees?|amounts?\s+(?:paid|owed|due|payable)|rent(?:al)?(?:\s+payments?)?|royalt(?:y|ies)|commissions?|compensation|consideration|reimbursements?|advances?|contributions?|contributed|donations?|donated|grants?|granted|loans?|loaned|lent)\b[^;\x01]{0,80}?\bto\s+(?:the\s+)?${M}`, 'gid'), role: 'payee' },
  { re: new RegExp(String.raw`\b(?:payments?|paid|amounts?|receipts?|revenues?|income|reimbursements?|fees?|proceeds)\b[^;\x01]{0,80}?\b(?:from|by)\s+(?:the\s+)?${M}`, 'gid'), role: 'payer' },
  { re: new RegExp(String.raw`\b(?:purchases?|purchased|buys?|bought|procured|acquired|acquisitions?)\b[^;\x01]{0,80}?\bfrom\s+(?:the\s+)?${M}`, 'gid'), role: 'payee' },
  { re: new RegExp(String.raw`\b(?:purchases?|orders?|acquisitions?)\s+(?:[^;\x01\s]+\s+){0,3}?by\s+(?:the\s+)?${M}`, 'gid'), role: 'payer' },
  { re: new RegExp(String.raw`\b(?:provided|rendered|performed|supplied|furnished|delivered)\s+(?:[^;\x01\s]+\s+){0,3}?by\s+(?:the\s+)?${M}`, 'gid'), role: 'payee' },
  { re: new RegExp(String.raw`\b(?:sales?|sold|sells|revenues?|billings?|invoices?|provided|supplied|delivered|furnished|rendered)\b[^;\x01]{0,80}?\bto\s+(?:the\s+)?${M}`, 'gid'), role: 'payer' },
  { re: new RegExp(String.raw`${M}[’']s?\s+(?:[^;\x01\s]+\s+){0,2}?(?:purchases?|payments?|orders?)\b`, 'gid'), role: 'payer' },
  { re: /\b(?:compensation|salary|salaries|wages|bonus(?:es)?|employment|consulting\s+fees?|director\s+fees?|retainer)\b/gi, role: 'comp' },
];

function mask(s: string, mentions: Mention[], amounts: AmountMention[]): string {
  const chars = s.split('');
  for (const m of mentions) for (let k = m.start; k < m.end; k++) chars[k] = k === m.start ? '\x01' : '\x02';
  for (const a of amounts) for (let k = a.start; k < a.end; k++) chars[k] = k === a.start ? '\x03' : '\x04';
  return chars.join('');
}

class SentenceReading {
  readonly cues: Cue[] = [];
  private readonly byStart = new Map<number, Mention>();

  constructor(readonly s: string, readonly mentions: Mention[], readonly amounts: AmountMention[], readonly resolve: (m: Mention) => Mention | null) {
    for (const m of mentions) this.byStart.set(m.start, m);
    const ms = mask(s, mentions, amounts);
    subjectVerb.lastIndex = 0;
    for (let m = subjectVerb.exec(ms); m; m = subjectVerb.exec(ms)) {
      const subject = this.side(m.index);
      const verb = m[2]!.toLowerCase().replace(/\s+/g, ' ');
      const verbPos = m.indices![2]![0];
      const afterStart = m.index + m[0].length;
      const after = ms.slice(afterStart, afterStart + 200).split(';')[0]!;
      let object: Side | undefined;
      const direct = /^[ \t\n]+(?:the[ \t\n]+)?(\x01\x02*)/d.exec(after);
      if (direct && directObjectVerbs.test(verb)) object = this.side(afterStart + direct.indices![1]![0]);
      const prep = /\b(to|from|by)[ \t\n]+(?:the[ \t\n]+)?(\x01\x02*)/id.exec(after);
      const prepSide = prep ? this.side(afterStart + prep.indices![2]![0]) : undefined;
      const prepWord = prep?.[1]!.toLowerCase();
      const cue: Cue = { pos: verbPos };
      if (payVerb.test(verb)) {
        cue.payer = subject;
        if (object) cue.payee = object;
        else if (prepWord === 'to' || prepWord === 'from') cue.payee = prepSide;
      } else if (leaseVerb.test(verb)) {
        // "leased from X": the subject pays; "leased to X": X pays; neither: no direction.
        if (prepWord === 'from') { cue.payer = subject; cue.payee = prepSide; }
        else if (prepWord === 'to') { cue.payee = subject; cue.payer = prepSide; }
      } else if (employedVerb.test(verb)) {
        cue.payee = subject;
      } else {
        cue.payee = subject;
        if (object) cue.payer = object;
        else if (prepSide) cue.payer = prepSide;
      }
      this.cues.push(cue);
      subjectVerb.lastIndex = m.index + m[1]!.length;
    }
    for (const rule of nominal) {
      rule.re.lastIndex = 0;
      for (let m = rule.re.exec(ms); m; m = rule.re.exec(ms)) {
        if (rule.role === 'comp') {
          const person = this.nearestParty(m.index);
          if (person) this.cues.push({ pos: m.index, payee: person });
          continue;
        }
        const at = m.indices?.[1]?.[0];
        const side = at !== undefined ? this.side(at) : undefined;
        if (!side) continue;
        this.cues.push(rule.role === 'payer' ? { pos: m.index, payer: side } : { pos: m.index, payee: side });
      }
    }
  }

  private side(at: number): Side | undefined {
    const m = this.byStart.get(at);
    if (!m) return undefined;
    if (m.kind === 'issuer') return { issuer: true };
    const r = this.resolve(m);
    return r ? { issuer: false, mention: r } : undefined;
  }

  private nearestParty(pos: number): Side | undefined {
    let best: Mention | null = null;
    for (const m of this.mentions) {
      if (m.kind === 'issuer') continue;
      const r = this.resolve(m);
      if (!r) continue;
      if (!best || Math.abs(m.start - pos) < Math.abs(best.start - pos)) best = m;
    }
    return best ? this.side(best.start) : undefined;
  }

  static direction(c: Cue): { dir: Direction; party: Mention | null } {
    const payerParty = c.payer && !c.payer.issuer ? c.payer.mention : null;
    const payeeParty = c.payee && !c.payee.issuer ? c.payee.mention : null;
    if (payerParty && payeeParty) return { dir: 'unknown', party: null };
    if (payerParty) return { dir: c.payee && !c.payee.issuer ? 'unknown' : 'to_issuer', party: payerParty };
    if (payeeParty) return { dir: 'from_issuer', party: payeeParty };
    if (c.payer?.issuer) return { dir: 'from_issuer', party: null };
    if (c.payee?.issuer) return { dir: 'to_issuer', party: null };
    return { dir: 'unknown', party: null };
  }

  /** Cues by closeness to a position: those before it first (nearest first), then those after. */
  ordered(pos: number, clause: [number, number]): Cue[] {
    const inClause = this.cues.filter((c) => c.pos >= clause[0] && c.pos < clause[1]);
    const before = inClause.filter((c) => c.pos < pos).sort((a, b) => b.pos - a.pos);
    const after = inClause.filter((c) => c.pos >= pos).sort((a, b) => a.pos - b.pos);
    return [...before, ...after];
  }
}

// ---------------------------------------------------------------------------------------------
// Amount filters

const thresholdBefore = /(?:exceed(?:s|ed|ing)?|in\s+excess\s+of|greater\s+than|less\s+than|fewer\s+than|lesser\s+of|greater\s+of|not\s+to\s+exceed|threshold(?:\s+of)?|up\s+to|at\s+least|below|under|minimum\s+of|maximum\s+of|cap\s+of|limit\s+of|no\s+more\s+than|not\s+more\s+than|over|above|equal\s+to\s+or\s+(?:less|greater)\s+than)\s+(?:approximately\s+|about\s+|an\s+aggregate\s+of\s+)?(?:the\s+)?$/i;
const rateAfter = /^\s*(?:per|a|an|each|\/)\s*(?:share|unit|hour|month|year|annum|day|week|quarter|square\s+f(?:oo|ee)t|sq\.?\s*ft|kwh|mwh|vehicle|ton|mile|person|employee|meeting)\b|^\s*(?:annually|monthly|per\s+annum|a\s+year|a\s+month|each\s+year|each\s+month)\b/i;
const rangeAfter = /^\s*(?:-|–|—|to)\s*(?:US\$|[$€£¥]|\d)/;
const policyish = /\b(?:policy|policies|procedures?|charter|Item\s+404|Regulation\s+S-K|threshold|any\s+(?:such\s+)?(?:transaction|arrangement|relationship)|must\s+be\s+(?:approved|reviewed)|requires?|defined\s+as)\b/i;
const pastVerb = /\b(?:paid|purchased|received|sold|made|billed|incurred|earned|invoiced|reimbursed|leased|rented|provided|loaned|lent|advanced|bought|charged|collected|spent|acquired|contributed|donated|was\s+employed|were\s+employed)\b/i;

function keepAmount(s: string, a: AmountMention, all: AmountMention[]): boolean {
  const before = s.slice(Math.max(0, a.start - 40), a.start);
  const after = s.slice(a.end, a.end + 30);
  if (thresholdBefore.test(before)) return false;
  if (rateAfter.test(after)) return false;
  if (rangeAfter.test(after)) return false;
  if (/(?:between|from)\s+$/i.test(before) && all.some((b) => b.start > a.end && /^\s+(?:and|to)\s+$/i.test(s.slice(a.end, b.start)))) return false;
  if (/(?:\d|million|billion|thousand)\s*(?:-|–|—|to)\s*$/i.test(before) && /(?:[$€£]\s*[\d.,]+\s*(?:million|billion|thousand)?)\s*(?:-|–|—|to)\s*$/i.test(before)) return false;
  if (a.currency === 'USD' && a.minor === 12_000_000 && /amount\s+involved|exceed|excess|threshold|120,000\s+or|Item\s+404/i.test(s)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// No related-person transactions

const noTransactionPatterns: RegExp[] = [
  /\bthere\s+(?:were|was|have\s+been|has\s+been|are|is|had\s+been)\s+no\s+(?:such\s+)?(?:related[-\s](?:person|party)\s+|reportable\s+|other\s+)?transactions?\b/i,
  /\bthere\s+(?:were|was|have\s+been|has\s+been|are|is)\s+no\b[^.]{0,160}?\btransactions?\b[^.]{0,200}?\b(?:requir(?:e|es|ed|ing)|subject\s+to)\b[^.]{0,60}?\b(?:disclos|report)/i,
  /\bno\s+(?:related[-\s](?:person|party)\s+)?transactions?\b[^.]{0,200}?\b(?:requir(?:e|es|ed|ing))\b[^.]{0,60}?\b(?:disclos|report)/i,
  /\b(?:we|the\s+company|[A-Z][\w.&]*(?:\s+[A-Z][\w.&]*)*)\s+(?:has|have|had|did|does|do)\s+not\s+(?:engaged?|entered|participated?|been\s+a\s+(?:party|participant))\s+(?:in|into|to)?\s*any\s+(?:related[-\s](?:person|party)\s+)?transactions?/i,
  /\bthere\s+(?:has|have)\s+not\s+been\b[^.]{0,160}?\bany\s+(?:related[-\s](?:person|party)\s+)?transactions?/i,
  /\bnone\s+of\s+(?:our|the\s+company['’]s)\s+(?:directors|executive\s+officers)[^.]{0,200}?\b(?:had|has|have)\b[^.]{0,80}?\b(?:material\s+interest|transaction)/i,
];
const leadIn = /\b(?:below|following|as\s+follows|described\s+(?:below|herein)|set\s+forth\s+below|except\s+as\s+(?:described|set\s+forth|disclosed))\b/i;

// ---------------------------------------------------------------------------------------------
// Tables

interface TCell {
  text: string;
  start: number;
  end: number;
  c0: number;
  c1: number;
}

interface TRow {
  cells: TCell[];
  start: number;
  end: number;
}

const partyHeader = /\b(?:name|related\s+(?:person|party|parties)|party|counterparty|company|entity|affiliate|vendor|supplier|customer|person|director|officer|lessor|lender|borrower|participant|purchaser|investor|stockholder|shareholder|holder|recipient|payee|payor)\b/i;
const shareLike = /\b(?:shares|units|number|percent(?:age)?|votes|warrants|options|%)(?![\w])/i;
const moneyHeader = /\$|€|£|\b(?:amount|price|proceeds|payments?|paid|fees?|value|consideration|compensation|salary|total|rent|revenues?|sales|purchases|dollars|cost|expenses?)\b/i;
const natureHeader = /\b(?:nature|description|type|transaction|purpose|services?)\b/i;
const currencyOnly = /^(?:US\$|C\$|A\$|\$|€|£|¥|EUR|GBP|USD)$/;

/** Direction from words that say it outright ("payments to", "sales to", "received from"). */
function explicitDirection(s: string): Direction {
  const from = /\b(?:paid\s+(?:by\s+(?:us|the\s+company)|to)|payments?\s+(?:made\s+)?(?:by\s+(?:us|the\s+company)|to)|(?:payments?|amounts?)\s+(?:that\s+)?(?:we|the\s+company)\s+(?:made|paid)|(?:we|the\s+company)\s+paid|purchases?\s+from|purchased\s+from|expenses?|rent\s+(?:paid|expense)|fees\s+paid|amounts?\s+paid)\b/i.test(s);
  const to = /\b(?:received|payments?\s+(?:received\s+)?from|(?:payments?|amounts?)\s+(?:that\s+)?(?:we|the\s+company)\s+received|sales\s+to|sold\s+to|revenues?|income|billed|amounts?\s+received)\b/i.test(s);
  if (from && !to) return 'from_issuer';
  if (to && !from) return 'to_issuer';
  return 'unknown';
}

/** Direction from words that suggest it (a column or a row label). */
function wordsDirection(s: string): Direction {
  const explicit = explicitDirection(s);
  if (explicit !== 'unknown') return explicit;
  const from = /\b(?:purchases?|purchased|costs?|compensation|salary|fees|rent|royalt(?:y|ies)|commissions?)\b/i.test(s);
  const to = /\b(?:sales|sold)\b/i.test(s);
  if (from && !to) return 'from_issuer';
  if (to && !from) return 'to_issuer';
  return 'unknown';
}

// ---------------------------------------------------------------------------------------------

interface ParaState {
  lastParty: Mention | null;
  lastPeriod: PeriodMention | null;
}

export function extractFromSection(ctx: ExtractContext, section: SectionCandidate): SectionFindings {
  const { layout } = ctx;
  const text = layout.text;
  const candidates: CandidateTransfer[] = [];
  let noTransactions: SectionFindings['noTransactions'] = null;
  const { paras, tableLines } = paragraphs(layout, section.bodyStart, section.bodyEnd);

  const locator = (start: number, end: number): SourceLocator => {
    const line = layout.lineAt(start) + 1;
    const page = layout.pageAt(start);
    const loc: SourceLocator = { label: page !== undefined ? `line ${line}, page ${page}` : `line ${line}`, line, charStart: start, charEnd: end };
    if (page !== undefined) loc.page = page;
    return loc;
  };

  const body = text.slice(section.bodyStart, section.bodyEnd).trim();
  if (/^(?:none|not\s+applicable)\.?$/i.test(body)) {
    const at = text.indexOf(body, section.bodyStart);
    noTransactions = { excerpt: body, start: at, end: at + body.length };
  }

  let carriedPeriod: PeriodMention | null = null;
  let lastParty: Mention | null = null;
  const introSentences: Array<{ end: number; text: string; dir: Direction; periods: PeriodMention[] }> = [];

  for (const para of paras) {
    const state: ParaState = { lastParty, lastPeriod: para.listIntro ? carriedPeriod : null };
    for (const [a, b] of sentences(para.clean)) {
      const sText = para.clean.slice(a, b);
      const sStart = para.start + a;
      const sEnd = para.start + b;
      const description = sText.replace(/\s+/g, ' ').trim();
      const amountsAll = findAmounts(sText);
      const amounts = amountsAll.filter((am) => keepAmount(sText, am, amountsAll));
      const mentions = findMentions(sText, ctx.issuer, ctx.aliases);
      const periods = findPeriods(sText, ctx.fye);
      const resolve = (m: Mention): Mention | null => (m.kind === 'pronoun' ? state.lastParty : m);
      const reading = new SentenceReading(sText, mentions, amountsAll, resolve);

      if (!noTransactions && amounts.length === 0) {
        if (noTransactionPatterns.some((re) => re.test(sText)) && !leadIn.test(sText)) {
          noTransactions = { excerpt: text.slice(sStart, sEnd), start: sStart, end: sEnd };
        }
      }

      const policy = policyish.test(sText);
      const respectively = /\brespectively\b/i.test(sText);
      const yearPeriods = periods.filter((p) => p.yearLike);
      const pairPeriods = respectively && amounts.length >= 2 && yearPeriods.length === amounts.length;

      amounts.forEach((am, idx) => {
        const clauseStart = sText.lastIndexOf(';', am.start) + 1;
        const semi = sText.indexOf(';', am.end);
        const clause: [number, number] = [clauseStart, semi < 0 ? sText.length : semi];
        const cues = reading.ordered(am.start, clause);
        let dir: Direction = 'unknown';
        let party: Mention | null = null;
        for (const c of cues) {
          const d = SentenceReading.direction(c);
          if (dir === 'unknown' && d.dir !== 'unknown') dir = d.dir;
          if (!party && d.party) party = d.party;
          if (dir !== 'unknown' && party) break;
        }
        let fromFallback = false;
        if (!party) {
          party = slotParty(sText, mentions, am, resolve) ?? strongParty(mentions, am, resolve);
          fromFallback = true;
        }
        if (policy && (!party || fromFallback || dir === 'unknown' || !pastVerb.test(sText))) return;
        if (!party && dir === 'unknown') return;
        if (!party && !pastVerb.test(sText)) return;
        // "... for aggregate proceeds of $12.5 million to the following entities:" totals a list.
        if (!party && /:\s*$/.test(sText)) return;

        let period: PeriodMention | null = null;
        if (pairPeriods) period = yearPeriods[idx] ?? null;
        if (!period) period = nearestPeriod(sText, periods, am, clause) ?? state.lastPeriod;
        candidates.push({
          counterparty: party ? party.text.replace(/\s+/g, ' ') : null,
          direction: dir,
          amountMinor: am.minor,
          currency: am.currency,
          periodText: period?.text ?? null,
          periodStart: period?.periodStart ?? null,
          periodEnd: period?.periodEnd ?? null,
          description,
          excerpt: text.slice(sStart, sEnd),
          locator: locator(sStart, sEnd),
        });
      });

      // What later sentences may refer back to.
      const subject = reading.cues.map((c) => SentenceReading.direction(c).party).find((p) => p) ?? mentions.find((m) => m.kind === 'party' && m.strong) ?? null;
      if (subject) state.lastParty = subject;
      if (periods.length > 0) state.lastPeriod = periods[periods.length - 1]!;
      const sentenceDir = reading.cues.map((c) => SentenceReading.direction(c).dir).find((d) => d !== 'unknown') ?? wordsDirection(sText);
      introSentences.push({ end: sEnd, text: description, dir: sentenceDir, periods });
    }
    lastParty = state.lastParty;
    carriedPeriod = state.lastPeriod;
  }

  // Tables: HTML tables from the cell grid, text tables from column layout.
  const tables = layout.html ? htmlTables(layout, section) : [];
  tables.push(...textTables(layout, tableLines));
  for (const rows of tables) {
    if (rows.length === 0) continue;
    const tStart = rows[0]!.start;
    const intro = [...introSentences].reverse().find((s) => s.end <= tStart) ?? null;
    candidates.push(...tableCandidates(ctx, rows, intro, locator));
  }
  candidates.sort((x, y) => (x.locator.charStart ?? 0) - (y.locator.charStart ?? 0));
  return { candidates, noTransactions: candidates.length === 0 ? noTransactions : null };
}

function slotParty(s: string, mentions: Mention[], am: AmountMention, resolve: (m: Mention) => Mention | null): Mention | null {
  let best: Mention | null = null;
  for (const m of mentions) {
    if (m.kind === 'issuer') continue;
    if (!/\b(?:to|from|by|with)\s+(?:the\s+)?$/i.test(s.slice(Math.max(0, m.start - 12), m.start))) continue;
    const r = resolve(m);
    if (!r) continue;
    if (!best || Math.abs(m.start - am.start) < Math.abs(best.start - am.start)) best = r;
  }
  return best;
}

function strongParty(mentions: Mention[], am: AmountMention, resolve: (m: Mention) => Mention | null): Mention | null {
  let best: Mention | null = null;
  let bestDistance = Infinity;
  for (const m of mentions) {
    if (m.kind === 'issuer') continue;
    const r = m.kind === 'pronoun' ? resolve(m) : m.strong ? m : null;
    if (!r) continue;
    const d = Math.abs(m.start - am.start);
    if (d < bestDistance) { best = r; bestDistance = d; }
  }
  return best;
}

function nearestPeriod(s: string, periods: PeriodMention[], am: AmountMention, clause: [number, number]): PeriodMention | null {
  // "$2.1 million in 2023 and $1.8 million in 2022": a period right after the amount is its own.
  const right = periods.find((p) => p.start >= am.end && /^\s*,?\s*(?:(?:in|during|for|throughout|over|on)\s+)?$/i.test(s.slice(am.end, p.start)));
  if (right) return right;
  const inClause = periods.filter((p) => p.start >= clause[0] && p.end <= clause[1]);
  const before = inClause.filter((p) => p.end <= am.start).sort((a, b) => b.end - a.end)[0];
  if (before) return before;
  const after = inClause.filter((p) => p.start >= am.end).sort((a, b) => a.start - b.start)[0];
  if (after) return after;
  let best: PeriodMention | null = null;
  for (const p of periods) if (!best || Math.abs(p.start - am.start) < Math.abs(best.start - am.start)) best = p;
  return best;
}

function htmlTables(layout: Layout, section: SectionCandidate): TRow[][] {
  const byTable = new Map<number, Map<number, TCell[]>>();
  for (const c of layout.map.cells) {
    if (c.start < 0 || c.start < section.bodyStart || c.end > section.bodyEnd) continue;
    let rows = byTable.get(c.table);
    if (!rows) byTable.set(c.table, (rows = new Map()));
    let row = rows.get(c.row);
    if (!row) rows.set(c.row, (row = []));
    row.push({ text: layout.text.slice(c.start, c.end).replace(/\s+/g, ' ').trim(), start: c.start, end: c.end, c0: c.col, c1: c.col + c.colSpan });
  }
  const out: TRow[][] = [];
  for (const rows of byTable.values()) {
    const list = [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, cells]) => cells);
    // A layout table (one filled cell a row) holds prose, read as paragraphs already.
    if (!list.some((cells) => cells.length >= 2)) continue;
    out.push(list.map((cells) => ({ cells, start: Math.min(...cells.map((c) => c.start)), end: Math.max(...cells.map((c) => c.end)) })));
  }
  return out;
}

/** Tables laid out in columns of plain text (a text filing, or <pre> in HTML). */
function textTables(layout: Layout, tableLines: number[]): TRow[][] {
  const out: TRow[][] = [];
  const seen = new Set<number>();
  for (const i0 of tableLines) {
    if (seen.has(i0)) continue;
    if (layout.html && (layout.map.flags[layout.lines[i0]!.ts]! & F_CELL) !== 0) continue;
    let top = i0;
    while (top - 1 >= 0 && !layout.isBlank(top - 1) && (layout.isRule(top - 1) || layout.isTableLine(top - 1) || headerish(layout, top - 1))) top--;
    let bottom = i0;
    while (bottom + 1 < layout.lines.length && !layout.isBlank(bottom + 1) && (layout.isRule(bottom + 1) || layout.isTableLine(bottom + 1))) bottom++;
    const rows: TRow[] = [];
    for (let i = top; i <= bottom; i++) {
      seen.add(i);
      if (layout.isRule(i) || layout.isBlank(i)) continue;
      const l = layout.lines[i]!;
      const lineText = layout.text.slice(l.start, l.end);
      const cols = textColumns(lineText) ?? [{ start: l.ts - l.start, end: l.te - l.start, text: layout.text.slice(l.ts, l.te) }];
      rows.push({
        cells: cols.map((c) => ({ text: c.text, start: l.start + c.start, end: l.start + c.end, c0: c.start, c1: c.end })),
        start: l.ts,
        end: l.te,
      });
    }
    out.push(rows);
  }
  return out;
}

function headerish(layout: Layout, i: number): boolean {
  const l = layout.lines[i]!;
  return l.ts - l.start >= 12 && l.te - l.ts <= 60 && !/[.;]$/.test(layout.text.slice(l.ts, l.te));
}

function tableCandidates(
  ctx: ExtractContext,
  rowsIn: TRow[],
  intro: { text: string; dir: Direction; periods: PeriodMention[] } | null,
  locator: (start: number, end: number) => SourceLocator,
): CandidateTransfer[] {
  // "$" in a cell of its own belongs to the number after it; ")" and "%" to the one before.
  const rows: TRow[] = rowsIn.map((r) => {
    const cells: TCell[] = [];
    for (let k = 0; k < r.cells.length; k++) {
      const c = r.cells[k]!;
      if (c.text === '') continue;
      const next = r.cells[k + 1];
      if (currencyOnly.test(c.text) && next) {
        r.cells[k + 1] = { text: `${c.text}${next.text}`, start: c.start, end: next.end, c0: c.c0, c1: next.c1 };
        continue;
      }
      if (/^[)%]$/.test(c.text) && cells.length > 0) {
        const prev = cells[cells.length - 1]!;
        cells[cells.length - 1] = { ...prev, text: prev.text + c.text, end: c.end, c1: c.c1 };
        continue;
      }
      cells.push(c);
    }
    return { cells, start: r.start, end: r.end };
  });
  const allText = rows.flatMap((r) => r.cells.map((c) => c.text)).join(' ');
  const context = `${allText} ${intro?.text ?? ''}`;
  const scale = /in\s+thousands|\(\s*\$?\s*000s?\s*\)|thousands\s+of\s+(?:u\.s\.\s+)?dollars|\$\s*\(?000/i.test(context) ? 3 : /in\s+millions|millions\s+of\s+(?:u\.s\.\s+)?dollars/i.test(context) ? 6 : 0;
  const symbol = findAmounts(allText)[0]?.currency ?? null;
  const monetary = symbol !== null || /\$|\bamount|\bdollars|\bpayments?\b|\bpurchases\b|\bsales\b|\brevenues?\b|\bfees\b|\bcompensation\b/i.test(context);
  if (!monetary) return [];
  const defaultCurrency = symbol ?? 'USD';

  const overlaps = (a: TCell, b: TCell) => a.c0 < b.c1 && b.c0 < a.c1;
  const near = (a: TCell, b: TCell) => overlaps(a, b) || (!ctx.layout.html && Math.abs((a.c0 + a.c1) / 2 - (b.c0 + b.c1) / 2) <= 6);
  const hasSymbol = (c: TCell) => /[$€£¥]|\b(?:USD|EUR|GBP)\b/.test(c.text);
  const looksNumeric = (c: TCell) => !/^\(/.test(c.text) && cellAmount(c.text, defaultCurrency, scale) !== null;
  const prelimData = rows.findIndex((r) => r.cells.length >= 2 && /\p{L}/u.test(r.cells[0]!.text) && r.cells.slice(1).some(looksNumeric));
  if (prelimData < 0) return [];
  const headers = rows.slice(0, prelimData);
  const headerOf = (cell: TCell) =>
    headers
      .map((r) => r.cells.filter((h) => near(h, cell)).map((h) => h.text).join(' '))
      .filter(Boolean)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  // A bare number is money when its column says so: a currency sign somewhere in the column
  // (SEC tables put "$" on the first and total rows only) or a money heading; never a share count.
  const isAmountCell = (c: TCell) => {
    if (!looksNumeric(c)) return false;
    const header = headerOf(c);
    if (shareLike.test(header) && !hasSymbol(c) && !moneyHeader.test(header.replace(shareLike, ''))) return false;
    if (hasSymbol(c)) return true;
    if (moneyHeader.test(header) || scale > 0) return true;
    return rows.some((r) => r.cells.some((o) => o !== c && near(o, c) && hasSymbol(o)));
  };
  const isDataRow = (r: TRow) => r.cells.length >= 2 && /\p{L}/u.test(r.cells[0]!.text) && r.cells.slice(1).some(isAmountCell);
  const firstData = rows.findIndex(isDataRow);
  if (firstData < 0) return [];
  const headerCells = headers.flatMap((r) => r.cells);
  const partyCol = headerCells.find((c) => partyHeader.test(c.text));
  const natureCol = headerCells.find((c) => natureHeader.test(c.text) && c !== partyCol && !moneyHeader.test(c.text));

  const out: CandidateTransfer[] = [];
  for (const row of rows.slice(firstData)) {
    if (!isDataRow(row)) continue;
    const partyCell = (partyCol && row.cells.find((c) => overlaps(c, partyCol))) ?? row.cells[0]!;
    const party = partyCell.text.replace(/\s*(?:\(\d+\)|\*+|†+)\s*$/, '').trim();
    if (!/\p{L}/u.test(party) || /^(?:total|subtotal|sum|aggregate|all\s+other|other)\b/i.test(party)) continue;
    if (ctx.issuer.is(party)) continue;
    const natureCell = natureCol ? row.cells.find((c) => c !== partyCell && overlaps(c, natureCol)) : undefined;
    for (const cell of row.cells) {
      if (cell === partyCell || cell === natureCell || !isAmountCell(cell)) continue;
      const amount = cellAmount(cell.text, defaultCurrency, scale)!;
      const headerText = headerOf(cell);
      let period: { text: string; start: string | null; end: string | null } | null = null;
      const hp = findPeriods(headerText, ctx.fye);
      const yearOnly = /(?:^|\s)(fiscal\s+|FY\s*)?((?:19|20)\d{2})$/i.exec(headerText);
      if (hp.length > 0 && !(hp.length === 1 && yearOnly && hp[0]!.text.length <= 4)) {
        const p = hp[hp.length - 1]!;
        period = { text: p.text, start: p.periodStart, end: p.periodEnd };
      } else if (yearOnly) {
        const y = Number(yearOnly[2]);
        const fiscal = !!yearOnly[1];
        const b = fiscal ? fiscalYearBounds(y, ctx.fye) : { start: `${y}-01-01`, end: `${y}-12-31` };
        period = { text: fiscal ? `fiscal ${y}` : String(y), start: b?.start ?? null, end: b?.end ?? null };
      } else if (intro && intro.periods.length > 0) {
        const p = intro.periods[intro.periods.length - 1]!;
        period = { text: p.text, start: p.periodStart, end: p.periodEnd };
      }
      // Words that say the direction outright win; then the sentence that introduces the table;
      // then what the column or row label suggests.
      let dir = explicitDirection(`${headerText} ${natureCell?.text ?? ''}`);
      if (dir === 'unknown' && intro) dir = intro.dir;
      if (dir === 'unknown') dir = wordsDirection(`${headerText} ${natureCell?.text ?? ''}`);
      const rowText = ctx.layout.text.slice(row.start, row.end);
      const label = headerText ? `${headerText}: ` : '';
      out.push({
        counterparty: party,
        direction: dir,
        amountMinor: amount.minor,
        currency: amount.currency,
        periodText: period?.text ?? null,
        periodStart: period?.start ?? null,
        periodEnd: period?.end ?? null,
        description: `${party} — ${label}${cell.text}${natureCell ? ` (${natureCell.text})` : ''}${intro ? `; ${intro.text}` : ''}`.replace(/\s+/g, ' '),
        excerpt: rowText,
        locator: locator(row.start, row.end),
      });
    }
  }
  return out;
}
