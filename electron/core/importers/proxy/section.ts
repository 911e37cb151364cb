// Find the related-person section of a proxy statement or prospectus: its heading (in any of
// the usual wordings), skipping table-of-contents entries, and where it ends.
import { Layout, stripNumbering, type Heading } from './layout';

const WS = String.raw`[\s\u00a0]+`;
const HY = String.raw`(?:[\s\u00a0]*[-\u2010\u2011\u2012\u2013][\s\u00a0]*|[\s\u00a0]+)`;

/** The headings looked for, as a person would write them (for messages). */
export const SECTION_HEADINGS = [
  'Certain Relationships and Related Person Transactions',
  'Certain Relationships and Related Transactions',
  'Related Party Transactions',
  'Related Person Transactions',
  'Transactions with Related Persons',
  'Related-Party Transactions',
  'Policies and Procedures for Related Person Transactions',
];

const headingPatterns: RegExp[] = [
  new RegExp(String.raw`certain${WS}relationships${WS}and${WS}related(?:${HY}(?:persons?|party|parties))?${WS}(?:transactions|party${WS}transactions)`, 'giu'),
  new RegExp(String.raw`(?<![\p{L}])related${HY}(?:persons?|party|parties)${WS}transactions?`, 'giu'),
  new RegExp(String.raw`transactions${WS}with${WS}related${WS}(?:persons?|parties|party)`, 'giu'),
  new RegExp(String.raw`transactions${WS}with${WS}(?:management|insiders)${WS}and${WS}others`, 'giu'),
  new RegExp(String.raw`^[\t ]*(?:[\dIVX]{1,4}[.)][\t ]+)?certain${WS}(?:relationships${WS}and${WS})?transactions[\t ]*$`, 'gimu'),
];

const knownNext = new RegExp(
  String.raw`^(?:(?:stockholder|shareholder|security[\s-]?holder)s?['’]?${WS}(?:proposals?|nominations?|communications?)|other${WS}(?:matters|business)|delinquent${WS}section${WS}16|section${WS}16\(a\)|security${WS}ownership|beneficial${WS}ownership|principal${WS}(?:and${WS}selling${WS})?(?:stockholders|shareholders|holders)|audit${WS}committee${WS}report|report${WS}of${WS}the${WS}audit|executive${WS}(?:officers${WS}and${WS})?compensation|director${WS}compensation|compensation${WS}(?:discussion|committee${WS}report)|householding|annual${WS}report|where${WS}you${WS}can${WS}find|additional${WS}information|proposal${WS}(?:no\.?|number)?${WS}?\d|proposal${WS}(?:one|two|three|four|five|six)|description${WS}of${WS}(?:capital${WS}stock|share${WS}capital|securities|the${WS}notes)|shares${WS}eligible|underwriting|plan${WS}of${WS}distribution|legal${WS}matters|experts|equity${WS}compensation${WS}plan|pay${WS}versus${WS}performance|questions${WS}and${WS}answers|forward-looking|index${WS}to${WS}(?:consolidated${WS})?financial|management['’]?s${WS}discussion|election${WS}of${WS}directors|ratification|incorporation${WS}(?:of${WS}certain${WS}documents${WS})?by${WS}reference|solicitation${WS}of${WS}proxies|independent${WS}(?:registered${WS})?(?:public${WS})?(?:accounting|auditors)|fees${WS}(?:paid${WS}to|billed)|code${WS}of${WS}(?:business${WS})?(?:conduct|ethics)|indemnification${WS}of${WS}directors${WS}and${WS}officers|director${WS}independence)`,
  'iu',
);

