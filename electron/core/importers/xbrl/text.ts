// Plain text from markup: Inline XBRL text blocks and excerpts (XHTML read as XML, ix:exclude
// left out) and the escaped HTML of an instance's text-block facts (read as HTML). Block-level
// elements become word breaks; whitespace is collapsed.
import { Parser } from 'htmlparser2';

const blockElements = new Set([
  'p', 'div', 'br', 'tr', 'td', 'th', 'li', 'ul', 'ol', 'table', 'thead', 'tbody', 'tfoot', 'caption',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'blockquote', 'pre', 'dt', 'dd', 'hr', 'body', 'html',
]);

const spaces = /[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;

export function normalizeSpace(s: string): string {
  return s.replace(spaces, ' ').trim();
}

const xmlEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const entity = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g;
function decodeXmlEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(entity, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return xmlEntities[name]!;
    const cp = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

/** A tag; quoted attribute values may hold ">" but, being well-formed XML, never "<". */
const tagPattern = /<(\/?)([A-Za-z_][\w.:-]*)(?:[^<>"']|"[^<"]*"|'[^<']*')*>/g;
const blockPattern = new RegExp(`^(${[...blockElements].join('|')})$`, 'i');

/** `s` without its ix:exclude elements (which cannot nest); an unclosed one runs to the end. */
function withoutExcludes(s: string, inlinePrefixes: ReadonlySet<string>): string {
  for (const prefix of inlinePrefixes.size ? inlinePrefixes : new Set(['ix'])) {
    const open = prefix ? `<${prefix}:exclude` : '<exclude';
    const close = prefix ? `</${prefix}:exclude` : '</exclude';
    let from = 0;
    let out = '';
    for (let i = s.indexOf(open); i >= 0; i = s.indexOf(open, from)) {
      const next = s.charAt(i + open.length);
      if (next !== '>' && next !== '/' && !/\s/.test(next)) {
        out += s.slice(from, i + open.length);
        from = i + open.length;
        continue;
      }
      const tagEnd = s.indexOf('>', i);
      const selfClosing = tagEnd > 0 && s.charAt(tagEnd - 1) === '/';
      let stop = s.length;
      if (selfClosing) stop = tagEnd + 1;
      else {
        const c = s.indexOf(close, i);
        if (c >= 0) {
          const e = s.indexOf('>', c);
          stop = e < 0 ? s.length : e + 1;
        }
      }
      out += `${s.slice(from, i)} `;
      from = stop;
    }
    s = from === 0 ? s : out + s.slice(from);
  }
  return s;
}

/**
 * Text of a slice of an Inline XBRL document (well-formed XHTML, read as XML: only the XML
 * entities and character references are decoded). `inlinePrefixes` are the prefixes the document
 * binds to the Inline XBRL namespace; ix:exclude content is left out. A linear text pass, not a
 * parse: this runs only on the few related-party blocks and excerpt rows.
 */
export function inlineText(source: string, start: number, end: number, inlinePrefixes: ReadonlySet<string>): string {
  let s = source.slice(start, end).replace(/<!--[\s\S]*?-->/g, ' ').replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, t: string) => t.replace(/</g, '\u0001'));
  s = withoutExcludes(s, inlinePrefixes);
  s = s.replace(tagPattern, (_, _slash: string, name: string) => (name.includes(':') || !blockPattern.test(name) ? '' : ' '));
  return normalizeSpace(decodeXmlEntities(s).replace(/\u0001/g, '<'));
}

/** Text of an HTML fragment (an instance's escaped text block, or plain text). */
export function htmlText(html: string): string {
  if (!html.includes('<')) {
    // Still decode entities (&amp;nbsp; arrives here as &nbsp;).
    if (!html.includes('&')) return normalizeSpace(html);
  }
  const parts: string[] = [];
  let skip = 0;
  const parser = new Parser({
    onopentag(name) {
      if (name === 'script' || name === 'style') skip++;
      else if (blockElements.has(name)) parts.push(' ');
    },
    onclosetag(name) {
      if (name === 'script' || name === 'style') skip = Math.max(0, skip - 1);
      else if (blockElements.has(name)) parts.push(' ');
    },
    ontext(t) {
      if (skip === 0) parts.push(t);
    },
  }, { decodeEntities: true });
  parser.end(html);
  return normalizeSpace(parts.join(''));
}

/** At most `max` characters, cut at a word and marked. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.lastIndexOf(' ', max - 1);
  return `${s.slice(0, cut > max * 0.6 ? cut : max - 1)}…`;
}
