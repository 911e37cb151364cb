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

function localName(tag: string): [string, string] {
  const i = tag.indexOf(':');
  return i < 0 ? ['', tag] : [tag.slice(0, i), tag.slice(i + 1)];
}

/**
 * Text of a slice of an Inline XBRL document. `inlinePrefixes` are the prefixes the document
 * binds to the Inline XBRL namespace (for ix:exclude).
 */
export function inlineText(source: string, start: number, end: number, inlinePrefixes: ReadonlySet<string>): string {
  const parts: string[] = [];
  let depth = 0;
  let excludedAt = -1;
  const parser = new Parser({
    onopentag(name) {
      depth++;
      const [prefix, local] = localName(name);
      if (excludedAt < 0 && local === 'exclude' && inlinePrefixes.has(prefix)) excludedAt = depth;
      else if (prefix === '' && blockElements.has(local.toLowerCase())) parts.push(' ');
    },
    onclosetag(name) {
      if (depth === excludedAt) excludedAt = -1;
      else if (!name.includes(':') && blockElements.has(name.toLowerCase())) parts.push(' ');
      depth--;
    },
    ontext(t) {
      if (excludedAt < 0) parts.push(t);
    },
  }, { xmlMode: true });
  parser.end(source.slice(start, end));
  return normalizeSpace(parts.join(''));
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
