// The text a reader sees in a proxy statement, with a character map back to the document.
//
// Offsets: every `charStart`/`charEnd` this importer reports is a UTF-16 offset into
// `TextMap.text` (what `proxyText(bytes)` returns), never into the raw HTML. `TextMap.source[i]`
// gives, for the i-th character of that text, its UTF-16 offset in the decoded document (after a
// byte-order mark is dropped), so a viewer of the original markup can find the same place.
//
// HTML: script/style/head/hidden (display:none, ix:header) content is dropped; entities are
// decoded; runs of whitespace (including non-breaking spaces) become one space; block elements
// end a line, and paragraphs are separated by a blank line; a table row is one line with its
// non-empty cells separated by a tab. Plain text: line endings become "\n", form feeds and
// EDGAR <PAGE> lines are page breaks, lines holding only EDGAR SGML tags (<S>, <C>, <TABLE>...)
// are dropped; everything else is kept as written.
import { Parser } from 'htmlparser2';

export const F_BOLD = 1;
export const F_ITALIC = 2;
export const F_UNDERLINE = 4;
export const F_CENTER = 8;
export const F_CELL = 16;

export interface TableCell {
  table: number;
  row: number;
  /** First grid column (colspans and rowspans counted) and how many it spans. */
  col: number;
  colSpan: number;
  /** Range in the text; start < 0 when the cell showed nothing. */
  start: number;
  end: number;
}

export interface TextMap {
  format: 'proxy-html' | 'proxy-text';
  text: string;
  /** For each character of `text`, its offset in the decoded document. */
  source: Int32Array;
  /** Per character: F_BOLD | F_ITALIC | F_UNDERLINE | F_CENTER | F_CELL. */
  flags: Uint8Array;
  /** Per character: the level of the enclosing h1-h6, 0 outside one. */
  hLevel: Uint8Array;
  /** Per character: font size in tenths of a point when the markup set one, else 0. */
  fontSize: Uint16Array;
  /** HTML table cells in document order (empty for plain text). */
  cells: TableCell[];
  /** Text offsets where a new page starts (page-break styles, form feeds, <PAGE>). */
  pageBreaks: number[];
}

