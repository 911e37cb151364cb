// Lines of the extracted text and what they look like: blank, a rule, a table row, page
// furniture (running headers, footers, page numbers), or a heading with a rank.
import { F_BOLD, F_CELL, F_CENTER, F_ITALIC, F_UNDERLINE, type TextMap } from './textMap';

export interface Line {
  /** Range of the line in the text, without its newline. */
  start: number;
  end: number;
  /** The same range trimmed of spaces and tabs. */
  ts: number;
  te: number;
}

export interface Heading {
  /** First and last line of the heading (a heading may wrap over up to three lines). */
  first: number;
  last: number;
  start: number;
  end: number;
  /** The heading's words, lines joined by a space, numbering kept. */
  text: string;
  /** Rank from its look: larger is a higher level. */
  score: number;
  /** Largest font size in tenths of a point, 0 when unknown. */
  size: number;
}

const numberingPrefix = /^(?:(?:item|section|part|article)\s+[\dIVXivx]+[A-Za-z]?[.:]?\s*[-–—:]?\s*|\(?(?:\d{1,2}|[IVXivx]{1,5}|[A-Za-z])[.)]\s+|\d{1,2}(?:\.\d{1,2})+\.?\s+|\d{1,2}\s+(?=[A-Z]))?/;
const smallWords = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'for', 'to', 'in', 'on', 'with', 'by', 'at', 'from', 'as', 'per', 'vs', 'nor', 'but', 'under', 'into', 'upon', 'between', 'among', 'regarding', 'its', 'our', 'their', 'other', 'than']);
const bulletStart = /^[•·▪■◦●○►▸➢✓✔*\u2022\u25aa\u25cf]/;
const pageNumberOnly = /^(?:page\s+)?[-–—]?\s*(?:\d{1,3}|[ivxlc]{1,6}|[A-Z]-\d{1,3})\s*[-–—]?$/i;
const numericCell = /^(?:[(\[]?\s*(?:US\$|[$€£¥])?\s*\d[\d,]*(?:\.\d+)?\s*\)?\s*%?|[—–-]+|\(\d+\)|n\/a|[ivxlc]{1,6}|[A-Z]-\d{1,3})$/i;

export function stripNumbering(s: string): string {
  return s.replace(numberingPrefix, '');
}

export class Layout {
  readonly text: string;
  readonly lines: Line[] = [];
  readonly html: boolean;
  private readonly furnitureKeys = new Set<string>();
  /** HTML table rows with at least two non-empty cells, as text ranges, in order. */
  private readonly rowRanges: Array<[number, number]> = [];
  private readonly headingCache = new Map<number, Heading | null>();
  private readonly tableCache = new Map<number, boolean>();

  constructor(readonly map: TextMap) {
    this.text = map.text;
    this.html = map.format === 'proxy-html';
    const t = this.text;
    let s = 0;
    for (;;) {
      const e0 = t.indexOf('\n', s);
      const e = e0 < 0 ? t.length : e0;
      let ts = s;
      let te = e;
      while (ts < te && (t[ts] === ' ' || t[ts] === '\t')) ts++;
      while (te > ts && (t[te - 1] === ' ' || t[te - 1] === '\t')) te--;
      this.lines.push({ start: s, end: e, ts, te });
      if (e0 < 0) break;
      s = e0 + 1;
    }
    const counts = new Map<string, number>();
    for (const l of this.lines) {
      const key = this.furnitureKey(l);
      if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, n] of counts) if (n >= 3) this.furnitureKeys.add(key);
    const rows = new Map<string, { start: number; end: number; filled: number }>();
    for (const c of map.cells) {
      if (c.start < 0) continue;
      const key = `${c.table}:${c.row}`;
      const r = rows.get(key);
      if (r) {
        r.start = Math.min(r.start, c.start);
        r.end = Math.max(r.end, c.end);
        r.filled++;
      } else {
        rows.set(key, { start: c.start, end: c.end, filled: 1 });
      }
    }
    for (const r of rows.values()) if (r.filled >= 2) this.rowRanges.push([r.start, r.end]);
    this.rowRanges.sort((a, b) => a[0] - b[0]);
  }

  private furnitureKey(l: Line): string | null {
    if (l.te - l.ts < 3 || l.te - l.ts > 120) return null;
    const key = this.text.slice(l.ts, l.te).toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
    return /[a-z]{2}/.test(key) ? key : null;
  }

  lineText(i: number): string {
    const l = this.lines[i];
    return l ? this.text.slice(l.ts, l.te) : '';
  }

  /** Index of the line holding a text offset. */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lines[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** 1-based page of an offset, when the document marks page breaks. */
  pageAt(offset: number): number | undefined {
    const breaks = this.map.pageBreaks;
    if (breaks.length === 0) return undefined;
    let n = 0;
    for (const b of breaks) {
      if (b <= offset) n++;
      else break;
    }
    return n + 1;
  }

  isBlank(i: number): boolean {
    const l = this.lines[i];
    return !l || l.ts === l.te;
  }

  /** A line of dashes, equals signs or underscores (text tables and underlined headings). */
  isRule(i: number): boolean {
    const l = this.lines[i];
    return !!l && l.te > l.ts && /^[-=_—–\s]+$/.test(this.text.slice(l.ts, l.te)) && l.te - l.ts >= 3;
  }

  isBlankOrRule(i: number): boolean {
    return this.isBlank(i) || this.isRule(i);
  }

  isFurniture(i: number): boolean {
    const l = this.lines[i];
    if (!l || l.ts === l.te) return false;
    const s = this.text.slice(l.ts, l.te);
    if (pageNumberOnly.test(s)) return true;
    const key = this.furnitureKey(l);
    return key !== null && this.furnitureKeys.has(key);
  }

  isPageNumberOnly(i: number): boolean {
    return pageNumberOnly.test(this.lineText(i));
  }

  /** Part of a table: an HTML row with two or more filled cells, or a text line in columns. */
  isTableLine(i: number): boolean {
    const cached = this.tableCache.get(i);
    if (cached !== undefined) return cached;
    const l = this.lines[i];
    let result = false;
    if (l && l.te > l.ts) {
      if (this.html && (this.map.flags[l.ts]! & F_CELL) !== 0) {
        let lo = 0;
        let hi = this.rowRanges.length - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const [rs, re] = this.rowRanges[mid]!;
          if (re <= l.ts) lo = mid + 1;
          else if (rs >= l.te) hi = mid - 1;
          else { result = true; break; }
        }
      }
      if (!result) result = textColumns(this.text.slice(l.ts, l.te)) !== null;
    }
    this.tableCache.set(i, result);
    return result;
  }

  /**
   * The heading that starts at line i, if the line starts one. A line repeated on many pages
   * (a running header) is page furniture, unless `evenIfRepeated` (a designed proxy repeats its
   * section title at the top of every page of the section).
   */
  headingAt(i: number, evenIfRepeated = false): Heading | null {
    const key = evenIfRepeated ? -1 - i : i;
    if (this.headingCache.has(key)) return this.headingCache.get(key) ?? null;
    const h = evenIfRepeated || !this.isFurniture(i) ? this.computeHeading(i) : null;
    this.headingCache.set(key, h);
    return h;
  }

  private computeHeading(i: number): Heading | null {
    const n = this.lines.length;
    if (this.isBlankOrRule(i) || this.isTableLine(i) || this.isPageNumberOnly(i)) return null;
    if (i > 0 && !this.isBlankOrRule(i - 1) && !this.isFurniture(i - 1)) return null;
    let last = i;
    while (last + 1 < n && !this.isBlankOrRule(last + 1) && !this.isTableLine(last + 1) && last - i < 3) last++;
    const candidates: number[] = [];
    if (last + 1 >= n || this.isBlankOrRule(last + 1) || this.isTableLine(last + 1)) {
      if (last - i < 3) candidates.push(last);
    }
    // Plain text: a heading line may sit right on top of its first paragraph.
    if (!this.html && last > i) candidates.push(i);
    for (const end of candidates) {
      const h = this.judge(i, end);
      if (h) return h;
    }
    return null;
  }

  private judge(first: number, last: number): Heading | null {
    const start = this.lines[first]!.ts;
    const end = this.lines[last]!.te;
    const parts: string[] = [];
    for (let k = first; k <= last; k++) parts.push(this.lineText(k));
    const text = parts.join(' ').replace(/\s+/g, ' ').trim();
    const look = headingLook(text);
    if (!look) return null;
    let styled = 0;
    let bold = 0;
    let italic = 0;
    let underline = 0;
    let center = 0;
    let visible = 0;
    let h = 0;
    let size = 0;
    for (let k = start; k < end; k++) {
      const ch = this.text[k]!;
      if (ch === ' ' || ch === '\n' || ch === '\t') continue;
      visible++;
      const f = this.map.flags[k]!;
      const hl = this.map.hLevel[k]!;
      if (f & F_BOLD) bold++;
      if (f & F_ITALIC) italic++;
      if (f & F_UNDERLINE) underline++;
      if (f & F_CENTER) center++;
      if ((f & (F_BOLD | F_ITALIC | F_UNDERLINE)) !== 0 || hl > 0) styled++;
      if (hl > 0 && (h === 0 || hl < h)) h = hl;
      size = Math.max(size, this.map.fontSize[k]!);
    }
    const most = (x: number) => visible > 0 && x / visible >= 0.9;
    const emphasized = most(styled);
    if (look.endsWithPunctuation && !(emphasized && look.words <= 12)) return null;
    if (!look.caps && !look.title && !emphasized) return null;
    let score = 0;
    if (h > 0) score += (7 - h) * 3;
    if (look.caps) score += 4;
    if (most(bold)) score += 2;
    if (most(italic)) score -= 0.5;
    if (most(underline) || (this.isRule(last + 1) && !this.isBlank(last + 1))) score += 0.5;
    if (most(center) || (!this.html && this.lines[first]!.ts - this.lines[first]!.start >= 8)) score += 1;
    return { first, last, start, end, text, score, size };
  }

  /** Whether heading a ranks at least as high as heading b. */
  static atLeast(a: Heading, b: Heading): boolean {
    if (a.size > 0 && b.size > 0 && Math.abs(a.size - b.size) >= 5) return a.size > b.size;
    return a.score >= b.score;
  }

  /** The whole line is set in bold/italic/underline (HTML) - for run-in headings. */
  styledFraction(start: number, end: number): number {
    let styled = 0;
    let visible = 0;
    for (let k = start; k < end; k++) {
      const ch = this.text[k]!;
      if (ch === ' ' || ch === '\n' || ch === '\t') continue;
      visible++;
      if ((this.map.flags[k]! & (F_BOLD | F_ITALIC | F_UNDERLINE)) !== 0 || this.map.hLevel[k]! > 0) styled++;
    }
    return visible === 0 ? 0 : styled / visible;
  }
}

