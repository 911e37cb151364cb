// The document before its root element: byte order mark, encoding, XML declaration, comments and
// a DOCTYPE. The DOCTYPE is the dangerous part (entity declarations: "billion laughs", external
// SYSTEM entities): it is never interpreted. Its text is blanked out (newlines kept, so offsets and
// line numbers still match the file), entity references stay as written, nothing is fetched or read.
import type { ImportProblem } from '../extracted';

export interface Prolog {
  /** The document text with any DOCTYPE blanked out; offsets are those of the decoded file. */
  text: string;
  format: 'xbrl' | 'ixbrl';
  problems: ImportProblem[];
}

function decode(bytes: Buffer, problems: ImportProblem[]): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.toString('utf8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const head = bytes.subarray(0, 512).toString('latin1');
  const declared = /^[\s\u0000]*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
  if (!declared || declared === 'utf-8' || declared === 'utf8') return bytes.toString('utf8');
  // "ASCII" (Workiva's declaration) is a subset of UTF-8; decoding it as such keeps any stray byte visible.
  if (declared === 'ascii' || declared === 'us-ascii') return bytes.toString('utf8');
  try {
    return new TextDecoder(declared).decode(bytes);
  } catch {
    problems.push({ locator: { label: 'XML declaration', line: 1 }, message: `the declared encoding "${declared}" is not known; the file was read as UTF-8` });
    return bytes.toString('utf8');
  }
}

const blank = (s: string) => s.replace(/[^\n]/g, ' ');

/** End (exclusive) of a DOCTYPE starting at `i`, its internal subset, comments and quoted strings included; -1 if it never ends. */
function doctypeEnd(text: string, i: number): number {
  let bracket = 0;
  let quote = '';
  for (let j = i + 9; j < text.length; j++) {
    const c = text[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '<' && text.startsWith('<!--', j)) {
      const end = text.indexOf('-->', j + 4);
      if (end < 0) return -1;
      j = end + 2;
    } else if (c === '[') bracket++;
    else if (c === ']') bracket = Math.max(0, bracket - 1);
    else if (c === '>' && bracket === 0) return j + 1;
  }
  return -1;
}

/** Every DOCTYPE in `text` blanked out (an unterminated one to the end), for companion files such as linkbases. */
export function blankDoctypes(text: string): string {
  const re = /<!DOCTYPE/gi;
  let out = '';
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index < from) continue;
    const end = doctypeEnd(text, m.index);
    const stop = end < 0 ? text.length : end;
    out += text.slice(from, m.index) + blank(text.slice(m.index, stop));
    from = stop;
    re.lastIndex = stop;
  }
  return from === 0 ? text : out + text.slice(from);
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Decodes the file, neutralises a DOCTYPE, and tells an instance from an inline document; throws if it is neither. */
export function readProlog(bytes: Buffer, fileName: string): Prolog {
  const problems: ImportProblem[] = [];
  let text = decode(bytes, problems);
  let i = 0;
  const n = text.length;
  for (;;) {
    while (i < n && /[\s\uFEFF\u0000]/.test(text[i]!)) i++;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) break;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) break;
      i = end + 3;
    } else if (/^<!DOCTYPE/i.test(text.slice(i, i + 9))) {
      const end = doctypeEnd(text, i);
      const doctype = text.slice(i, end < 0 ? n : end);
      const entities = doctype.match(/<!ENTITY/g)?.length ?? 0;
      const external = /<!ENTITY\s+(?:%\s+)?[^\s>]+\s+(?:SYSTEM|PUBLIC)\b/.test(doctype);
      const line = lineOf(text, i);
      if (end < 0) {
        problems.push({ locator: { label: `line ${line}`, line, charStart: i }, message: 'the DOCTYPE declaration never ends; the document was refused' });
        throw Object.assign(new Error(`${fileName}: not an XBRL document: its DOCTYPE declaration never ends, so no root element can be found.`), { problems });
      }
      if (entities > 0 || /\[/.test(doctype)) {
        problems.push({
          locator: { label: `DOCTYPE, line ${line}`, line, charStart: i, charEnd: end },
          message: `the document declares a DOCTYPE with an internal subset (${entities} entity declaration${entities === 1 ? '' : 's'}${external ? ', some of them external SYSTEM/PUBLIC entities' : ''}); XBRL does not use DTDs, so nothing in it was expanded, fetched or read, and entity references were left as written`,
        });
      }
      text = text.slice(0, i) + blank(doctype) + text.slice(end);
      i = end;
    } else break;
  }
  const root = /^<([A-Za-z_][\w.-]*)(?::([A-Za-z_][\w.-]*))?/.exec(text.slice(i, i + 300));
  if (!root) throw new Error(`${fileName}: not an XBRL document: it does not start with an XML element.`);
  const [prefix, local] = root[2] !== undefined ? [root[1]!, root[2]] : ['', root[1]!];
  const rootTagEnd = text.indexOf('>', i);
  const rootTag = text.slice(i, rootTagEnd < 0 ? Math.min(n, i + 20000) : rootTagEnd);
  const nsDecl = new RegExp(`xmlns${prefix ? `:${prefix.replace(/[.-]/g, '\\$&')}` : ''}\\s*=\\s*["']([^"']*)["']`).exec(rootTag)?.[1];
  if (local === 'xbrl' && (nsDecl === 'http://www.xbrl.org/2003/instance' || (nsDecl === undefined && (prefix === 'xbrli' || prefix === '')))) {
    return { text, format: 'xbrl', problems };
  }
  if (local.toLowerCase() === 'html') {
    const declaresInline = text.includes('http://www.xbrl.org/2013/inlineXBRL') || text.includes('http://www.xbrl.org/2008/inlineXBRL');
    if (declaresInline || /<ix:(header|nonFraction|nonNumeric)\b/.test(text)) return { text, format: 'ixbrl', problems };
    throw new Error(`${fileName}: not an XBRL document: an HTML page without Inline XBRL (ix:) facts.`);
  }
  throw new Error(`${fileName}: not an XBRL document: its root element is <${root[0].slice(1)}>, not an XBRL instance (xbrli:xbrl) or an Inline XBRL page (html with ix: facts).`);
}