// Subheadings that still belong to a related-person section.
const subsectionWordList = /transaction|related|procedures|review|approval|ratification|indemnif|family|relatives|immediate|employment|(?:agreements?|arrangements?|relationships?|dealings|leases?|loans?|services)\s+with|registration\s+rights|investor\s+rights|stockholders?['’]?\s+agreement/i;
const subsectionWith = /\bwith\s+(?!the\s)\p{Lu}/u;
const subsectionWords = { test: (s: string) => subsectionWordList.test(s) || subsectionWith.test(s) };

export interface SectionCandidate {
  /** The heading as it reads, whitespace collapsed. */
  heading: string;
  headingStart: number;
  headingEnd: number;
  /** Body of the section: from after the heading to where the next section starts. */
  bodyStart: number;
  bodyEnd: number;
  kind: 'heading' | 'run-in' | 'toc';
  /** Characters of prose in the body (table-of-contents entries have none). */
  prose: number;
}

export interface SectionSearch {
  chosen: SectionCandidate | null;
  candidates: SectionCandidate[];
}

const pageRef = /^[\s.·…_\t-]*(?:page\s*)?(?:\d{1,3}|[ivxlc]{1,6}|[A-Z]-\d{1,3})[\s.]*$/i;

function runInHeadingEnd(text: string, from: number): number | null {
  const m = /^["”’]?[\t ]*(?:[.:]|[—–]|\s-\s)[\t ]*(?=\S)/u.exec(text.slice(from, from + 8));
  return m ? from + m[0].length : null;
}

/** Find every heading that names the section, judge each, and pick the section with most text. */
export function findSection(layout: Layout): SectionSearch {
  const text = layout.text;
  const found = new Map<number, SectionCandidate>();
  for (const re of headingPatterns) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index + (m[0].length - m[0].trimStart().length);
      const end = m.index + m[0].trimEnd().length;
      const cand = judgeMatch(layout, start, end);
      if (cand && !found.has(cand.headingStart)) found.set(cand.headingStart, cand);
    }
  }
  const candidates = [...found.values()].sort((a, b) => a.headingStart - b.headingStart);
  let chosen: SectionCandidate | null = null;
  for (const c of candidates) {
    if (c.kind === 'toc') continue;
    if (!chosen || c.prose > chosen.prose) chosen = c;
  }
  return { chosen, candidates };
}

function judgeMatch(layout: Layout, start: number, end: number): SectionCandidate | null {
  const text = layout.text;
  const firstLine = layout.lineAt(start);
  const lastLine = layout.lineAt(Math.max(start, end - 1));
  const lf = layout.lines[firstLine]!;
  const ll = layout.lines[lastLine]!;
  const prefix = text.slice(lf.ts, start);
  const suffix = text.slice(end, ll.te);
  const numberingOnly = stripNumbering(prefix.replace(/^[\s•·\-–—]+/, '')).trim() === '' || /^[\s\d.()IVXivx]*$/.test(prefix);

  // A table-of-contents entry: the heading, then nothing but a page number on its line, or a
  // page number alone on the next line.
  if (numberingOnly && (pageRef.test(suffix) && suffix.trim() !== '')) return toc(layout, start, end);
  if (numberingOnly && suffix.trim() === '') {
    let next = lastLine + 1;
    while (next < layout.lines.length && layout.isBlank(next)) next++;
    if (next < layout.lines.length && layout.isPageNumberOnly(next) && next - lastLine <= 2) return toc(layout, start, end);
  }
  if (layout.isTableLine(firstLine)) {
    return numberingOnly && /^[\s.·…_]*(?:\t|$)/.test(suffix) ? toc(layout, start, end) : null;
  }

  // A heading line of its own (possibly wrapped over lines, with more words on it).
  for (let i = firstLine; i >= Math.max(0, firstLine - 2); i--) {
    const h = layout.headingAt(i, true);
    if (h && h.last >= lastLine) return section(layout, h, 'heading');
  }

  // A run-in heading: "Related Person Transactions. In 2023, ..." at the start of a paragraph,
  // set off by bold/italic/underline in HTML or by its title case in plain text.
  const shortPrefix = firstLine === lastLine && prefix.length <= 80 && !/[.;:]/.test(prefix);
  if ((numberingOnly || shortPrefix) && (firstLine === 0 || layout.isBlankOrRule(firstLine - 1) || !layout.html)) {
    const bodyStart = runInHeadingEnd(text, end);
    if (bodyStart !== null) {
      const styled = layout.html ? layout.styledFraction(lf.ts, end) >= 0.9 : titleCased(text.slice(lf.ts, end));
      if (styled) {
        const h: Heading = { first: firstLine, last: firstLine, start: lf.ts, end, text: text.slice(lf.ts, end).replace(/\s+/g, ' '), score: -10, size: 0 };
        return section(layout, h, 'run-in', bodyStart);
      }
    }
  }
  return null;
}

