// Text of a PDF, as poppler's pdftotext reads it: what a reader of the printed report sees.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function pdfToText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'armslength-pdf-'));
  const file = path.join(dir, 'report.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Save PDF pages as PNG next to the other test artifacts, for a person to look at. */
export function savePagesAsPng(pdf: Buffer, outDir: string, prefix: string, lastPage = 3): void {
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${prefix}.pdf`);
  fs.writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', String(lastPage), file, path.join(outDir, prefix)]);
}

/** The 1-based page each named destination of a PDF points at (where its internal links go), read with pdf-lib. */
export async function namedDestinationPages(pdf: Buffer): Promise<Map<string, number>> {
  const { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } = await import('pdf-lib');
  const doc = await PDFDocument.load(pdf);
  const index = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const out = new Map<string, number>();
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [name, value] of dests?.entries() ?? []) {
    const array = doc.context.lookup(value);
    const ref = array instanceof PDFArray ? array.get(0) : undefined;
    if (ref instanceof PDFRef && index.has(ref.toString())) out.set(name.decodeText(), index.get(ref.toString())!);
  }
  return out;
}