/** How a short line reads as a heading: casing and punctuation. null when it cannot be one. */
export function headingLook(raw: string): { caps: boolean; title: boolean; words: number; endsWithPunctuation: boolean } | null {
  const text = raw.trim();
  if (text.length < 3 || text.length > 160) return null;
  if (bulletStart.test(text) || text.includes('$')) return null;
  const body = stripNumbering(text).trim();
  if (!/^[“"'‘(]?[\p{Lu}\d]/u.test(body)) return null;
  const words = body.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 20) return null;
  const letters = body.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2) return null;
  const upper = body.replace(/[^\p{Lu}]/gu, '').length;
  const caps = upper / letters.length >= 0.8;
  let significant = 0;
  let capitalised = 0;
  for (const w of words) {
    const clean = w.replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, '');
    if (!clean || smallWords.has(clean.toLowerCase())) continue;
    if (/^\d/.test(clean)) continue;
    significant++;
    if (/^\p{Lu}/u.test(clean) || /^\p{Ll}+\p{Lu}/u.test(clean)) capitalised++;
  }
  const title = significant > 0 && capitalised / significant >= 0.75;
  return { caps, title, words: words.length, endsWithPunctuation: /[.,;]["”’]?$/.test(body) };
}

/**
 * Columns of a plain-text table line: cells separated by a tab or two or more spaces, the last
 * (or two of them) numeric. null for a line that is not laid out in columns.
 */
export function textColumns(line: string): Array<{ start: number; end: number; text: string }> | null {
  if (!/\t| {2,}/.test(line.trim())) return null;
  const cells: Array<{ start: number; end: number; text: string }> = [];
  const re = /[^\t ]+(?: [^\t ]+)*/g;
  for (let m = re.exec(line); m; m = re.exec(line)) cells.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  if (cells.length < 2) return null;
  const numeric = cells.filter((c) => numericCell.test(stripLeaders(c.text)));
  const lastCell = cells[cells.length - 1]!;
  if (numericCell.test(stripLeaders(lastCell.text)) || numeric.length >= 2) return cells;
  return null;
}

function stripLeaders(s: string): string {
  return s.replace(/^[.\s·…_]+|[.\s·…_]+$/g, '');
}