function titleCased(s: string): boolean {
  const words = s.replace(/^[\s\d.()IVXivx]+/, '').split(/\s+/).filter((w) => /\p{L}/u.test(w));
  return words.length > 0 && words.every((w) => /^[\p{Lu}"“]/u.test(w) || /^(?:and|of|with|for|to|the|on|in|by|or|a|an)$/.test(w));
}

function toc(layout: Layout, start: number, end: number): SectionCandidate {
  return { heading: layout.text.slice(start, end).replace(/\s+/g, ' '), headingStart: start, headingEnd: end, bodyStart: end, bodyEnd: end, kind: 'toc', prose: 0 };
}

const headingTests = headingPatterns.map((re) => new RegExp(re.source, re.flags.replace('g', '')));

function isRelatedHeading(text: string): boolean {
  return headingTests.some((re) => re.test(text));
}

const MAX_SECTION = 200_000;

function section(layout: Layout, h: Heading, kind: 'heading' | 'run-in', runInBody?: number): SectionCandidate {
  let judged: SectionCandidate['kind'] = kind;
  const lines = layout.lines;
  const bodyStart = runInBody ?? (lines[h.last + 1]?.start ?? layout.text.length);
  let bodyEnd = layout.text.length;
  let prose = 0;
  for (let i = h.last + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.start - bodyStart > MAX_SECTION) { bodyEnd = l.start; break; }
    if (layout.isBlankOrRule(i) || layout.isFurniture(i)) continue;
    if (kind === 'run-in' && layout.html && l.ts > bodyStart && i > h.last && layout.isBlankOrRule(i - 1) && runInStart(layout, i)) {
      bodyEnd = l.start;
      break;
    }
    const next = layout.headingAt(i);
    if (next) {
      const words = stripNumbering(next.text);
      if (knownNext.test(words)) { bodyEnd = l.start; break; }
      if (kind === 'run-in') { bodyEnd = l.start; break; }
      if (!isRelatedHeading(next.text) && !subsectionWords.test(words) && Layout.atLeast(next, h)) { bodyEnd = l.start; break; }
      i = next.last;
      continue;
    }
    const s = layout.text.slice(l.ts, l.te);
    if (layout.isTableLine(i)) {
      // A table of amounts is text of the section; a table of page numbers is not.
      if (/[$€£]|\d{1,3},\d{3}/.test(s)) prose += s.length;
      continue;
    }
    if (/\p{Ll}/u.test(s)) prose += s.length;
    else if (/^(?:none|not applicable)\.?$/i.test(s)) prose += s.length;
  }
  if (runInBody !== undefined) {
    const first = lines[h.first]!;
    prose += Math.max(0, first.te - runInBody);
  }
  // A heading with no text of its own before the next heading is a table-of-contents line.
  if (prose === 0 && kind === 'heading') judged = 'toc';
  return { heading: h.text, headingStart: h.start, headingEnd: h.end, bodyStart, bodyEnd: Math.max(bodyStart, bodyEnd), kind: judged, prose };
}

/** A paragraph that opens with a bold/italic run ending in a period or colon (HTML). */
function runInStart(layout: Layout, i: number): boolean {
  const l = layout.lines[i]!;
  const text = layout.text;
  const m = /^[^.:]{3,100}?[.:](?=\s)/.exec(text.slice(l.ts, Math.min(l.te, l.ts + 110)));
  if (!m) return false;
  return layout.styledFraction(l.ts, l.ts + m[0].length) >= 0.9 && layout.styledFraction(l.ts, l.te) < 0.9;
}