const invisible = /[\u00ad\u200b-\u200d\u2060\ufeff]/;
const spaceLike = /[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

class Builder {
  private codes: Uint16Array;
  private src: Int32Array;
  private fl: Uint8Array;
  private hl: Uint8Array;
  private fs: Uint16Array;
  len = 0;
  private trailingNewlines = 0;
  pendingBreak = 0;
  private breakSrc = 0;
  pendingSpace = false;
  private spaceSrc = 0;
  pendingTab = false;
  private tabSrc = 0;
  private pendingPage = false;
  pageBreaks: number[] = [];
  cell: TableCell | null = null;
  lastChar = '';

  constructor(capacity: number) {
    const n = Math.max(64, capacity);
    this.codes = new Uint16Array(n);
    this.src = new Int32Array(n);
    this.fl = new Uint8Array(n);
    this.hl = new Uint8Array(n);
    this.fs = new Uint16Array(n);
  }

  private grow(): void {
    const n = this.codes.length * 2;
    const codes = new Uint16Array(n); codes.set(this.codes); this.codes = codes;
    const src = new Int32Array(n); src.set(this.src); this.src = src;
    const fl = new Uint8Array(n); fl.set(this.fl); this.fl = fl;
    const hl = new Uint8Array(n); hl.set(this.hl); this.hl = hl;
    const fs = new Uint16Array(n); fs.set(this.fs); this.fs = fs;
  }

  private put(ch: string, src: number, flags: number, h: number, size: number): void {
    if (this.len >= this.codes.length) this.grow();
    const i = this.len;
    this.codes[i] = ch.charCodeAt(0);
    this.src[i] = src;
    this.fl[i] = flags;
    this.hl[i] = h;
    this.fs[i] = size;
    this.len++;
    this.lastChar = ch;
    this.trailingNewlines = ch === '\n' ? this.trailingNewlines + 1 : 0;
  }

  /** A visible character: first whatever break, tab or space is pending. */
  char(ch: string, src: number, flags: number, h: number, size: number): void {
    if (this.len > 0) {
      if (this.pendingBreak > 0) {
        const want = Math.min(2, this.pendingBreak);
        for (let i = this.trailingNewlines; i < want; i++) this.put('\n', this.breakSrc, 0, 0, 0);
      } else if (this.pendingTab) {
        this.put('\t', this.tabSrc, F_CELL, 0, 0);
      } else if (this.pendingSpace && this.lastChar !== ' ' && this.lastChar !== '\n' && this.lastChar !== '\t') {
        this.put(' ', this.spaceSrc, flags, h, size);
      }
    }
    this.pendingBreak = 0;
    this.pendingTab = false;
    this.pendingSpace = false;
    if (this.pendingPage) {
      this.pageBreaks.push(this.len);
      this.pendingPage = false;
    }
    if (this.cell && this.cell.start < 0) this.cell.start = this.len;
    this.put(ch, src, flags, h, size);
    if (this.cell) this.cell.end = this.len;
  }

  /** A character kept as written (plain text, <pre>), newlines included. */
  raw(ch: string, src: number): void {
    if (ch === '\n') {
      this.put('\n', src, 0, 0, 0);
      return;
    }
    if (this.pendingPage) {
      this.pageBreaks.push(this.len);
      this.pendingPage = false;
    }
    this.put(ch, src, 0, 0, 0);
  }

  space(src: number): void {
    if (!this.pendingSpace) this.spaceSrc = src;
    this.pendingSpace = true;
  }

  block(level: number, src: number): void {
    if (level > this.pendingBreak) {
      this.pendingBreak = level;
      this.breakSrc = src;
    }
    this.pendingSpace = false;
    this.pendingTab = false;
  }

  tab(src: number): void {
    if (this.pendingBreak === 0) {
      this.pendingTab = true;
      this.tabSrc = src;
    }
  }

  pageBreak(): void {
    this.pendingPage = true;
  }

  finish(format: TextMap['format'], cells: TableCell[]): TextMap {
    const parts: string[] = [];
    for (let i = 0; i < this.len; i += 8192) parts.push(String.fromCharCode(...this.codes.subarray(i, Math.min(this.len, i + 8192))));
    return {
      format,
      text: parts.join(''),
      source: this.src.slice(0, this.len),
      flags: this.fl.slice(0, this.len),
      hLevel: this.hl.slice(0, this.len),
      fontSize: this.fs.slice(0, this.len),
      cells,
      pageBreaks: this.pageBreaks,
    };
  }
}

const skipTags = new Set(['script', 'style', 'head', 'title', 'noscript', 'template', 'svg', 'math', 'object', 'iframe', 'select', 'option', 'xml', 'ix:header']);
const paragraphBlocks = new Set([
  'p', 'div', 'table', 'ul', 'ol', 'dl', 'li', 'dt', 'dd', 'blockquote', 'pre', 'listing', 'xmp', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'section', 'article', 'header', 'footer', 'nav', 'aside', 'main', 'figure', 'figcaption', 'address', 'fieldset', 'form', 'center',
  'caption', 'hr', 'body', 'html', 'page',
]);
const rowBlocks = new Set(['tr', 'thead', 'tbody', 'tfoot']);

interface Frame {
  name: string;
  skip: boolean;
  pre: boolean;
  flags: number;
  h: number;
  size: number;
  pageAfter: boolean;
  cell: TableCell | null;
  table: TableState | null;
}

interface TableState {
  id: number;
  row: number;
  col: number;
  /** Grid columns still covered by a rowspan from an earlier row: col -> rows left. */
  spans: Map<number, number>;
  rowHasContent: boolean;
  rowStartLen: number;
}

const htmlFontSizes = [0, 75, 100, 120, 135, 180, 240, 360];

function parseFontSize(value: string, parentTenths: number): number | null {
  const m = /^\s*([\d.]+)\s*(pt|px|em|rem|%)?\s*$/i.exec(value);
  if (!m) {
    const named: Record<string, number> = { 'xx-small': 70, 'x-small': 75, small: 100, medium: 120, large: 135, 'x-large': 180, 'xx-large': 240 };
    return named[value.trim().toLowerCase()] ?? null;
  }
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return null;
  const unit = (m[2] ?? 'px').toLowerCase();
  const base = parentTenths || 120;
  switch (unit) {
    case 'pt': return Math.round(n * 10);
    case 'px': return Math.round(n * 7.5);
    case 'em': case 'rem': return Math.round(n * base);
    case '%': return Math.round((n / 100) * base);
    default: return null;
  }
}

function styleProps(style: string): Map<string, string> {
  const props = new Map<string, string>();
  for (const decl of style.split(';')) {
    const i = decl.indexOf(':');
    if (i < 0) continue;
    props.set(decl.slice(0, i).trim().toLowerCase(), decl.slice(i + 1).trim().toLowerCase());
  }
  return props;
}

/** HTML (or XHTML, Inline XBRL) to text; `base` is added to source offsets (a slice's start). */
export function htmlToText(html: string, base = 0): TextMap {
  const b = new Builder(html.length + 16);
  const cells: TableCell[] = [];
  let tableCount = 0;
  const root: Frame = { name: '#root', skip: false, pre: false, flags: 0, h: 0, size: 0, pageAfter: false, cell: null, table: null };
  const stack: Frame[] = [root];
  const top = (): Frame => stack[stack.length - 1] ?? root;
  let cellStartLen = 0;

  // Breaks inside a table cell: a layout cell holding paragraphs keeps them apart; a data cell's
  // <p> or <div> only separates words, so the row stays on one line.
  const breakIn = (frame: Frame, level: number, src: number) => {
    if (frame.cell) {
      const inCell = b.len - cellStartLen;
      if (inCell >= 200 || (inCell >= 60 && /[.:;!?]/.test(b.lastChar))) b.block(level, src);
      else if (frame.cell.start >= 0) b.space(src);
    } else {
      b.block(level, src);
    }
  };

  const parser: Parser = new Parser({
    onopentag(rawName, attribs) {
      const name = rawName.toLowerCase();
      const parent = top();
      const frame: Frame = { ...parent, name, pageAfter: false };
      const src = base + parser.startIndex;
      const style = attribs['style'] ? styleProps(attribs['style']) : null;
      if (skipTags.has(name) || style?.get('display') === 'none' || attribs['hidden'] !== undefined) frame.skip = true;
      if (name === 'b' || name === 'strong' || name === 'th') frame.flags |= F_BOLD;
      if (name === 'i' || name === 'em' || name === 'cite' || name === 'dfn') frame.flags |= F_ITALIC;
      if (name === 'u' || name === 'ins') frame.flags |= F_UNDERLINE;
      if (name === 'center' || (attribs['align'] ?? '').toLowerCase() === 'center') frame.flags |= F_CENTER;
      else if (attribs['align'] && paragraphBlocks.has(name)) frame.flags &= ~F_CENTER;
      const hm = /^h([1-6])$/.exec(name);
      if (hm) {
        frame.h = Number(hm[1]);
        frame.flags |= F_BOLD;
      }
      if (name === 'pre' || name === 'listing' || name === 'xmp' || name === 'plaintext') frame.pre = true;
      if (name === 'font' && attribs['size']) {
        const s = attribs['size'].trim();
        const rel = /^[+-]/.test(s);
        let idx = parseInt(s, 10);
        if (Number.isFinite(idx)) {
          if (rel) idx = 3 + idx;
          frame.size = htmlFontSizes[Math.max(1, Math.min(7, idx))] ?? frame.size;
        }
      }
      if (style) {
        const weight = style.get('font-weight');
        if (weight) {
          if (/bold|bolder|^[6-9]00$/.test(weight)) frame.flags |= F_BOLD;
          else if (/normal|lighter|^[1-5]00$/.test(weight)) frame.flags &= ~F_BOLD;
        }
        const fstyle = style.get('font-style');
        if (fstyle) {
          if (/italic|oblique/.test(fstyle)) frame.flags |= F_ITALIC;
          else if (fstyle === 'normal') frame.flags &= ~F_ITALIC;
        }
        const deco = style.get('text-decoration') ?? style.get('text-decoration-line');
        if (deco) {
          if (deco.includes('underline')) frame.flags |= F_UNDERLINE;
          else if (deco === 'none') frame.flags &= ~F_UNDERLINE;
        }
        const align = style.get('text-align');
        if (align) frame.flags = align === 'center' ? frame.flags | F_CENTER : frame.flags & ~F_CENTER;
        const fontShorthand = style.get('font');
        if (fontShorthand && /\bbold\b|\b[6-9]00\b/.test(fontShorthand)) frame.flags |= F_BOLD;
        const size = style.get('font-size') ?? (fontShorthand ? /([\d.]+(?:pt|px|em|%))/.exec(fontShorthand)?.[1] : undefined);
        if (size) frame.size = parseFontSize(size, parent.size) ?? frame.size;
        const before = style.get('page-break-before') ?? style.get('break-before');
        if (before && /always|page|left|right/.test(before)) b.pageBreak();
        const after = style.get('page-break-after') ?? style.get('break-after');
        if (after && /always|page|left|right/.test(after)) frame.pageAfter = true;
      }
      stack.push(frame);
      if (frame.skip) return;

      if (name === 'br') {
        if (frame.cell) breakIn(frame, 1, src);
        else b.block(b.pendingBreak === 0 ? 1 : 2, src);
        return;
      }
      if (name === 'table') {
        breakIn(parent, 2, src);
        frame.table = { id: tableCount++, row: -1, col: 0, spans: new Map(), rowHasContent: false, rowStartLen: b.len };
        frame.cell = null;
        return;
      }
      if (name === 'tr' && frame.table) {
        const t = frame.table;
        t.row++;
        t.col = 0;
        t.rowHasContent = false;
        // Rowspans from earlier rows count down as each row starts.
        for (const [c, left] of [...t.spans]) {
          if (left <= 1) t.spans.delete(c);
          else t.spans.set(c, left - 1);
        }
        b.block(1, src);
        return;
      }
      if ((name === 'td' || name === 'th') && frame.table) {
        const t = frame.table;
        while (t.spans.has(t.col)) t.col++;
        const colSpan = Math.max(1, Math.min(100, parseInt(attribs['colspan'] ?? '1', 10) || 1));
        const rowSpan = Math.max(1, Math.min(1000, parseInt(attribs['rowspan'] ?? '1', 10) || 1));
        const cell: TableCell = { table: t.id, row: Math.max(0, t.row), col: t.col, colSpan, start: -1, end: -1 };
        if (rowSpan > 1) for (let c = t.col; c < t.col + colSpan; c++) t.spans.set(c, rowSpan);
        t.col += colSpan;
        cells.push(cell);
        if (t.rowHasContent) b.tab(src);
        else b.pendingSpace = false;
        frame.cell = cell;
        b.cell = cell;
        cellStartLen = b.len;
        frame.flags |= F_CELL;
        return;
      }
      if (paragraphBlocks.has(name) || rowBlocks.has(name)) breakIn(frame, rowBlocks.has(name) ? 1 : 2, src);
    },

    onclosetag(rawName) {
      const frame = stack.pop();
      if (!frame || frame === root) {
        if (frame === root) stack.push(root);
        return;
      }
      const parent = top();
      const src = base + parser.endIndex + 1;
      if (!frame.skip) {
        const name = frame.name;
        if ((name === 'td' || name === 'th') && frame.cell) {
          if (parent.table && frame.cell.start >= 0) parent.table.rowHasContent = true;
          b.cell = parent.cell;
          if (parent.cell) cellStartLen = Math.max(parent.cell.start, 0);
        } else if (name === 'tr') {
          b.block(1, src);
        } else if (name === 'table') {
          breakIn(parent, 2, src);
        } else if (paragraphBlocks.has(name) || rowBlocks.has(name)) {
          breakIn(parent, rowBlocks.has(name) ? 1 : 2, src);
        }
        if (frame.pageAfter) b.pageBreak();
      }
      void rawName;
    },

    ontext(data) {
      const frame = top();
      if (frame.skip) return;
      const start = parser.startIndex;
      // A text run maps one to one; a decoded entity maps every unit to the '&'.
      const linear = data.length === parser.endIndex - start + 1;
      for (let i = 0; i < data.length; i++) {
        const ch = data[i]!;
        const src = base + (linear ? start + i : start);
        const code = ch.charCodeAt(0);
        if (code > 32 && code < 127) {
          b.char(ch, src, frame.flags, frame.h, frame.size);
          continue;
        }
        if (frame.pre) {
          if (ch === '\r') continue;
          if (ch === '\n') { b.block(1, src); continue; }
          if (ch === '\t' || ch === ' ' || ch === '\u00a0') {
            b.char(' ', src, frame.flags, frame.h, frame.size);
            continue;
          }
        }
        if (invisible.test(ch)) continue;
        if (spaceLike.test(ch)) {
          b.space(src);
          continue;
        }
        b.char(ch, src, frame.flags, frame.h, frame.size);
      }
    },
  }, { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true });
  parser.end(html);
  return b.finish('proxy-html', cells);
}

const sgmlOnlyLine = /^[ \t]*(?:<\/?(?:S|C|TABLE|CAPTION|FN|F\d+|R\d+|PRE)>[ \t]*)+$/i;
const pageLine = /^[ \t]*<PAGE>[ \t]*(?:\d+[ \t]*)?$/i;

/** Plain text kept as written: line endings normalised, SGML table markers dropped. */
export function plainToText(source: string, base = 0): TextMap {
  const b = new Builder(source.length + 16);
  const eol = /\r\n|\r|\n/g;
  let i = 0;
  for (;;) {
    eol.lastIndex = i;
    const m = eol.exec(source);
    const j = m ? m.index : source.length;
    const line = source.slice(i, j);
    if (pageLine.test(line)) {
      b.pageBreak();
    } else if (!sgmlOnlyLine.test(line)) {
      for (let k = 0; k < line.length; k++) {
        const ch = line[k]!;
        const src = base + i + k;
        if (ch === '\f') {
          b.raw('\n', src);
          b.pageBreak();
          continue;
        }
        if (invisible.test(ch)) continue;
        if (ch === '\t') { b.raw('\t', src); continue; }
        if (spaceLike.test(ch)) { b.raw(' ', src); continue; }
        if (ch < ' ') continue;
        b.raw(ch, src);
      }
      if (m) b.raw('\n', base + j);
    }
    if (!m) break;
    i = j + m[0].length;
  }
  return b.finish('proxy-text', []);
}

/** An EDGAR full submission (.txt with <DOCUMENT> wrappers): the first document's <TEXT> body. */
export function mainDocumentRange(source: string): { start: number; end: number } {
  const head = source.slice(0, 4096);
  if (!/<(?:SEC-DOCUMENT|DOCUMENT|IMS-DOCUMENT)>/i.test(head)) return { start: 0, end: source.length };
  const open = /<TEXT>/i.exec(source);
  if (!open) return { start: 0, end: source.length };
  const start = open.index + open[0].length;
  const close = source.slice(start).search(/<\/TEXT>/i);
  return { start, end: close < 0 ? source.length : start + close };
}

const htmlTag = /<(?:html|body|div|p|br|font|span|td|tr|h[1-6]|b|i|u|strong|em|center|a|img)\b[^>]*>/i;

export function looksLikeHtml(source: string, start = 0, end = source.length): boolean {
  return htmlTag.test(source.slice(start, Math.min(end, start + 100_000)));
}

/** The extracted text of a decoded document, HTML or plain text detected from its content. */
export function documentText(source: string): TextMap {
  const { start, end } = mainDocumentRange(source);
  const body = source.slice(start, end);
  return looksLikeHtml(body) ? htmlToText(body, start) : plainToText(body, start);
}
