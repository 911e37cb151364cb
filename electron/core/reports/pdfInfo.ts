// Small readers for the PDFs Chromium writes (Skia: plain, uncompressed object dictionaries).
/** Pages in a PDF Chromium wrote (counts page objects; good enough for a status line). */
export function countPdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

/** A PDF string token's text: (literal) with escapes, or <hex>, UTF-16BE when it starts with a BOM. */
function pdfStringText(token: string): string {
  let bytes: number[];
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/\s/g, '');
    bytes = hex.match(/../g)?.map((b) => parseInt(b, 16)) ?? [];
  } else {
    bytes = [];
    const s = token.slice(1, -1);
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (c !== '\\') { bytes.push(c.charCodeAt(0)); continue; }
      const n = s[++i] ?? '';
      const oct = /^[0-7]{1,3}/.exec(s.slice(i));
      if (oct) { bytes.push(parseInt(oct[0], 8)); i += oct[0].length - 1; continue; }
      bytes.push(({ n: 10, r: 13, t: 9, b: 8, f: 12 } as Record<string, number>)[n] ?? n.charCodeAt(0));
    }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.slice(2)).swap16().toString('utf16le');
  return Buffer.from(bytes).toString('latin1');
}

/**
 * The PDF outline's entries (Chromium makes them from h1–h3) with the page each points at,
 * 1-based, by title; the first entry wins when titles repeat. Empty when there is no outline.
 */
export function outlinePages(pdf: Buffer): Map<string, number> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, string>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*(<<[\s\S]*?>>)\s*(?:stream|endobj)/g)) objects.set(Number(m[1]), m[2]!);
  const root = /\/Root (\d+) 0 R/.exec(text) ?? [...text.matchAll(/(\d+) 0 obj\s*<<\/Type \/Catalog/g)][0];
  const catalog = root ? objects.get(Number(root[1])) : [...objects.values()].find((o) => o.includes('/Type /Catalog'));
  const pagesRef = catalog && /\/Pages (\d+) 0 R/.exec(catalog);
  const pageIndex = new Map<number, number>();
  const walk = (id: number) => {
    const o = objects.get(id);
    if (!o) return;
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(o);
    if (!kids) { pageIndex.set(id, pageIndex.size + 1); return; }
    for (const k of kids[1]!.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]));
  };
  if (pagesRef) walk(Number(pagesRef[1]));
  const result = new Map<string, number>();
  for (const o of objects.values()) {
    const title = /\/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/.exec(o);
    const dest = /\/Dest\s*\[\s*(\d+) 0 R/.exec(o);
    if (!title || !dest) continue;
    const page = pageIndex.get(Number(dest[1]));
    const name = pdfStringText(title[1]!).replace(/\s+/g, ' ').trim();
    if (page !== undefined && !result.has(name)) result.set(name, page);
  }
  return result;
}
